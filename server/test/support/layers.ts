// The layer directions of ARCHITECTURE.md ("Layers"), checked on the import graph of the source tree.
// Lowest first: the sensitive-data classifier, the OpenAPI rules (rulesets/), the engine, the front ends.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface LayerViolation {
  file: string;
  specifier: string;
  rule: string;
}

const ALIASES: Record<string, string> = {
  '@apiwarden/rulesets': 'rulesets/src/index.ts',
  '@apiwarden/sensitive': 'rulesets/src/sensitive/index.ts',
};

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) out.push((m[1] ?? m[2])!);
  return out;
}

/** Where an import points: a repository path (`server/src/engine/positions`), or `npm:<package>`. */
function target(from: string, specifier: string): string {
  if (ALIASES[specifier]) return ALIASES[specifier]!.replace(/\.ts$/, '');
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return `npm:${specifier}`;
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + '/');
const isVscode = (t: string) =>
  /^npm:(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(\/|-|$)/.test(t);

export function layerViolations(files: SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    for (const specifier of importsOf(file.text)) {
      const to = target(file.path, specifier);
      const flag = (rule: string) => violations.push({ file: file.path, specifier, rule });
      const npm = to.startsWith('npm:');
      const viaAlias = specifier in ALIASES;
      if (inside(file.path, 'rulesets/src/sensitive')) {
        if (!npm && !inside(to, 'rulesets/src/sensitive'))
          flag('the classifier is the lowest layer: it imports only itself');
        if (isVscode(to)) flag('the classifier knows nothing of editors');
      } else if (inside(file.path, 'rulesets/src')) {
        if (!npm && !inside(to, 'rulesets/src')) flag('rulesets/ imports nothing from server/ or the front ends');
        if (isVscode(to)) flag('rules know nothing of editors');
      } else if (inside(file.path, 'server/src/engine')) {
        if (isVscode(to)) flag('the engine never imports VS Code or LSP modules');
        if (!npm && (inside(to, 'server/src/lsp') || inside(to, 'server/src/cli') || inside(to, 'client')))
          flag('the engine never imports a front end');
        if (!npm && inside(to, 'rulesets') && !viaAlias)
          flag('the engine imports the rulesets through @apiwarden/rulesets');
        else if (!npm && inside(to, 'rulesets') && to !== 'rulesets/src/index' && to !== 'rulesets/src/sensitive/index')
          flag("the engine imports only the rulesets' public surfaces");
      } else if (inside(file.path, 'server/src/lsp') || inside(file.path, 'server/src/cli')) {
        const own = inside(file.path, 'server/src/lsp') ? 'server/src/lsp' : 'server/src/cli';
        if (!npm && inside(to, 'server/src/engine') && to !== 'server/src/engine' && to !== 'server/src/engine/index')
          flag('front ends import the engine only through server/src/engine/index.ts');
        if (!npm && inside(to, 'rulesets')) flag('front ends reach rules through the engine');
        if (
          !npm &&
          inside(to, 'server/src') &&
          !inside(to, own) &&
          !inside(to, 'server/src/engine') &&
          to !== 'server/src/version'
        )
          flag('the language server and the CLI do not import each other');
        if (!npm && inside(to, 'client')) flag('the server does not import the VS Code client');
      } else if (inside(file.path, 'client/src')) {
        if (!npm && !inside(to, 'client/src')) flag('the client talks to the server over LSP only');
      }
    }
  }
  return violations;
}

export function sourceFiles(root: string, dirs: string[], list: (dir: string) => string[]): SourceFile[] {
  return dirs.flatMap((dir) =>
    list(path.join(root, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ path: path.relative(root, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') })),
  );
}
