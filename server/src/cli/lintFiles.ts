// The CLI's lint job: expand paths/globs, lint every OpenAPI document and handler code file found, and collect
// findings (each fault once, even when two specs reach the same referenced file).
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  Engine,
  FindingDeduplicator,
  compareFindings,
  discoverFiles,
  pathToUri,
  type EngineSettings,
  type Finding,
} from '../engine';

export interface FoundFiles {
  files: string[];
  /** Paths that do not exist and globs that match no file: a typo must not pass CI as "no problems". */
  unmatched: string[];
}

export interface CliLintResult {
  findings: Finding[];
  /** Findings a suppression silenced (with their `suppression`): in SARIF as suppressed results, counted elsewhere. */
  suppressed: Finding[];
  /** Files that were linted (OpenAPI documents and handler code). */
  linted: string[];
  /** How many of them were OpenAPI documents and how many handler code files. */
  lintedByKind: { openapi: number; code: number };
  /** Candidate files that were neither OpenAPI nor handler code (or not readable) and were skipped. */
  skipped: string[];
  /** Files the engine failed on (each named in `errors`); the others are linted and reported all the same. */
  failed: string[];
  errors: string[];
}

/** Each path or glob on its own, so that one matching nothing is named (an existing empty folder is fine). */
export async function findFiles(patterns: string[], cwd: string): Promise<FoundFiles> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const found = await discoverFiles([pattern], cwd);
    if (found.length === 0 && !existsSync(path.resolve(cwd, pattern))) unmatched.push(pattern);
    found.forEach((file) => files.add(file));
  }
  return { files: [...files].sort(), unmatched };
}

/**
 * The folders `$ref`s may read from: the current folder and every path given (a file's own folder). A glob counts
 * by the folder before its first wildcard.
 */
export function readRootsOf(patterns: readonly string[], cwd: string): string[] {
  const roots = new Set<string>([path.resolve(cwd)]);
  for (const pattern of patterns) {
    const staticPart = pattern.split(/[*?[{]/)[0]!;
    const resolved = path.resolve(cwd, staticPart === pattern ? pattern : path.dirname(staticPart + 'x'));
    roots.add(existsSync(resolved) && statSync(resolved).isFile() ? path.dirname(resolved) : resolved);
  }
  return [...roots];
}

export async function lintFiles(
  files: readonly string[],
  settings: EngineSettings,
  readRoots?: readonly string[],
): Promise<CliLintResult> {
  const engine = new Engine();
  const result: CliLintResult = {
    findings: [],
    suppressed: [],
    linted: [],
    lintedByKind: { openapi: 0, code: 0 },
    skipped: [],
    failed: [],
    errors: [],
  };
  const seen = new FindingDeduplicator(); // a fragment referenced from two specs yields its findings twice
  const seenSuppressed = new FindingDeduplicator();
  for (const file of files) {
    let text: string;
    try {
      text = stripBom(readFileSync(file, 'utf8'));
    } catch (error) {
      result.errors.push(`Cannot read ${file}: ${(error as Error).message}`);
      continue;
    }
    let lint: Awaited<ReturnType<Engine['lint']>>;
    try {
      lint = await engine.lint({
        uri: pathToUri(file),
        text,
        settings,
        ...(readRoots ? { readRoots: readRoots.map(pathToUri) } : {}),
      });
    } catch (error) {
      // One file the engine cannot handle must not cost the findings of all the others.
      result.errors.push(`Cannot lint ${file}: ${error instanceof Error ? error.message : String(error)}`);
      result.failed.push(file);
      continue;
    }
    if (lint.kind === 'none') {
      result.skipped.push(file);
      continue;
    }
    result.linted.push(file);
    result.lintedByKind[lint.kind]++;
    result.errors.push(...lint.errors);
    result.findings.push(...seen.keep(lint.findings));
    result.suppressed.push(...seenSuppressed.keep(lint.suppressed));
  }
  result.findings.sort(compareFindings);
  result.suppressed.sort(compareFindings);
  return result;
}

/** Editors drop a leading byte order mark from the text they lint; so does the CLI, for the same columns. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Discover and lint in one step (tests and the bench, which pass paths that exist). */
export async function lintPaths(patterns: string[], cwd: string, settings: EngineSettings): Promise<CliLintResult> {
  return lintFiles(await discoverFiles(patterns, cwd), settings);
}
