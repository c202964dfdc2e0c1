// Flask class-based views: `MethodView` / `View` subclasses and Flask-RESTful/RESTX `Resource` classes (a
// `MethodView` too). Which HTTP methods a class serves, the function serving each, and what wraps it:
// the class's `decorators` (applied by `as_view`, so also by `add_resource`), Flask-RESTful's `method_decorators`
// (a list for every method, or a dict by method name) and the method function's own decorators. Methods and
// attributes inherited from workspace base classes count (`class UserResource(AuthResource)`).
import { strValue, type ClassFacts, type FileFacts, type FnFacts, type Val } from '../facts';
import type { MiddlewareRef } from '../model';
import type { AdapterContext } from './context';
import { classAttribute, evaluatedRef, lastName, symbolAt } from './python';

const HTTP_METHOD_FUNCTIONS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** One HTTP method of a class view: the function that serves it and what runs before it (outermost first). */
export interface ClassViewMethod {
  method: string;
  fn: FnFacts;
  file: FileFacts;
  refs: MiddlewareRef[];
}

/** The class an `add_url_rule` view stands for: `ItemAPI.as_view('item')`, or a name bound to such a call. */
export async function classOfView(
  ctx: AdapterContext,
  file: FileFacts,
  view: Val,
): Promise<{ cls: ClassFacts; file: FileFacts } | undefined> {
  let val = view;
  let at = file;
  if (val.k === 'ref') {
    const sym = await symbolAt(ctx, file, val, val.span);
    if (sym?.kind !== 'value') return undefined;
    val = sym.val;
    at = sym.file;
  }
  if (val.k !== 'call' || lastName(val) !== 'as_view' || val.callee.k !== 'member') return undefined;
  const sym = await ctx.resolver.valueSymbol(at, val.callee.object);
  return sym?.kind === 'class' ? { cls: sym.cls, file: sym.file } : undefined;
}

/**
 * The methods a class view serves. `only`: the methods the registration allows (`add_url_rule(…, methods=[…])`);
 * a method without a function is not served. A `View` with only `dispatch_request` serves its `methods` attribute
 * (GET by default) through that function.
 */
export async function classViewMethods(
  ctx: AdapterContext,
  cls: ClassFacts,
  file: FileFacts,
  only?: string[],
): Promise<ClassViewMethod[]> {
  const functions = await methodFunctions(ctx, cls, file);
  const served: { method: string; fn: { fn: FnFacts; file: FileFacts; decorators: Val[] } }[] = [];
  for (const name of HTTP_METHOD_FUNCTIONS) {
    const fn = functions.get(name);
    if (fn && (!only || only.includes(name.toUpperCase()))) served.push({ method: name.toUpperCase(), fn });
  }
  const dispatch = functions.get('dispatch_request');
  if (served.length === 0 && dispatch && !HTTP_METHOD_FUNCTIONS.some((m) => functions.has(m))) {
    const declared = await classAttribute(ctx, cls, file, 'methods');
    const methods =
      only ??
      (declared?.val.k === 'arr'
        ? declared.val.items.map((m) => (strValue(m) ?? '').toUpperCase()).filter(Boolean)
        : ['GET']);
    for (const method of methods) served.push({ method, fn: dispatch });
  }
  if (served.length === 0) return [];

  const classRefs = await decoratorList(ctx, cls, file, 'decorators');
  const methodDecorators = await classAttribute(ctx, cls, file, 'method_decorators');
  const out: ClassViewMethod[] = [];
  for (const { method, fn } of served) {
    const refs = [...classRefs];
    if (methodDecorators) {
      const { val, file: at, cls: owner } = methodDecorators;
      // Flask-RESTful: a dict picks the decorators by the lower-case method name; a list applies to all
      const items = val.k === 'obj' ? (val.props.find((p) => p.key === method.toLowerCase())?.value ?? null) : val;
      if (items) refs.push(...(await evaluatedItems(ctx, at, items, `${owner.name}.method_decorators`)));
    }
    for (const d of fn.decorators) refs.push(await evaluatedRef(ctx, fn.file, d, 'route'));
    out.push({ method, fn: fn.fn, file: fn.file, refs });
  }
  return out;
}

/** The class's functions by name, its own first, then those of its workspace bases (left to right). */
async function methodFunctions(
  ctx: AdapterContext,
  cls: ClassFacts,
  file: FileFacts,
  out = new Map<string, { fn: FnFacts; file: FileFacts; decorators: Val[] }>(),
  depth = 0,
): Promise<Map<string, { fn: FnFacts; file: FileFacts; decorators: Val[] }>> {
  if (depth > 6) return out;
  for (const m of cls.members)
    if (m.fn && !out.has(m.name)) out.set(m.name, { fn: m.fn, file, decorators: m.decorators });
  for (const base of cls.bases) {
    const sym = await ctx.resolver.valueSymbol(file, base);
    if (sym?.kind === 'class' && sym.cls !== cls) await methodFunctions(ctx, sym.cls, sym.file, out, depth + 1);
  }
  return out;
}

/** A class attribute holding decorators (`decorators = [login_required]`), each evaluated. */
async function decoratorList(
  ctx: AdapterContext,
  cls: ClassFacts,
  file: FileFacts,
  name: string,
): Promise<MiddlewareRef[]> {
  const attr = await classAttribute(ctx, cls, file, name);
  return attr ? evaluatedItems(ctx, attr.file, attr.val, `${attr.cls.name}.${name}`) : [];
}

/** Each decorator of a list (or the value as a whole, a name bound to a list), named after where it is set. */
export async function evaluatedItems(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val,
  setIn: string,
  level: MiddlewareRef['level'] = 'class',
): Promise<MiddlewareRef[]> {
  const refs: MiddlewareRef[] = [];
  for (const item of val.k === 'arr' ? val.items : [val]) {
    const ref = await evaluatedRef(ctx, file, item, level);
    ref.name = `${setIn}: ${ref.name}`;
    refs.push(ref);
  }
  return refs;
}
