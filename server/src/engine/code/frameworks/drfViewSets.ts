// Django REST framework ViewSets registered on a router: which actions a ViewSet serves and where. DRF's own
// actions come from its bases (`ModelViewSet`, `ReadOnlyModelViewSet`, the `mixins.*ModelMixin`s) and have no body
// in the project; the standard methods a ViewSet (or a project base class) defines (`def list(self, request)`) are
// the handlers of theirs; `@action(detail=…, methods=…, url_path=…)` methods add extra routes. Paths are relative
// to the registration's prefix, as a router builds them: `''` (list, create), `{pk}` (detail), `recent`,
// `{pk}/set-password`. The Django adapter (`django.ts`) turns them into Routes.
import { pathOf, strValue, type ClassFacts, type FileFacts, type FnFacts, type Span, type Val } from '../facts';
import type { AdapterContext } from './context';
import { classAttribute, constString, lastName } from './python';

export interface ViewSetAction {
  /** The action's name, as `self.action` holds it (`list`, `partial_update`, `set_password`). */
  name: string;
  methods: string[];
  /** The path under the registration's prefix, without the trailing slash (`''`, `{pk}`, `{pk}/set-password`). */
  suffix: string;
  /** The method the project writes for it; DRF's implicit actions have none. */
  handler?: { fn: FnFacts; file: FileFacts; nameSpan: Span; decorators: Val[] };
  /** Attributes the `@action(...)` sets for its own requests (`permission_classes=[IsAdminUser]`). */
  overrides: Map<string, { val: Val; file: FileFacts }>;
}

/** The standard actions: list and create on the collection, the others on one object. */
const STANDARD_ACTIONS: Record<string, { method: string; detail: boolean }> = {
  list: { method: 'GET', detail: false },
  create: { method: 'POST', detail: false },
  retrieve: { method: 'GET', detail: true },
  update: { method: 'PUT', detail: true },
  partial_update: { method: 'PATCH', detail: true },
  destroy: { method: 'DELETE', detail: true },
};

/** DRF classes (not in the project) and the standard actions they implement: the ViewSets, the mixins, and the
 * generic views built from the mixins (`ViewSetMixin, generics.ListCreateAPIView` is a ViewSet too). */
const DRF_BASE_ACTIONS: Record<string, string[]> = {
  ModelViewSet: ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'],
  ReadOnlyModelViewSet: ['list', 'retrieve'],
  ListModelMixin: ['list'],
  CreateModelMixin: ['create'],
  RetrieveModelMixin: ['retrieve'],
  UpdateModelMixin: ['update', 'partial_update'],
  DestroyModelMixin: ['destroy'],
  ListAPIView: ['list'],
  CreateAPIView: ['create'],
  RetrieveAPIView: ['retrieve'],
  UpdateAPIView: ['update', 'partial_update'],
  DestroyAPIView: ['destroy'],
  ListCreateAPIView: ['list', 'create'],
  RetrieveUpdateAPIView: ['retrieve', 'update', 'partial_update'],
  RetrieveDestroyAPIView: ['retrieve', 'destroy'],
  RetrieveUpdateDestroyAPIView: ['retrieve', 'update', 'partial_update', 'destroy'],
};

/** `@action(...)` attributes that apply to that action's requests only. */
const ACTION_OVERRIDES = ['permission_classes', 'authentication_classes', 'throttle_classes'];

interface ClassLevel {
  cls: ClassFacts;
  file: FileFacts;
}

/** The actions, each with only the methods the view accepts (`http_method_names = ['get', 'post']` turns the others
 * away with 405). */
export async function viewSetActions(ctx: AdapterContext, cls: ClassFacts, file: FileFacts): Promise<ViewSetAction[]> {
  const accepted = await classAttribute(ctx, cls, file, 'http_method_names');
  const allowed =
    accepted?.val.k === 'arr' ? new Set(accepted.val.items.map((m) => strValue(m)?.toUpperCase())) : undefined;
  return (await allActions(ctx, cls, file))
    .map((a) => ({ ...a, methods: a.methods.filter((m) => !allowed || allowed.has(m)) }))
    .filter((a) => a.methods.length > 0);
}

async function allActions(ctx: AdapterContext, cls: ClassFacts, file: FileFacts): Promise<ViewSetAction[]> {
  const hierarchy = await classHierarchy(ctx, cls, file);
  const lookup = await lookupName(ctx, cls, file);
  const actions: ViewSetAction[] = [];
  const seen = new Set<string>();
  // Python's attribute lookup: the class first, then its bases left to right; the first definition wins
  for (const level of hierarchy) {
    for (const member of level.cls.members) {
      if (!member.fn || seen.has(member.name)) continue;
      const handler = { fn: member.fn, file: level.file, nameSpan: member.nameSpan, decorators: member.decorators };
      const standard = STANDARD_ACTIONS[member.name];
      const extra = await extraAction(ctx, member.decorators, member.name, lookup, level.file);
      if (!standard && !extra) continue;
      seen.add(member.name);
      if (extra) actions.push({ name: member.name, ...extra, handler });
      else
        actions.push({
          name: member.name,
          methods: [standard!.method],
          suffix: standard!.detail ? lookup : '',
          handler,
          overrides: new Map(),
        });
    }
  }
  // `@set_password.mapping.delete def unset_password(...)`: another method on an extra action's URL
  for (const level of hierarchy) {
    for (const member of level.cls.members) {
      if (!member.fn || seen.has(member.name)) continue;
      for (const d of member.decorators) {
        if (d.k !== 'member' || d.object.k !== 'member' || d.object.prop !== 'mapping') continue;
        const actionName = pathOf(d.object.object);
        const action = actions.find((a) => a.name === actionName);
        if (!action) continue;
        seen.add(member.name);
        actions.push({
          name: member.name,
          methods: [d.prop.toUpperCase()],
          suffix: action.suffix,
          handler: { fn: member.fn, file: level.file, nameSpan: member.nameSpan, decorators: member.decorators },
          overrides: action.overrides,
        });
      }
    }
  }
  // DRF's implicit actions, from the first DRF base that provides each
  for (const level of hierarchy)
    for (const base of level.cls.bases)
      for (const name of DRF_BASE_ACTIONS[lastName(base)] ?? []) {
        if (seen.has(name)) continue;
        seen.add(name);
        const standard = STANDARD_ACTIONS[name]!;
        actions.push({ name, methods: [standard.method], suffix: standard.detail ? lookup : '', overrides: new Map() });
      }
  return actions;
}

/** The class and its project base classes, in Python's lookup order (depth first, left to right). */
async function classHierarchy(ctx: AdapterContext, cls: ClassFacts, file: FileFacts): Promise<ClassLevel[]> {
  const out: ClassLevel[] = [];
  const visit = async (c: ClassFacts, f: FileFacts, depth: number) => {
    if (depth > 6 || out.some((l) => l.cls === c)) return;
    out.push({ cls: c, file: f });
    for (const base of c.bases) {
      const sym = await ctx.resolver.valueSymbol(f, base);
      if (sym?.kind === 'class') await visit(sym.cls, sym.file, depth + 1);
    }
  };
  await visit(cls, file, 0);
  return out;
}

/** `{pk}`, or the `lookup_url_kwarg` / `lookup_field` the ViewSet sets (`{username}`). */
async function lookupName(ctx: AdapterContext, cls: ClassFacts, file: FileFacts): Promise<string> {
  for (const attr of ['lookup_url_kwarg', 'lookup_field']) {
    const found = await classAttribute(ctx, cls, file, attr);
    const name = strValue(found?.val);
    if (name) return `{${name}}`;
  }
  return '{pk}';
}

/** `@action(detail=True, methods=['post'], url_path='set-password', permission_classes=[…])`, and DRF's older
 * `@detail_route(...)` / `@list_route(...)`: its methods (GET by default), its path and its own attributes. */
async function extraAction(
  ctx: AdapterContext,
  decorators: Val[],
  name: string,
  lookup: string,
  file: FileFacts,
): Promise<Omit<ViewSetAction, 'name' | 'handler'> | undefined> {
  for (const d of decorators) {
    if (d.k !== 'call' || !/^(action|detail_route|list_route)$/.test(lastName(d))) continue;
    const kw = (key: string) => d.kwargs.find((k) => k.name === key)?.value;
    const detailVal = kw('detail');
    const detail = lastName(d) === 'detail_route' || (detailVal?.k === 'bool' && detailVal.value);
    const methodsVal = kw('methods');
    const methods =
      methodsVal?.k === 'arr'
        ? methodsVal.items.map((m) => strValue(m)?.toUpperCase()).filter((m): m is string => Boolean(m))
        : ['GET'];
    // a url_path whose value is not known before the app runs (`settings.PROFILE_URL`): the method's name
    const urlPath = (await constString(ctx, file, kw('url_path'))) ?? name;
    const overrides = new Map<string, { val: Val; file: FileFacts }>();
    for (const key of ACTION_OVERRIDES) {
      const val = kw(key);
      if (val) overrides.set(key, { val, file });
    }
    return { methods, suffix: detail ? `${lookup}/${urlPath}` : urlPath, overrides };
  }
  return undefined;
}
