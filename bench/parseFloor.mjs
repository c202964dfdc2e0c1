// The parse floor: what Spectral's CLI does before any rule runs — read the file and build a Spectral Document
// with Spectral's own YAML parser (the CLI uses Parsers.Yaml for JSON files too). Run as its own process, like
// the linters, so the bench's wall/CPU/RSS figures compare like with like; also prints the in-process parse time.
// Usage: node bench/parseFloor.mjs <file>
import { readFileSync } from 'node:fs';
import core from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';

const { Document } = core;
const { Yaml } = parsers;

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/parseFloor.mjs <file>');
  process.exit(2);
}
const started = performance.now();
const text = readFileSync(file, 'utf8');
const read = performance.now();
const document = new Document(text, Yaml, file);
const parsed = performance.now();
const topKeys = document.data && typeof document.data === 'object' ? Object.keys(document.data).length : 0;
process.stdout.write(
  JSON.stringify({
    readMs: read - started,
    parseMs: parsed - read,
    parserDiagnostics: document.diagnostics.length,
    topKeys,
  }) + '\n',
);
