// SARIF `partialFingerprints`: an identity for each finding that survives unrelated edits, so code scanning
// tracks one alert across commits instead of closing it and opening a new one whenever lines move above it.
// Built from what the finding is about, never from where it is: the rule, the file, the JSON path when the engine
// kept one, the flagged line's text and the message (digits masked: a message may quote a line number), plus an
// occurrence index among findings that agree on all of those. GitHub recomputes its own `primaryLocationLineHash`
// key on upload, so ours has its own key.
import { createHash } from 'node:crypto';
import { LineIndex, type Finding } from '../../engine';

export const FINGERPRINT_KEY = 'apiwarden/v1';

const normalizeText = (text: string) => text.trim().replace(/\s+/g, ' ');
const maskDigits = (text: string) => text.replace(/\d+/g, '#');

export interface FingerprintSources {
  /** How the report names the finding's file (the same in every run: a path relative to the project). */
  fileKey(finding: Finding): string;
  /** The text of a zero-based line of a document, or undefined when it cannot be read. */
  lineText(uri: string, line: number): string | undefined;
}

/** One fingerprint per finding, in the order given (document order, so occurrence indexes are stable). */
export function fingerprints(findings: readonly Finding[], sources: FingerprintSources): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((f) => {
    const material = [
      f.ruleId,
      sources.fileKey(f),
      f.data?.path ? JSON.stringify(f.data.path) : '',
      normalizeText(sources.lineText(f.uri, f.range.start.line) ?? ''),
      maskDigits(f.message),
    ].join('\u0000');
    const occurrence = occurrences.get(material) ?? 0;
    occurrences.set(material, occurrence + 1);
    return createHash('sha256').update(`${material}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}

/** Reads each document once and answers its lines, split as the engine splits them. */
export function lineReader(readText: (uri: string) => string | undefined): FingerprintSources['lineText'] {
  const indexes = new Map<string, LineIndex | undefined>();
  return (uri, line) => {
    if (!indexes.has(uri)) {
      const text = readText(uri);
      indexes.set(uri, text === undefined ? undefined : new LineIndex(text));
    }
    const index = indexes.get(uri);
    if (!index || line >= index.lineCount) return undefined;
    return index.text.slice(index.offsetAt({ line, character: 0 }), index.lineEnd(line));
  };
}
