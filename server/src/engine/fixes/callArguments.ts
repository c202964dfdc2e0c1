// The argument list of a call written in JS/TS or Python, found in its text (the engine's facts are not at hand
// when the editor asks for a fix): the parentheses that close at the end of the call, and each top-level argument.
// Strings, template literals, comments and nested brackets are skipped, so commas inside them do not split.

export interface CallArguments {
  /** Offset of `(` and of `)`. */
  open: number;
  close: number;
  /** Each argument, trimmed of surrounding whitespace. */
  args: { start: number; end: number }[];
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The arguments of the call written in `text` from `start` to `end` (its last character being `)`). */
export function callArguments(text: string, start: number, end: number, python: boolean): CallArguments | undefined {
  if (text[end - 1] !== ')') return undefined;
  const stack: { char: string; at: number }[] = [];
  let open = -1;
  const commas: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    const skipped = skipLiteralOrComment(text, i, end, python);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    if (c in OPENERS) {
      if (stack.length === 0 && c === '(') {
        open = i;
        commas.length = 0;
      }
      stack.push({ char: c, at: i });
    } else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (!top || OPENERS[top.char] !== c) return undefined;
      if (stack.length === 0 && i === end - 1 && top.at === open) break;
    } else if (c === ',' && stack.length === 1 && stack[0]!.at === open) commas.push(i);
  }
  if (open < 0 || stack.length !== 0) return undefined;
  const close = end - 1;
  const bounds = [open, ...commas, close];
  const args: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const code = codeWithin(text, bounds[k]! + 1, bounds[k + 1]!, python);
    if (code) args.push(code);
  }
  return { open, close, args };
}

/** The span from the first to the last character of code between two offsets (whitespace and comments left out). */
function codeWithin(
  text: string,
  from: number,
  to: number,
  python: boolean,
): { start: number; end: number } | undefined {
  let start = -1;
  let end = -1;
  for (let i = from; i < to; i++) {
    const skipped = skipLiteralOrComment(text, i, to, python);
    const isComment = skipped !== i && !`'"\``.includes(text[i]!);
    if (isComment) {
      i = skipped - 1;
      continue;
    }
    if (skipped === i && /\s/.test(text[i]!)) continue;
    if (start < 0) start = i;
    end = Math.max(skipped, i + 1);
    if (skipped !== i) i = skipped - 1;
  }
  return start < 0 ? undefined : { start, end };
}

/** Where a string, template literal or comment that starts at `i` ends (or `i` when none starts there). */
function skipLiteralOrComment(text: string, i: number, end: number, python: boolean): number {
  const c = text[i]!;
  if ((python && c === '#') || (!python && c === '/' && text[i + 1] === '/')) {
    const eol = text.indexOf('\n', i);
    return eol === -1 || eol > end ? end : eol;
  }
  if (!python && c === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close === -1 ? end : close + 2;
  }
  if (c !== '"' && c !== "'" && c !== '`') return i;
  const triple = python && text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
  for (let j = i + triple.length; j < end; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(triple, j)) return j + triple.length;
  }
  return end;
}

/** Whether brackets and literals of a code text balance (the cheap guard of code fixes; tests parse for real). */
export function bracketsBalance(text: string, python: boolean): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const skipped = skipLiteralOrComment(text, i, text.length, python);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Where an argument list ends for appending one more argument: after the last one (and after a trailing comma). */
export function appendArgument(
  text: string,
  call: CallArguments,
  argument: string,
): { offset: number; newText: string } {
  const last = call.args[call.args.length - 1];
  if (!last) return { offset: call.open + 1, newText: argument };
  let after = last.end;
  while (after < call.close && /\s/.test(text[after]!)) after++;
  if (text[after] === ',') return { offset: after + 1, newText: ` ${argument},` };
  return { offset: last.end, newText: `, ${argument}` };
}
