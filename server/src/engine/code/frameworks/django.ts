// Django and Django REST framework: views (functions, `@api_view`, APIView/ViewSet/generic classes, Django
// class-based views) routed by `urls.py` (`path()`/`re_path()`/`url()`, `include('app.urls')`, DRF routers'
// `register()`), with `permission_classes` (attribute or decorator), `AllowAny`, `@login_required`,
// `LoginRequiredMixin`, and the project's `REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES']` /
// `DEFAULT_THROTTLE_CLASSES` and `LoginRequiredMiddleware` from settings. The URL tables are read in `djangoUrls.ts`.
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
import { classAttribute, djangoRequestModel, evaluatedRef, lastName, pyResponses } from './python';
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
    const sym = await ctx.resolver.valueSymbol(entry.file, view);
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
  return methods.flatMap((method) => makeRoutes(ctx, fn, fn.nameSpan ?? fn.span, method, entries, refs, fn));
}

/** A class-based view: its bases, permission and throttle classes, decorators, then one route per handler method. */
async function classViewRoutes(
  ctx: AdapterContext,
  cls: ClassFacts,
  entries: UrlEntry[],
  settings: DjangoSettings,
): Promise<Route[]> {
  const file = ctx.file;
  const routes: Route[] = [];
  const isDrf = cls.basesText.some((b) => /APIView|ViewSet/.test(b));
  const refs: MiddlewareRef[] = [];
  for (const base of cls.bases) {
    const v = await ctx.auth.evaluate(file, base);
    if (v.evidence || v.role)
      refs.push({
        name: pathOf(base),
        val: base,
        uri: file.uri,
        level: 'class',
        ...(v.evidence ? { auth: v.evidence } : {}),
        ...(v.role ? { role: v.role } : {}),
      });
  }
  // permission_classes on the view or inherited from a workspace base or mixin (`ApiAuthMixin`)
  const permsAttr = await classAttribute(ctx, cls, file, 'permission_classes');
  const perms = permsAttr?.val;
  if (permsAttr) {
    const ref = await evaluatedRef(ctx, permsAttr.file, permsAttr.val, 'class');
    if (permsAttr.cls !== cls) ref.name = `${permsAttr.cls.name}.permission_classes: ${ref.name}`;
    refs.push(ref);
  }
  const throttles = cls.members.find((m) => m.name === 'throttle_classes')?.value;
  if (throttles?.k === 'arr' && throttles.items.length > 0)
    refs.push({ name: 'throttle_classes', val: throttles, uri: file.uri, level: 'class', rateLimit: true });
  for (const d of cls.decorators) refs.push(await evaluatedRef(ctx, file, d, 'class'));
  await applyDefaults(ctx, refs, settings, isDrf, !perms, false);
  let any = false;
  for (const member of cls.members) {
    if (!member.fn) continue;
    const method = CLASS_METHODS.includes(member.name) ? member.name.toUpperCase() : VIEWSET_ACTIONS[member.name];
    if (!method) continue;
    any = true;
    const own = [...refs];
    for (const d of member.decorators) own.push(await evaluatedRef(ctx, file, d, 'route'));
    routes.push(...makeRoutes(ctx, member.fn, member.nameSpan, method, entries, own, member.fn));
  }
  if (!any) {
    const generic = GENERIC_METHODS.find(([re]) => cls.basesText.some((b) => re.test(b.split('.').pop() ?? b)));
    for (const method of generic?.[1] ?? [])
      routes.push(...makeRoutes(ctx, undefined, cls.nameSpan, method, entries, refs, undefined));
  }
  return routes;
}

function makeRoutes(
  ctx: AdapterContext,
  fn: FnFacts | undefined,
  range: Span,
  method: string,
  entries: UrlEntry[],
  refs: MiddlewareRef[],
  handler: FnFacts | undefined,
): Route[] {
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
      route.handler = handler;
      route.handlerFile = ctx.file;
      route.handlerRange = handler.span;
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
