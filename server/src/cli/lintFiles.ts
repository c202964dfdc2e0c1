// The CLI's lint job: expand paths/globs, lint every OpenAPI document and handler code file found, and collect
// findings (each fault once, even when two specs reach the same referenced file).
import { existsSync, readFileSync } from 'node:fs';
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

export async function lintFiles(files: readonly string[], settings: EngineSettings): Promise<CliLintResult> {
  const engine = new Engine();
  const result: CliLintResult = {
    findings: [],
    suppressed: [],
    linted: [],
    lintedByKind: { openapi: 0, code: 0 },
    skipped: [],
    errors: [],
  };
  const seen = new FindingDeduplicator(); // a fragment referenced from two specs yields its findings twice
  const seenSuppressed = new FindingDeduplicator();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      result.errors.push(`Cannot read ${file}: ${(error as Error).message}`);
      continue;
    }
    const lint = await engine.lint({ uri: pathToUri(file), text, settings });
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

/** Discover and lint in one step (tests and the bench, which pass paths that exist). */
export async function lintPaths(patterns: string[], cwd: string, settings: EngineSettings): Promise<CliLintResult> {
  return lintFiles(await discoverFiles(patterns, cwd), settings);
}
