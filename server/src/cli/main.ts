// `apiwarden` command line: the same engine as the language server, for terminals and CI.
// Exit codes: 0 = nothing at or above --fail-on, 1 = findings at or above it, 2 = usage error or crash.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { isDynamicPattern } from 'tinyglobby';
import { DATA_CLASSES, normalizeSettings, PUBLISHED_RULE_DOCS_URL, uriToPath, type Finding } from '../engine';
import type { DataClass, RuleSetting, Severity } from '../engine';
import { VERSION } from '../version';
import { findFiles, lintFiles, readRootsOf } from './lintFiles';
import {
  choice,
  collectRuleSetting,
  collectSensitiveName,
  collectString,
  parseDocsBaseUrl,
  parseFailOn,
  parseSeverity,
  type FailOn,
} from './options';
import { atLeast } from './severityWords';
import { formatStylish, formatSummary } from './formatters/stylish';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { summaryLine, type NotShown } from './formatters/summary';

const FORMATS = ['stylish', 'summary', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface CliOptions {
  format: Format;
  failOn: FailOn;
  minSeverity?: Severity;
  quiet: boolean;
  output?: string;
  rule: Record<string, RuleSetting>;
  docsBaseUrl: string;
  allowRemoteRefs: boolean;
  authName?: string[];
  sensitiveName?: Partial<Record<DataClass, string[]>>;
  notSensitive?: string[];
  color: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_CRASH = 2;

/** Decided on every finding, printed or not: --min-severity and --quiet change the report, not the verdict. */
export function failsBuild(findings: readonly Finding[], failOn: FailOn): boolean {
  return failOn !== 'never' && findings.some((f) => atLeast(f, failOn));
}

function readDocument(uri: string): string | undefined {
  try {
    return readFileSync(uriToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('apiwarden')
    .description('Finds API security problems (OWASP API Security Top 10) in OpenAPI documents and API handler code.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('lint')
    .description(
      'Lint OpenAPI documents and API handler code (Express, Fastify, NestJS, Koa, Flask, FastAPI, Django) in files, folders or globs; default: the current folder.',
    )
    .argument('[paths...]', 'files, folders or glob patterns', ['.'])
    .option('-f, --format <format>', FORMATS.join(' | '), choice(FORMATS), 'stylish')
    .option(
      '--fail-on <severity>',
      'exit with 1 when findings of this severity or above exist, shown or not: error | warning | info | hint | never (warn = warning)',
      parseFailOn,
      'error',
    )
    .addOption(
      new Option(
        '--min-severity <severity>',
        'report only findings of this severity or above: error | warning | info | hint (default: all)',
      )
        .argParser(parseSeverity)
        .conflicts('quiet'),
    )
    .option('-q, --quiet', 'report errors only (= --min-severity error)', false)
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '-r, --rule <id=severity>',
      'set a rule severity (error | warning | info | hint) or turn it off (repeatable)',
      collectRuleSetting,
      {},
    )
    .addOption(
      new Option('--docs-base-url <url>', 'where the rule pages linked from JSON and SARIF reports are')
        .env('APIWARDEN_DOCS_BASE_URL')
        .argParser(parseDocsBaseUrl)
        .default(PUBLISHED_RULE_DOCS_URL),
    )
    .option('--allow-remote-refs', 'fetch http(s) $refs (off by default: no network access)', false)
    .option(
      '--auth-name <name>',
      'also trust this middleware/guard/dependency name as authentication when its definition is not in the project (repeatable)',
      collectString,
    )
    .option(
      '--sensitive-name <class=name>',
      `also classify this field name as sensitive data of a class: ${DATA_CLASSES.join(', ')} (repeatable)`,
      collectSensitiveName,
    )
    .option('--not-sensitive <name>', 'never classify this field name as sensitive (repeatable)', collectString)
    .option('--no-color', 'plain output')
    .action(async (paths: string[], options: CliOptions, command: Command) => {
      const cwd = process.cwd();
      const { files, unmatched } = await findFiles(paths, cwd);
      if (unmatched.length > 0)
        command.error(
          unmatched
            .map((p) => (isDynamicPattern(p) ? `error: no file matches ${p}` : `error: no such file or folder: ${p}`))
            .join('\n'),
          { exitCode: EXIT_USAGE_OR_CRASH, code: 'apiwarden.unmatchedPath' },
        );
      const settings = normalizeSettings({
        rules: options.rule,
        allowRemoteRefs: options.allowRemoteRefs,
        authNames: options.authName ?? [],
        sensitiveData: { extraNames: options.sensitiveName ?? {}, allowNames: options.notSensitive ?? [] },
      });
      const result = await lintFiles(files, settings, readRootsOf(paths, cwd));
      for (const error of result.errors) process.stderr.write(`warning: ${error}\n`);
      if (result.linted.length === 0)
        process.stderr.write(`No OpenAPI documents or API handler code found in ${paths.join(', ')}.\n`);

      const minSeverity = options.quiet ? 'error' : options.minSeverity;
      const shown = minSeverity ? result.findings.filter((f) => atLeast(f, minSeverity)) : result.findings;
      const notShown: NotShown | undefined = minSeverity
        ? { count: result.findings.length - shown.length, minSeverity }
        : undefined;
      const color = options.color && !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const linted = result.lintedByKind;
      const report =
        options.format === 'json'
          ? formatJson(shown, { cwd, linted, version: VERSION, docsBaseUrl: options.docsBaseUrl, notShown })
          : options.format === 'sarif'
            ? formatSarif(shown, { cwd, version: VERSION, docsBaseUrl: options.docsBaseUrl, readText: readDocument })
            : options.format === 'summary'
              ? formatSummary(shown, { color, linted, notShown })
              : formatStylish(shown, { cwd, color, linted, notShown });
      if (options.output) writeFileSync(options.output, report);
      else process.stdout.write(report);
      // Machine formats keep stdout parseable: their summary line goes to stderr.
      if (options.format === 'json' || options.format === 'sarif' || options.output)
        process.stderr.write(summaryLine(shown, linted, notShown) + '\n');
      exitCode = failsBuild(result.findings, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE_OR_CRASH;
    }
    process.stderr.write(
      `apiwarden crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_USAGE_OR_CRASH;
  }
  return exitCode;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`apiwarden crashed: ${String(error)}\n`);
    process.exitCode = EXIT_USAGE_OR_CRASH;
  },
);
