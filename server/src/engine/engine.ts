// The engine's front door: give it a document, get Findings. Knows nothing of LSP, VS Code or terminals.
import { NEVER_CANCELLED, type CancelSignal } from './cancellation';
import { DEFAULT_SETTINGS, type EngineSettings } from './config/settings';
import { diskFileReader, type FileReader } from './fileReader';
import type { Finding } from './findings';
import { LineIndex } from './positions';
import type { OpenApiDetection } from './openapi/detect';
import { classifyDocument, type DocumentKind } from './classify';
import { detectSecretFile } from './secrets/secretFiles';
import { lintSecretFile } from './secrets/lintSecretFile';
import { lintOpenApi } from './openapi/lintOpenApi';
import { CodeAnalyzer } from './code/lintCode';
import { ChunkedYamlParser } from './openapi/chunkedYaml';
import { ResolverMemo } from './openapi/refResolver';
import { applySuppressions, type SpecSource, type SuppressionInput } from './suppressions/applySuppressions';
import type { SourceDocument } from './openapi/sourceDocument';
import { FindingPolicy } from './findingPolicy';
import { CODE_RULES } from './code/rules/index.generated';

interface DocumentState {
  yamlParser: ChunkedYamlParser;
  resolverMemo: ResolverMemo;
}

export type { DocumentKind };

export interface LintRequest {
  uri: string;
  text: string;
  settings?: EngineSettings;
  signal?: CancelSignal;
  /** Workspace folders (uris): bound the search for the project a handler file belongs to. */
  workspaceRoots?: string[];
  /**
   * Folders (uris) whose files `$ref`s may read: a ref to a file outside all of them is refused unread (a
   * cloned repository must not make the linter read `~/.ssh` or `/etc`). Absent: no bound.
   */
  readRoots?: string[];
}

export interface LintResult {
  uri: string;
  kind: DocumentKind;
  openapi?: OpenApiDetection;
  /** Findings for the document and for files it references (each finding carries its own uri). */
  findings: Finding[];
  /**
   * Findings a suppression silenced (each with its `suppression`): not shown in editors or text reports, kept for
   * SARIF and counts.
   */
  suppressed: Finding[];
  /** Other files read while linting; when one changes, this document should be linted again. */
  dependencies: string[];
  /** Internal problems (a rule that threw), for logs; never shown as findings. */
  errors: string[];
  /** For YAML specs linted incrementally: parsed by chunks (how many re-parsed) or whole. */
  parse?: { mode: 'chunked' | 'whole'; chunks: number; reparsed: number };
  /** OpenAPI documents: where the time went (ms). */
  timings?: { parse: number; resolve: number; rules: number; spectral: number; findings: number };
  durationMs: number;
}

export interface EngineOptions {
  fileReader?: FileReader;
  /**
   * Keep per-document state between lints of the same URI (editors): unchanged parts of a large spec are not
   * parsed or resolved again. Off for one-shot runs (CLI).
   */
  incremental?: boolean;
}

/** How many documents keep incremental state (the most recently linted ones). */
const INCREMENTAL_DOCUMENTS = 32;

export class Engine {
  private readonly fileReader: FileReader;
  private code: CodeAnalyzer | undefined;
  private readonly incremental: boolean;
  private readonly documentStates = new Map<string, DocumentState>();

  constructor(options: EngineOptions = {}) {
    this.fileReader = options.fileReader ?? diskFileReader;
    this.incremental = options.incremental === true;
  }

  /** Incremental state of a document, most recently used last; the oldest are dropped. */
  private stateFor(uri: string): DocumentState | undefined {
    if (!this.incremental) return undefined;
    let state = this.documentStates.get(uri);
    if (state) this.documentStates.delete(uri);
    else state = { yamlParser: new ChunkedYamlParser(), resolverMemo: new ResolverMemo() };
    this.documentStates.set(uri, state);
    if (this.documentStates.size > INCREMENTAL_DOCUMENTS)
      this.documentStates.delete(this.documentStates.keys().next().value!);
    return state;
  }

  /**
   * YAML is always parsed by entries (the same semantics for editors and the CLI, and a syntax error stays
   * local to its entry); editors keep the parser and the resolver memo between lints.
   */
  private incrementalInputs(uri: string, syntax: 'yaml' | 'json') {
    const state = this.stateFor(uri);
    if (!state) return syntax === 'yaml' ? { yamlParser: new ChunkedYamlParser() } : {};
    return { resolverMemo: state.resolverMemo, ...(syntax === 'yaml' ? { yamlParser: state.yamlParser } : {}) };
  }

  /** Forgets a document's incremental state (it was closed); code lints that read it read it again. */
  forget(uri: string): void {
    this.documentStates.delete(uri);
    this.code?.index.reread(uri);
  }

  /** What kind of document this is, decided from its name and content alone (cheap). */
  classify(uri: string, text: string): { kind: DocumentKind; openapi?: OpenApiDetection } {
    return classifyDocument(uri, text);
  }

  async lint(request: LintRequest): Promise<LintResult> {
    const started = performance.now();
    const settings = request.settings ?? DEFAULT_SETTINGS;
    const signal = request.signal ?? NEVER_CANCELLED;
    const { kind, openapi } = this.classify(request.uri, request.text);
    const result: LintResult = {
      uri: request.uri,
      kind,
      findings: [],
      suppressed: [],
      dependencies: [],
      errors: [],
      durationMs: 0,
    };
    if (openapi) result.openapi = openapi;
    // A file that is not ours may still be read for context by code lints (a config module that exports constants):
    // its new text must be what they see next, not the copy the code index read a moment ago.
    if (kind === 'none') this.code?.index.noteText(request.uri, request.text);
    if (!settings.enable || kind === 'none') return finish(result, started);

    if (request.text.length > settings.maxFileSizeMb * 1024 * 1024) {
      result.findings.push(fileTooLargeFinding(request.uri, request.text, settings.maxFileSizeMb));
      return finish(result, started);
    }

    const secretFile = kind === 'code' ? detectSecretFile(request.uri, request.text) : undefined;
    if (secretFile) {
      result.findings = lintSecretFile(secretFile, request.uri, request.text, settings, this.fileReader);
      return finish(this.suppress(result, request, settings), started);
    }
    if (kind === 'code') {
      this.code ??= new CodeAnalyzer(this.fileReader);
      const output = await this.code.lint({
        uri: request.uri,
        text: request.text,
        settings,
        signal,
        ...(request.workspaceRoots ? { workspaceRoots: request.workspaceRoots } : {}),
      });
      result.findings = output.findings;
      result.dependencies = output.dependencies;
      result.errors = output.errors;
      // A file that declares no routes cannot tell whether its comments on a handler are used: the route findings
      // they silence come from the lint of the file that declares the routes.
      const canJudge = output.routes.length > 0 ? undefined : (ruleId: string) => !isRouteRule(ruleId);
      return finish(this.suppress(result, request, settings, canJudge ? { canJudge } : {}), started);
    }
    if (!openapi) return finish(result, started);

    const output = await lintOpenApi({
      uri: request.uri,
      text: request.text,
      detection: openapi,
      settings,
      fileReader: this.fileReader,
      signal,
      ...(request.readRoots ? { readRoots: request.readRoots } : {}),
      ...this.incrementalInputs(request.uri, openapi.syntax),
    });
    result.findings = output.findings;
    result.dependencies = output.dependencies;
    result.timings = output.timings;
    const parserStats =
      this.incremental && openapi.syntax === 'yaml'
        ? this.documentStates.get(request.uri)?.yamlParser.stats
        : undefined;
    if (parserStats)
      result.parse = {
        mode: parserStats.whole ? 'whole' : 'chunked',
        chunks: parserStats.chunks,
        reparsed: parserStats.reparsed,
      };
    result.errors = output.errors;
    return finish(
      this.suppress(result, request, settings, { specOf: (uri) => specSource(output.sourceDocument(uri)) }),
      started,
    );
  }

  /** Moves the findings suppressions silence to `suppressed`; adds the unused suppressions of the document. */
  private suppress(
    result: LintResult,
    request: LintRequest,
    settings: EngineSettings,
    extra: Pick<SuppressionInput, 'specOf' | 'canJudge'> = {},
  ): LintResult {
    const { findings, suppressed } = applySuppressions(result.findings, {
      lintedUri: request.uri,
      textOf: (uri) => (uri === request.uri ? request.text : this.fileReader.read(uri)),
      policy: FindingPolicy.of(settings),
      ...extra,
    });
    result.findings = findings;
    result.suppressed = suppressed;
    return result;
  }
}

/** Code rules with route checks: their findings may land in a handler module other than the file linted. */
let routeRules: Set<string> | undefined;
function isRouteRule(ruleId: string): boolean {
  routeRules ??= new Set(
    CODE_RULES.filter((rule) => rule.checks.some((check) => check.scope === 'route')).map((rule) => rule.id),
  );
  return routeRules.has(ruleId);
}

function specSource(document: SourceDocument | undefined): SpecSource | undefined {
  return document && { data: document.data, rangeOf: (path) => document.rangeForPath(path) };
}

function finish(result: LintResult, started: number): LintResult {
  result.durationMs = performance.now() - started;
  return result;
}

function fileTooLargeFinding(uri: string, text: string, limitMb: number): Finding {
  const firstLine = new LineIndex(text.slice(0, 2000)).lineText(0);
  const sizeMb = (text.length / (1024 * 1024)).toFixed(1);
  return {
    ruleId: 'oas-file-too-large',
    severity: 'info',
    message: `This file (${sizeMb} MB) is larger than apiwarden.maxFileSizeMb (${limitMb} MB), so it was not linted. Raise the setting to lint it.`,
    uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
    fixable: false,
  };
}
