// `apiwarden` command line: the same engine as the language server, for terminals and CI.
// Exit codes: 0 = nothing at or above --fail-on, 1 = findings at or above it, 2 = usage error or crash.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { isDynamicPattern } from 'tinyglobby';
import {
  compareFindings,
  DATA_CLASSES,
  normalizeSettings,
  PUBLISHED_RULE_DOCS_URL,
  ruleDocUrl,
  uriToPath,
  type Finding,
} from '../engine';
import type { DataClass, RuleSetting, Severity } from '../engine';
import { VERSION } from '../version';
import { findFiles, lintFiles, readRootsOf } from './lintFiles';
import { ChangedLinesError, changedLinesSince, onChangedLine, type ChangedLines } from './changedLines';
import { BASELINE_FILE, BaselineError, baselineText, newFindings, readBaseline, type Baseline } from './baseline';
import {
  choice,
  collectLintRule,
  collectRuleSetting,
  collectSensitiveName,
  collectString,
  parseDocsBaseUrl,
  parseFailOn,
  parseSeverity,
  type FailOn,
  type RuleOptions,
} from './options';
import { fixFiles, fixSummaryText } from './fixFiles';
import { atLeast } from './severityWords';
import { formatStylish, formatSummary } from './formatters/stylish';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatGithub } from './formatters/github';
import { formatJunit } from './formatters/junit';
import { formatMarkdown } from './formatters/markdown';
import { summaryLine, type NotShown } from './formatters/summary';
import { addInventoryCommand, crossCheckFindings } from './inventoryCommand';

const FORMATS = ['stylish', 'summary', 'json', 'sarif', 'github', 'junit', 'markdown'] as const;
type Format = (typeof FORMATS)[number];
/** Formats whose stdout a program reads: the summary line goes to stderr. */
const MACHINE_FORMATS = new Set<Format>(['json', 'sarif', 'github', 'junit', 'markdown']);

interface CliOptions {
  format: Format;
  failOn: FailOn;
  minSeverity?: Severity;
  quiet: boolean;
  output?: string;
  rule: RuleOptions;
  fix: boolean;
  docsBaseUrl: string;
  allowRemoteRefs: boolean;
  authName?: string[];
  sensitiveName?: Partial<Record<DataClass, string[]>>;
  notSensitive?: string[];
  crossCheck: boolean;
  color: boolean;
  changedSince?: string;
  baseline?: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_CRASH = 2;

/** Decided on every finding, printed or not: --min-severity and --quiet change the report, not the verdict. */
export function failsBuild(findings: readonly Finding[], failOn: FailOn): boolean {
  return failOn !== 'never' && findings.some((f) => atLeast(f, failOn));
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
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
      'set a rule severity (error | warning | info | hint) or turn it off (repeatable); with --fix, a bare <id> fixes only that rule',
      collectLintRule,
      { settings: {}, only: [] },
    )
    .option(
      '--fix',
      'apply the safe quick-fixes to the files (and the files they $ref), then report what is left',
      false,
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
    .option(
      '--changed-since <ref>',
      'report only findings on lines changed since a git revision (working tree against <ref>, untracked files included); e.g. HEAD, origin/main',
    )
    .option(
      '--baseline <file>',
      `report only findings that are not in a baseline file written by \`apiwarden baseline\` (e.g. ${BASELINE_FILE})`,
    )
    .option(
      '--cross-check',
      'also compare the OpenAPI documents with the code that serves them (the xref-… rules of `apiwarden inventory`)',
      false,
    )
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
      if (options.rule.only.length > 0 && !options.fix)
        command.error(`error: --rule ${options.rule.only[0]} without =<severity> is only for --fix`, {
          exitCode: EXIT_USAGE_OR_CRASH,
          code: 'apiwarden.bareRuleWithoutFix',
        });
      let changed: ChangedLines | undefined;
      if (options.changedSince !== undefined) {
        try {
          changed = await changedLinesSince(options.changedSince, cwd);
        } catch (error) {
          if (!(error instanceof ChangedLinesError)) throw error;
          command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE_OR_CRASH, code: 'apiwarden.changedSince' });
        }
      }
      let baseline: Baseline | undefined;
      if (options.baseline !== undefined) {
        try {
          baseline = readBaseline(options.baseline);
        } catch (error) {
          if (!(error instanceof BaselineError)) throw error;
          command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE_OR_CRASH, code: 'apiwarden.baseline' });
        }
      }
      const settings = normalizeSettings({
        rules: options.rule.settings,
        allowRemoteRefs: options.allowRemoteRefs,
        authNames: options.authName ?? [],
        sensitiveData: { extraNames: options.sensitiveName ?? {}, allowNames: options.notSensitive ?? [] },
      });
      const lintedFiles = changed ? files.filter((f) => changed.has(realPath(f))) : files;
      if (options.fix) {
        const fixed = await fixFiles(
          lintedFiles,
          settings,
          readRootsOf(paths, cwd),
          options.rule.only.length ? new Set(options.rule.only) : undefined,
        );
        for (const error of fixed.errors) process.stderr.write(`warning: ${error}\n`);
        process.stderr.write(fixSummaryText(fixed, cwd));
      }
      const result = await lintFiles(lintedFiles, settings, readRootsOf(paths, cwd));
      if (options.crossCheck) {
        const xref = await crossCheckFindings(files, paths, cwd, settings);
        result.findings = [...result.findings, ...xref.findings].sort(compareFindings);
        result.errors.push(...xref.errors);
      }
      if (changed) {
        const all = result.findings.length;
        result.findings = result.findings.filter((f) => {
          const file = realPath(uriToPath(f.uri));
          for (let line = f.range.start.line + 1; line <= f.range.end.line + 1; line++)
            if (onChangedLine(changed, file, line)) return true;
          return false;
        });
        process.stderr.write(
          `Only findings on lines changed since ${options.changedSince}: ${lintedFiles.length} changed file${lintedFiles.length === 1 ? '' : 's'} linted, ${all - result.findings.length} finding${all - result.findings.length === 1 ? '' : 's'} on other lines not reported.\n`,
        );
      }
      for (const error of result.errors) process.stderr.write(`warning: ${error}\n`);
      if (result.linted.length === 0 && !changed)
        process.stderr.write(`No OpenAPI documents or API handler code found in ${paths.join(', ')}.\n`);

      if (baseline && options.baseline) {
        const fresh = newFindings(result.findings, baseline, options.baseline, readDocument);
        result.findings = fresh.findings;
        process.stderr.write(
          `${fresh.known} finding${fresh.known === 1 ? '' : 's'} of the baseline ${options.baseline} not reported.\n`,
        );
      }
      const minSeverity = options.quiet ? 'error' : options.minSeverity;
      const shown = minSeverity ? result.findings.filter((f) => atLeast(f, minSeverity)) : result.findings;
      const notShown: NotShown | undefined = minSeverity
        ? { count: result.findings.length - shown.length, minSeverity }
        : undefined;
      const suppressed = result.suppressed.length;
      const color = options.color && !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const linted = result.lintedByKind;
      const report =
        options.format === 'json'
          ? formatJson(shown, { cwd, linted, version: VERSION, docsBaseUrl: options.docsBaseUrl, notShown })
          : options.format === 'sarif'
            ? formatSarif(shown, {
                cwd,
                version: VERSION,
                docsBaseUrl: options.docsBaseUrl,
                readText: readDocument,
                suppressed: result.suppressed,
              })
            : options.format === 'summary'
              ? formatSummary(shown, { color, linted, notShown, suppressed })
              : options.format === 'github'
                ? formatGithub(shown, { cwd })
                : options.format === 'junit'
                  ? formatJunit(shown, { cwd, linted: result.linted })
                  : options.format === 'markdown'
                    ? formatMarkdown(shown, { cwd, linted, docUrl: (id) => ruleDocUrl(id, options.docsBaseUrl) })
                    : formatStylish(shown, { cwd, color, linted, notShown, suppressed });
      if (options.output) writeFileSync(options.output, report);
      else process.stdout.write(report);
      // Machine formats keep stdout parseable: their summary line goes to stderr.
      if (MACHINE_FORMATS.has(options.format) || options.output)
        process.stderr.write(summaryLine(shown, linted, notShown, suppressed) + '\n');
      exitCode = failsBuild(result.findings, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
    });

  program
    .command('baseline')
    .description(
      `Write the findings a project has today to a baseline file, so that \`lint --baseline <file>\` reports only new ones (default file: ${BASELINE_FILE}).`,
    )
    .argument('[paths...]', 'files, folders or glob patterns', ['.'])
    .option('-o, --output <file>', 'the baseline file to write', BASELINE_FILE)
    .option(
      '-r, --rule <id=severity>',
      'set a rule severity or turn it off, as in lint (repeatable)',
      collectRuleSetting,
      {},
    )
    .option('--allow-remote-refs', 'fetch http(s) $refs (off by default: no network access)', false)
    .option('--auth-name <name>', 'also trust this name as authentication, as in lint (repeatable)', collectString)
    .action(
      async (
        paths: string[],
        options: { output: string; rule: Record<string, RuleSetting>; allowRemoteRefs: boolean; authName?: string[] },
        command: Command,
      ) => {
        const { files, unmatched } = await findFiles(paths, process.cwd());
        if (unmatched.length > 0)
          command.error(`error: no such file, folder or match: ${unmatched.join(', ')}`, {
            exitCode: EXIT_USAGE_OR_CRASH,
            code: 'apiwarden.unmatchedPath',
          });
        const settings = normalizeSettings({
          rules: options.rule,
          allowRemoteRefs: options.allowRemoteRefs,
          authNames: options.authName ?? [],
        });
        const result = await lintFiles(files, settings, readRootsOf(paths, process.cwd()));
        writeFileSync(options.output, baselineText(result.findings, options.output, readDocument));
        process.stderr.write(
          `Wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} of ${result.linted.length} files to the baseline ${options.output}.\n`,
        );
      },
    );

  program
    .command('mcp')
    .description(
      'Serve the linter to coding agents as a Model Context Protocol server over stdio (tools lint_file, lint_snippet, explain_rule, suggest_fix); it reads only inside the given folders (default: the current folder).',
    )
    .argument('[roots...]', 'folders the agent may have linted', [])
    .option('--allow-remote-refs', 'fetch http(s) $refs (off by default: no network access)', false)
    .option(
      '--auth-name <name>',
      'also trust this middleware/guard/dependency name as authentication (repeatable)',
      collectString,
    )
    .action(async (roots: string[], options: { allowRemoteRefs: boolean; authName?: string[] }) => {
      // required here, not imported at the top: the bundle keeps it in dist/mcp.js (scripts/build.mjs), and a
      // plain require avoids import() in the code-cached CLI
      let mcp: typeof import('./mcp/server');
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mcp = require('./mcp/server') as typeof import('./mcp/server');
      } catch {
        // the VS Code extension ships the CLI without it (its agents use the editor's language-model tools)
        throw new Error('this install has no MCP server (dist/mcp.js); run it from the npm package: npx apiwarden mcp');
      }
      await mcp.serveMcp(
        roots,
        normalizeSettings({ allowRemoteRefs: options.allowRemoteRefs, authNames: options.authName ?? [] }),
      );
    });

  addInventoryCommand(program, (code) => (exitCode = code));

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
