// `apiwarden lint --fix`: applies the safe quick-fixes (the editor's fix-all, engine/fixes/fixAll.ts) to the files on
// disk, the linted ones and the `$ref`'d files their findings are in. Lint, fix, write, and again while a pass still
// changes something (fixes that touch the same place wait for the next pass), at most MAX_PASSES times. Suppressed
// findings are not fixed. Returns what it changed, per file and rule, for the summary it prints.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixAllEdits, uriToPath, type EngineSettings, type Finding } from '../engine';
import { lintFiles } from './lintFiles';
import { plural } from './formatters/summary';

const MAX_PASSES = 5;

export interface FixSummary {
  /** File path → rule id → how many findings were fixed. */
  changed: Map<string, Map<string, number>>;
  errors: string[];
}

export async function fixFiles(
  files: readonly string[],
  settings: EngineSettings,
  readRoots: readonly string[] | undefined,
  only?: ReadonlySet<string>,
): Promise<FixSummary> {
  const summary: FixSummary = { changed: new Map(), errors: [] };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { findings } = await lintFiles(files, settings, readRoots);
    const byUri = new Map<string, Finding[]>();
    for (const finding of findings) {
      if (!finding.fixable || (only && !only.has(finding.ruleId))) continue;
      byUri.set(finding.uri, [...(byUri.get(finding.uri) ?? []), finding]);
    }
    let changedThisPass = false;
    for (const [uri, list] of byUri) {
      const file = uriToPath(uri);
      try {
        const text = readFileSync(file, 'utf8');
        const { edits, fixed } = fixAllEdits(list, text, uri, only);
        if (edits.length === 0) continue;
        writeFileSync(file, applyEdits(text, edits));
        changedThisPass = true;
        const counts = summary.changed.get(file) ?? new Map<string, number>();
        for (const finding of fixed) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
        summary.changed.set(file, counts);
      } catch (error) {
        summary.errors.push(`Cannot fix ${file}: ${(error as Error).message}`);
      }
    }
    if (!changedThisPass) break;
  }
  return summary;
}

/** "Fixed 3 problems in 2 files:" and one line per file with the rules and counts ("" when nothing changed). */
export function fixSummaryText(summary: FixSummary, cwd: string): string {
  if (summary.changed.size === 0) return 'No problems with a safe fix found; no file changed.\n';
  let total = 0;
  const lines: string[] = [];
  for (const [file, counts] of [...summary.changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule));
    total += [...counts.values()].reduce((a, b) => a + b, 0);
    lines.push(`  ${path.relative(cwd, file) || file}: ${parts.join(', ')}`);
  }
  return `Fixed ${plural(total, 'problem')} in ${plural(summary.changed.size, 'file')}:\n${lines.join('\n')}\n`;
}
