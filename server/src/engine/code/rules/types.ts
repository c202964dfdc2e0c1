// What a code rule is (metadata + checks) and what a check sees. A check declares what it reads beyond its
// scope's own facts (`reads`); the rule runner (ruleRunner.ts) derives its cache keys from those declarations,
// so a check that reads more must say so here rather than in a hand-kept signature.
import type { Severity } from '../../findings';
import type { ClassifierOptions } from '@apiwarden/sensitive';
import type { FileFacts, ImportFact, Span } from '../facts';
import type { ModuleConstant } from '../moduleConstants';
import type { Route } from '../model';

/** A file that holds a span, when it is not the linted file (a handler imported from another module). */
export type SpanFile = Pick<FileFacts, 'uri' | 'text'>;

/** A span and the file it is in (undefined: the linted file). */
export interface SpanIn {
  span: Span;
  file?: SpanFile;
}

export interface CodeReport {
  /** Filled in by the runner with the id of the rule whose check made the report. */
  ruleId: string;
  span: Span;
  /** The file `span` is in, when it is not the linted file: a route declared here whose handler lives in
   * `routes/x.ts` reports what is wrong in the handler there, where the fix goes. */
  file?: SpanFile;
  message: string;
  /** Overrides the rule's default severity (e.g. read routes are warnings, write routes errors). */
  severity?: Severity;
  dataClasses?: string[];
  aiLinked?: boolean;
  /** What the report is about when several may share its place (a route declared in a loop: \`PUT /api/x/:id\`):
   * the first report there is kept and names the subjects of the others. */
  subject?: string;
  /** Spans whose lines fill the `{{line:i}}` placeholders of the message. */
  lines?: SpanIn[];
  /** What a quick-fix edits when it is not `span` itself (the whole call whose arguments it adds to). */
  fixSpan?: Span;
}

/** Facts of the whole file that statement- and route-scoped checks may read (declared in `reads.file`). */
export interface FileContext {
  /** The file's imports (statement views carry them as `file.imports` / `file.importsByLocal`). */
  imports: readonly ImportFact[];
  /** A Django settings module (or a module importing Django): `DEBUG = True` there is the framework's switch. */
  djangoSettings: boolean;
  /** `CORS_ALLOW_CREDENTIALS = True` somewhere in the file (Django settings). */
  corsAllowCredentials: boolean;
  /** The file is test code by its path (`tests/`, `test_*.py`, `*.spec.ts`): see testCode.ts. */
  testCode: boolean;
  /** Module-level names bound once, for resolving `cors(corsOptions)`-style uses (moduleConstants.ts), with the
   * constants imported from other modules of the project (importedConstants.ts: their `file` is set). */
  moduleConstants: ReadonlyMap<string, ModuleConstant>;
}
export type FileContextKey = keyof FileContext;

/** Route fields a route-scoped check may read (declared in `reads.route`); see ROUTE_FIELD_KEYS in ruleRunner.ts. */
export type RouteField =
  | 'framework'
  | 'method'
  | 'pathTemplate'
  | 'rateLimited'
  | 'publicMarker'
  | 'hiddenFromDocs'
  | 'unmounted'
  | 'mountedVia'
  | 'authEvidence'
  | 'roleChecks'
  | 'helperCalls'
  | 'roleModel'
  | 'middleware'
  | 'handlerFile'
  | 'handler'
  | 'calls'
  | 'request'
  | 'responseExpressions';

export interface CheckReads {
  file?: FileContextKey[];
  route?: RouteField[];
  /** Engine settings the check reads (`sensitiveData`: `ctx.classifierOptions`). */
  settings?: 'sensitiveData'[];
}

export interface CodeRuleContext {
  /** `statement` checks: one top-level statement's facts (with the file's imports); otherwise the whole file. */
  file: FileFacts;
  /** `route` checks: the one route; `file` checks: every route of the file; `statement` checks: none. */
  routes: Route[];
  /** The file-wide facts the check declared in `reads.file`. */
  fileContext: Partial<FileContext>;
  /** The project's sensitive-data classifier settings (only when declared in `reads.settings`). */
  classifierOptions?: ClassifierOptions;
  /** 1-based line of a span, for messages ("flows to fetch on line 40"); `file` when the span is not in the
   * linted file (a route's `handlerFile`, an imported constant's module), and a line in a file other than the
   * report's is named with its path from the report's folder ("line 12 of routes/chat.ts"). Cached reports get a placeholder, filled in when the report becomes a finding. */
  line(span: Span, file?: SpanFile): string;
  /** Source text of a span, shortened for messages. */
  snippet(span: Span, max?: number): string;
  /** Reports a problem; `ruleId` defaults to the rule the check belongs to. */
  report(report: Omit<CodeReport, 'ruleId'> & { ruleId?: string }): void;
}

export interface CodeCheck {
  /** `statement`: sees one top-level statement; its reports are reused while the statement's text and the
   * declared file context are unchanged. `route`: sees one route; reused while its handler, declaration and the
   * declared route fields are unchanged. `file`: sees the whole file and its routes, runs on every lint. */
  scope: 'statement' | 'route' | 'file';
  reads?: CheckReads;
  check(ctx: CodeRuleContext): void;
}

export interface CodeRuleMetadata {
  id: string;
  severity: Severity;
  owasp: string;
  cwe: string;
  title: string;
  summary: string;
  fixable: boolean;
}

export interface CodeRule extends CodeRuleMetadata {
  checks: CodeCheck[];
}

/** A rule with one check: `codeRule({ id, …metadata, scope, reads, check })`. */
export function codeRule(definition: CodeRuleMetadata & CodeCheck): CodeRule {
  const { scope, reads, check, ...metadata } = definition;
  return { ...metadata, checks: [{ scope, ...(reads ? { reads } : {}), check }] };
}
