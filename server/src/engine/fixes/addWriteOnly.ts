// Quick-fix for oas-password-readable: adds `writeOnly: true` to the property's schema, in the style the
// schema is written in (block YAML, flow YAML, JSON), touching nothing else.
import type { LineIndex } from '../positions';
import type { Fix, FixProvider } from './types';

export const addWriteOnly: FixProvider = (text, data, context) => {
  if (!data.valueRange) return [];
  const { lines } = context;
  const start = lines.offsetAt(data.valueRange.start);
  const edit = insertFirstEntry(text, lines, start, 'writeOnly', 'true', context.json);
  if (!edit) return [];
  const fix: Fix = {
    title: 'Mark the property writeOnly (never returned in responses)',
    edits: [{ range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText }],
    isPreferred: true,
  };
  return [fix];
};

/**
 * The insertion that makes `key: value` the first entry of the mapping starting at `start`, or undefined when
 * the mapping's layout is not one we can edit safely.
 */
export function insertFirstEntry(
  text: string,
  lines: LineIndex,
  start: number,
  key: string,
  value: string,
  json: boolean,
): { offset: number; newText: string } | undefined {
  const open = text[start];
  if (open === '{') {
    const entry = json ? `"${key}": ${value}` : `${key}: ${value}`;
    let next = start + 1;
    while (next < text.length && /[ \t]/.test(text[next]!)) next++;
    if (text[next] === '}') return { offset: start + 1, newText: json ? entry : ` ${entry} ` };
    if (text[next] === '\n' || text[next] === '\r') {
      // Multi-line flow/JSON mapping: put the new entry on its own line, indented like the first entry.
      const firstEntry = /[^\s]/.exec(text.slice(next))?.index;
      if (firstEntry === undefined) return undefined;
      const firstPos = lines.positionAt(next + firstEntry);
      const indent = lines.lineText(firstPos.line).slice(0, firstPos.character);
      if (!/^[ \t]*$/.test(indent)) return undefined;
      const newline = text[next] === '\r' ? '\r\n' : '\n';
      return { offset: start + 1, newText: `${newline}${indent}${entry},` };
    }
    return { offset: next, newText: `${entry}, ` };
  }
  if (json) return undefined; // a JSON value that is not an object: nothing to insert into
  // Block mapping: `start` is the first key; everything before it on its line must be indentation.
  const position = lines.positionAt(start);
  const indent = lines.lineText(position.line).slice(0, position.character);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { offset: start, newText: `${key}: ${value}${newline}${indent}` };
}
