// Constants imported from another module of the project (`import { corsOptions } from './config/cors'`,
// `const { jwtOptions } = require('./config')`, `from .settings import VERIFY_SIGNATURE`), resolved to the value the
// exporting module binds them to, so that `cors(corsOptions)` is judged as if the options were written in the file;
// likewise a member of an imported module or exported object (`cors(config.corsOptions)` after
// `const config = require('./config')`, `verify=config.VERIFY_SIGNATURE` after `from app.core import config`).
// Module resolution and the reading of the other file are the Resolver's (resolve.ts), which records the exporting
// module as a dependency of the lint: the language server re-lints the importing file when it changes.
import { pathOf, type FileFacts, type Val } from './facts';
import { moduleConstantsOf, resolveConstant, type ModuleConstant } from './moduleConstants';
import { LineIndex } from '../positions';
import type { Resolver } from './resolve';

/** Values a rule can judge by what they are (an options object, a flag, a list of origins, a string). */
const JUDGED_KINDS = new Set<Val['k']>(['obj', 'arr', 'str', 'num', 'bool', 'null', 'tmpl', 'other']);

/**
 * The imported names the file passes to calls (`cors(corsOptions)`, `verify=VERIFY_SIGNATURE`, an option object's
 * property), each resolved through one import to the constant its module binds it to (following that module's own
 * `a = b` hops). Names imported from packages, functions, classes, modules and names bound more than once are left
 * out. Keyed by the name as written in the linted file (`corsOptions`, `config.corsOptions`: see resolveConstant).
 */
export async function importedConstantsOf(file: FileFacts, resolver: Resolver): Promise<Map<string, ModuleConstant>> {
  const out = new Map<string, ModuleConstant>();
  const local = moduleConstantsOf(file);
  for (const [name, written] of importedNamesPassedToCalls(file)) {
    if (local.has(name)) continue; // rebound in this module (Python): the module's own constant wins
    const symbol =
      written.k === 'ref'
        ? await resolver.importTarget(file, file.importsByLocal.get(name)!, 0)
        : await memberSymbol(file, written, resolver);
    if (symbol?.kind !== 'value') continue;
    const origin = symbol.file;
    if (origin.uri === file.uri) continue;
    // A binding of the exporting module (bound once), or an export that is its own value (`export default { … }`,
    // `exports.corsOptions = { … }`); a name bound more than once there is not a constant.
    const bound = moduleConstantsOf(origin).get(symbol.name);
    const isBinding = bound !== undefined && bound.value === symbol.val;
    if (!isBinding && origin.bindingsByName.has(symbol.name)) continue;
    const constant = isBinding ? bound : { name: symbol.name, value: symbol.val, nameSpan: symbol.val.span };
    const value = resolveConstant(constant.value, moduleConstantsOf(origin))!.value;
    if (!JUDGED_KINDS.has(value.k)) continue;
    out.set(name, { name, value, nameSpan: constant.nameSpan, file: origin });
  }
  return out;
}

/** `config.corsOptions`: a member of the imported object or module; `require('./config')` of a module that only
 * has `exports.corsOptions = …` (no `module.exports` object) names that export. */
async function memberSymbol(file: FileFacts, member: Extract<Val, { k: 'member' }>, resolver: Resolver) {
  const found = await resolver.valueSymbol(file, member);
  if (found || member.object.k !== 'ref') return found;
  const imp = file.importsByLocal.get(member.object.name)!;
  if (imp.imported !== 'default' && imp.imported !== '*') return undefined;
  const target = await resolver.moduleFile(file, imp.module);
  return target ? resolver.exported(target, member.prop) : undefined;
}

/**
 * Imported names (and members of imported names, `config.corsOptions`) passed as call arguments or keyword arguments,
 * or inside the objects, lists and calls passed (not the functions called, nor function bodies).
 */
function importedNamesPassedToCalls(file: FileFacts): Map<string, Extract<Val, { k: 'ref' | 'member' }>> {
  const names = new Map<string, Extract<Val, { k: 'ref' | 'member' }>>();
  const imported = (v: Val) => v.k === 'ref' && file.importsByLocal.has(v.name) && !v.name.startsWith('\0');
  const visit = (v: Val | undefined): void => {
    if (!v) return;
    if (v.k === 'ref' && imported(v)) names.set(v.name, v);
    else if (v.k === 'member' && imported(v.object)) names.set(pathOf(v), v);
    else if (v.k === 'obj') v.props.forEach((p) => visit(p.value));
    else if (v.k === 'arr') v.items.forEach(visit);
    else if (v.k === 'spread') visit(v.value);
    else if (v.k === 'or') v.items.forEach(visit);
    else if (v.k === 'call') passed(v);
  };
  const passed = (call: Extract<Val, { k: 'call' }>) => {
    call.args.forEach(visit);
    call.kwargs.forEach((k) => visit(k.value));
  };
  for (const call of file.allCalls) passed(call.val);
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
