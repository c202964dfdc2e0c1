// Django and Django REST framework: views (functions, `@api_view`, APIView/ViewSet/generic classes, Django
// class-based views) routed by `urls.py` (`path()`/`re_path()`/`url()`, `include('app.urls')`, DRF routers'
// `register()`), with `permission_classes` (attribute or decorator), `AllowAny`, `@login_required`,
// `LoginRequiredMixin`, and the project's `REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES']` /
// `DEFAULT_THROTTLE_CLASSES` and `LoginRequiredMiddleware` from settings. The URL tables are read in `djangoUrls.ts`;
// a ViewSet on a router gives a route per action (`drfViewSets.ts`), with the permissions of that action (its
// `@action(permission_classes=…)`, a simple `get_permissions()` read in `drfPermissions.ts`).
import {
  allCallsOf,
  pathOf,
  strValue,
  type ClassFacts,
  type FileFacts,
  type FnFacts,
  type Span,
  type Val,
} from '../facts';
import { joinPaths, type MiddlewareRef, type Route } from '../model';
import type { AdapterContext } from './context';
import {
  callName,
  classAttribute,
  classMethod,
  djangoRequestModel,
  evaluatedRef,
  lastName,
  pyResponses,
} from './python';
import { describeVal } from './jsRouters';
import { readGetPermissions, type PermissionsByAction } from './drfPermissions';
import { viewSetActions, type ViewSetAction } from './drfViewSets';
import type { FrameworkAdapter } from './adapter';
import { collectUrlEntries, type UrlEntry } from './djangoUrls';

export function isDjangoFile(file: FileFacts): boolean {
  return file.imports.some((i) => /^(django|rest_framework)(\.|$)/.test(i.module));
}

const CLASS_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const VIEWSET_ACTIONS: Record<string, string> = {
  list: 'GET',
  retrieve: 'GET',
  create: 'POST',
  update: 'PUT',
  partial_update: 'PATCH',
  destroy: 'DELETE',
};
const GENERIC_METHODS: [RegExp, string[]][] = [
  [/^ModelViewSet$/, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']],
  [/^ReadOnlyModelViewSet$/, ['GET']],
  [/^ListCreateAPIView$/, ['GET', 'POST']],
  [/^RetrieveUpdateDestroyAPIView$/, ['GET', 'PUT', 'PATCH', 'DELETE']],
  [/^RetrieveUpdateAPIView$/, ['GET', 'PUT', 'PATCH']],
  [/^RetrieveDestroyAPIView$/, ['GET', 'DELETE']],
  [/^(ListAPIView|RetrieveAPIView)$/, ['GET']],
  [/^CreateAPIView$/, ['POST']],
  [/^UpdateAPIView$/, ['PUT', 'PATCH']],
  [/^DestroyAPIView$/, ['DELETE']],
  [/^(CreateView|UpdateView|FormView|DeleteView)$/, ['GET', 'POST']],
  [/^(ListView|DetailView|TemplateView)$/, ['GET']],
];
const VIEW_BASES = /(APIView|ViewSet|GenericAPIView|View|Mixin)$/;
const ROUTING_DECORATOR = /(^|\.)(action|detail_route|list_route)$|\.mapping\.\w+$/;

export async function djangoRoutes(ctx: AdapterContext): Promise<Route[]> {
  const file = ctx.file;
  const mountFiles = await ctx.mountFiles();
  const settings = readSettings(mountFiles);
  const urlEntries = collectUrlEntries([file, ...mountFiles]);
  const routes: Route[] = [];
  for (const entry of urlEntries) if (entry.catchAll && entry.file === file) routes.push(catchAllRoute(ctx, entry));
  // A project with URL tables serves only the views they route; a view no urls.py names is not reachable.
  const hasUrlTables = urlEntries.length > 0;
  const { viewFns, viewClasses, routedFns, routedClasses } = await viewsOf(ctx, urlEntries);
  for (const fn of viewFns) {
    const entries = routedFns.get(fn) ?? [];
    if (!hasUrlTables || entries.length > 0) routes.push(...(await functionViewRoutes(ctx, fn, entries, settings)));
  }
  for (const cls of viewClasses) {
    const entries = routedClasses.get(cls) ?? [];
    if (!hasUrlTables || entries.length > 0) routes.push(...(await classViewRoutes(ctx, cls, entries, settings)));
  }
  return routes;
}

/** The file's views (decorated functions, view classes, and whatever a URL table routes here) and their entries. */
async function viewsOf(ctx: AdapterContext, urlEntries: UrlEntry[]) {
  const file = ctx.file;
  const viewFns = file.functions.filter((fn) =>
    fn.decorators.some((d) =>
      /^(api_view|require_http_methods|require_GET|require_POST|login_required|permission_required)$/.test(lastName(d)),
    ),
  );
  const viewClasses = file.classes.filter((c) => c.basesText.some((b) => VIEW_BASES.test(b)) && !/Mixin$/.test(c.name));
  const routedFns = new Map<FnFacts, UrlEntry[]>();
  const routedClasses = new Map<ClassFacts, UrlEntry[]>();
  for (const entry of urlEntries) {
    if (entry.catchAll) continue;
    let view = entry.view;
    if (view.k === 'call' && lastName(view) === 'as_view' && view.callee.k === 'member') view = view.callee.object;
    const sym = await ctx.resolver.valueSymbol(entry.viewFile ?? entry.file, view);
    if (!sym || (sym.kind !== 'fn' && sym.kind !== 'class') || sym.file.uri !== file.uri) continue;
    if (sym.kind === 'fn') routedFns.set(sym.fn, [...(routedFns.get(sym.fn) ?? []), entry]);
    else routedClasses.set(sym.cls, [...(routedClasses.get(sym.cls) ?? []), entry]);
  }
  for (const fn of file.functions) if (routedFns.has(fn) && !viewFns.includes(fn)) viewFns.push(fn);
  for (const cls of file.classes) if (routedClasses.has(cls) && !viewClasses.includes(cls)) viewClasses.push(cls);
  return { viewFns, viewClasses, routedFns, routedClasses };
}

/** A function view (`@api_view(['GET'])`, `@login_required`): one route per method it serves. */
async function functionViewRoutes(
  ctx: AdapterContext,
  fn: FnFacts,
  entries: UrlEntry[],
  settings: DjangoSettings,
): Promise<Route[]> {
  const file = ctx.file;
  const apiView = fn.decorators.find((d) => lastName(d) === 'api_view');
  const methods =
    apiView?.k === 'call' && apiView.args[0]?.k === 'arr'
      ? apiView.args[0].items.map((m) => (strValue(m) ?? '').toUpperCase())
      : ['ALL'];
  const refs: MiddlewareRef[] = [];
  for (const d of fn.decorators) refs.push(await evaluatedRef(ctx, file, d, 'route'));
  await applyDefaults(
    ctx,
    refs,
    settings,
    apiView !== undefined,
    !fn.decorators.some((d) => /permission_classes/.test(lastName(d))),
    fn.decorators.some((d) => lastName(d) === 'login_not_required'),
  );
  return methods.flatMap((method) => makeRoutes(ctx, fn.nameSpan ?? fn.span, method, entries, refs, { fn, file }));
}

/** A class-based view: one route per handler method, or, registered on a DRF router, one per ViewSet action. */
async function classViewRoutes(
  ctx: AdapterContext,
  cls: ClassFacts,
  entries: UrlEntry[],
  settings: DjangoSettings,
): Promise<Route[]> {
  const view = await viewRefs(ctx, cls);
  // a router's registrations and `as_view({'get': 'list'})` route ViewSet actions; other entries, handler methods
  const actionEntries = entries.filter((e) => e.router || actionMapping(e));
  const pathEntries = entries.filter((e) => !actionEntries.includes(e));
  const routes: Route[] = [];
  if (pathEntries.length > 0 || actionEntries.length === 0)
    routes.push(...(await methodRoutes(ctx, cls, pathEntries, view, settings)));
  if (actionEntries.length > 0) routes.push(...(await viewSetRoutes(ctx, cls, actionEntries, view, settings)));
  return routes;
}

/** What a class-based view applies to all its requests: its bases (`LoginRequiredMixin`), `permission_classes`
 * (its own or inherited from a project base or mixin), authentication and throttle classes, decorators. */
interface ViewRefs {
  isDrf: boolean;
  bases: MiddlewareRef[];
  permissions?: MiddlewareRef;
  authentication?: MiddlewareRef;
  throttles?: MiddlewareRef;
  decorators: MiddlewareRef[];
}

async function viewRefs(ctx: AdapterContext, cls: ClassFacts): Promise<ViewRefs> {
  const file = ctx.file;
  const view: ViewRefs = { isDrf: cls.basesText.some((b) => /APIView|ViewSet/.test(b)), bases: [], decorators: [] };
  for (const base of cls.bases) {
    const v = await ctx.auth.evaluate(file, base);
    if (v.evidence || v.role)
      view.bases.push({
        name: pathOf(base),
        val: base,
        uri: file.uri,
        level: 'class',
        ...(v.evidence ? { auth: v.evidence } : {}),
        ...(v.role ? { role: v.role } : {}),
      });
  }
  const permsAttr = await classAttribute(ctx, cls, file, 'permission_classes');
  if (permsAttr) {
    const ref = await evaluatedRef(ctx, permsAttr.file, permsAttr.val, 'class');
    if (permsAttr.cls !== cls) ref.name = `${permsAttr.cls.name}.permission_classes: ${ref.name}`;
    view.permissions = ref;
  }
  const authAttr = await classAttribute(ctx, cls, file, 'authentication_classes');
  if (authAttr) view.authentication = authenticationRef(authAttr.val, authAttr.file, 'class');
  const throttles = cls.members.find((m) => m.name === 'throttle_classes')?.value;
  if (throttles) view.throttles = throttleRef(throttles, file, 'class');
  for (const d of cls.decorators) view.decorators.push(await evaluatedRef(ctx, file, d, 'class'));
  return view;
}

/** DRF authentication classes identify a caller who sends credentials and turn no one away: the permission
 * classes (`IsAuthenticated`) reject anonymous requests. Listed, never counted as authentication. */
function authenticationRef(val: Val, file: FileFacts, level: MiddlewareRef['level']): MiddlewareRef | undefined {
  if (val.k !== 'arr' || val.items.length === 0) return undefined;
  const classes = describeVal(val, file);
  return {
    name: `authentication_classes: ${classes}`,
    val,
    uri: file.uri,
    level,
    notAuth: `its authentication classes (\`${classes}\`) identify callers who send credentials but let anonymous requests through: in DRF only permission classes such as IsAuthenticated turn them away`,
  };
}

function throttleRef(val: Val, file: FileFacts, level: MiddlewareRef['level']): MiddlewareRef | undefined {
  if (val.k !== 'arr' || val.items.length === 0) return undefined;
  return { name: 'throttle_classes', val, uri: file.uri, level, rateLimit: true };
}

/** The refs of one request to the view, with `permissions` in place of the view's own when given (an action's). */
async function requestRefs(
  ctx: AdapterContext,
  view: ViewRefs,
  settings: DjangoSettings,
  own: { permissions?: MiddlewareRef; authentication?: MiddlewareRef; throttles?: MiddlewareRef } = view,
): Promise<MiddlewareRef[]> {
  const refs = [...view.bases];
  for (const ref of [own.permissions, own.authentication, own.throttles]) if (ref) refs.push(ref);
  refs.push(...view.decorators);
  await applyDefaults(ctx, refs, settings, view.isDrf, !own.permissions, false);
  return refs;
}

/** `path('x/', View.as_view())`: a route per handler method (`get`, `post`, a ViewSet's `list`…), or the methods
 * a generic view implements when it defines none. */
async function methodRoutes(
  ctx: AdapterContext,
  cls: ClassFacts,
  entries: UrlEntry[],
  view: ViewRefs,
  settings: DjangoSettings,
): Promise<Route[]> {
  const file = ctx.file;
  const routes: Route[] = [];
  const refs = await requestRefs(ctx, view, settings);
  let any = false;
  for (const member of cls.members) {
    if (!member.fn) continue;
    const method = CLASS_METHODS.includes(member.name) ? member.name.toUpperCase() : VIEWSET_ACTIONS[member.name];
    if (!method) continue;
    any = true;
    const own = [...refs];
    for (const d of member.decorators) own.push(await evaluatedRef(ctx, file, d, 'route'));
    routes.push(...makeRoutes(ctx, member.nameSpan, method, entries, own, { fn: member.fn, file }));
  }
  if (!any) {
    const generic = GENERIC_METHODS.find(([re]) => cls.basesText.some((b) => re.test(b.split('.').pop() ?? b)));
    for (const method of generic?.[1] ?? []) routes.push(...makeRoutes(ctx, cls.nameSpan, method, entries, refs));
  }
  return routes;
}

/** A ViewSet registered on a router: a route per action and method, at the path the router gives it, with the
 * permissions that action runs with (its `@action(permission_classes=…)`, what a simple `get_permissions()` picks
 * for it, else the view's). DRF's implicit actions have no handler in the project and land on the class name. */
async function viewSetRoutes(
  ctx: AdapterContext,
  cls: ClassFacts,
  entries: UrlEntry[],
  view: ViewRefs,
  settings: DjangoSettings,
): Promise<Route[]> {
  const file = ctx.file;
  const routes: Route[] = [];
  const getPermissions = await classMethod(ctx, cls, file, 'get_permissions');
  const picks = getPermissions
    ? readGetPermissions(getPermissions.fn, getPermissions.file, (name) => classAttribute(ctx, cls, file, name))
    : undefined;
  const actions = await viewSetActions(ctx, cls, file);
  const routerEntries = entries.filter((e) => e.router);
  for (const action of actions) {
    const actionEntries = routerEntries.map((e) => ({ ...e, route: actionPath(e, action.suffix) }));
    if (actionEntries.length === 0) continue;
    for (const method of action.methods)
      routes.push(...(await actionRoutes(ctx, cls, view, settings, picks, action, method, actionEntries)));
  }
  // `path('users/', UserViewSet.as_view({'get': 'list', 'post': 'create'}))`: the methods and actions it maps
  for (const entry of entries) {
    for (const [method, name] of actionMapping(entry) ?? []) {
      const action = actions.find((a) => a.name === name);
      if (action) routes.push(...(await actionRoutes(ctx, cls, view, settings, picks, action, method, [entry])));
    }
  }
  return routes;
}

/** `View.as_view({'get': 'list', 'post': 'create'})`: [method, action] pairs; undefined for any other entry. */
function actionMapping(entry: UrlEntry): [string, string][] | undefined {
  const view = entry.view;
  if (entry.router || view.k !== 'call' || lastName(view) !== 'as_view' || view.args[0]?.k !== 'obj') return undefined;
  return view.args[0].props
    .map((p): [string, string | undefined] => [p.key.toUpperCase(), strValue(p.value)])
    .filter((pair): pair is [string, string] => pair[1] !== undefined);
}

/** One action's routes for one method, with the permissions it runs with. */
async function actionRoutes(
  ctx: AdapterContext,
  cls: ClassFacts,
  view: ViewRefs,
  settings: DjangoSettings,
  picks: PermissionsByAction | undefined,
  action: ViewSetAction,
  method: string,
  entries: UrlEntry[],
): Promise<Route[]> {
  const own = { permissions: view.permissions, authentication: view.authentication, throttles: view.throttles };
  const perms = action.overrides.get('permission_classes');
  if (perms) {
    own.permissions = await evaluatedRef(ctx, perms.file, perms.val, 'route');
    own.permissions.name = `@action permission_classes: ${own.permissions.name}`;
  }
  const auth = action.overrides.get('authentication_classes');
  if (auth) own.authentication = authenticationRef(auth.val, auth.file, 'route');
  const throttles = action.overrides.get('throttle_classes');
  if (throttles) own.throttles = throttleRef(throttles.val, throttles.file, 'route');
  const pick = await picks?.(action.name);
  if (pick?.kind === 'list') {
    own.permissions = await evaluatedRef(ctx, pick.file, pick.val, 'class');
    own.permissions.name = `get_permissions(): ${own.permissions.name}`;
  }
  const refs = await requestRefs(ctx, view, settings, own);
  const handler = action.handler;
  // the method's other decorators (`@action(...)` and `@x.mapping.delete` only route it)
  for (const d of handler?.decorators ?? [])
    if (!ROUTING_DECORATOR.test(callName(d))) refs.push(await evaluatedRef(ctx, handler!.file, d, 'route'));
  // a method written in this class is where its routes are declared; inherited and implicit ones, the class
  const range =
    handler && handler.file === ctx.file && cls.members.some((m) => m.fn === handler.fn)
      ? handler.nameSpan
      : cls.nameSpan;
  return makeRoutes(ctx, range, method, entries, refs, handler);
}

/** `/api/users` + `{pk}/set-password` → `/api/users/{pk}/set-password/` (the router's trailing slash). */
function actionPath(entry: UrlEntry, suffix: string): string {
  const path = suffix ? joinPaths(entry.route, suffix) : entry.route;
  return path.endsWith('/') ? path : path + (entry.router?.trailingSlash ?? '/');
}

function makeRoutes(
  ctx: AdapterContext,
  range: Span,
  method: string,
  entries: UrlEntry[],
  refs: MiddlewareRef[],
  handler?: { fn: FnFacts; file: FileFacts },
): Route[] {
  const fn = handler?.fn;
  const paths =
    entries.length > 0
      ? entries.map((e) => ({
          path: e.route,
          via: [`${ctx.relative(e.file.uri)}: ${e.file.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ')}`],
        }))
      : [{ path: '', via: [] as string[] }];
  return paths.map(({ path, via }) => {
    const route: Route = {
      framework: 'django',
      method,
      pathTemplate: path || '(not routed in any urls.py)',
      file: ctx.file.uri,
      range,
      middleware: refs,
      authEvidence: refs.filter((r) => r.auth).map((r) => r.auth!),
      roleChecks: [],
      rateLimited: refs.some((r) => r.rateLimit),
      responseExpressions: fn ? pyResponses(fn) : [],
      calls: fn ? allCallsOf(fn) : [],
      request: fn ? djangoRequestModel(fn) : { whole: new Set(), members: new Map(), identity: [] },
      mountedVia: via,
      ...(entries.length === 0 ? { unmounted: true } : {}),
    };
    const pub = refs.find((r) => r.name.includes('AllowAny'));
    if (pub) route.publicMarker = pub.name;
    if (handler) {
      route.handler = handler.fn;
      route.handlerFile = handler.file;
      route.handlerRange = handler.fn.span;
    }
    return route;
  });
}

interface DjangoSettings {
  defaultPermissions?: { val: Val; file: FileFacts };
  defaultThrottles?: { val: Val; file: FileFacts };
  loginRequiredMiddleware?: FileFacts;
}

function readSettings(files: FileFacts[]): DjangoSettings {
  const out: DjangoSettings = {};
  for (const f of files) {
    for (const b of f.bindings) {
      if (b.name === 'REST_FRAMEWORK' && b.value.k === 'obj') {
        const perms = b.value.props.find((p) => p.key === 'DEFAULT_PERMISSION_CLASSES');
        if (perms) out.defaultPermissions = { val: perms.value, file: f };
        const throttles = b.value.props.find((p) => p.key === 'DEFAULT_THROTTLE_CLASSES');
        if (throttles?.value.k === 'arr' && throttles.value.items.length > 0)
          out.defaultThrottles = { val: throttles.value, file: f };
      }
      if (
        b.name === 'MIDDLEWARE' &&
        b.value.k === 'arr' &&
        b.value.items.some((i) => strValue(i)?.endsWith('LoginRequiredMiddleware'))
      )
        out.loginRequiredMiddleware = f;
    }
  }
  return out;
}

async function applyDefaults(
  ctx: AdapterContext,
  refs: MiddlewareRef[],
  settings: DjangoSettings,
  isDrf: boolean,
  noOwnPermissions: boolean,
  loginNotRequired: boolean,
): Promise<void> {
  if (isDrf && noOwnPermissions && settings.defaultPermissions) {
    const items =
      settings.defaultPermissions.val.k === 'arr'
        ? settings.defaultPermissions.val.items
        : [settings.defaultPermissions.val];
    for (const item of items) {
      const name = strValue(item)?.split('.').pop();
      if (!name) continue;
      const val: Val = { k: 'ref', name, span: item.span };
      const verdict = await ctx.auth.evaluate(settings.defaultPermissions.file, val);
      const ref: MiddlewareRef = {
        name: `DEFAULT_PERMISSION_CLASSES: ${name}`,
        val,
        uri: settings.defaultPermissions.file.uri,
        level: 'global',
      };
      if (verdict.evidence)
        ref.auth = { ...verdict.evidence, detail: `${verdict.evidence.detail}; set in REST_FRAMEWORK` };
      if (verdict.role) ref.role = `${verdict.role}; set in REST_FRAMEWORK`;
      refs.push(ref);
    }
  }
  if (isDrf && settings.defaultThrottles)
    refs.push({
      name: 'DEFAULT_THROTTLE_CLASSES',
      val: settings.defaultThrottles.val,
      uri: settings.defaultThrottles.file.uri,
      level: 'global',
      rateLimit: true,
    });
  if (settings.loginRequiredMiddleware && !loginNotRequired && !refs.some((r) => r.name.includes('AllowAny')))
    refs.push({
      name: 'LoginRequiredMiddleware',
      val: { k: 'null', span: { start: 0, end: 0 } },
      uri: settings.loginRequiredMiddleware.uri,
      level: 'global',
      auth: { kind: 'known-name', name: 'LoginRequiredMiddleware', detail: 'in settings.MIDDLEWARE' },
    });
}

export const adapter: FrameworkAdapter = {
  name: 'django',
  language: 'py',
  uses: isDjangoFile,
  routes: djangoRoutes,
  hints: {
    modules: ['django', 'rest_framework'],
    mountCalls: [
      'urlpatterns',
      'DEFAULT_PERMISSION_CLASSES',
      'DEFAULT_THROTTLE_CLASSES',
      'LoginRequiredMiddleware',
      'REST_FRAMEWORK',
      '\\.register\\s*\\(',
    ],
    authPackages: ['django\\.contrib\\.auth\\.decorators', 'rest_framework\\.permissions', 'rest_framework_simplejwt'],
    rateLimitPackages: ['django_ratelimit'],
  },
};

/** `path('admin/', admin.site.urls)`, `path('__debug__/', include(debug_toolbar.urls))`: a package's URL table,
 * served for every method under the prefix. The Django admin asks for a staff login. */
function catchAllRoute(ctx: AdapterContext, entry: UrlEntry): Route {
  const isAdmin = /(^|\.)admin\.site$|^(admin_site|site)$/.test(entry.catchAll ?? '');
  const authEvidence: Route['authEvidence'] = isAdmin
    ? [{ kind: 'known-name', name: `${entry.catchAll}.urls`, detail: 'the Django admin requires a staff login' }]
    : [];
  return {
    framework: 'django',
    method: 'ALL',
    pathTemplate: joinPaths(entry.route, '...'),
    file: entry.file.uri,
    range: entry.span,
    middleware: [],
    authEvidence,
    roleChecks: isAdmin
      ? [
          {
            name: `${entry.catchAll}.urls`,
            detail: 'the Django admin requires an active staff user',
            file: entry.file,
            span: entry.span,
          },
        ]
      : [],
    rateLimited: false,
    responseExpressions: [],
    calls: [],
    request: { whole: new Set(), members: new Map(), identity: [] },
    mountedVia: [
      `${ctx.relative(entry.file.uri)}: ${entry.file.text.slice(entry.span.start, entry.span.end).replace(/\s+/g, ' ')}`,
    ],
  };
}
