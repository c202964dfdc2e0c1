// Where the real-world specs used by tests are: the three the default suite needs are vendored in
// server/test/corpus/; the large ones live in the shared corpus (../shared/corpus/openapi beside the repository,
// or APIWARDEN_CORPUS_DIR).
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const VENDORED = path.resolve(__dirname, '..', 'corpus');
const SHARED =
  process.env.APIWARDEN_CORPUS_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'openapi');

export function corpusFile(name: string): string {
  const vendored = path.join(VENDORED, name);
  return existsSync(vendored) ? vendored : path.join(SHARED, name);
}
