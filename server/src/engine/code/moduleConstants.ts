// The value model: names bound once at module level, resolved where they are used (`cors(corsOptions)`,
// `verify=VERIFY_SIGNATURE`), so rules judge a constant by its value and can name it in the message. Constants
// imported from another module of the project are found by importedConstants.ts and join these.
import { pathOf, type FileFacts, type Span, type Val } from './facts';

/** A module-level name bound exactly once (`const corsOptions = {…}`, `VERIFY_SIGNATURE = False`). */
export interface ModuleConstant {
  name: string;
  value: Val;
  /** Where the name is bound: in the linted file, or in `file` when the constant was imported from there. */
  nameSpan: Span;
  /** The module that binds it, when it is not the linted file (`import { corsOptions } from './config/cors'`):
   * `value` and `nameSpan` are spans of that file, and messages name its line with it (`ctx.line(span, file)`). */
  file?: Pick<FileFacts, 'uri' | 'text'>;
}

const constantsByFile = new WeakMap<object, Map<string, ModuleConstant>>();

/**
 * Module-level names bound exactly once: a name rebound later is not a constant and is not resolved. Computed once
 * per file version (the facts object), however many statements and rules ask.
 */
export function moduleConstantsOf(file: Pick<FileFacts, 'bindings'>): Map<string, ModuleConstant> {
  const cached = constantsByFile.get(file);
  if (cached) return cached;
  const counts = new Map<string, number>();
  for (const b of file.bindings) counts.set(b.name, (counts.get(b.name) ?? 0) + 1);
  const out = new Map<string, ModuleConstant>();
  for (const b of file.bindings)
    if (counts.get(b.name) === 1) out.set(b.name, { name: b.name, value: b.value, nameSpan: b.nameSpan });
  constantsByFile.set(file, out);
  return out;
}

/** "`corsOptions`, defined on line 12" (or "line 2 of config/cors.ts" when imported), for messages. */
export function definedAt(ctx: { line(span: Span, file?: ModuleConstant['file']): string }, c: ModuleConstant): string {
  return `\`${c.name}\`, defined on line ${ctx.line(c.nameSpan, c.file)}`;
}

/** A value with the constant it came from, when it was a name: the message can say "`options` (line 12) sets …". */
export interface ResolvedValue {
  value: Val;
  via?: ModuleConstant;
}

/**
 * Follows a name through module constants (`a = b`, `b = {…}`: a few hops at most), else the value itself. A member
 * (`config.corsOptions`) is found only among imported constants, which are keyed by the member's path.
 */
export function resolveConstant(val: Val | undefined, constants: ReadonlyMap<string, ModuleConstant> | undefined) {
  if (!val) return undefined;
  let value = val;
  let via: ModuleConstant | undefined;
  for (let hop = 0; hop < 4 && (value.k === 'ref' || value.k === 'member'); hop++) {
    const constant = constants?.get(value.k === 'ref' ? value.name : pathOf(value));
    if (!constant) break;
    via ??= constant;
    value = constant.value;
  }
  return via ? { value, via } : { value };
}
