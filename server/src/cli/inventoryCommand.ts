// `apiwarden inventory [paths]`: the API inventory of the given files and folders (every endpoint the specs
// document and the code serves, matched), and the cross-check (`xref-…`) findings, as a table, JSON, CSV, Markdown
// or one self-contained HTML file. The engine builds it; this file only reads options and writes the report.
// Exit codes as `lint`: 1 when a cross-check finding is at or above --fail-on (default: never), 2 on usage errors.
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { isDynamicPattern } from 'tinyglobby';
import {
  diskFileReader,
  formatInventoryCsv,
  formatInventoryHtml,
  formatInventoryMarkdown,
  formatInventoryTable,
  inventoryReport,
  normalizeSettings,
  pathToUri,
  WorkspaceInventory,
  type DataClass,
  type EngineSettings,
  type Finding,
  type RuleSetting,
} from '../engine';
import { VERSION } from '../version';
import { findFiles } from './lintFiles';
import { choice, collectRuleSetting, collectSensitiveName, collectString, parseFailOn, type FailOn } from './options';
import { atLeast } from './severityWords';

export const INVENTORY_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

interface InventoryOptions {
  format: InventoryFormat;
  output?: string;
  failOn: FailOn;
  rule: Record<string, RuleSetting>;
  authName?: string[];
  sensitiveName?: Partial<Record<DataClass, string[]>>;
  notSensitive?: string[];
}

export function addInventoryCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('inventory')
    .description(
      'List the API endpoints that the OpenAPI documents describe and the handler code serves, matched, with auth, data classes, shadow/zombie/AI-linked flags, and the spec-against-code (xref) findings; default: the current folder.',
    )
    .argument('[paths...]', 'files, folders or glob patterns', ['.'])
    .option('-f, --format <format>', INVENTORY_FORMATS.join(' | '), choice(INVENTORY_FORMATS), 'table')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--fail-on <severity>',
      'exit with 1 when cross-check findings of this severity or above exist: error | warning | info | hint | never',
      parseFailOn,
      'never',
    )
    .option('-r, --rule <id=severity>', 'set a rule severity or turn it off (repeatable)', collectRuleSetting, {})
    .option('--auth-name <name>', 'also trust this name as authentication (repeatable)', collectString)
    .option(
      '--sensitive-name <class=name>',
      'also classify this field name as sensitive (repeatable)',
      collectSensitiveName,
    )
    .option('--not-sensitive <name>', 'never classify this field name as sensitive (repeatable)', collectString)
    .action(async (paths: string[], options: InventoryOptions, command: Command) => {
      const cwd = process.cwd();
      const { files, unmatched } = await findFiles(paths, cwd);
      if (unmatched.length > 0)
        command.error(
          unmatched
            .map((p) => (isDynamicPattern(p) ? `error: no file matches ${p}` : `error: no such file or folder: ${p}`))
            .join('\n'),
          { exitCode: 2, code: 'apiwarden.unmatchedPath' },
        );
      const settings = normalizeSettings({
        rules: options.rule,
        authNames: options.authName ?? [],
        sensitiveData: { extraNames: options.sensitiveName ?? {}, allowNames: options.notSensitive ?? [] },
      });
      const result = await new WorkspaceInventory(diskFileReader).build({
        files,
        workspaceRoots: workspaceRootsOf(paths, cwd),
        settings,
      });
      for (const error of result.inventory.errors) process.stderr.write(`warning: ${error}\n`);
      const report = inventoryReport(result, cwd, VERSION);
      const text =
        options.format === 'json'
          ? JSON.stringify(report, null, 2) + '\n'
          : options.format === 'csv'
            ? formatInventoryCsv(report)
            : options.format === 'markdown'
              ? formatInventoryMarkdown(report)
              : options.format === 'html'
                ? formatInventoryHtml(report)
                : formatInventoryTable(report);
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
      if (options.output || options.format !== 'table')
        process.stderr.write(
          `${report.summary.endpoints} endpoints, ${report.summary.byStatus.shadow} shadow, ${report.summary.byStatus.zombie} zombie, ${report.summary.findings} cross-check findings.\n`,
        );
      const failOn = options.failOn;
      setExitCode(failOn !== 'never' && result.findings.some((f) => atLeast(f, failOn)) ? 1 : 0);
    });
}

/** `apiwarden lint --cross-check`: the cross-check findings of the files a lint looked at. */
export async function crossCheckFindings(
  files: string[],
  paths: string[],
  cwd: string,
  settings: EngineSettings,
): Promise<{ findings: Finding[]; errors: string[] }> {
  const result = await new WorkspaceInventory(diskFileReader).build({
    files,
    workspaceRoots: workspaceRootsOf(paths, cwd),
    settings,
  });
  return { findings: result.findings, errors: result.inventory.errors };
}

/** The folders given (or the folders of the files given, or the working directory): bound each file's project. */
function workspaceRootsOf(paths: string[], cwd: string): string[] {
  const roots = new Set<string>();
  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    try {
      roots.add(pathToUri(statSync(absolute).isDirectory() ? absolute : path.dirname(absolute)));
    } catch {
      roots.add(pathToUri(cwd));
    }
  }
  return [...roots];
}
