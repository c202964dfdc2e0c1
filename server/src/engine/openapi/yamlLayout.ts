// Where the entries of a YAML OpenAPI document's big block mappings are (`paths`, `components.schemas`…), found
// by a scan of lines, and — after an edit — derived from the previous version's layout without a scan of the
// whole text. The chunked parser (chunkedYaml.ts) parses each entry on its own from this layout.
//
// The incremental layout must always equal what a fresh scan finds (tests compare them after random edits):
// every shortcut below is taken only when the edit provably cannot change what the scan looks at.
import type { Chunk } from './chunkedYaml';

// Root keys whose block-mapping entries become chunks; `components` holds one more level of containers.
export const ENTRY_CONTAINERS = new Set(['paths', 'webhooks', 'definitions', 'parameters', 'responses', 'x-webhooks']);
export const NESTED_CONTAINERS = new Set(['components']);

export interface ContainerLayout {
  path: string[];
  spans: Span[];
  /** The previous version's chunks an edit removed or rewrote (incremental layout): their cached parses go. */
  replaced?: Chunk[];
}

export interface Span {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** The previous version's chunk for this entry, when its text is unchanged (incremental layout). */
  reuse?: Chunk;
}

export interface PreviousParse {
  text: string;
  layout: ContainerLayout[];
  containers: { chunks: Chunk[] }[];
}

/** Line numbers of increasing offsets, counted with the engine's native search rather than line by line. */
class LineCounter {
  private offset = 0;
  private line = 0;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 0;
    }
    for (let i = this.text.indexOf('\n', this.offset); i !== -1 && i < offset; i = this.text.indexOf('\n', i + 1))
      this.line++;
    this.offset = offset;
    return this.line;
  }
}

const KEY = `([A-Za-z0-9_$.\\-/]+|'[^'\\n]*'|"[^"\\n]*")`;
/** A key with nothing after it but a comment: a block (mapping) follows on the next lines. */
const BLOCK_KEY = `${KEY}:[ \\t]*(?:#[^\\n]*)?\\r?$`;
const TOP_LEVEL_BLOCK_KEY = new RegExp(`^${BLOCK_KEY}`, 'gm');
const TOP_LEVEL_BLOCK_KEY_LINE = new RegExp(`^${BLOCK_KEY}`);
const FIRST_CONTENT_LINE = /^( *)[^ \r\n#]/gm;
const regexCache = new Map<string, RegExp>();

/** Regexes that depend on an indentation, compiled once each. */
function cachedRegex(source: string): RegExp {
  let regex = regexCache.get(source);
  if (!regex) regexCache.set(source, (regex = new RegExp(source, 'gm')));
  return regex;
}

export function unquote(raw: string): string {
  return raw.startsWith("'") || raw.startsWith('"') ? raw.slice(1, -1) : raw;
}

/** Finds the chunkable containers and their entries; undefined when there is nothing worth chunking. */
export function findLayout(text: string): ContainerLayout[] | undefined {
  const layouts: ContainerLayout[] = [];
  const lines = new LineCounter(text);
  TOP_LEVEL_BLOCK_KEY.lastIndex = 0;
  for (let match = TOP_LEVEL_BLOCK_KEY.exec(text); match; match = TOP_LEVEL_BLOCK_KEY.exec(text)) {
    const key = unquote(match[1]!);
    const bodyStart = match.index + match[0].length + 1;
    if (ENTRY_CONTAINERS.has(key)) {
      const layout = entriesOf(text, bodyStart, 0, [key], lines);
      if (layout === null) return undefined;
      if (layout) layouts.push(layout);
    } else if (NESTED_CONTAINERS.has(key)) {
      const block = blockOf(text, bodyStart, 0);
      if (!block) continue;
      // Children with a block mapping under them (`  schemas:`) are containers; inline ones stay in the skeleton.
      const childKeys = cachedRegex(`^ {${block.indent}}${BLOCK_KEY}`);
      childKeys.lastIndex = block.start;
      for (let child = childKeys.exec(text); child && child.index < block.end; child = childKeys.exec(text)) {
        const layout = entriesOf(
          text,
          child.index + child[0].length + 1,
          block.indent,
          [key, unquote(child[1]!)],
          lines,
        );
        if (layout === null) return undefined;
        if (layout) layouts.push(layout);
      }
    }
    TOP_LEVEL_BLOCK_KEY.lastIndex = Math.max(TOP_LEVEL_BLOCK_KEY.lastIndex, bodyStart);
  }
  return layouts.length > 0 ? layouts : undefined;
}

/** The block under a key: its indentation, first content line and end (first line indented less). */
function blockOf(
  text: string,
  bodyStart: number,
  parentIndent: number,
): { indent: number; start: number; end: number } | undefined {
  if (bodyStart > text.length) return undefined;
  FIRST_CONTENT_LINE.lastIndex = bodyStart;
  const first = FIRST_CONTENT_LINE.exec(text);
  if (!first) return undefined;
  const indent = first[1]!.length;
  if (indent <= parentIndent) return undefined;
  const endOfBlock = cachedRegex(`^ {0,${indent - 1}}[^ \\r\\n#]`);
  endOfBlock.lastIndex = first.index;
  const end = endOfBlock.exec(text);
  return { indent, start: first.index, end: end ? end.index : text.length };
}

/**
 * The entries of the block mapping under a key. Returns undefined when the key has no block mapping under it,
 * and null when the text is shaped in a way the chunked parse does not handle.
 */
function entriesOf(
  text: string,
  bodyStart: number,
  parentIndent: number,
  path: string[],
  lines: LineCounter,
): ContainerLayout | undefined | null {
  const block = blockOf(text, bodyStart, parentIndent);
  if (!block) return undefined;
  const spans: ContainerLayout['spans'] = [];
  let current: { start: number; startLine: number } | undefined;
  const entryLine = cachedRegex(`^ {${block.indent}}([^ \\r\\n#])`);
  entryLine.lastIndex = block.start;
  for (let entry = entryLine.exec(text); entry && entry.index < block.end; entry = entryLine.exec(text)) {
    const first = entry[1]!;
    if (first === '-') return null; // a sequence, not a mapping
    // `? long key` starts an entry whose `: value` line sits at the same indentation: that line continues it.
    if (first === ':' && current) continue;
    // An entry runs up to the next one, comment lines included: a `#` line may be block-scalar content.
    const line = lines.lineAt(entry.index);
    if (current) spans.push({ start: current.start, end: entry.index, startLine: current.startLine, endLine: line });
    current = { start: entry.index, startLine: line };
  }
  if (!current) return undefined;
  spans.push({ start: current.start, end: block.end, startLine: current.startLine, endLine: lines.lineAt(block.end) });
  return { path, spans };
}

// ---- incremental layout: the previous layout, shifted, with only the edited stretch scanned again -----------

/** Length of the common prefix of two texts, compared in blocks by the engine's native string equality. */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let low = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (low + block <= limit && a.slice(low, low + block) === b.slice(low, low + block)) low += block;
  }
  while (low < limit && a.charCodeAt(low) === b.charCodeAt(low)) low++;
  return low;
}

function commonSuffix(a: string, b: string, max: number): number {
  let length = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (
      length + block <= max &&
      a.slice(a.length - length - block, a.length - length) === b.slice(b.length - length - block, b.length - length)
    )
      length += block;
  }
  while (length < max && a.charCodeAt(a.length - length - 1) === b.charCodeAt(b.length - length - 1)) length++;
  return length;
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** What changed between two versions: old[start, oldEnd) became text[start, oldEnd + delta). */
interface Change {
  start: number;
  oldEnd: number;
  delta: number;
}

/**
 * The layout of `text` from the previous version's, or undefined when the edit may have moved something the
 * scan looks at in a way this does not handle (the caller then scans the whole text). Handled: an edit whose
 * changed text lies within consecutive entries of one container (typing, pasting, adding or deleting entries
 * there), and an edit within one line outside every container (the document's `info`, `servers`…).
 */
export function incrementalLayout(previous: PreviousParse, text: string): ContainerLayout[] | undefined {
  const old = previous.text;
  if (old === text)
    return previous.layout.map((c, i) => ({
      path: c.path,
      spans: c.spans.map((span, j) => ({ ...span, reuse: previous.containers[i]!.chunks[j]! })),
    }));
  const start = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - start);
  const change: Change = { start, oldEnd: old.length - suffix, delta: text.length - old.length };
  const edited = editedEntries(previous.layout, change);
  if (edited) return relayoutEntries(previous, text, change, edited);
  if (!outsideEveryContainer(old, text, change)) return undefined;
  // Nothing the scan looks at moved: every entry keeps its parse, the later ones shift by the edit's length.
  return previous.layout.map((container, c) => ({
    path: container.path,
    spans: container.spans.map((s, i) =>
      shiftedSpan(s, previous.containers[c]!.chunks[i]!, s.start < change.start ? 0 : change.delta, 0),
    ),
  }));
}

function shiftedSpan(span: Span, chunk: Chunk, delta: number, lineDelta: number): Span {
  if (delta === 0 && lineDelta === 0) return { ...span, reuse: chunk };
  return {
    start: span.start + delta,
    end: span.end + delta,
    startLine: span.startLine + lineDelta,
    endLine: span.endLine + lineDelta,
    reuse: {
      ...chunk,
      startOffset: chunk.startOffset + delta,
      endOffset: chunk.endOffset + delta,
      startLine: chunk.startLine + lineDelta,
    },
  };
}

/**
 * The entries [first, last] of one container that hold the changed text. A change right at the end of a
 * container (text appended after its last entry) counts as a change of that entry.
 */
function editedEntries(
  layout: ContainerLayout[],
  change: Change,
): { container: number; first: number; last: number } | undefined {
  for (let c = 0; c < layout.length; c++) {
    const spans = layout[c]!.spans;
    const lastSpan = spans[spans.length - 1]!;
    if (change.start < spans[0]!.start || change.start > lastSpan.end) continue;
    if (change.start === lastSpan.end && change.oldEnd !== change.start) continue; // the line after the block was changed
    let first = spans.findIndex((span) => change.start < span.end);
    if (first === -1) first = spans.length - 1;
    for (let last = first; last < spans.length; last++)
      if (change.oldEnd <= spans[last]!.end) return { container: c, first, last };
    return undefined; // the change runs past the container's end
  }
  return undefined;
}

/**
 * The edited entries scanned again: the stretch they cover in the new text must still be whole entries of the
 * container (lines at its indentation start them; every other line is indented deeper, blank or a comment), so
 * that the block, and everything before and after the stretch, is laid out as before.
 */
function relayoutEntries(
  previous: PreviousParse,
  text: string,
  change: Change,
  edited: { container: number; first: number; last: number },
): ContainerLayout[] | undefined {
  const layout = previous.layout[edited.container]!;
  const firstSpan = layout.spans[edited.first]!;
  const lastSpan = layout.spans[edited.last]!;
  const indent = leadingSpaces(previous.text, firstSpan.start);
  const stretchStart = firstSpan.start;
  const stretchEnd = lastSpan.end + change.delta;
  const spans =
    stretchEnd > stretchStart ? entriesOfStretch(text, stretchStart, stretchEnd, indent, firstSpan.startLine) : [];
  if (!spans) return undefined;
  const remaining = layout.spans.length - (edited.last - edited.first + 1) + spans.length;
  if (remaining === 0) return undefined; // the container is gone: a fresh scan decides what the text is now
  const oldLines = lastSpan.endLine - firstSpan.startLine;
  const newLines = spans.length > 0 ? spans[spans.length - 1]!.endLine - firstSpan.startLine : 0;
  const lineDelta = newLines - oldLines;
  return previous.layout.map((container, c) => {
    const chunks = previous.containers[c]!.chunks;
    if (c !== edited.container) {
      return {
        path: container.path,
        spans: container.spans.map((s, i) =>
          s.start < stretchStart
            ? shiftedSpan(s, chunks[i]!, 0, 0)
            : shiftedSpan(s, chunks[i]!, change.delta, lineDelta),
        ),
      };
    }
    return {
      path: container.path,
      spans: [
        ...container.spans.slice(0, edited.first).map((s, i) => shiftedSpan(s, chunks[i]!, 0, 0)),
        ...spans,
        ...container.spans
          .slice(edited.last + 1)
          .map((s, i) => shiftedSpan(s, chunks[edited.last + 1 + i]!, change.delta, lineDelta)),
      ],
      replaced: chunks.slice(edited.first, edited.last + 1),
    };
  });
}

function leadingSpaces(text: string, lineStart: number): number {
  let n = 0;
  while (text.charCodeAt(lineStart + n) === 32) n++;
  return n;
}

/**
 * The entries in text[start, end) at `indent`, the way the full scan (entriesOf) would find them there, or
 * undefined when the stretch is not whole entries of such a block.
 */
function entriesOfStretch(
  text: string,
  start: number,
  end: number,
  indent: number,
  startLine: number,
): Span[] | undefined {
  if (end < text.length && text.charCodeAt(end - 1) !== 10) return undefined;
  const spans: Span[] = [];
  let current: { start: number; startLine: number } | undefined;
  let line = startLine;
  for (let lineStart = start; lineStart < end;) {
    const newline = text.indexOf('\n', lineStart);
    const next = newline === -1 || newline >= end ? end : newline + 1;
    const spaces = leadingSpaces(text, lineStart);
    const first = lineStart + spaces < next ? text[lineStart + spaces]! : '\n';
    const blank = first === '\n' || first === '\r' || first === '#';
    if (!blank) {
      if (spaces < indent) return undefined; // the block would end here
      if (spaces === indent) {
        if (first === '-') return undefined; // a sequence item where entries are
        if (!(first === ':' && current)) {
          if (current)
            spans.push({ start: current.start, end: lineStart, startLine: current.startLine, endLine: line });
          current = { start: lineStart, startLine: line };
        }
      }
    }
    // The stretch must begin with an entry's key line (a `: value` line there would continue the entry before).
    if (!current || (lineStart === start && first === ':')) return undefined;
    if (newline !== -1 && newline < end) line++;
    lineStart = next;
  }
  if (!current) return undefined;
  spans.push({ start: current.start, end, startLine: current.startLine, endLine: line });
  return spans;
}

/**
 * True when the change stays within one line that is indented and belongs to a top-level key other than the
 * containers: the scan only looks at unindented lines and inside containers, so it would find the same layout.
 */
function outsideEveryContainer(old: string, text: string, change: Change): boolean {
  for (let i = change.start; i < change.oldEnd; i++) if (isLineBreak(old.charCodeAt(i))) return false;
  for (let i = change.start; i < change.oldEnd + change.delta; i++) if (isLineBreak(text.charCodeAt(i))) return false;
  const lineStart = old.lastIndexOf('\n', change.start - 1) + 1;
  if (old.charCodeAt(lineStart) !== 32 || text.charCodeAt(lineStart) !== 32) return false;
  // The top-level line this one belongs to: the nearest one above that starts with content.
  for (let end = lineStart - 1; end >= 0;) {
    const start = end === 0 ? 0 : old.lastIndexOf('\n', end - 1) + 1;
    const first = old.charCodeAt(start);
    if (start < end && first !== 32 && !isLineBreak(first) && first !== 35 /* # */) {
      const key = TOP_LEVEL_BLOCK_KEY_LINE.exec(old.slice(start, end));
      return !key || (!ENTRY_CONTAINERS.has(unquote(key[1]!)) && !NESTED_CONTAINERS.has(unquote(key[1]!)));
    }
    if (start === 0) break;
    end = start - 1;
  }
  return false;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}
