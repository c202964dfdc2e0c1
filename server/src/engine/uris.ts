// file:// URIs are the engine's document identity; Spectral and the file system want paths.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

export function pathToUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).href;
}

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  return uri;
}

/** Normalises a URI coming from an editor (which may percent-encode differently) to the engine's form. */
export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  return pathToUri(fileURLToPath(uri));
}

export function extensionOf(uri: string): string {
  const clean = uri.split(/[?#]/, 1)[0]!;
  const dot = clean.lastIndexOf('.');
  const slash = clean.lastIndexOf('/');
  return dot > slash ? clean.slice(dot).toLowerCase() : '';
}
