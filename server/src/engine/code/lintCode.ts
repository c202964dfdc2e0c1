// The code path's front door: is this file handler code, and what is wrong with it? Parses (incrementally),
// extracts facts, finds routes with every framework adapter that applies (frameworks/select.ts), runs the code
// rules (ruleRunner.ts), and turns their reports into Findings through the finding policy (suppression comments
// are the engine's business: suppressions/). The files read for mounts and imports (imported handlers, imported
// constants) are returned as dependencies so the language server re-lints this file when they change.
import * as path from 'node:path';
import { throwIfCancelled, type CancelSignal } from '../cancellation';
import type { EngineSettings } from '../config/settings';
import type { FileReader } from '../fileReader';
import { FindingPolicy } from '../findingPolicy';
import type { Finding } from '../findings';
import { LineIndex } from '../positions';
import { hasApplicableFix } from '../fixes';
import { ruleMetadata } from '../rules/catalog';
import { uriToPath } from '../uris';
import { importedConstantsOf } from './importedConstants';
import { AuthAnalyzer, KNOWN_AUTH_NAMES } from './auth';
import type { FileFacts } from './facts';
import { AdapterContext } from './frameworks/context';
import { adaptersFor } from './frameworks/select';
import type { Route } from './model';
import { Resolver } from './resolve';
import { noteRoleChecks } from './roleChecks';
import { noteHelperCalls } from './helperCalls';
import { CodeRuleRunner } from './ruleRunner';
import type { CodeReport, SpanFile } from './rules/types';
import { CodeIndex } from './workspace';

// Cheap content test: does this JS/TS/Python file use a web framework or an API of interest?
export { isCodeOfInterest } from './languages';

export interface CodeLintRequest {
  uri: string;
  text: string;
  settings: EngineSettings;
  signal: CancelSignal;
  workspaceRoots?: string[];
}

export interface CodeLintOutput {
  findings: Finding[];
  dependencies: string[];
  errors: string[];
  routes: Route[];
  /** Time spent in each phase (ms), for benchmarks. */
  timings: { parse: number; routes: number; rules: number };
}

export class CodeAnalyzer {
  readonly index: CodeIndex;
  private readonly rules = new CodeRuleRunner();

  constructor(reader: FileReader) {
    this.index = new CodeIndex(reader);
  }

  async lint(request: CodeLintRequest): Promise<CodeLintOutput> {
    const output: CodeLintOutput = {
      findings: [],
      dependencies: [],
      errors: [],
      routes: [],
      timings: { parse: 0, routes: 0, rules: 0 },
    };
    const t0 = performance.now();
    this.index.noteText(request.uri, request.text);
    const file = await this.index.factsFor(request.uri, request.text);
    if (!file) return output;
    const t1 = performance.now();
    output.timings.parse = t1 - t0;
    throwIfCancelled(request.signal);

    const projectRoot = this.index.projectRoot(request.uri, request.workspaceRoots);
    const resolver = new Resolver(this.index, projectRoot, file);
    output.routes = await this.routesOf(file, resolver, projectRoot, request, output.errors);
    // `cors(corsOptions)` with the options imported from config/cors.ts: judged by the value written there.
    const importedConstants = await importedConstantsOf(file, resolver);
    throwIfCancelled(request.signal);
    const t2 = performance.now();
    output.timings.routes = t2 - t1;

    const policy = FindingPolicy.of(request.settings);
    const lines = new LineIndex(request.text);
    const reports = this.rules.run({
      file,
      routes: output.routes,
      importedConstants,
      text: request.text,
      lines,
      policy,
      classifierOptions: request.settings.sensitiveData,
      errors: output.errors,
      isCancelled: () => request.signal.cancelled,
    });
    output.findings = findingsOf(reports, request, lines, policy);
    output.timings.rules = performance.now() - t2;
    output.dependencies = [...resolver.dependencies].filter((d) => d !== request.uri).sort();
    return output;
  }

  /**
   * The routes a file declares, without running the rules (the inventory): parse, facts, adapters. Also returns
   * the file's facts, which callers read for what the handlers call.
   */
  async routes(request: CodeLintRequest): Promise<{ routes: Route[]; errors: string[]; file?: FileFacts }> {
    const errors: string[] = [];
    this.index.noteText(request.uri, request.text);
    const file = await this.index.factsFor(request.uri, request.text);
    if (!file) return { routes: [], errors };
    const projectRoot = this.index.projectRoot(request.uri, request.workspaceRoots);
    const resolver = new Resolver(this.index, projectRoot, file);
    return { routes: await this.routesOf(file, resolver, projectRoot, request, errors), errors, file };
  }

  /** Routes of every framework adapter that applies to the file; an adapter that fails is logged and skipped. */
  private async routesOf(
    file: FileFacts,
    resolver: Resolver,
    projectRoot: string,
    request: CodeLintRequest,
    errors: string[],
  ): Promise<Route[]> {
    const authNames = new Set([...KNOWN_AUTH_NAMES, ...(request.settings.authNames ?? [])]);
    const ctx = new AdapterContext(file, resolver, new AuthAnalyzer(resolver, authNames), () =>
      this.index.mountFiles(projectRoot),
    );
    const adapters = adaptersFor(file);
    const routes: Route[] = [];
    const failed = (name: string, error: unknown) =>
      errors.push(
        `code adapter ${name} failed on ${uriToPath(request.uri)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    for (const adapter of adapters) {
      if (!adapter.prepare) continue;
      await adapter.prepare(ctx).catch((error: unknown) => failed(adapter.name, error));
    }
    for (const adapter of adapters) {
      try {
        routes.push(...(await adapter.routes(ctx)));
      } catch (error) {
        failed(adapter.name, error);
      }
      throwIfCancelled(request.signal);
    }
    await noteRoleChecks(ctx, routes).catch((error: unknown) => failed('role checks', error));
    await noteHelperCalls(ctx, routes).catch((error: unknown) => failed('helper calls', error));
    return routes;
  }
}

/**
 * Reports become Findings: positions from the line index of the file each report is in (the linted file, or the
 * module a handler was imported from), one per rule and place.
 */
function findingsOf(
  reports: CodeReport[],
  request: CodeLintRequest,
  lines: LineIndex,
  policy: FindingPolicy,
): Finding[] {
  const files = new ReportFiles(request, lines);
  const seen = new Map<string, { finding?: Finding; also: string[] }>();
  const findings: Finding[] = [];
  for (const r of reports) {
    const where = files.of(r.file);
    const range = where.lines.rangeOf(r.span.start, r.span.end);
    // Several checks (or a route reached twice) may report the same rule at the same span: the first one counts.
    const key = `${r.ruleId}|${where.uri}|${r.span.start}|${r.span.end}`;
    const first = seen.get(key);
    if (first) {
      // routes declared together (a loop over models) share one place: the first finding names the others
      if (r.subject && first.finding && !first.also.includes(r.subject)) first.also.push(r.subject);
      continue;
    }
    const entry: { finding?: Finding; also: string[] } = { also: [] };
    seen.set(key, entry);
    const message = r.lines
      ? r.message.replace(/\{\{line:(\d+)\}\}/g, (_, i: string) => {
          const at = r.lines![Number(i)]!;
          const lineFile = files.of(at.file);
          const line = String(lineFile.lines.positionAt(at.span.start).line + 1);
          return lineFile.uri === where.uri ? line : `${line} of ${relativeName(lineFile.uri, where.uri)}`;
        })
      : r.message;
    const fixData = ruleMetadata(r.ruleId)?.fixable
      ? { valueRange: r.fixSpan ? where.lines.rangeOf(r.fixSpan.start, r.fixSpan.end) : range }
      : undefined;
    const finding = policy.finding({
      ruleId: r.ruleId,
      severity: r.severity,
      message,
      uri: where.uri,
      range,
      dataClasses: r.dataClasses,
      aiLinked: r.aiLinked,
      ...(fixData && hasApplicableFix(r.ruleId, fixData, where.lines.text, where.uri, where.lines)
        ? { fixable: true, data: fixData }
        : {}),
    });
    if (finding) findings.push((entry.finding = finding));
  }
  for (const { finding, also } of seen.values()) {
    if (!finding || also.length === 0) continue;
    const named = also.slice(0, 8).join(', ') + (also.length > 8 ? ` and ${also.length - 8} more` : '');
    finding.message += ` The same declaration has this problem for ${named} too.`;
  }
  return findings;
}

interface ReportFile {
  uri: string;
  lines: LineIndex;
}

/** Line indexes of the files reports are in, each built once per lint and only when needed. */
class ReportFiles {
  private readonly byUri = new Map<string, ReportFile>();
  private readonly linted: ReportFile;

  constructor(request: CodeLintRequest, lines: LineIndex) {
    this.linted = { uri: request.uri, lines };
    this.byUri.set(request.uri, this.linted);
  }

  of(file: SpanFile | undefined): ReportFile {
    if (!file) return this.linted;
    let entry = this.byUri.get(file.uri);
    if (!entry) this.byUri.set(file.uri, (entry = { uri: file.uri, lines: new LineIndex(file.text) }));
    return entry;
  }
}

/** How a message names another file: its path from the folder of the file the finding is in (`config/cors.ts`). */
function relativeName(uri: string, from: string): string {
  return path
    .relative(path.dirname(uriToPath(from)), uriToPath(uri))
    .split(path.sep)
    .join('/');
}

export type { FileFacts };
