// The real-specs check: error-level findings on the corpus specs (../shared/corpus/openapi, Twilio vendored in
// server/test/corpus) against the triage written by reading each spec (test-fixtures/real-specs/<spec>.errors.yaml).
// Findings are keyed by rule and the JSON pointer of the node they land on, not by line: stable across edits of
// the spec elsewhere and across changes of how ranges are computed.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getJsonPathForPosition as jsonPathInJson } from '@stoplight/json';
import { getJsonPathForPosition as jsonPathInYaml } from '@stoplight/yaml';
import { parse } from 'yaml';
import { Engine, normalizeSettings, pathToUri, type Finding } from '../../src/engine';
import { SourceDocument } from '../../src/engine/openapi/sourceDocument';
import { corpusFile } from './corpus';

export const TRIAGE_ROOT = path.resolve(__dirname, '..', '..', '..', 'test-fixtures', 'real-specs');

export interface SpecTriageEntry {
  rule: string;
  /** RFC 6901 pointer of the node the finding lands on (the operation, the parameter's `name`, the property). */
  pointer: string;
  /** true: a problem a reviewer would accept; false: a false alarm (a bug to fix). */
  verdict: boolean;
  why: string;
}

export interface SpecTriage {
  spec: string;
  triage: SpecTriageEntry[];
}

export interface LocatedFinding {
  rule: string;
  pointer: string;
  line: number;
  message: string;
}

export function readTriage(name: string): SpecTriage {
  return parse(readFileSync(path.join(TRIAGE_ROOT, name), 'utf8')) as SpecTriage;
}

export function toPointer(jsonPath: readonly (string | number)[]): string {
  return jsonPath.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The error-level findings of one lint of a corpus spec, each with the pointer of the node it lands on. */
export async function errorFindings(spec: string): Promise<{ findings: Finding[]; errors: LocatedFinding[] }> {
  const file = corpusFile(spec);
  const text = readFileSync(file, 'utf8');
  const uri = pathToUri(file);
  const result = await new Engine().lint({ uri, text, settings: normalizeSettings({ maxFileSizeMb: 100 }) });
  if (result.errors.length > 0) throw new Error(`internal errors linting ${spec}: ${JSON.stringify(result.errors)}`);
  const syntax = spec.endsWith('.json') ? 'json' : 'yaml';
  const errors = result.findings.filter((f) => f.severity === 'error');
  // A whole parse with positions, only when there is something to locate (Spectral's parsers, as the engine's).
  const document = errors.length > 0 ? new SourceDocument(text, syntax, file) : undefined;
  // Spectral keeps the parse with positions protected; the position -> path look-ups of @stoplight read it.
  const parsed = (document as unknown as { parserResult: never } | undefined)?.parserResult;
  const located = errors.map((f) => {
    if (f.uri !== uri) throw new Error(`${f.ruleId} landed in another file: ${f.uri}`);
    const jsonPath = (syntax === 'json' ? jsonPathInJson : jsonPathInYaml)(parsed!, f.range.start) ?? [];
    // The pointer must lead back to exactly where the finding is, or keys would not identify findings.
    const back = document!.rangeForPath(jsonPath)?.start;
    if (back?.line !== f.range.start.line || back.character !== f.range.start.character)
      throw new Error(`${f.ruleId} at line ${f.range.start.line + 1}: no JSON path leads to its position`);
    return { rule: f.ruleId, pointer: toPointer(jsonPath), line: f.range.start.line + 1, message: f.message };
  });
  return { findings: result.findings, errors: located };
}
