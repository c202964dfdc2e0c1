// How deep a YAML or JSON text nests, measured on the text in one linear pass, before any parser sees it. The
// parsers (yaml-ast-parser, jsonc), the resolver, Spectral and the rules all recurse on the tree: a hostile
// document thousands of levels deep would overflow the stack in one of them. This scan keeps no tree and no
// recursion, so it is safe at any depth and cheap enough to run on every lint.
//
// It estimates on the high side where YAML is ambiguous to a scanner (brackets in an unquoted flow scalar,
// a multi-line quoted scalar in block context), which is harmless: the limit is far above any real document.

export interface DeepPlace {
  /** The depth reached (the first level over the limit). */
  depth: number;
  /** Offset of the text that opens that level. */
  offset: number;
}

/** The first place where `text` nests deeper than `limit` levels (mappings and sequences), if any. */
export function findTooDeep(text: string, syntax: 'yaml' | 'json', limit: number): DeepPlace | undefined {
  return syntax === 'json' ? jsonTooDeep(text, limit) : yamlTooDeep(text, limit);
}

function jsonTooDeep(text: string, limit: number): DeepPlace | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return { depth, offset: i };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
    else if (c === DOUBLE_QUOTE) i = endOfDoubleQuoted(text, i);
  }
  return undefined;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const NEWLINE = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Offset of the closing quote of a `"…"` string starting at `start` (or the text's end). */
function endOfDoubleQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === DOUBLE_QUOTE) return i;
  }
  return text.length;
}

/** Offset of the closing quote of a `'…'` string (`''` is an escaped quote), or the text's end. */
function endOfSingleQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text.charCodeAt(i) !== SINGLE_QUOTE) continue;
    if (text.charCodeAt(i + 1) === SINGLE_QUOTE) i++;
    else return i;
  }
  return text.length;
}

/** A block collection open at a column; `seq` marks a sequence written at its parent mapping's column. */
interface BlockLevel {
  column: number;
  zeroIndentedSeq: boolean;
}

/**
 * YAML: block levels by indentation (a stack of the columns of the open block collections, `- ` and `? `
 * prefixes open one each, a sequence at its mapping's column one more), plus flow levels by brackets outside
 * quotes and comments. Block scalars (`|`, `>`) are skipped.
 */
function yamlTooDeep(text: string, limit: number): DeepPlace | undefined {
  const levels: BlockLevel[] = [];
  let flow = 0;
  /** Column of the key that owns the current block scalar; lines indented more belong to it. */
  let blockScalarOwner = -2;
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || isLineEnd(text.charCodeAt(i)) || text.charCodeAt(i) === HASH;
    if (blockScalarOwner > -2 && (blank || indent > blockScalarOwner)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarOwner = -2;
    if (blank && flow === 0) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (flow === 0) {
      // Block context: close the collections this line is not inside of, open the ones it starts.
      const isSeqItem = isIndicator(text, i, lineEnd, 0x2d /* - */);
      while (levels.length > 0 && levels[levels.length - 1]!.column > indent) levels.pop();
      const top = levels[levels.length - 1];
      if (top && top.column === indent && top.zeroIndentedSeq && !isSeqItem) levels.pop();
      const current = levels[levels.length - 1];
      if (!current || current.column < indent) levels.push({ column: indent, zeroIndentedSeq: false });
      else if (isSeqItem && !current.zeroIndentedSeq) levels.push({ column: indent, zeroIndentedSeq: true }); // `key:\n- item`: a sequence at the key's column
      if (levels.length > limit) return { depth: levels.length, offset: i };
      // Compact nesting on one line: `- - item`, `? key`, `- key: value`.
      while (isIndicator(text, i, lineEnd, 0x2d) || isIndicator(text, i, lineEnd, 0x3f /* ? */)) {
        i++;
        while (i < lineEnd && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
        if (i >= lineEnd) break;
        levels.push({ column: i - lineStart, zeroIndentedSeq: false });
        if (levels.length > limit) return { depth: levels.length, offset: i };
      }
      i = valueStart(text, i, lineEnd);
      if (i >= lineEnd) {
        lineStart = lineEnd + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x7c /* | */ || c === 0x3e /* > */) {
        blockScalarOwner = indent;
        lineStart = lineEnd + 1;
        continue;
      }
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
        // A plain or quoted scalar; a quoted one may go on over the next lines.
        if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
          const end = c === DOUBLE_QUOTE ? endOfDoubleQuoted(text, i) : endOfSingleQuoted(text, i);
          if (end > lineEnd) lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end);
        }
        lineStart = lineEnd + 1;
        continue;
      }
    }
    // Flow context (from `i`): brackets count until the outermost one closes.
    const scanned = scanFlow(text, i, lineEnd, flow, levels.length, limit);
    if ('deep' in scanned) return scanned.deep;
    flow = scanned.flow;
    lineStart = scanned.next;
  }
  return undefined;
}

/** Scans flow content from `from` to the end of its line (further when a quoted scalar spans lines). */
function scanFlow(
  text: string,
  from: number,
  lineEnd: number,
  flow: number,
  blockDepth: number,
  limit: number,
): { flow: number; next: number } | { deep: DeepPlace } {
  let end = lineEnd;
  let tokenStart = true;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      flow++;
      if (blockDepth + flow > limit) return { deep: { depth: blockDepth + flow, offset: i } };
      tokenStart = true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      flow = Math.max(0, flow - 1);
      if (flow === 0) return { flow, next: end + 1 }; // what follows the collection on its line is not nested
      tokenStart = false;
    } else if ((c === DOUBLE_QUOTE || c === SINGLE_QUOTE) && tokenStart) {
      i = c === DOUBLE_QUOTE ? endOfDoubleQuoted(text, i) : endOfSingleQuoted(text, i);
      if (i >= end) end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
      tokenStart = false;
    } else if (c === HASH && tokenStart) {
      break; // a comment to the end of the line
    } else {
      tokenStart = c === SPACE || c === TAB || c === COMMA || c === COLON || isLineEnd(c);
    }
  }
  return { flow, next: end + 1 };
}

function isLineEnd(c: number): boolean {
  return c === NEWLINE || c === CR;
}

/** `-` or `?` followed by a space, a tab or the end of the line. */
function isIndicator(text: string, i: number, lineEnd: number, indicator: number): boolean {
  if (i >= lineEnd || text.charCodeAt(i) !== indicator) return false;
  const next = i + 1 < lineEnd ? text.charCodeAt(i + 1) : NEWLINE;
  return next === SPACE || next === TAB || isLineEnd(next);
}

/**
 * Where the value of a block line starts: after `key:` when the line is a mapping entry, else at `i`; anchors
 * (`&a`) and tags (`!t`) before it are skipped. The line's end when the value is on the next lines.
 */
function valueStart(text: string, i: number, lineEnd: number): number {
  let at = i;
  const c = text.charCodeAt(at);
  if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
    const close = c === DOUBLE_QUOTE ? endOfDoubleQuoted(text, at) : endOfSingleQuoted(text, at);
    if (close < lineEnd && /^[ \t]*:(?:[ \t]|$|\r)/.test(text.slice(close + 1, Math.min(lineEnd, close + 64))))
      at = text.indexOf(':', close + 1) + 1;
  } else if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    // A plain key ends at the first `:` followed by a blank; a `#` after a blank starts a comment.
    for (let j = at; j < lineEnd; j++) {
      const d = text.charCodeAt(j);
      if (d === HASH && j > at && isBlank(text.charCodeAt(j - 1))) return lineEnd;
      if (d === COLON && (j + 1 >= lineEnd || isBlank(text.charCodeAt(j + 1)) || isLineEnd(text.charCodeAt(j + 1)))) {
        at = j + 1;
        break;
      }
    }
  }
  for (;;) {
    while (at < lineEnd && isBlank(text.charCodeAt(at))) at++;
    const d = text.charCodeAt(at);
    if (at >= lineEnd || isLineEnd(d) || d === HASH) return lineEnd;
    if (d !== 0x26 /* & */ && d !== 0x21 /* ! */) return at;
    while (at < lineEnd && !isBlank(text.charCodeAt(at)) && !isLineEnd(text.charCodeAt(at))) at++;
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
