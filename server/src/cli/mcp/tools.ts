// What the MCP tools do, apart from the protocol: lint files or a snippet, explain a rule, suggest fixes. Each
// returns the text an agent reads and the same result as data. Paths are checked against the roots first.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  Engine,
  FindingDeduplicator,
  RULES,
  compareFindings,
  diskFileReader,
  discoverFiles,
  formatInventoryTable,
  inventoryReport,
  WorkspaceInventory,
  findingViews,
  findingsText,
  pathToUri,
  ruleDocText,
  ruleMetadata,
  uriToPath,
  type EngineSettings,
  type Finding,
  type FindingView,
} from '../../engine';
import type { Roots } from './roots';
import { VERSION } from '../../version';

export interface ToolResult {
  text: string;
  data: Record<string, unknown>;
  isError?: boolean;
}

/** The extension a snippet's language is linted as (which decides how the engine classifies and parses it). */
export const SNIPPET_LANGUAGES = {
  'openapi-yaml': '.yaml',
  'openapi-json': '.json',
  javascript: '.js',
  typescript: '.ts',
  python: '.py',
} as const;
export type SnippetLanguage = keyof typeof SNIPPET_LANGUAGES;

const MAX_FILES = 2000;

export class WardenTools {
  constructor(
    private readonly roots: Roots,
    private readonly settings: EngineSettings,
  ) {}

  /** A file, or every OpenAPI document and handler file below a folder. */
  async lintPath(input: string): Promise<ToolResult> {
    const target = this.roots.resolve(input);
    const files = statSync(target).isDirectory() ? await discoverFiles([target], target) : [target];
    if (files.length > MAX_FILES)
      return this.error(`${input} holds ${files.length} files; lint a smaller folder (at most ${MAX_FILES}).`);
    // a new engine per call: the agent edits files between calls, and nothing read before may be stale
    const engine = new Engine();
    const seen = new FindingDeduplicator();
    const findings: Finding[] = [];
    let linted = 0;
    for (const file of files) {
      if (!this.roots.contains(file)) continue;
      const text = readFileSync(file, 'utf8');
      const lint = await engine.lint({
        uri: pathToUri(file),
        text,
        settings: this.settings,
        workspaceRoots: this.rootUris(),
        readRoots: this.rootUris(),
      });
      if (lint.kind === 'none') continue;
      linted++;
      findings.push(...seen.keep(lint.findings));
    }
    findings.sort(compareFindings);
    const subject =
      files.length === 1 ? path.relative(this.roots.folders[0]!, target) || target : `${linted} files below ${input}`;
    if (linted === 0)
      return {
        text: `${input} holds no OpenAPI document or API handler code that API Warden reads.`,
        data: { linted: 0, findings: [] },
      };
    return this.report(findings, subject, linted);
  }

  /**
   * Text that is not (yet) on disk, linted as if it were the file `at` (relative to the first root): its imports
   * and the project around it are read from there. The default place is a file in the first root.
   */
  async lintSnippet(text: string, language: SnippetLanguage, at?: string): Promise<ToolResult> {
    const extension = SNIPPET_LANGUAGES[language];
    const file = this.roots.resolve(at ?? `apiwarden-snippet${extension}`);
    if (path.extname(file) !== extension)
      return this.error(`\`path\` ${at} does not end in ${extension}, the extension of ${language} files.`);
    const engine = new Engine();
    const lint = await engine.lint({
      uri: pathToUri(file),
      text,
      settings: this.settings,
      workspaceRoots: this.rootUris(),
      readRoots: this.rootUris(),
    });
    if (lint.kind === 'none')
      return {
        text: language.startsWith('openapi')
          ? 'The snippet is not an OpenAPI document (no `openapi:` or `swagger:` root key).'
          : 'The snippet uses no web framework or API API Warden reads (Express, Fastify, NestJS, Koa, Flask, FastAPI, Django; JWT, HTTP clients, LLM SDKs), so there is nothing to check.',
        data: { linted: 0, findings: [] },
      };
    const own = lint.findings.filter((f) => f.uri === pathToUri(file));
    return this.report(own, 'the snippet', 1, (uri) => (uri === pathToUri(file) ? text : undefined));
  }

  /** Every endpoint below a folder (default: the roots): specs and code matched, with auth and data classes. */
  async listEndpoints(input?: string): Promise<ToolResult> {
    const folders = input === undefined ? [...this.roots.folders] : [this.roots.resolve(input)];
    const files = (await discoverFiles(folders, folders[0]!)).filter((f) => this.roots.contains(f));
    const result = await new WorkspaceInventory(diskFileReader).build({
      files,
      workspaceRoots: this.rootUris(),
      settings: this.settings,
    });
    const report = inventoryReport(result, this.roots.folders[0]!, VERSION);
    if (report.endpoints.length === 0)
      return { text: `No endpoints found below ${folders.join(', ')}.`, data: { endpoints: [] } };
    return { text: formatInventoryTable(report), data: { summary: report.summary, endpoints: report.endpoints } };
  }

  explainRule(id: string): ToolResult {
    const rule = ruleMetadata(id);
    if (!rule) {
      const near = [...RULES.keys()]
        .filter((r) => r.includes(id) || id.includes(r.replace(/^(oas|code)-/, '')))
        .slice(0, 8);
      return this.error(
        `No rule \`${id}\`.${near.length ? ` Did you mean ${near.map((r) => `\`${r}\``).join(', ')}?` : ''} Rule ids start with \`oas-\` (OpenAPI) or \`code-\` (handler code).`,
      );
    }
    const doc = ruleDocText(id);
    const head = `${rule.id}: ${rule.title} (default severity ${rule.severity}${rule.owasp ? `, OWASP ${rule.owasp}` : ''}${rule.cwe ? `, ${rule.cwe}` : ''}; ${rule.fixable ? 'has a quick-fix' : 'no automatic fix'})`;
    return { text: doc ? `${head}\n\n${doc}` : `${head}\n\n${rule.summary}`, data: { ...rule, doc: doc ?? null } };
  }

  /** The fixes for the findings of a file, optionally only at a line or of a rule; for the rest, how to fix. */
  async suggestFix(input: string, line?: number, ruleId?: string): Promise<ToolResult> {
    const result = await this.lintPath(input);
    if (result.isError) return result;
    const views = (result.data.findings as FindingView[]).filter(
      (v) =>
        (line === undefined || (v.line <= line && line <= v.endLine)) && (ruleId === undefined || v.ruleId === ruleId),
    );
    if (views.length === 0)
      return {
        text: `No finding${line ? ` at line ${line}` : ''}${ruleId ? ` of ${ruleId}` : ''} in ${input}.`,
        data: { findings: [] },
      };
    const blocks = views.map((v) => {
      const at = `${v.file}:${v.line}:${v.column} ${v.ruleId}`;
      if (v.fixes.length > 0)
        return `${at}\n${v.fixes.map((f) => `  ${f.title}:\n${f.edits.map((e) => `    replace ${e.startLine}:${e.startColumn}-${e.endLine}:${e.endColumn} with ${JSON.stringify(e.newText)}`).join('\n')}`).join('\n')}`;
      return `${at}\n  No automatic fix; what to do: ${howToFix(v.ruleId) ?? v.message}`;
    });
    return { text: blocks.join('\n\n'), data: { findings: views } };
  }

  private report(
    findings: Finding[],
    subject: string,
    linted: number,
    textOf?: (uri: string) => string | undefined,
  ): ToolResult {
    const views = findingViews(findings, this.roots.folders[0]!, (uri) => textOf?.(uri) ?? readText(uri, this.roots));
    return { text: findingsText(views, subject), data: { linted, findings: views } };
  }

  private error(text: string): ToolResult {
    return { text, data: { error: text }, isError: true };
  }

  private rootUris(): string[] {
    return this.roots.folders.map((f) => pathToUri(f));
  }
}

function readText(uri: string, roots: Roots): string | undefined {
  try {
    const file = uriToPath(uri);
    return roots.contains(file) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The "How to fix" section of a rule's page. */
function howToFix(ruleId: string): string | undefined {
  const doc = ruleDocText(ruleId);
  const match = doc && /^## How to fix\s*\n([\s\S]*?)(?=\n## |\s*$)/m.exec(doc);
  return match ? match[1]!.trim().replace(/\s*\n\s*/g, ' ') : undefined;
}
