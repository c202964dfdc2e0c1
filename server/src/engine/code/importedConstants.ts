// Constants imported from another module of the project (`import { corsOptions } from './config/cors'`,
// `const { jwtOptions } = require('./config')`, `from .settings import VERIFY_SIGNATURE`), resolved to the value the
// exporting module binds them to, so that `cors(corsOptions)` is judged as if the options were written in the file.
// Module resolution and the reading of the other file are the Resolver's (resolve.ts), which records the exporting
// module as a dependency of the lint: the language server re-lints the importing file when it changes.
import { walkVal, type FileFacts, type Val } from './facts';
import { moduleConstantsOf, resolveConstant, type ModuleConstant } from './moduleConstants';
import { LineIndex } from '../positions';
import type { Resolver } from './resolve';

/** Values a rule can judge by what they are (an options object, a flag, a list of origins, a string). */
const JUDGED_KINDS = new Set<Val['k']>(['obj', 'arr', 'str', 'num', 'bool', 'null', 'tmpl', 'other']);

/**
 * The imported names the file passes to calls (`cors(corsOptions)`, `verify=VERIFY_SIGNATURE`, an option object's
 * property), each resolved through one import to the constant its module binds it to (following that module's own
 * `a = b` hops). Names imported from packages, functions, classes, modules and names bound more than once are left
 * out. Keyed by the local name in the linted file.
 */
export async function importedConstantsOf(file: FileFacts, resolver: Resolver): Promise<Map<string, ModuleConstant>> {
  const out = new Map<string, ModuleConstant>();
  const local = moduleConstantsOf(file);
  for (const name of importedNamesPassedToCalls(file)) {
    if (local.has(name)) continue; // rebound in this module (Python): the module's own constant wins
    const imp = file.importsByLocal.get(name)!;
    const symbol = await resolver.importTarget(file, imp, 0);
    if (symbol?.kind !== 'value') continue;
    const origin = symbol.file;
    if (origin.uri === file.uri) continue;
    const bound = moduleConstantsOf(origin).get(symbol.name);
    let constant: ModuleConstant;
    if (bound && bound.value === symbol.val) constant = bound;
    else if (origin.bindingsByName.has(symbol.name))
      continue; // bound more than once: not a constant
    // An export that is its own value (`export default { … }`, `exports.corsOptions = { … }`).
    else constant = { name: symbol.name, value: symbol.val, nameSpan: symbol.val.span };
    const value = resolveConstant(constant.value, moduleConstantsOf(origin))!.value;
    if (!JUDGED_KINDS.has(value.k)) continue;
    out.set(name, { name, value, nameSpan: constant.nameSpan, file: origin });
  }
  return out;
}

/** Imported names used as call arguments, keyword arguments or inside them (not inside function bodies). */
function importedNamesPassedToCalls(file: FileFacts): Set<string> {
  const names = new Set<string>();
  const visit = (v: Val) => {
    if (v.k === 'ref' && file.importsByLocal.has(v.name) && !v.name.startsWith('\0')) names.add(v.name);
  };
  for (const call of file.allCalls) {
    for (const arg of call.val.args) walkVal(arg, visit);
    for (const kw of call.val.kwargs) walkVal(kw.value, visit);
  }
  return names;
}

const lineIndexes = new WeakMap<object, LineIndex>();

/**
 * How imported constants enter the cache key of the checks that read them: the exporting module, where the name is
 * bound (offset and line: a cached report names that line) and the value's text. An edit of the exporting module
 * that changes any of them re-judges the statements of the importing file.
 */
export function importedConstantsKey(constants: ReadonlyMap<string, ModuleConstant>): string {
  const parts: string[] = [];
  for (const [local, c] of constants) {
    const text = c.file!.text;
    let lines = lineIndexes.get(c.file!);
    if (!lines) lineIndexes.set(c.file!, (lines = new LineIndex(text)));
    const at = c.nameSpan.start;
    parts.push(
      `${local}=${c.file!.uri}@${at}:${lines.positionAt(at).line}=${text.slice(c.value.span.start, c.value.span.end)}`,
    );
  }
  return parts.join('\u0000');
}
