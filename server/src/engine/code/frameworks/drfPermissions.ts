// A DRF view's `get_permissions()` override, read when it is simple: it picks permission lists by tests on
// `self.action` (`if self.action in ("list", "retrieve"): return [AllowAny()]`, `… if self.action == "x" else …`),
// by returning them, by assigning a local or `self.permission_classes` and returning their instances (or
// `super().get_permissions()`), or from a dict of lists by action on the view (`permission_classes_by_action`).
// Anything else it does (a test on something other than the action, a list built at run time) makes the override
// unreadable, and the adapter keeps to the view's `permission_classes`.
import { pathOf, walkVal, type BranchFact, type FileFacts, type FnFacts, type Span, type Val } from '../facts';

/** What `get_permissions()` gives one action: a list written in it, or the view's own `permission_classes` (the
 * action's `@action(permission_classes=…)`, the class attribute, the project default). */
export type PermissionPick = { kind: 'list'; val: Val; file: FileFacts } | { kind: 'inherited' };

/** The override's pick for each action, or undefined when it cannot be read for that action. */
export type PermissionsByAction = (action: string) => Promise<PermissionPick | undefined>;

type ActionTest = (action: string) => boolean | undefined;

interface Step {
  at: number;
  kind: 'local' | 'self' | 'return';
  /** The local's name (`permission_classes`, `permissions`). */
  name: string;
  val: Val;
}

/** A class attribute of the view the override serves (`permission_classes_by_action`), looked up from that view. */
export type ViewAttribute = (name: string) => Promise<{ val: Val; file: FileFacts } | undefined>;

export function readGetPermissions(fn: FnFacts, file: FileFacts, attribute: ViewAttribute): PermissionsByAction {
  const steps: Step[] = [
    ...[...fn.locals].flatMap(([name, vals]) =>
      vals.map((val) => ({ at: val.span.start, kind: 'local' as const, name, val })),
    ),
    ...fn.assigns
      .filter((a) => a.target === 'self.permission_classes')
      .map((a) => ({ at: a.value.span.start, kind: 'self' as const, name: 'self.permission_classes', val: a.value })),
    ...fn.returns.map((val) => ({ at: val.span.start, kind: 'return' as const, name: '', val })),
  ].sort((a, b) => a.at - b.at);
  return async (action) => {
    // the steps in source order, as they run for this action: assignments set a value, the first return decides
    const locals = new Map<string, PermissionPick | undefined>();
    let self: PermissionPick = { kind: 'inherited' };
    const pickOf = async (val: Val): Promise<PermissionPick | undefined | 'skip'> => {
      if (val.k === 'arr') return { kind: 'list', val, file };
      // `super().get_permissions() if self.action not in {…} else (AllowAny(),)`
      if (val.k === 'or' && val.test && val.items.length === 2) {
        const taken = actionTest(val.test)?.(action);
        return taken === undefined ? undefined : pickOf(val.items[taken ? 0 : 1]!);
      }
      if (val.k === 'call' && pathOf(val.callee).endsWith('get_permissions')) return self;
      // `[p() for p in self.permission_classes_by_action[self.action]]` (in a `try`, with `except KeyError`
      // returning the view's own): the dict's entry for the action, else on to the next return
      let byAction: Val | undefined;
      walkVal(val, (v) => {
        if (v.k === 'index' && pathOf(v.index) === 'self.action' && v.object.k === 'member') byAction ??= v.object;
      });
      if (byAction?.k === 'member' && pathOf(byAction.object) === 'self') {
        const dict = await attribute(byAction.prop);
        if (dict?.val.k !== 'obj') return undefined;
        const entry = dict.val.props.find((p) => p.key === action);
        return entry ? { kind: 'list', val: entry.value, file: dict.file } : 'skip';
      }
      // `[p() for p in self.permission_classes]`, `[p() for p in permission_classes]` (a local assigned above)
      const names = new Set<string>();
      walkVal(val, (v) => names.add(pathOf(v)));
      if (names.has('self.permission_classes')) return self;
      for (const name of names) if (locals.has(name)) return locals.get(name);
      return undefined;
    };
    for (const step of steps) {
      const runs = reached(fn.branches, step.at, action);
      if (runs === undefined) return undefined;
      if (!runs) continue;
      if (step.kind === 'local') {
        locals.set(step.name, listOrInherited(step.val, file, self));
        continue;
      }
      if (step.kind === 'self') {
        self = listOrInherited(step.val, file, self) ?? self;
        continue;
      }
      const pick = await pickOf(step.val);
      if (pick !== 'skip') return pick;
    }
    return undefined;
  };
}

/** An assigned value: a list, or the view's own classes (`self.permission_classes`); undefined when neither. */
function listOrInherited(val: Val, file: FileFacts, self: PermissionPick): PermissionPick | undefined {
  if (val.k === 'arr') return { kind: 'list', val, file };
  if (pathOf(val) === 'self.permission_classes') return self;
  return undefined;
}

/** Does the code at `at` run for `action`? Every `if` around it must take the arm holding it (its test true, the
 * earlier arms' tests false). Undefined when a test that decides it is not a test on `self.action`. */
function reached(branches: BranchFact[], at: number, action: string): boolean | undefined {
  for (const branch of branches) {
    if (!inside(branch.span, at)) continue;
    const index = branch.arms.findIndex((arm) => inside(arm.body, at));
    if (index < 0) continue; // in a test itself
    for (let i = 0; i <= index; i++) {
      const test = branch.arms[i]!.test;
      if (!test) continue; // else
      const result = actionTest(test)?.(action);
      if (result === undefined) return undefined;
      if (result !== (i === index)) return false;
    }
  }
  return true;
}

function inside(span: Span, at: number): boolean {
  return span.start <= at && at < span.end;
}

/** `self.action == "list"`, `!=`, `in ("a", "b")`, `not in [...]`, combined with `and` / `or` / `not`. */
function actionTest(test: Val): ActionTest | undefined {
  if (test.k === 'or') {
    const parts = test.items.map(actionTest);
    if (parts.some((p) => !p)) return undefined;
    return (a) => anyOf(parts.map((p) => p!(a)));
  }
  if (test.k !== 'other') return undefined;
  if (test.text === 'not') {
    const inner = test.parts[0] ? actionTest(test.parts[0]) : undefined;
    return inner && ((a) => negate(inner(a)));
  }
  if (test.text === 'and') {
    const parts = test.parts.map(actionTest);
    if (parts.some((p) => !p)) return undefined;
    return (a) => negate(anyOf(parts.map((p) => negate(p!(a)))));
  }
  const [left, right] = test.parts;
  if (test.parts.length !== 2 || !left || !right) return undefined;
  const isAction = (v: Val) => pathOf(v) === 'self.action';
  const other = isAction(left) ? right : isAction(right) ? left : undefined;
  if (!other) return undefined;
  const names = other.k === 'arr' ? other.items.map((i) => (i.k === 'str' ? i.value : undefined)) : undefined;
  switch (test.text) {
    case '==':
      return other.k === 'str' ? (a) => a === other.value : undefined;
    case '!=':
      return other.k === 'str' ? (a) => a !== other.value : undefined;
    case 'in':
    case 'not in': {
      const member: ActionTest | undefined =
        names && names.every((n) => n !== undefined)
          ? (a) => names.includes(a)
          : other.k === 'str'
            ? (a) => other.value.includes(a) // `in ("list")`: a string, so a substring test
            : undefined;
      if (!member || !isAction(left)) return undefined;
      return test.text === 'in' ? member : (a) => negate(member(a));
    }
    default:
      return undefined;
  }
}

function negate(b: boolean | undefined): boolean | undefined {
  return b === undefined ? undefined : !b;
}

function anyOf(results: (boolean | undefined)[]): boolean | undefined {
  if (results.some((r) => r === true)) return true;
  return results.some((r) => r === undefined) ? undefined : false;
}
