// Quick-fixes for unbounded request values (oas-string-unbounded, oas-array-unbounded, oas-integer-unbounded): the
// missing bound is added beside the schema's `type`, in the style it is written in (block YAML, flow YAML, JSON).
// The value is the one a same-named property (or parameter) uses elsewhere in the document when there is one, else
// a default, offered as a snippet placeholder where the client takes snippets. `additionalProperties: true` / `{}`
// of a request object (oas-request-additional-properties) becomes `false`.
import type { LineIndex } from '../positions';
import { sameNamedBound, specDocument, valueAt } from './specDocument';
import type { FixContext, FixProvider, TextEdit } from './types';

type JsonPath = (string | number)[];

const DEFAULTS: Record<string, number> = { maxLength: 256, maxItems: 100, minimum: 0, maximum: 1_000_000 };

const boundFix =
  (keywords: string[], what: string): FixProvider =>
  (text, data, context) => {
    if (!data.valueRange || !data.path || data.path[data.path.length - 1] !== 'type') return [];
    const { lines } = context;
    const schemaPath = data.path.slice(0, -1);
    const values = context.probe ? undefined : chosenValues(text, schemaPath, keywords, context);
    if (values === null) return [];
    const entries = (values ?? keywords.map((k) => ({ keyword: k, value: DEFAULTS[k]!, placeholder: true }))).map(
      (v, i) => ({ ...v, tabStop: i + 1 }),
    );
    const edit = insertAfterValue(
      text,
      lines,
      lines.offsetAt(data.valueRange.start),
      lines.offsetAt(data.valueRange.end),
      entries,
      context.json,
    );
    if (!edit) return [];
    const named = entries.map((e) => `${e.keyword}: ${e.value}`).join(', ');
    return [{ title: `Bound the ${what} (${named})`, edits: [edit], isPreferred: true }];
  };

export const addMaxLength = boundFix(['maxLength'], 'string');
export const addMaxItems = boundFix(['maxItems'], 'array');
export const addIntegerBounds = boundFix(['minimum', 'maximum'], 'integer');

/** Values for the keywords the schema lacks; null when it lacks none (or the schema cannot be read). */
function chosenValues(
  text: string,
  schemaPath: JsonPath,
  keywords: string[],
  context: FixContext,
): { keyword: string; value: number; placeholder: boolean }[] | null {
  const document = specDocument(text, context.uri ?? 'file:///fix.yaml', context.json);
  const schema = valueAt(document.data, schemaPath);
  if (typeof schema !== 'object' || schema === null) return null;
  const record = schema as Record<string, unknown>;
  const missing = keywords.filter(
    (k) =>
      typeof record[k] !== 'number' &&
      typeof record[k === 'minimum' ? 'exclusiveMinimum' : k === 'maximum' ? 'exclusiveMaximum' : k] !== 'number',
  );
  if (missing.length === 0) return null;
  const name = nameOf(document.data, schemaPath);
  return missing.map((keyword) => {
    const known = name === undefined ? undefined : sameNamedBound(document.data, name, keyword);
    return { keyword, value: known ?? DEFAULTS[keyword]!, placeholder: known === undefined };
  });
}

/** The property or parameter name of a schema at a path (`…properties.email`, `…parameters.0.schema`). */
function nameOf(data: unknown, schemaPath: JsonPath): string | undefined {
  const n = schemaPath.length;
  if (n >= 2 && schemaPath[n - 2] === 'properties') return String(schemaPath[n - 1]);
  if (n >= 1 && schemaPath[n - 1] === 'schema') {
    const name = (valueAt(data, schemaPath.slice(0, -1)) as Record<string, unknown> | undefined)?.name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/**
 * Entries inserted after the value of a mapping entry (`type: string`): on the next line at the key's column in
 * block YAML and multi-line JSON, after a comma in flow YAML and one-line JSON. Undefined for layouts we do not
 * edit (the key not found before the value).
 */
function insertAfterValue(
  text: string,
  lines: LineIndex,
  valueStart: number,
  valueEnd: number,
  entries: { keyword: string; value: number; placeholder: boolean; tabStop: number }[],
  json: boolean,
): TextEdit | undefined {
  const keyStart = keyBefore(text, valueStart);
  if (keyStart === undefined) return undefined;
  const entry = (e: (typeof entries)[number], snippet: boolean) => {
    const value = snippet && e.placeholder ? `\${${e.tabStop}:${e.value}}` : String(e.value);
    return json ? `"${e.keyword}": ${value}` : `${e.keyword}: ${value}`;
  };
  let next = valueEnd;
  while (next < text.length && (text[next] === ' ' || text[next] === '\t')) next++;
  const at = text[next];
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const flowLine = at === ',' || at === '}';
  if (flowLine) {
    const build = (snippet: boolean) => entries.map((e) => `, ${entry(e, snippet)}`).join('');
    return { range: lines.rangeOf(valueEnd, valueEnd), newText: build(false), snippet: build(true) };
  }
  const column = lines.positionAt(keyStart).character;
  const indent = lines.lineText(lines.positionAt(keyStart).line).slice(0, column).replace(/[^\t]/g, ' ');
  if (json) {
    const build = (snippet: boolean) => entries.map((e) => `,${newline}${indent}${entry(e, snippet)}`).join('');
    return { range: lines.rangeOf(valueEnd, valueEnd), newText: build(false), snippet: build(true) };
  }
  // Block YAML: after the end of the line (a trailing comment stays where it is).
  if (at !== undefined && at !== '\n' && at !== '\r' && at !== '#') return undefined;
  const line = lines.positionAt(valueEnd).line;
  const lineEnd = lines.offsetAt({ line, character: lines.lineText(line).length });
  const build = (snippet: boolean) => entries.map((e) => `${newline}${indent}${entry(e, snippet)}`).join('');
  return { range: lines.rangeOf(lineEnd, lineEnd), newText: build(false), snippet: build(true) };
}

/** Start of the mapping key whose value starts at `valueStart` (`type:` / `"type":`), on the same line. */
function keyBefore(text: string, valueStart: number): number | undefined {
  let i = valueStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (text[i] !== ':') return undefined;
  i--;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    const open = text.lastIndexOf(quote, i - 1);
    return open < 0 ? undefined : open;
  }
  let start = i;
  while (start > 0 && /[\w$-]/.test(text[start - 1]!)) start--;
  return start <= i ? start : undefined;
}

export const closeAdditionalProperties: FixProvider = (text, data, context) => {
  if (!data.valueRange || !data.path) return [];
  const key = data.path[data.path.length - 1];
  if (key !== 'additionalProperties' && key !== 'unevaluatedProperties') return [];
  const { lines } = context;
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  if (!/^(true|\{\s*\})$/.test(text.slice(start, end))) return [];
  return [
    {
      title: `Accept only the listed properties (${key}: false)`,
      edits: [{ range: lines.rangeOf(start, end), newText: 'false' }],
      isPreferred: true,
    },
  ];
};
