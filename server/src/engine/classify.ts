// What kind of document a file is, decided from its name and content alone (cheap: no parse, no Spectral). Used by
// the engine before a lint and by the front ends to pick a workspace's files without loading the analyses.
import { isCodeOfInterest } from './code/languages';
import { detectOpenApi, type OpenApiDetection } from './openapi/detect';
import { extensionOf } from './uris';

export type DocumentKind = 'openapi' | 'code' | 'none';

const OPENAPI_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export function classifyDocument(uri: string, text: string): { kind: DocumentKind; openapi?: OpenApiDetection } {
  const extension = extensionOf(uri);
  if (OPENAPI_EXTENSIONS.has(extension)) {
    const openapi = detectOpenApi(text, extension);
    if (openapi) return { kind: 'openapi', openapi };
  }
  if (isCodeOfInterest(uri, text)) return { kind: 'code' };
  return { kind: 'none' };
}
