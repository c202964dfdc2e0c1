// Django URL tables: the entries of every urls module (`urlpatterns` with path()/re_path()/url(), include() chains,
// DRF routers' `register()` + `router.urls`), each with its full route. The Django adapter (`django.ts`) matches
// them to views.
import { pathOf, strValue, type FileFacts, type Span, type Val } from '../facts';
import { joinPaths } from '../model';
import { lastName } from './python';

export interface UrlEntry {
  route: string;
  view: Val;
  file: FileFacts;
  span: Span;
  /** A package's whole URL table mounted here (`admin.site`, `debug_toolbar`). */
  catchAll?: string;
  /** A ViewSet registered on a DRF router: `route` is the registration's prefix, under which each of the ViewSet's
   * actions has its own path (`users/`, `users/{pk}/`, `users/{pk}/set-password/`); `trailingSlash` is `''` for
   * `DefaultRouter(trailing_slash=False)`. */
  router?: { trailingSlash: string };
  /** Where `view` is written when that is not `file`: a router registered in another module. */
  viewFile?: FileFacts;
}

/** `include('app.urls')` under `route` in `file`: the included module's entries get the route as a prefix. */
interface UrlInclude {
  route: string;
  target: string;
  file: FileFacts;
}

/** A DRF router's `register(prefix, viewset)` calls, by the router's name. */
type RouterRegistrations = Map<string, Registration[]>;

interface Registration {
  prefix: string;
  view: Val;
  /** The file that registers it (a urls module may include a router built in another module). */
  file: FileFacts;
  span: Span;
  trailingSlash: string;
}

/** One urls module being read, and where its entries and includes go. */
interface UrlModule {
  file: FileFacts;
  routers: RouterRegistrations;
  entries: UrlEntry[];
  includes: UrlInclude[];
}

/** path()/re_path()/url() entries of every urls module, with prefixes from include() chains: `include('app.urls')`,
 * `include(('app.urls', 'namespace'))`, inline `include(([path(…), …], 'ns'))`, a list bound to a name
 * (`include(extra_patterns)`), DRF routers' `router.urls`. `catchAll` entries mount a package's URL table
 * (`admin.site.urls`, `include(debug_toolbar.urls)`): every method under the prefix. */
export function collectUrlEntries(files: FileFacts[]): UrlEntry[] {
  const entries: UrlEntry[] = [];
  const includes: UrlInclude[] = [];
  const registrations = new Map(files.map((f) => [f, routerRegistrations(f)]));
  for (const f of files) {
    const module: UrlModule = { file: f, routers: visibleRouters(f, registrations), entries, includes };
    for (const b of f.bindings) {
      if (b.name !== 'urlpatterns') continue;
      visitPatterns(module, listOf(f, b.value, 0) ?? [b.value], '', 0);
    }
    collectPackageUrls(module);
  }
  return withIncludePrefixes(entries, includes);
}

function routerRegistrations(f: FileFacts): RouterRegistrations {
  const routers: RouterRegistrations = new Map();
  for (const call of f.allCalls) {
    if (
      call.method === 'register' &&
      call.val.callee.k === 'member' &&
      strValue(call.val.args[0]) !== undefined &&
      call.val.args[1]
    ) {
      const key = pathOf(call.val.callee.object);
      const registration: Registration = {
        prefix: strValue(call.val.args[0])!,
        view: call.val.args[1],
        file: f,
        span: call.val.span,
        trailingSlash: trailingSlashOf(f, key),
      };
      routers.set(key, [...(routers.get(key) ?? []), registration]);
    }
  }
  return routers;
}

/** `DefaultRouter()` / `SimpleRouter()` end every URL with `/`; `trailing_slash=False` leaves it out. */
function trailingSlashOf(f: FileFacts, routerName: string): string {
  const built = f.bindingsByName.get(routerName)?.at(-1);
  const option = built?.k === 'call' ? built.kwargs.find((k) => k.name === 'trailing_slash')?.value : undefined;
  if (option?.k === 'bool') return option.value ? '/' : '';
  if (option?.k === 'str') return option.value.includes('/') ? '/' : '';
  return '/';
}

/** The routers a urls module can name: its own, and those it imports from a module of the project that registers
 * ViewSets on them (`from .routers import router`, then `include(router.urls)`). */
function visibleRouters(f: FileFacts, registrations: Map<FileFacts, RouterRegistrations>): RouterRegistrations {
  const routers: RouterRegistrations = new Map(registrations.get(f));
  for (const imp of f.imports) {
    if (routers.has(imp.local) || imp.imported === '*') continue;
    const modulePath = imp.module.replace(/^\.+/, '').replace(/\./g, '/');
    for (const [other, regs] of registrations) {
      const found = regs.get(imp.imported);
      const otherPath = other.uri.replace(/\.py$/, '').replace(/\/__init__$/, '');
      if (other !== f && found && modulePath && otherPath.endsWith('/' + modulePath)) routers.set(imp.local, found);
    }
  }
  return routers;
}

function isRouterUrls(module: UrlModule, v: Val | undefined): boolean {
  return v?.k === 'member' && v.prop === 'urls' && module.routers.has(pathOf(v.object));
}

function isPackageUrls(module: UrlModule, v: Val | undefined): boolean {
  return v?.k === 'member' && v.prop === 'urls' && !module.routers.has(pathOf(v.object));
}

/** The items of a pattern list: a literal, a concatenation of lists, or a name bound to one. */
function listOf(f: FileFacts, v: Val | undefined, depth: number): Val[] | undefined {
  if (!v || depth > 3) return undefined;
  if (v.k === 'arr') return v.items;
  if (v.k === 'tmpl') return v.parts.flatMap((p) => listOf(f, p, depth + 1) ?? [p]);
  if (v.k === 'ref') {
    const bound = f.bindingsByName.get(v.name);
    return bound?.length ? listOf(f, bound[bound.length - 1], depth + 1) : undefined;
  }
  return undefined;
}

function visitPatterns(module: UrlModule, items: Val[], prefix: string, depth: number): void {
  if (depth > 6) return;
  const f = module.file;
  for (const item of items) {
    if (isRouterUrls(module, item) && item.k === 'member') {
      for (const reg of module.routers.get(pathOf(item.object)) ?? [])
        module.entries.push({
          route: joinPaths(prefix, namedGroups(reg.prefix)),
          view: reg.view,
          file: f,
          // a router built in another module: the `router.urls` written here (the include chain starts here)
          span: reg.file === f ? reg.span : item.span,
          router: { trailingSlash: reg.trailingSlash },
          ...(reg.file === f ? {} : { viewFile: reg.file }),
        });
      continue;
    }
    if (item.k !== 'call' || !/^(path|re_path|url)$/.test(lastName(item))) continue;
    const route = joinPaths(prefix, cleanRoute(strValue(item.args[0]) ?? ''));
    const view = item.args[1];
    if (!view || isPackageUrls(module, view)) continue; // catch-alls: collectPackageUrls, from every call
    if (view.k === 'call' && lastName(view) === 'include') {
      visitInclude(module, view.args[0], route, depth);
      continue;
    }
    module.entries.push({ route, view, file: f, span: item.span });
  }
}

/** `include(target)` under `route`: another module (recorded for its prefix), a router's urls or an inline list. */
function visitInclude(module: UrlModule, target: Val | undefined, route: string, depth: number): void {
  // include(('app.urls', 'ns')) / include(([…], 'ns')): the first item of the tuple
  if (target?.k === 'arr' && target.items.length === 2 && strValue(target.items[1]) !== undefined)
    target = target.items[0];
  if (target?.k === 'str') module.includes.push({ route, target: target.value, file: module.file });
  else if (isRouterUrls(module, target)) visitPatterns(module, [target!], route, depth + 1);
  else if (!isPackageUrls(module, target)) {
    const inner = listOf(module.file, target, 0);
    if (inner) visitPatterns(module, inner, route, depth + 1);
  }
}

/** `path('admin/', admin.site.urls)`, `path('__debug__/', include(debug_toolbar.urls))`, wherever they are called. */
function collectPackageUrls(module: UrlModule): void {
  for (const call of module.file.allCalls) {
    if (!/^(path|re_path|url)$/.test(call.method) || call.val.callee.k !== 'ref') continue;
    const view = call.val.args[1];
    const target = view?.k === 'call' && lastName(view) === 'include' ? view.args[0] : view;
    if (!isPackageUrls(module, target) || target?.k !== 'member') continue;
    module.entries.push({
      route: cleanRoute(strValue(call.val.args[0]) ?? ''),
      view: target,
      file: module.file,
      span: call.val.span,
      catchAll: pathOf(target.object),
    });
  }
}

/** Prefixes: a urls module included from another under a route. */
function withIncludePrefixes(entries: UrlEntry[], includes: UrlInclude[]): UrlEntry[] {
  const prefixOf = (file: FileFacts, depth: number): string => {
    if (depth > 5) return '';
    const modulePath = file.uri.replace(/\.py$/, '').replace(/\/__init__$/, '');
    for (const inc of includes) {
      const dotted = inc.target.replace(/\./g, '/');
      if (modulePath.endsWith('/' + dotted)) return joinPaths(prefixOf(inc.file, depth + 1), inc.route);
    }
    return '';
  };
  return entries.map((r) => ({ ...r, route: joinPaths(prefixOf(r.file, 0), r.route) }));
}

/** A router prefix may be a regex: `titles/(?P<title_id>\\d+)/reviews` → `titles/{title_id}/reviews`, like the
 * `{pk}` the router adds after it. */
function namedGroups(prefix: string): string {
  return prefix.replace(/\(\?P<(\w+)>[^)]*\)/g, '{$1}');
}

function cleanRoute(route: string): string {
  return route.replace(/^\^/, '').replace(/\$$/, '');
}
