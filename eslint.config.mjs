// Lint of the project's own code. Besides the recommended checks it holds the layer directions (see ARCHITECTURE.md,
// "Layers"): rulesets/ never imports server/, the engine never imports a front end or vscode, and the front ends
// (language server, CLI, client) import the engine only through its public surface (`server/src/engine/index.ts`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const engineInternals = {
  group: ['**/engine/*', '!**/engine/index', '!**/engine/index.ts'],
  message: 'Front ends import the engine only through its public surface: server/src/engine/index.ts.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'rulesets/dist/', '.e2e/', '.tools/', 'test-fixtures/', 'server/test/corpus/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // TypeScript checks names itself (and knows the DOM types of the e2e page scripts).
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  { files: ['e2e/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['rulesets/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '@apiwarden/engine*'],
              message: 'rulesets/ is the lower layer: it imports nothing from server/.',
            },
            { group: ['vscode', 'vscode-*'], message: 'Rules know nothing of editors.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*'], message: 'The engine knows nothing of LSP or VS Code.' },
            { group: ['**/lsp/**', '**/cli/**', '**/client/**'], message: 'The engine never imports a front end.' },
            {
              group: ['../../../rulesets/**', '../../rulesets/**', '../../../../rulesets/**'],
              message: 'Import the rulesets through @apiwarden/rulesets.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            engineInternals,
            {
              group: ['**/rulesets/**', '@apiwarden/rulesets*'],
              message: 'Front ends reach rules through the engine.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '@apiwarden/*'], message: 'The client talks to the server over LSP only.' },
          ],
        },
      ],
    },
  },
);
