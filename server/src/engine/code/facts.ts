// What the code analysis knows about one source file, independent of any framework: imports, exports,
// bindings, functions, classes, calls and assignments, each with UTF-16 offsets into the file. Extracted
// once per top-level statement and file version (see extract.ts); framework adapters and rules read these
// facts instead of re-walking the syntax tree.

export type CodeLanguage = 'js' | 'py';

/** Offsets (UTF-16 code units) into the file text; `end` is exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where a top-level statement starts. Spans made while extracting it are relative to it, so a statement
 * reused in a later version (after an edit above it) is moved by setting one number. */
export class Anchor {
  constructor(public offset: number) {}
}

class AnchoredSpan implements Span {
  constructor(
    private readonly relStart: number,
    private readonly relEnd: number,
    private readonly anchor: Anchor,
  ) {}
  get start(): number {
    return this.anchor.offset + this.relStart;
  }
  get end(): number {
    return this.anchor.offset + this.relEnd;
  }
}

export function anchoredSpan(anchor: Anchor, start: number, end: number): Span {
  return new AnchoredSpan(start - anchor.offset, end - anchor.offset, anchor);
}

/** A summary of an expression, enough for route extraction and simple taint tracking. */
export type Val =
  | { k: 'str'; value: string; span: Span }
  | { k: 'num'; value: number; span: Span }
  | { k: 'bool'; value: boolean; span: Span }
  | { k: 'null'; span: Span }
  | { k: 'ref'; name: string; span: Span }
  | { k: 'member'; object: Val; prop: string; span: Span; propSpan: Span }
  | { k: 'index'; object: Val; index: Val; span: Span }
  | { k: 'call'; callee: Val; args: Val[]; kwargs: KwArg[]; isNew: boolean; span: Span }
  /** Template literal, f-string, string concatenation or `%`/`.format` formatting: the pieces in order. */
  | { k: 'tmpl'; parts: Val[]; span: Span }
  | { k: 'obj'; props: Prop[]; spreads: Val[]; span: Span }
  | { k: 'arr'; items: Val[]; span: Span }
  | { k: 'spread'; value: Val; span: Span }
  /** `a || b`, `a ?? b`, `a or b`, `c ? a : b`: either value; for `c ? a : b` / `a if c else b`, `test` is `c`. */
  | { k: 'or'; items: Val[]; span: Span; test?: Val }
  | { k: 'fn'; fn: FnFacts; span: Span }
  /** Anything else: the values it is made of (for taint). */
  | { k: 'other'; parts: Val[]; span: Span; text?: string };

export interface KwArg {
  name: string;
  value: Val;
  span: Span;
}

export interface Prop {
  key: string;
  keySpan: Span;
  value: Val;
}

export interface Param {
  name: string;
  span: Span;
  /** Names bound by a destructuring pattern (`({ body }, res)`), when the parameter is one. */
  pattern?: string[];
  /** Type annotation as written (`Request`, `Annotated[User, Depends(get_user)]`). */
  typeText?: string;
  /** The annotation as a value (Python: finds `Depends(...)` inside `Annotated[...]`). */
  typeVal?: Val;
  defaultVal?: Val;
  decorators: Val[];
}

export interface CallFact {
  /** The call as a value (callee, arguments). */
  val: Extract<Val, { k: 'call' }>;
  /** Dotted path of the callee (`res.status().json`, `requests.get`, `jwt.verify`). */
  path: string;
  /** Last segment of the callee (`json`, `get`, `verify`). */
  method: string;
  /** Span of the callee's last segment (where a finding about the call lands). */
  nameSpan: Span;
}

export interface AssignFact {
  /** Target path (`ctx.body`, `app.config.SECRET_KEY`, `process.env.NODE_TLS_REJECT_UNAUTHORIZED`, `DEBUG`). */
  target: string;
  targetSpan: Span;
  value: Val;
  span: Span;
}

export interface CatchFact {
  /** The caught error's name (`err`, `e`); empty when the catch binds none. */
  name: string;
  span: Span;
}

export interface FnFacts {
  name?: string;
  nameSpan?: Span;
  span: Span;
  params: Param[];
  decorators: Val[];
  /** Python: the return annotation as a value (`-> AppSettings`), when written. */
  returnType?: Val;
  /** Calls in the body, not counting nested functions (see `nested`). */
  calls: CallFact[];
  /** Local variables: every value assigned to each name, in order. */
  locals: Map<string, Val[]>;
  /** Assignments to members (`ctx.body = …`, `user.role = …`). */
  assigns: AssignFact[];
  returns: Val[];
  /** `throw`/`raise` expressions. */
  raises: Val[];
  catches: CatchFact[];
  /** Dotted paths of every member/identifier read in the body (for "does it look at req.user?"). */
  refs: Set<string>;
  /** Functions defined inside (callbacks, closures). */
  nested: FnFacts[];
  /** `if` statements in the body (not in nested functions): which test a return or assignment sits under, by span. */
  branches: BranchFact[];
}

/** An `if` statement: its arms in order (`elif` / `else if` arms follow the first; an `else` arm has no test). */
export interface BranchFact {
  span: Span;
  arms: { test?: Val; body: Span }[];
}

export interface ImportFact {
  /** Local name (`router`, `jwt`, `views`). */
  local: string;
  /** Module specifier as written (`./routes/users`, `express`, `.views`, `app.routes`). */
  module: string;
  /** Imported name: `default`, `*` (namespace / whole module) or a named export. */
  imported: string;
  span: Span;
}

export interface ExportFact {
  /** Exported name; `default` for `export default` and `module.exports =`. */
  name: string;
  value: Val;
  span: Span;
}

export interface ClassMember {
  name: string;
  nameSpan: Span;
  /** Class property / Python class attribute value. */
  value?: Val;
  /** Method facts. */
  fn?: FnFacts;
  decorators: Val[];
  isStatic: boolean;
}

export interface ClassFacts {
  name: string;
  nameSpan: Span;
  span: Span;
  decorators: Val[];
  /** Base classes / `extends` / `implements` as written. */
  bases: Val[];
  basesText: string[];
  members: ClassMember[];
  /** Classes defined inside (DRF serializers' `class Meta`). */
  innerClasses: ClassFacts[];
}

/** Facts of one top-level statement; a file's facts are the concatenation of its statements'. */
export interface StatementFacts {
  /** The statement's start; every span in these facts is relative to it. */
  anchor: Anchor;
  /** Every string literal (for secret shapes). */
  strings: Extract<Val, { k: 'str' }>[];
  /** Every property of every object literal / keyword argument (for option checks: `rejectUnauthorized`, `secret`). */
  props: Prop[];
  imports: ImportFact[];
  exports: ExportFact[];
  /** Module-level bindings (`const router = express.Router()`, `app = FastAPI()`). */
  bindings: { name: string; value: Val; span: Span; nameSpan: Span }[];
  functions: FnFacts[];
  classes: ClassFacts[];
  /** Calls at module level (not inside functions), in source order. */
  calls: CallFact[];
  /** Member/name assignments at module level. */
  assigns: AssignFact[];
  /** Every function anywhere in the statement, including nested and inline ones (for location-free rules). */
  allFunctions: FnFacts[];
  /** Every call anywhere in the statement, in and out of functions (for location-free rules). */
  allCalls: CallFact[];
  /** Every member/name assignment anywhere in the statement. */
  allAssigns: AssignFact[];
}

export interface FileFacts extends Omit<StatementFacts, 'anchor'> {
  /** The top-level statements' own facts (statement-scoped rules run on these and are cached with them). */
  statements: StatementFacts[];
  uri: string;
  lang: CodeLanguage;
  text: string;
  hasErrors: boolean;
  functionsByName: Map<string, FnFacts>;
  classesByName: Map<string, ClassFacts>;
  bindingsByName: Map<string, Val[]>;
  importsByLocal: Map<string, ImportFact>;
}

// --- helpers over values ---------------------------------------------------------------------------------

/** `a.b.c`, `res.status().json`, `request.args.get`; `?` for anything without a simple path. */
export function pathOf(val: Val | undefined): string {
  if (!val) return '?';
  switch (val.k) {
    case 'ref':
      return val.name;
    case 'member':
      return `${pathOf(val.object)}.${val.prop}`;
    case 'index':
      return `${pathOf(val.object)}[]`;
    case 'call':
      return `${pathOf(val.callee)}()`;
    default:
      return '?';
  }
}

/** The identifier a path starts with (`req` for `req.query.url`, `request` for `request.args.get()`). */
export function rootOf(val: Val | undefined): string | undefined {
  if (!val) return undefined;
  switch (val.k) {
    case 'ref':
      return val.name;
    case 'member':
    case 'index':
      return rootOf(val.object);
    case 'call':
      return rootOf(val.callee);
    default:
      return undefined;
  }
}

export function strValue(val: Val | undefined): string | undefined {
  return val?.k === 'str' ? val.value : undefined;
}

export function lastSegment(path: string): string {
  const clean = path.replace(/\(\)$/, '');
  const dot = clean.lastIndexOf('.');
  return dot === -1 ? clean : clean.slice(dot + 1);
}

/** Every call made by a function, including its nested functions (callbacks, closures). */
export function allCallsOf(fn: FnFacts): CallFact[] {
  if (fn.nested.length === 0) return fn.calls;
  const out = [...fn.calls];
  for (const inner of fn.nested) out.push(...allCallsOf(inner));
  return out;
}

export function allAssignsOf(fn: FnFacts): AssignFact[] {
  if (fn.nested.length === 0) return fn.assigns;
  const out = [...fn.assigns];
  for (const inner of fn.nested) out.push(...allAssignsOf(inner));
  return out;
}

export function allReturnsOf(fn: FnFacts): Val[] {
  const out = [...fn.returns];
  for (const inner of fn.nested) out.push(...inner.returns);
  return out;
}

export function allRaisesOf(fn: FnFacts): Val[] {
  if (fn.nested.length === 0) return fn.raises;
  const out = [...fn.raises];
  for (const inner of fn.nested) out.push(...allRaisesOf(inner));
  return out;
}

export function allCatchesOf(fn: FnFacts): CatchFact[] {
  if (fn.nested.length === 0) return fn.catches;
  return [...fn.catches, ...fn.nested.flatMap(allCatchesOf)];
}

export function allRefsOf(fn: FnFacts): Set<string> {
  if (fn.nested.length === 0) return fn.refs;
  const out = new Set(fn.refs);
  for (const inner of fn.nested) for (const r of allRefsOf(inner)) out.add(r);
  return out;
}

/** Local bindings visible in a function, including its nested functions' (closures share names rarely clash). */
export function localsOf(fn: FnFacts, name: string): Val[] | undefined {
  const own = fn.locals.get(name);
  if (own) return own;
  for (const inner of fn.nested) {
    const found = localsOf(inner, name);
    if (found) return found;
  }
  return undefined;
}

/** The last value a local variable was given in a function (or the value itself when it is not a local). */
export function resolveLocal(val: Val, fn: FnFacts): Val {
  if (val.k !== 'ref') return val;
  const values = localsOf(fn, val.name);
  return values && values.length > 0 ? values[values.length - 1]! : val;
}

/** The module the callee's root name was imported from (`jsonwebtoken` for `jwt.verify` after `import jwt`). */
export function moduleOfCall(call: CallFact, file: FileFacts): string | undefined {
  return file.importsByLocal.get(rootOf(call.val.callee) ?? '')?.module;
}

export function kwarg(call: Extract<Val, { k: 'call' }>, name: string): KwArg | undefined {
  return call.kwargs.find((k) => k.name === name);
}

export function prop(obj: Val | undefined, key: string): Prop | undefined {
  return obj?.k === 'obj' ? obj.props.find((p) => p.key === key) : undefined;
}

/** Visits a value and everything inside it (not into function bodies). */
export function walkVal(val: Val | undefined, visit: (v: Val) => void): void {
  if (!val) return;
  visit(val);
  switch (val.k) {
    case 'member':
      walkVal(val.object, visit);
      break;
    case 'index':
      walkVal(val.object, visit);
      walkVal(val.index, visit);
      break;
    case 'call':
      walkVal(val.callee, visit);
      val.args.forEach((a) => walkVal(a, visit));
      val.kwargs.forEach((a) => walkVal(a.value, visit));
      break;
    case 'tmpl':
      val.parts.forEach((p) => walkVal(p, visit));
      break;
    case 'obj':
      val.props.forEach((p) => walkVal(p.value, visit));
      val.spreads.forEach((s) => walkVal(s, visit));
      break;
    case 'arr':
      val.items.forEach((i) => walkVal(i, visit));
      break;
    case 'spread':
      walkVal(val.value, visit);
      break;
    case 'or':
    case 'other':
      (val.k === 'or' ? val.items : val.parts).forEach((p) => walkVal(p, visit));
      break;
  }
}

export function emptyStatementFacts(anchor: Anchor): StatementFacts {
  return {
    anchor,
    strings: [],
    props: [],
    imports: [],
    exports: [],
    bindings: [],
    functions: [],
    classes: [],
    calls: [],
    assigns: [],
    allFunctions: [],
    allCalls: [],
    allAssigns: [],
  };
}

export function emptyFn(span: Span): FnFacts {
  return {
    span,
    params: [],
    decorators: [],
    calls: [],
    locals: new Map(),
    assigns: [],
    returns: [],
    raises: [],
    catches: [],
    refs: new Set(),
    nested: [],
    branches: [],
  };
}
