// Suppressions written in an OpenAPI document itself: `x-apiwarden-ignore: [{ rule, reason }]` on a node silences
// findings of those rules at that node and below. It is data, not a comment, so it works in JSON too and travels
// with `$ref`'d fragments. Entries may also be plain rule ids (`x-apiwarden-ignore: [oas-foo]`), without a reason.
import type { Range } from '../findings';

export const IGNORE_KEY = 'x-apiwarden-ignore';

export type JsonPath = (string | number)[];

export interface SpecIgnore {
  kind: 'x-apiwarden-ignore';
  /** JSON path of the node carrying the key (findings at it or below are silenced). */
  path: JsonPath;
  /** The rule named by this entry; `*` for an entry without a rule. */
  rule: string;
  reason: string | undefined;
  /** Where the entry is written (unused ones are reported there). */
  range: Range | undefined;
}

/** The entries of the `x-apiwarden-ignore` value at a node (`value` being the node), in order. */
export function ignoresOf(node: unknown, path: JsonPath, rangeOf: (path: JsonPath) => Range | undefined): SpecIgnore[] {
  if (!isObject(node)) return [];
  const value = node[IGNORE_KEY];
  if (value === undefined) return [];
  const entries = Array.isArray(value) ? value : [value];
  const out: SpecIgnore[] = [];
  entries.forEach((entry, i) => {
    const entryPath = Array.isArray(value) ? [...path, IGNORE_KEY, i] : [...path, IGNORE_KEY];
    const range = () => rangeOf(entryPath) ?? rangeOf([...path, IGNORE_KEY]);
    if (typeof entry === 'string') {
      out.push({ kind: IGNORE_KEY, path, rule: entry.trim() || '*', reason: undefined, range: range() });
    } else if (isObject(entry)) {
      const reason = typeof entry.reason === 'string' && entry.reason.trim() !== '' ? entry.reason.trim() : undefined;
      const rules = Array.isArray(entry.rule) ? entry.rule : [entry.rule ?? '*'];
      for (const rule of rules)
        if (typeof rule === 'string')
          out.push({ kind: IGNORE_KEY, path, rule: rule.trim() || '*', reason, range: range() });
    }
  });
  return out;
}

/** The ignores along a finding's JSON path in its file: at the root, at each ancestor, at the node itself. */
export function ignoresAlong(
  data: unknown,
  path: JsonPath,
  rangeOf: (path: JsonPath) => Range | undefined,
): SpecIgnore[] {
  const out: SpecIgnore[] = [];
  let node: unknown = data;
  for (let depth = 0; ; depth++) {
    out.push(...ignoresOf(node, path.slice(0, depth), rangeOf));
    if (depth === path.length || !isObject(node)) break;
    node = (node as Record<string | number, unknown>)[path[depth]!];
  }
  return out;
}

/** Every `x-apiwarden-ignore` of a document (for unused ones), found by one walk of its data. */
export function allIgnores(data: unknown, rangeOf: (path: JsonPath) => Range | undefined): SpecIgnore[] {
  const out: SpecIgnore[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown, path: JsonPath) => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    out.push(...ignoresOf(node, path, rangeOf));
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else for (const key of Object.keys(node)) if (key !== IGNORE_KEY) walk(node[key], [...path, key]);
  };
  walk(data, []);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
