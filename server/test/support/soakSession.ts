// A long editing session over LSP for the soak tests: documents of every kind the engine reads (YAML and JSON
// specs, JavaScript, TypeScript and Python handler code, from test-fixtures/) copied into a workspace, then a seeded
// random sequence of edits, opens and closes, with syntax breaks that are repaired soon after. Deterministic for a
// seed (the order in which the server answers is not, which is the point).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { globSync } from 'tinyglobby';
import { pathToUri } from '../../src/engine/uris';
import { applyTextEdit, pick, randomEdit, seededRandom, undoOf, type TextEdit } from './randomEdits';
import type { TestLspClient } from './lspClient';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test-fixtures');

export interface SoakDocument {
  uri: string;
  languageId: string;
  /** The editor's text; kept while the document is closed and sent again when it is reopened (the disk keeps the fixture). */
  text: string;
  version: number;
  open: boolean;
  /** A syntax-breaking edit waiting to be undone. */
  pendingUndo?: { before: string; edit: TextEdit };
}

const LANGUAGE: Record<string, string> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.js': 'javascript',
  '.ts': 'typescript',
  '.py': 'python',
};

/** Fixture files by kind, in a fixed order (a seed picks among them). */
function fixtureFiles(): Record<'yaml' | 'json' | 'js' | 'ts' | 'py', string[]> {
  const list = (pattern: string) => globSync(pattern, { cwd: FIXTURES, absolute: true }).sort();
  return {
    yaml: list('openapi/*/*.yaml'),
    json: list('openapi/*/*.json').filter((f) => !f.endsWith('.expected.json') && !f.endsWith('settings.json')),
    js: list('code/{express,koa,fastify}/**/*.js'),
    ts: list('code/{nestjs,express}/**/*.ts'),
    py: list('code/{flask,fastapi,django,connexion}/**/*.py'),
  };
}

/** Copies `count` fixture files (kinds in turn) into their own folders of `workspace`. */
export function makeSoakDocuments(workspace: string, count: number, seed: number): SoakDocument[] {
  const random = seededRandom(seed);
  const files = fixtureFiles();
  const kinds = ['yaml', 'json', 'js', 'py', 'ts'] as const;
  const documents: SoakDocument[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(random, files[kinds[i % kinds.length]!])!;
    const folder = path.join(workspace, `doc${i}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, path.basename(source));
    const text = readFileSync(source, 'utf8');
    writeFileSync(file, text);
    documents.push({ uri: pathToUri(file), languageId: LANGUAGE[path.extname(file)]!, text, version: 0, open: false });
  }
  return documents;
}

/** A small edit anywhere in a document of any language: typing, deleting, duplicating a line, breaking a bracket. */
function genericEdit(text: string, random: () => number): { edit: TextEdit; breaks: boolean } {
  const roll = random();
  const offset = Math.floor(random() * (text.length + 1));
  if (roll < 0.45) {
    const word = pick(random, ['a', 'x', ' ', 'password', '_id', '0', '\n', 'token', 'admin'])!;
    return { edit: { offset, length: 0, text: word, kind: 'type' }, breaks: false };
  }
  if (roll < 0.6) {
    const length = Math.min(text.length - offset, 1 + Math.floor(random() * 6));
    return { edit: { offset, length, text: '', kind: 'delete' }, breaks: false };
  }
  if (roll < 0.75) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = text.indexOf('\n', offset);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd + 1);
    return { edit: { offset: lineStart, length: 0, text: line, kind: 'duplicate a line' }, breaks: false };
  }
  // Break the syntax: delete a bracket, quote or colon (undone a few edits later).
  const candidates: number[] = [];
  for (let i = 0; i < text.length; i++) if ('{}()[]:"\''.includes(text[i]!)) candidates.push(i);
  const at = pick(random, candidates) ?? offset;
  return { edit: { offset: at, length: at < text.length ? 1 : 0, text: '', kind: 'break syntax' }, breaks: true };
}

export interface SoakStep {
  document: SoakDocument;
  action: 'open' | 'close' | 'edit';
}

/**
 * Runs `steps` edits (and the opens and closes between them) over the client. `waitChance`: the chance that a step
 * waits for its lint (the others come faster than the server lints, as typing does).
 */
export async function runSoak(
  client: TestLspClient,
  documents: SoakDocument[],
  options: { seed: number; edits: number; waitChance: number; onStep?: (i: number) => void },
): Promise<void> {
  const random = seededRandom(options.seed);
  let edits = 0;
  while (edits < options.edits) {
    const document = documents[Math.floor(random() * documents.length)]!;
    if (!document.open) {
      document.version++;
      document.open = true;
      await client.open(document.uri, document.text, document.languageId, document.version);
      continue;
    }
    if (random() < 0.03 && !document.pendingUndo) {
      document.open = false;
      await client.close(document.uri);
      continue;
    }
    const before = document.text;
    let edit: TextEdit;
    if (document.pendingUndo && random() < 0.5) {
      edit = undoOf(document.pendingUndo.before, document.pendingUndo.edit);
      document.pendingUndo = undefined;
    } else if (document.languageId === 'yaml' && random() < 0.7) {
      edit = randomEdit(before, random);
    } else {
      const generic = genericEdit(before, random);
      edit = generic.edit;
      if (generic.breaks && !document.pendingUndo) document.pendingUndo = { before, edit };
    }
    const mirror = TextDocument.create(document.uri, document.languageId, document.version, before);
    const range = { start: mirror.positionAt(edit.offset), end: mirror.positionAt(edit.offset + edit.length) };
    document.text = applyTextEdit(before, edit);
    document.version++;
    await client.change(document.uri, document.version, [{ range, text: edit.text }]);
    edits++;
    options.onStep?.(edits);
    if (random() < options.waitChance) await client.waitForLintDone(document.uri, document.version);
    // Old publications are not needed (a 10,000-edit session would keep them all).
    client.trim(document.uri);
  }
}
