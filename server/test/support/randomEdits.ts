// Realistic edits to a YAML OpenAPI document, as a person or an assistant makes them: typing in a description,
// adding a property, deleting an operation, renaming a property, breaking and repairing the syntax, editing
// the document's head. Deterministic for a seed, so a failing sequence can be replayed.

export interface TextEdit {
  /** Offset and length of the replaced text, and the new text. */
  offset: number;
  length: number;
  text: string;
  kind: string;
}

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function pick<T>(random: () => number, list: T[]): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
}

/** Lines matching `pattern` with their start offsets. */
function matchingLines(text: string, pattern: RegExp): { start: number; line: string }[] {
  const out: { start: number; line: string }[] = [];
  const starts = lineStarts(text);
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    const line = text.slice(starts[i], end);
    if (pattern.test(line)) out.push({ start: starts[i]!, line });
  }
  return out;
}

type EditMaker = (text: string, random: () => number) => TextEdit | undefined;

const typeInDescription: EditMaker = (text, random) => {
  const line = pick(random, matchingLines(text, /^\s+description: [A-Za-z]/));
  if (!line) return undefined;
  // Somewhere in the first few characters of the value, never past the end of its line.
  const valueStart = line.line.indexOf('description: ') + 'description: '.length;
  const offset = line.start + valueStart + Math.floor(random() * Math.min(5, line.line.length - valueStart + 1));
  return { offset, length: 0, text: pick(random, ['a', 'e', 'x', 'the ', 'API '])!, kind: 'type in a description' };
};

const addProperty: EditMaker = (text, random) => {
  const line = pick(random, matchingLines(text, /^\s+properties:\s*$/));
  if (!line) return undefined;
  const indent = line.line.indexOf('properties:') + 2;
  const pad = ' '.repeat(indent);
  const name = pick(random, ['password', 'nickname', 'ssn', 'apiToken', 'comment'])!;
  const body = `${pad}${name}:\n${pad}  type: string\n`;
  return { offset: line.start + line.line.length + 1, length: 0, text: body, kind: `add property ${name}` };
};

const deleteOperation: EditMaker = (text, random) => {
  const line = pick(random, matchingLines(text, /^ {4}(get|post|put|delete|patch):\s*$/));
  if (!line) return undefined;
  // The operation runs until the next line indented 4 or less.
  const rest = text.slice(line.start + line.line.length + 1);
  const end = rest.search(/\n {0,4}\S/);
  const length = line.line.length + 1 + (end === -1 ? rest.length : end + 1);
  return { offset: line.start, length, text: '', kind: 'delete an operation' };
};

const renameProperty: EditMaker = (text, random) => {
  const line = pick(random, matchingLines(text, /^\s+[a-z_]+:\s*$/));
  if (!line) return undefined;
  const start = line.start + line.line.search(/\S/);
  const key = line.line.trim().slice(0, -1);
  if (
    ['properties', 'items', 'schema', 'content', 'responses', 'paths', 'components', 'schemas', 'parameters'].includes(
      key,
    )
  )
    return undefined;
  return {
    offset: start,
    length: key.length,
    text: pick(random, ['secret', 'user_password', 'label'])!,
    kind: `rename ${key}`,
  };
};

const toggleType: EditMaker = (text, random) => {
  const line = pick(random, matchingLines(text, /^\s+type: (string|integer)\s*$/));
  if (!line) return undefined;
  const offset = line.start + line.line.indexOf('type: ') + 'type: '.length;
  const current = line.line.trim().slice('type: '.length);
  return { offset, length: current.length, text: current === 'string' ? 'integer' : 'string', kind: 'change a type' };
};

const breakSyntax: EditMaker = (text, random) => {
  const line = pick(random, matchingLines(text, /^\s+\S+: \S/));
  if (!line) return undefined;
  return {
    offset: line.start + line.line.indexOf(': ') + 1,
    length: 1,
    text: '',
    kind: 'delete the space after a colon',
  };
};

const editHead: EditMaker = (text) => {
  const title = /^ {2}title: .*$/m.exec(text);
  if (!title) return undefined;
  return { offset: title.index + title[0].length, length: 0, text: ' v2', kind: 'edit the title' };
};

const addPathItem: EditMaker = (text, random) => {
  const paths = /^paths:[ \t]*\n/m.exec(text);
  if (!paths) return undefined;
  const name = `/generated${Math.floor(random() * 1000)}`;
  const body = `  ${name}:\n    get:\n      responses:\n        '200':\n          description: OK\n`;
  return { offset: paths.index + paths[0].length, length: 0, text: body, kind: 'add a path item' };
};

const WEIGHTED: [EditMaker, number][] = [
  [typeInDescription, 8],
  [addProperty, 2],
  [deleteOperation, 1],
  [renameProperty, 2],
  [toggleType, 2],
  [breakSyntax, 1],
  [editHead, 1],
  [addPathItem, 1],
];

/** The next random edit for `text` (never undefined for a document with descriptions). */
export function randomEdit(text: string, random: () => number): TextEdit {
  const total = WEIGHTED.reduce((sum, [, weight]) => sum + weight, 0);
  for (let attempt = 0; attempt < 50; attempt++) {
    let roll = random() * total;
    for (const [maker, weight] of WEIGHTED) {
      roll -= weight;
      if (roll <= 0) {
        const edit = maker(text, random);
        if (edit) return edit;
        break;
      }
    }
  }
  return { offset: 0, length: 0, text: '# edited\n', kind: 'add a comment' };
}

/** A broken document is usually repaired soon: undo a syntax-breaking edit as the next one. */
export function undoOf(before: string, edit: TextEdit): TextEdit {
  return {
    offset: edit.offset,
    length: edit.text.length,
    text: before.slice(edit.offset, edit.offset + edit.length),
    kind: `undo ${edit.kind}`,
  };
}
