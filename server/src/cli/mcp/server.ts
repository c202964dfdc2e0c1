// `apiwarden mcp`: API Warden as a Model Context Protocol server over stdio, for coding agents outside VS Code.
// The official SDK speaks the protocol; the tools (tools.ts) call the engine. It reads only inside its roots.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { EngineSettings } from '../../engine';
import { VERSION } from '../../version';
import { OutsideRootsError, Roots } from './roots';
import { SNIPPET_LANGUAGES, WardenTools, type SnippetLanguage, type ToolResult } from './tools';

export function createMcpServer(roots: Roots, settings: EngineSettings): McpServer {
  const tools = new WardenTools(roots, settings);
  const server = new McpServer(
    { name: 'apiwarden', version: VERSION },
    {
      instructions:
        'API Warden finds API security problems (OWASP API Security Top 10) in OpenAPI documents and API handler code. Call lint_file or lint_snippet on code or specs you wrote before proposing them; each finding names its rule, place and fix. Paths must be inside the roots the server was started with: ' +
        roots.folders.join(', '),
    },
  );
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'lint_file',
    {
      title: 'Lint a file or folder',
      description:
        'Lints an OpenAPI document (YAML/JSON) or an API handler file (JS/TS, Python), or every such file below a folder, for API security problems. Returns each finding with file:line:column, severity, rule id, OWASP category, explanation and, where one exists, the fix as text edits.',
      inputSchema: { path: z.string().describe('a file or folder, absolute or relative to the first root') },
      annotations: readOnly,
    },
    async ({ path }) => answer(() => tools.lintPath(path)),
  );

  server.registerTool(
    'lint_snippet',
    {
      title: 'Lint a code or spec snippet',
      description:
        'Lints text that is not saved yet: a route handler or an OpenAPI document, given its language. Pass `path` (where the text will live, inside a root) so that its imports and the project around it (auth middleware, mounts) are taken into account.',
      inputSchema: {
        text: z.string().describe('the code or the OpenAPI document'),
        language: z.enum(Object.keys(SNIPPET_LANGUAGES) as [SnippetLanguage, ...SnippetLanguage[]]),
        path: z.string().optional().describe('the file the text will be saved as, relative to the first root'),
      },
      annotations: readOnly,
    },
    async ({ text, language, path }) => answer(() => tools.lintSnippet(text, language, path)),
  );

  server.registerTool(
    'list_endpoints',
    {
      title: 'List the API endpoints',
      description:
        "The project's API inventory: every endpoint its OpenAPI documents describe and its handler code serves, matched by method and path, with its auth (required, optional, none, unknown), the sensitive data classes it returns, whether it calls an LLM, and its status (documented, shadow: served but undocumented, zombie: deprecated but served, unserved).",
      inputSchema: { path: z.string().optional().describe('a folder inside the roots (default: all roots)') },
      annotations: readOnly,
    },
    async ({ path }) => answer(() => tools.listEndpoints(path)),
  );

  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description:
        "A rule's documentation: what it finds, why it matters, its OWASP API Top 10 category and CWE, a bad and a good example, and how to fix it.",
      inputSchema: {
        id: z.string().describe('a rule id such as code-route-without-auth or oas-operation-without-security'),
      },
      annotations: readOnly,
    },
    async ({ id }) => answer(async () => tools.explainRule(id)),
  );

  server.registerTool(
    'suggest_fix',
    {
      title: 'Suggest fixes',
      description:
        "The fixes for a file's findings (text edits to apply), optionally only those at a line or of one rule; for findings without an automatic fix, the rule's advice on how to fix it.",
      inputSchema: {
        path: z.string().describe('the file, absolute or relative to the first root'),
        line: z.number().int().positive().optional().describe('1-based line of the finding'),
        ruleId: z.string().optional(),
      },
      annotations: readOnly,
    },
    async ({ path, line, ruleId }) => answer(() => tools.suggestFix(path, line, ruleId)),
  );
  return server;
}

/** A tool's result, or its failure as a tool error the agent can read (never a crash of the server). */
async function answer(run: () => Promise<ToolResult>) {
  let result: ToolResult;
  try {
    result = await run();
  } catch (error) {
    const text =
      error instanceof OutsideRootsError
        ? error.message
        : `API Warden could not do that: ${error instanceof Error ? error.message : String(error)}`;
    result = { text, data: { error: text }, isError: true };
  }
  return {
    content: [{ type: 'text' as const, text: result.text }],
    structuredContent: result.data,
    ...(result.isError ? { isError: true } : {}),
  };
}

/** Serves until the client closes stdin. Logs go to stderr: stdout carries the protocol. */
export async function serveMcp(folders: string[], settings: EngineSettings): Promise<void> {
  const roots = new Roots(folders.length > 0 ? folders : ['.']);
  const server = createMcpServer(roots, settings);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  await server.connect(transport);
  process.stderr.write(`apiwarden mcp ${VERSION}: serving over stdio; roots: ${roots.folders.join(', ')}\n`);
  process.stdin.on('end', () => void server.close());
  await closed;
}
