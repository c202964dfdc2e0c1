// NestJS: `@Controller(prefix)` classes with `@Get/@Post/…(path)` methods, `@UseGuards(…)` on the class or the
// method, global guards (`app.useGlobalGuards(new JwtAuthGuard())` in main.ts, `{ provide: APP_GUARD, useClass }`
// in a module), `app.setGlobalPrefix('api')`, and opt-outs (`@Public()`, or any decorator made with
// `SetMetadata(IS_PUBLIC_KEY, true)` that the global guard honours), middleware bound in modules
// (`consumer.apply(AuthMiddleware).exclude(…).forRoutes({ path, method }, 'cats/*', CatsController)`), and param
// decorators made with `createParamDecorator` that verify a credential themselves (optional auth unless they reject).
import {
  allCallsOf,
  allRaisesOf,
  pathOf,
  strValue,
  type ClassFacts,
  type FileFacts,
  type FnFacts,
  type Val,
} from '../facts';
import { rejectStatus } from '../authSignals';
import { joinPaths, type MiddlewareRef, type RequestModel, type RoleEvidence, type Route } from '../model';
import type { AdapterContext } from './context';
import { jsResponses } from './jsRoutes';
import { describeVal } from './jsRouters';
import type { FrameworkAdapter } from './adapter';

const METHOD_DECORATORS: Record<string, string> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  Options: 'OPTIONS',
  All: 'ALL',
};

export function isNestFile(file: FileFacts): boolean {
  return file.imports.some((i) => i.module === '@nestjs/common');
}

function decoratorName(val: Val): string {
  return (
    pathOf(val.k === 'call' ? val.callee : val)
      .split('.')
      .pop() ?? ''
  );
}

export async function nestRoutes(ctx: AdapterContext): Promise<Route[]> {
  const file = ctx.file;
  const controllers = file.classes.filter((c) => c.decorators.some((d) => decoratorName(d) === 'Controller'));
  if (controllers.length === 0) return [];
  const globals = await globalSetup(ctx);
  const routes: Route[] = [];
  for (const cls of controllers) {
    const controller = cls.decorators.find((d) => decoratorName(d) === 'Controller')!;
    const prefix = controllerPrefix(controller);
    const classGuards = guardsOf(cls.decorators);
    const classPublic = cls.decorators.find((d) => isPublicDecorator(d, globals.publicDecorators));
    for (const member of cls.members) {
      if (!member.fn) continue;
      for (const d of member.decorators) {
        const method = METHOD_DECORATORS[decoratorName(d)];
        if (!method || d.k !== 'call') continue;
        const path = strValue(d.args[0]) ?? (d.args[0]?.k === 'arr' ? (strValue(d.args[0].items[0]) ?? '') : '');
        const refs: MiddlewareRef[] = [];
        for (const g of globals.guards) refs.push(await evaluated(ctx, g.file, g.val, 'global'));
        const routePath = joinPaths(prefix, path);
        for (const binding of globals.middleware)
          if (bindingApplies(binding, routePath, globals.prefix, method, cls.name))
            for (const item of binding.items) refs.push(await evaluated(ctx, binding.file, item, 'mount'));
        for (const g of classGuards) refs.push(await evaluated(ctx, file, g, 'class'));
        for (const g of guardsOf(member.decorators)) refs.push(await evaluated(ctx, file, g, 'route'));
        for (const param of member.fn.params)
          for (const dec of param.decorators) {
            const ref = await paramDecoratorAuth(ctx, file, dec);
            if (ref) refs.push(ref);
          }
        for (const dec of member.decorators)
          if (/^(Throttle|SkipThrottle)$/.test(decoratorName(dec)))
            refs.push({
              name: describeVal(dec, file),
              val: dec,
              uri: file.uri,
              level: 'route',
              rateLimit: decoratorName(dec) === 'Throttle',
            });
        const publicDec = member.decorators.find((x) => isPublicDecorator(x, globals.publicDecorators)) ?? classPublic;
        const fn = member.fn;
        const route: Route = {
          framework: 'nestjs',
          method,
          pathTemplate: joinPaths(globals.prefix, prefix, path),
          file: file.uri,
          range: d.span,
          handler: fn,
          handlerFile: file,
          handlerRange: fn.span,
          middleware: refs,
          authEvidence: refs.filter((r) => r.auth).map((r) => r.auth!),
          roleChecks: roleMetadata([...cls.decorators, ...member.decorators], file),
          rateLimited:
            refs.some((r) => r.rateLimit) && !member.decorators.some((x) => decoratorName(x) === 'SkipThrottle'),
          responseExpressions: jsResponses(fn, 'nestjs'),
          calls: allCallsOf(fn),
          request: nestRequestModel(fn),
          mountedVia: globals.via,
        };
        const excluded = [...member.decorators, ...cls.decorators].find((x) =>
          /^ApiExclude(Endpoint|Controller)$/.test(decoratorName(x) ?? ''),
        );
        if (excluded) route.hiddenFromDocs = `@${decoratorName(excluded)}()`;
        if (publicDec) {
          // @Public() switches the global/class guards off (they honour the metadata); only guards on the method remain
          route.publicMarker = describeVal(publicDec, file);
          // (middleware bound in a module runs whatever the metadata says)
          route.authEvidence = refs
            .filter((r) => r.auth && (r.level === 'route' || r.level === 'mount'))
            .map((r) => r.auth!);
        }
        if (route.authEvidence.length === 0 && !route.publicMarker && (method === 'GET' || method === 'HEAD')) {
          const open = deliberatelyOpenRead(globals.middleware, routePath, globals.prefix, method);
          if (open) route.publicMarker = open;
        }
        routes.push(route);
      }
    }
  }
  return routes;
}

async function evaluated(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val,
  level: MiddlewareRef['level'],
): Promise<MiddlewareRef> {
  const verdict = await ctx.auth.evaluate(file, val);
  const ref: MiddlewareRef = { name: describeVal(val, file), val, uri: file.uri, level };
  if (verdict.evidence) ref.auth = verdict.evidence;
  if (verdict.notAuth) ref.notAuth = verdict.notAuth;
  if (verdict.rateLimit) ref.rateLimit = true;
  if (verdict.role) ref.role = verdict.role;
  if (verdict.roleByMetadata) ref.roleByMetadata = true;
  if (verdict.deniesAll) ref.deniesAll = verdict.deniesAll;
  return ref;
}

/** Decorators that declare the roles or permissions a route demands (`@Roles('admin')`, `@CheckPolicies(…)`,
 * `@SetMetadata('roles', […])`); a guard reading them through the Reflector enforces them. */
const ROLE_DECORATOR =
  /^(Roles?|HasRoles?|RequireRoles?|AllowRoles?|Permissions?|RequirePermissions?|HasPermissions?|CheckPolicies|Policies|CheckAbilities|Scopes|RequireScopes|AdminOnly)$/;

function roleMetadata(decorators: Val[], file: FileFacts): RoleEvidence[] {
  const out: RoleEvidence[] = [];
  for (const d of decorators) {
    const name = decoratorName(d);
    const setsRoles =
      name === 'SetMetadata' && d.k === 'call' && /role|permission|polic|scope/i.test(strValue(d.args[0]) ?? '');
    if (ROLE_DECORATOR.test(name) || setsRoles)
      out.push({
        name: `@${describeVal(d, file)}`,
        detail: 'declares the roles or permissions the route demands, for a guard to enforce',
        file,
        span: d.span,
      });
  }
  return out;
}

function controllerPrefix(d: Val): string {
  if (d.k !== 'call') return '';
  const arg = d.args[0];
  if (arg?.k === 'str') return arg.value;
  if (arg?.k === 'obj') return strValue(arg.props.find((p) => p.key === 'path')?.value) ?? '';
  return '';
}

function guardsOf(decorators: Val[]): Val[] {
  const out: Val[] = [];
  for (const d of decorators) if (d.k === 'call' && decoratorName(d) === 'UseGuards') out.push(...d.args);
  return out;
}

function isPublicDecorator(d: Val, custom: Set<string>): boolean {
  const name = decoratorName(d);
  return /^(Public|AllowAnonymous|SkipAuth|IsPublic|Anonymous)$/.test(name) || custom.has(name);
}

const BUILTIN_PARAM_DECORATORS =
  /^(Body|Query|Param|Headers|Ip|HostParam|UploadedFile|UploadedFiles|Req|Request|Res|Response|Next|Session)$/;

/** A param decorator made with `createParamDecorator(fn)` whose fn verifies a credential (`jwt.verify`): auth for the
 * route, optional when it lets callers without a credential through (returns undefined instead of rejecting).
 * One that only reads `req.user` is not auth. */
async function paramDecoratorAuth(ctx: AdapterContext, file: FileFacts, dec: Val): Promise<MiddlewareRef | undefined> {
  if (BUILTIN_PARAM_DECORATORS.test(decoratorName(dec))) return undefined;
  const sym = await ctx.resolver.valueSymbol(file, dec.k === 'call' ? dec.callee : dec);
  if (sym?.kind !== 'value' || sym.val.k !== 'call' || decoratorName(sym.val) !== 'createParamDecorator')
    return undefined;
  const factory = sym.val.args[0];
  if (factory?.k !== 'fn') return undefined;
  const verdict = await ctx.auth.evaluate(sym.file, factory);
  if (!verdict.evidence) return undefined;
  const fn = factory.fn;
  const rejects =
    allRaisesOf(fn).some((r) => rejectStatus(r)) || allCallsOf(fn).some((c) => rejectStatus(c.val) !== undefined);
  const evidence = { ...verdict.evidence, name: describeVal(dec, file) };
  if (!rejects) {
    evidence.optional = true;
    evidence.detail += '; callers without a credential get through';
  }
  return { name: describeVal(dec, file), val: dec, uri: file.uri, level: 'route', auth: evidence };
}

/** `consumer.apply(A, B).exclude(…).forRoutes(…)` in a module's `configure()`. */
interface MiddlewareBinding {
  items: Val[];
  targets: Val[];
  excludes: Val[];
  file: FileFacts;
}

function middlewareBinding(call: Extract<Val, { k: 'call' }>, file: FileFacts): MiddlewareBinding | undefined {
  const binding: MiddlewareBinding = { items: [], targets: call.args, excludes: [], file };
  let v: Val = call.callee;
  while (v.k === 'member' && v.object.k === 'call') {
    const inner = v.object;
    if (inner.callee.k !== 'member') break;
    if (inner.callee.prop === 'exclude') binding.excludes.push(...inner.args);
    else if (inner.callee.prop === 'apply') {
      binding.items = inner.args.flatMap((a) => (a.k === 'arr' ? a.items : [a]));
      return binding;
    }
    v = inner.callee;
  }
  return undefined;
}

function bindingApplies(
  binding: MiddlewareBinding,
  routePath: string,
  globalPrefix: string,
  method: string,
  controller: string,
): boolean {
  const matches = (target: Val) => routeInfoMatches(target, routePath, globalPrefix, method, controller);
  return binding.targets.some(matches) && !binding.excludes.some(matches);
}

/** A forRoutes/exclude argument: `'cats'`, `'cats/*'`, `{ path: 'cats/:id', method: RequestMethod.GET }`, a controller. */
function routeInfoMatches(
  target: Val,
  routePath: string,
  globalPrefix: string,
  method: string,
  controller: string,
): boolean {
  if (target.k === 'ref' || target.k === 'member') return lastSegmentOf(pathOf(target)) === controller;
  let pattern: string | undefined;
  let wanted = 'ALL';
  if (target.k === 'str') pattern = target.value;
  else if (target.k === 'obj') {
    pattern = strValue(target.props.find((p) => p.key === 'path')?.value);
    const m = target.props.find((p) => p.key === 'method')?.value;
    if (m) wanted = lastSegmentOf(pathOf(m)).toUpperCase();
  }
  if (pattern === undefined) return false;
  if (wanted !== 'ALL' && wanted !== method && method !== 'ALL') return false;
  return pathPatternMatches(pattern, routePath) || pathPatternMatches(pattern, joinPaths(globalPrefix, routePath));
}

/** A read whose path a module binds auth middleware to for other methods only (`forRoutes({ path: 'articles',
 * method: RequestMethod.POST })` and `GET articles` left out): the author chose to serve it openly. */
function deliberatelyOpenRead(
  bindings: MiddlewareBinding[],
  routePath: string,
  globalPrefix: string,
  method: string,
): string | undefined {
  for (const binding of bindings)
    for (const target of binding.targets) {
      if (target.k !== 'obj' || routeInfoMatches(target, routePath, globalPrefix, method, '')) continue;
      const path = strValue(target.props.find((p) => p.key === 'path')?.value);
      const wanted = target.props.find((p) => p.key === 'method')?.value;
      if (path === undefined || !wanted) continue;
      const samePath = [routePath, joinPaths(globalPrefix, routePath)].some(
        (p) => normalizeNestPath(p) === normalizeNestPath(path),
      );
      if (samePath)
        return `${describeVal(binding.items[0] ?? target, binding.file)} is bound to ${lastSegmentOf(pathOf(wanted))} ${path} only`;
    }
  return undefined;
}

function normalizeNestPath(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? ':' : s))
    .join('/');
}

function lastSegmentOf(path: string): string {
  return path.split('.').pop() ?? path;
}

/** Nest route patterns: `:param` matches one segment, `*` / `(.*)` / `*path` the rest. */
function pathPatternMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length === 1 && /^(\*|\(\.\*\))$/.test(want[0]!)) return true; // forRoutes('*')
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i];
    // `cats/*` needs something after `cats/` (path-to-regexp keeps the slash)
    if (w === '*' || w === '(.*)' || /^\*\w*$/.test(w)) return h !== undefined;
    if (w.endsWith('*') && h?.startsWith(w.slice(0, -1))) return true;
    if (h === undefined) return false;
    if (w.startsWith(':')) continue;
    if (w !== h) return false;
  }
  return want.length === have.length;
}

interface NestGlobals {
  middleware: MiddlewareBinding[];
  guards: { val: Val; file: FileFacts }[];
  prefix: string;
  via: string[];
  publicDecorators: Set<string>;
}

/** Global guards and prefix from main.ts / module files, and custom `SetMetadata(IS_PUBLIC…)` decorators. */
async function globalSetup(ctx: AdapterContext): Promise<NestGlobals> {
  const globals: NestGlobals = { middleware: [], guards: [], prefix: '', via: [], publicDecorators: new Set() };
  for (const file of [ctx.file, ...(await ctx.mountFiles())]) {
    if (!file.imports.some((i) => i.module.startsWith('@nestjs/'))) continue;
    for (const call of file.allCalls) {
      if (call.method === 'useGlobalGuards') {
        for (const arg of call.val.args) globals.guards.push({ val: arg, file });
        globals.via.push(`${ctx.relative(file.uri)}: ${file.text.slice(call.val.span.start, call.val.span.end)}`);
      } else if (call.method === 'forRoutes') {
        const binding = middlewareBinding(call.val, file);
        if (binding) globals.middleware.push(binding);
      } else if (call.method === 'setGlobalPrefix' && strValue(call.val.args[0]) !== undefined) {
        globals.prefix = strValue(call.val.args[0])!;
      }
    }
    // { provide: APP_GUARD, useClass: JwtAuthGuard }
    const visit = (v: Val) => {
      if (v.k === 'obj') {
        const provide = v.props.find((p) => p.key === 'provide');
        const useClass = v.props.find((p) => p.key === 'useClass' || p.key === 'useExisting');
        if (provide && pathOf(provide.value) === 'APP_GUARD' && useClass) {
          globals.guards.push({ val: useClass.value, file });
          globals.via.push(`${ctx.relative(file.uri)}: APP_GUARD ${describeVal(useClass.value, file)}`);
        }
        v.props.forEach((p) => visit(p.value));
      } else if (v.k === 'arr') v.items.forEach(visit);
      else if (v.k === 'call') v.args.forEach(visit);
    };
    for (const cls of file.classes) cls.decorators.forEach(visit);
    // export const Public = () => SetMetadata(IS_PUBLIC_KEY, true)
    for (const b of file.bindings) {
      const fn = b.value.k === 'fn' ? b.value.fn : undefined;
      const body: Val[] = fn ? fn.returns : [b.value];
      if (
        body.some(
          (r) =>
            r.k === 'call' &&
            decoratorName(r) === 'SetMetadata' &&
            /public|anonymous|skip/i.test(pathOf(r.args[0]) + strValue(r.args[0])),
        )
      )
        globals.publicDecorators.add(b.name);
    }
  }
  // custom public decorators imported into the linted file
  for (const imp of ctx.file.imports)
    if (/^(Public|AllowAnonymous|SkipAuth|IsPublic)$/.test(imp.imported) || /public/i.test(imp.local))
      globals.publicDecorators.add(imp.local);
  return globals;
}

export function nestRequestModel(fn: FnFacts): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  for (const p of fn.params) {
    for (const d of p.decorators) {
      const name = decoratorName(d);
      if (/^(Body|Query|Param|Headers|Ip|HostParam|UploadedFile|UploadedFiles)$/.test(name)) model.whole.add(p.name);
      if (/^(Req|Request)$/.test(name)) {
        model.members.set(
          p.name,
          new Set(['query', 'params', 'body', 'headers', 'cookies', 'get', 'header', 'hostname', 'url', 'originalUrl']),
        );
        model.identity.push(`${p.name}.user`);
      }
      if (/User|Auth|Principal|Session/i.test(name)) model.identity.push(p.name);
    }
  }
  return model;
}

export type { ClassFacts };

export const adapter: FrameworkAdapter = {
  name: 'nestjs',
  language: 'js',
  uses: isNestFile,
  routes: nestRoutes,
  hints: {
    modules: ['@nestjs\\/[\\w-]+'],
    mountCalls: ['useGlobalGuards', 'APP_GUARD', 'setGlobalPrefix', 'RouterModule', '\\.forRoutes\\s*\\('],
    authPackages: ['@nestjs\\/passport'],
    rateLimitPackages: ['@nestjs\\/throttler'],
  },
};
