// What kind of document a file is, decided from its name and content alone (cheap: no parse, no Spectral). Used by
// the engine before a lint and by the front ends to pick a workspace's files without loading the analyses.
import { isCodeOfInterest } from './code/languages';
import { detectOpenApi, type OpenApiDetection } from './openapi/detect';
import { extensionOf } from './uris';
import { detectSecretFile } from './secrets/secretFiles';

export type DocumentKind = 'openapi' | 'code' | 'none';

const OPENAPI_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
// Manifests and lock files with a fixed meaning: a root `openapi` key in them (a package's own field) is not a spec.
const NEVER_SPECS = new Set([
  'package.json',
  'package-lock.json',
  'composer.json',
  'tsconfig.json',
  'jsconfig.json',
  'pnpm-lock.yaml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yml',
  'compose.yaml',
]);

export function classifyDocument(uri: string, text: string): { kind: DocumentKind; openapi?: OpenApiDetection } {
  const extension = extensionOf(uri);
  if (OPENAPI_EXTENSIONS.has(extension) && !NEVER_SPECS.has(uri.slice(uri.lastIndexOf('/') + 1).toLowerCase())) {
    const openapi = detectOpenApi(text, extension);
    if (openapi) return { kind: 'openapi', openapi };
  }
  // dotenv, key and JWKS files are linted with the code (their one rule is a code rule)
  if (isCodeOfInterest(uri, text) || detectSecretFile(uri, text)) return { kind: 'code' };
  return { kind: 'none' };
}
