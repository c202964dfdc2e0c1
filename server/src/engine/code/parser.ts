// Tree-sitter through web-tree-sitter with the WASM grammars VS Code ships (@vscode/tree-sitter-wasm): no
// native modules. The .wasm files sit next to the bundle in dist/ (copied by scripts/build.mjs); tests run from
// sources, where they are found in node_modules. One parser per language; each file keeps its last tree, and
// a new version is parsed incrementally from it (the edit is found by comparing the old and new text).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Edit, Language, Parser, type Tree } from 'web-tree-sitter';
import type { CodeLanguage } from './facts';
import type { GrammarId } from './languages';

export { CODE_EXTENSIONS, grammarFor, type GrammarId } from './languages';

export function languageOf(grammar: GrammarId): CodeLanguage {
  return grammar === 'python' ? 'py' : 'js';
}

/** Where the .wasm files are: beside the bundle (dist/), or in node_modules when running from sources. */
function wasmPath(file: string, packageDir: string): string {
  const candidates = [
    path.join(__dirname, file),
    path.join(__dirname, '..', '..', '..', '..', 'node_modules', packageDir, file),
    path.join(process.cwd(), 'node_modules', packageDir, file),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Cannot find ${file} (looked in ${candidates.join(', ')})`);
  return found;
}

let initialised: Promise<void> | undefined;
const languages = new Map<GrammarId, Promise<Language>>();
const parsers = new Map<GrammarId, Parser>();

async function loadLanguage(grammar: GrammarId): Promise<Language> {
  initialised ??= Parser.init({ locateFile: (file: string) => wasmPath(file, 'web-tree-sitter') });
  await initialised;
  return Language.load(wasmPath(`tree-sitter-${grammar}.wasm`, path.join('@vscode', 'tree-sitter-wasm', 'wasm')));
}

export async function parserFor(grammar: GrammarId): Promise<Parser> {
  let parser = parsers.get(grammar);
  if (parser) return parser;
  let language = languages.get(grammar);
  if (!language) languages.set(grammar, (language = loadLanguage(grammar)));
  const loaded = await language;
  parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(loaded);
    parsers.set(grammar, parser);
  }
  return parser;
}

export interface ParsedFile {
  uri: string;
  text: string;
  grammar: GrammarId;
  tree: Tree;
  /** Whether this tree was re-parsed from the previous version's tree. */
  incremental: boolean;
}

/** The last parsed tree per file; a new version re-parses incrementally from it. */
export class ParseCache {
  private readonly files = new Map<string, ParsedFile>();

  constructor(private readonly maxFiles = 4000) {}

  async parse(uri: string, text: string, grammar: GrammarId): Promise<ParsedFile> {
    const previous = this.files.get(uri);
    if (previous && previous.text === text && previous.grammar === grammar) return previous;
    const parser = await parserFor(grammar);
    let tree: Tree | null = null;
    let incremental = false;
    if (previous && previous.grammar === grammar) {
      const edit = computeEdit(previous.text, text);
      const old = previous.tree;
      old.edit(edit);
      tree = parser.parse(text, old);
      incremental = tree !== null;
      old.delete();
    }
    tree ??= parser.parse(text);
    if (!tree) throw new Error(`tree-sitter could not parse ${uri}`);
    const parsed: ParsedFile = { uri, text, grammar, tree, incremental };
    this.files.delete(uri);
    this.files.set(uri, parsed);
    if (this.files.size > this.maxFiles) {
      const [oldestUri, oldest] = this.files.entries().next().value as [string, ParsedFile];
      oldest.tree.delete();
      this.files.delete(oldestUri);
    }
    return parsed;
  }

  forget(uri: string): void {
    this.files.get(uri)?.tree.delete();
    this.files.delete(uri);
  }
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept), in tree-sitter's terms. */
export function computeEdit(before: string, after: string): Edit {
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  // web-tree-sitter parses JavaScript strings as UTF-16: indices and columns are UTF-16 code units.
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  });
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
