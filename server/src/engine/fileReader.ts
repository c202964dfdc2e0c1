// How the engine reads files other than the one being linted ($ref targets, imported handler modules): the
// front end decides. The language server layers unsaved editor buffers over the disk; the CLI reads the disk.
import { readFileSync, statSync } from 'node:fs';
import { uriToPath } from './uris';

export interface FileReader {
  /** The text of a file, or undefined when it does not exist or cannot be read as text. */
  read(uri: string): string | undefined;
}

/** Files bigger than this are not read as $ref targets or imports (a clear error is reported instead). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export const diskFileReader: FileReader = {
  read(uri) {
    try {
      const path = uriToPath(uri);
      if (statSync(path).size > MAX_READ_BYTES) return undefined;
      const text = readFileSync(path, 'utf8');
      if (text.includes('\u0000')) return undefined; // a binary file (an image named .yaml), not text
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // as editors hand the text over
    } catch {
      return undefined;
    }
  },
};

/** Open documents first, then the disk. */
export class OverlayFileReader implements FileReader {
  private readonly overlays = new Map<string, string>();

  constructor(private readonly fallback: FileReader = diskFileReader) {}

  set(uri: string, text: string): void {
    this.overlays.set(uri, text);
  }

  delete(uri: string): void {
    this.overlays.delete(uri);
  }

  read(uri: string): string | undefined {
    return this.overlays.get(uri) ?? this.fallback.read(uri);
  }
}
