// A DRF view's `get_permissions()` override, read when it is simple: it picks permission lists by tests on
// `self.action` (`if self.action in ("list", "retrieve"): return [AllowAny()]`), by returning them or by assigning
// `permission_classes` / `self.permission_classes` and returning their instances (or `super().get_permissions()`).
// Anything else it does (a test on something other than the action, a list built at run time) makes the override
// unreadable, and the adapter keeps to the view's `permission_classes`.
import { pathOf, walkVal, type BranchFact, type FileFacts, type FnFacts, type Span, type Val } from '../facts';

/** What `get_permissions()` gives one action: a list written in it, or the view's own `permission_classes` (the
 * action's `@action(permission_classes=…)`, the class attribute, the project default). */
export type PermissionPick = { kind: 'list'; val: Val; file: FileFacts } | { kind: 'inherited' };

/** The override's pick for each action, or undefined when it cannot be read for that action. */
export type PermissionsByAction = (action: string) => PermissionPick | undefined;

type ActionTest = (action: string) => boolean | undefined;

interface Step {
  at: number;
  kind: 'local' | 'self' | 'return';
  val: Val;
}

export function readGetPermissions(fn: FnFacts, file: FileFacts): PermissionsByAction {
  const steps: Step[] = [
    ...(fn.locals.get('permission_classes') ?? []).map((val) => ({ at: val.span.start, kind: 'local' as const, val })),
    ...fn.assigns
      .filter((a) => a.target === 'self.permission_classes')
      .map((a) => ({ at: a.value.span.start, kind: 'self' as const, val: a.value })),
    ...fn.returns.map((val) => ({ at: val.span.start, kind: 'return' as const, val })),
  ].sort((a, b) => a.at - b.at);
  return (action) => {
    // the steps in source order, as they run for this action: assignments set a value, the first return decides
    let local: PermissionPick | undefined;
    let self: PermissionPick = { kind: 'inherited' };
    for (const step of steps) {
      const runs = reached(fn.branches, step.at, action);
      if (runs === undefined) return undefined;
      if (!runs) continue;
      if (step.kind !== 'return') {
        const pick = listOrInherited(step.val, file, self);
        if (step.kind === 'local') local = pick;
        else if (pick) self = pick;
        continue;
      }
      if (step.val.k === 'arr') return { kind: 'list', val: step.val, file };
      // `super().get_permissions()`, `[p() for p in self.permission_classes]`, `[p() for p in permission_classes]`
      if (step.val.k === 'call' && pathOf(step.val.callee).endsWith('get_permissions')) return self;
      const names = new Set<string>();
      walkVal(step.val, (v) => names.add(pathOf(v)));
      if (names.has('self.permission_classes')) return self;
      if (names.has('permission_classes')) return local;
      return undefined;
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
