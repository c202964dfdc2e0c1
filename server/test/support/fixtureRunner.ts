// Lints fixture folders with the real engine and compares the findings with the expectations written in the
// fixtures. Shared by the OpenAPI and code fixture tests.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Engine, FindingDeduplicator, normalizeSettings, pathToUri, uriToPath, type Finding } from '../../src/engine';
import { readExpectations, type Expectation } from './expectations';

export const FIXTURES_ROOT = path.resolve(__dirname, '..', '..', '..', 'test-fixtures');

export function listFiles(directory: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

const LINTABLE = /\.(ya?ml|json|js|mjs|cjs|jsx|ts|tsx|py|pem|key|jwks?)$|(^|[\\/])\.env(\.[\w.-]+)?$/i;

export function fixtureFiles(directory: string): string[] {
  return listFiles(directory).filter(
    (f) => LINTABLE.test(f) && !f.endsWith('.expected.json') && path.basename(f) !== 'settings.json',
  );
}

/** Lints every file of a fixture folder (with the folder's optional settings.json) and groups findings by file. */
export async function lintFixtureFolder(directory: string): Promise<Map<string, Finding[]>> {
  const settingsFile = path.join(directory, 'settings.json');
  const settings = normalizeSettings(existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {});
  const engine = new Engine();
  const byFile = new Map<string, Finding[]>();
  const seen = new FindingDeduplicator();
  for (const file of fixtureFiles(directory)) {
    const result = await engine.lint({ uri: pathToUri(file), text: readFileSync(file, 'utf8'), settings });
    if (result.errors.length > 0)
      throw new Error(`Internal errors while linting ${file}:\n${result.errors.join('\n')}`);
    for (const finding of result.findings) {
      if (seen.repeats(finding)) continue;
      const target = uriToPath(finding.uri);
      const list = byFile.get(target) ?? [];
      list.push(finding);
      byFile.set(target, list);
    }
  }
  return byFile;
}

function matches(expectation: Expectation, finding: Finding): boolean {
  if (finding.ruleId !== expectation.rule || finding.range.start.line !== expectation.line) return false;
  if (expectation.start === undefined) return true;
  return (
    finding.range.start.character === expectation.start &&
    finding.range.end.line === expectation.line &&
    (expectation.end === undefined || finding.range.end.character === expectation.end)
  );
}

/**
 * Compares findings with expectations for the rules a folder is about. Returns human-readable problems; an
 * empty list means the fixtures hold.
 */
export function compareWithExpectations(
  directory: string,
  byFile: Map<string, Finding[]>,
  checkedRules: Set<string>,
): string[] {
  const problems: string[] = [];
  const files = new Set([...fixtureFiles(directory), ...byFile.keys()]);
  for (const file of files) {
    const { expected, ok } = readExpectations(file);
    for (const e of [...expected, ...ok]) checkedRules.add(e.rule);
    const relevant = (byFile.get(file) ?? []).filter((f) => checkedRules.has(f.ruleId));
    const unmatched = [...relevant];
    const where = (line: number, col?: number) =>
      `${path.relative(FIXTURES_ROOT, file)}:${line + 1}${col !== undefined ? `:${col + 1}` : ''}`;
    for (const e of expected) {
      const index = unmatched.findIndex((f) => matches(e, f));
      if (index === -1)
        problems.push(`missing ${e.rule} at ${where(e.line, e.start)}${e.end !== undefined ? `-${e.end + 1}` : ''}`);
      else unmatched.splice(index, 1);
    }
    for (const f of unmatched) {
      problems.push(
        `unexpected ${f.ruleId} at ${where(f.range.start.line, f.range.start.character)}-${f.range.end.character + 1}: ${f.message}`,
      );
    }
    for (const o of ok) {
      const hit = relevant.find((f) => f.ruleId === o.rule && f.range.start.line === o.line);
      if (hit) problems.push(`${o.rule} reported on an ok: line ${where(o.line)}: ${hit.message}`);
    }
  }
  return problems;
}
