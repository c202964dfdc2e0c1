// "Disable <rule> for this line": the edit that suppresses one finding where it is, with a reason to fill in. In
// YAML, Python and JS/TS it is a comment on the line above, indented like the finding's line (or the rule added to
// a directive already there); JSON has no comments, so a JSON spec gets an `x-apiwarden-ignore` entry on the node
// the finding is about (suppressions/specIgnores.ts reads it).
import type { Range } from '../findings';
import { SourceDocument } from '../openapi/sourceDocument';
import { LineIndex } from '../positions';
import { extensionOf, uriToPath } from '../uris';
import { insertFirstEntry } from './addWriteOnly';
import type { Fix, TextEdit } from './types';

const SLASH_COMMENT_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
const REASON = 'reason';

export interface DisableTarget {
  ruleId: string;
  range: Range;
  /** JSON path of the finding's node (JSON specs: where `x-apiwarden-ignore` goes). */
  path?: (string | number)[] | undefined;
}

export function disableForLineFix(target: DisableTarget, text: string, uri: string): Fix | undefined {
  const edit = extensionOf(uri) === '.json' ? ignoreEntryEdit(target, text, uri) : commentEdit(target, text, uri);
  if (!edit) return undefined;
  return {
    title:
      extensionOf(uri) === '.json'
        ? `Disable ${target.ruleId} for this node (x-apiwarden-ignore)`
        : `Disable ${target.ruleId} for this line`,
    edits: [edit],
    isPreferred: false,
  };
}

function commentEdit(target: DisableTarget, text: string, uri: string): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = target.range.start.line;
  if (line >= lines.lineCount) return undefined;
  const marker = SLASH_COMMENT_EXTENSIONS.has(extensionOf(uri)) ? '//' : '#';
  // A directive on the line above already: name one more rule in it.
  if (line > 0) {
    const above = lines.lineText(line - 1);
    const directive =
      /^(\s*(?:\/\/|#)[ \t]*apiwarden-disable-next-line[ \t]+)([a-z][\w-]*(?:[ \t]*,[ \t]*[a-z][\w-]*)*)/.exec(above);
    if (directive) {
      if (directive[2]!.split(/[\s,]+/).includes(target.ruleId)) return undefined;
      const at = lines.offsetAt({ line: line - 1, character: directive[0].length });
      return { range: lines.rangeOf(at, at), newText: `, ${target.ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const at = lines.offsetAt({ line, character: 0 });
  const comment = `${indent}${marker} apiwarden-disable-next-line ${target.ruleId} -- `;
  return {
    range: lines.rangeOf(at, at),
    newText: `${comment}<${REASON}>${newline}`,
    snippet: `${comment}\${1:${REASON}}${newline}`,
  };
}

function ignoreEntryEdit(target: DisableTarget, text: string, uri: string): TextEdit | undefined {
  if (!target.path) return undefined;
  const document = new SourceDocument(text, 'json', uriToPath(uri));
  // The node: the finding's own value when it is an object, else the nearest object above it.
  const values: unknown[] = [document.data];
  for (const segment of target.path) values.push(asRecord(values[values.length - 1])?.[segment]);
  let depth = target.path.length;
  while (depth > 0 && !isPlainObject(values[depth])) depth--;
  if (!isPlainObject(values[depth])) return undefined;
  const nodePath = target.path.slice(0, depth);
  const lines = document.lineIndex;
  const entry = (reason: string) => `{ "rule": "${target.ruleId}", "reason": "${reason}" }`;
  const existing = (values[depth] as Record<string, unknown>)['x-apiwarden-ignore'];
  if (existing !== undefined) {
    if (!Array.isArray(existing)) return undefined;
    if (existing.some((e) => e === target.ruleId || asRecord(e)?.rule === target.ruleId)) return undefined;
    const range = document.valueRangeForPath([...nodePath, 'x-apiwarden-ignore']);
    if (!range) return undefined;
    const at = lines.offsetAt(range.start) + 1; // after `[`
    const separator = existing.length > 0 ? ', ' : '';
    return {
      range: lines.rangeOf(at, at),
      newText: entry(`<${REASON}>`) + separator,
      snippet: entry(`\${1:${REASON}}`) + separator,
    };
  }
  const range = nodePath.length === 0 ? undefined : document.valueRangeForPath(nodePath);
  const start = range ? lines.offsetAt(range.start) : text.indexOf('{');
  if (start < 0) return undefined;
  const plain = insertFirstEntry(text, lines, start, 'x-apiwarden-ignore', `[${entry(`<${REASON}>`)}]`, true);
  const snippet = insertFirstEntry(text, lines, start, 'x-apiwarden-ignore', `[${entry(`\${1:${REASON}}`)}]`, true);
  if (!plain || !snippet) return undefined;
  return { range: lines.rangeOf(plain.offset, plain.offset), newText: plain.newText, snippet: snippet.newText };
}

function asRecord(value: unknown): Record<string | number, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>) : undefined;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
