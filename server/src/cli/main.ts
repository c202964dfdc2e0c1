// `apiwarden` command line: the same engine as the language server, for terminals and CI.
// Exit codes: 0 = nothing at or above --fail-on, 1 = findings at or above it, 2 = usage error or crash.
import { Command, InvalidArgumentError, CommanderError } from 'commander';
import { writeFileSync } from 'node:fs';
import { normalizeSettings, SEVERITY_ORDER, type Finding } from '../engine';
import { DATA_CLASSES, isDataClass, type DataClass } from '../engine';
import { VERSION } from '../version';
import { lintPaths } from './lintFiles';
import { formatStylish } from './formatters/stylish';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { summaryLine } from './formatters/summary';

type Format = 'stylish' | 'json' | 'sarif';
type FailOn = 'error' | 'warn' | 'never';

interface CliOptions {
  format: Format;
  failOn: FailOn;
  output?: string;
  rule: Record<string, string>;
  allowRemoteRefs: boolean;
  authName?: string[];
  sensitiveName?: Partial<Record<DataClass, string[]>>;
  notSensitive?: string[];
  color: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_CRASH = 2;

function choice<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`Allowed: ${allowed.join(', ')}.`);
    return value as T;
  };
}

function collectRuleSetting(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z0-9-]+)=(off|error|warning|warn|info|hint)$/.exec(value);
  if (!match) throw new InvalidArgumentError('Use <rule-id>=off|error|warning|info|hint.');
  return { ...previous, [match[1]!]: match[2]! };
}

function collectString(value: string, previous: string[] = []): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('Give a non-empty name.');
  return [...previous, value.trim()];
}

function collectSensitiveName(
  value: string,
  previous: Partial<Record<DataClass, string[]>> = {},
): Partial<Record<DataClass, string[]>> {
  const match = /^([a-z-]+)=(.+)$/.exec(value);
  if (!match || !isDataClass(match[1]) || match[2]!.trim() === '')
    throw new InvalidArgumentError(`Use <class>=<name>, class one of ${DATA_CLASSES.join(', ')}.`);
  const dataClass = match[1];
  return { ...previous, [dataClass]: [...(previous[dataClass] ?? []), match[2]!.trim()] };
}

export function failsBuild(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const threshold = failOn === 'error' ? SEVERITY_ORDER.error : SEVERITY_ORDER.warning;
  return findings.some((f) => SEVERITY_ORDER[f.severity] <= threshold);
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
    .option('-f, --format <format>', 'stylish | json | sarif', choice(['stylish', 'json', 'sarif'] as const), 'stylish')
    .option(
      '--fail-on <level>',
      'exit with 1 when findings at this level or above exist: error | warn | never',
      choice(['error', 'warn', 'never'] as const),
      'error',
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-r, --rule <id=severity>', 'set a rule severity or turn it off (repeatable)', collectRuleSetting, {})
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
    .action(async (paths: string[], options: CliOptions) => {
      const cwd = process.cwd();
      const settings = normalizeSettings({
        rules: options.rule,
        allowRemoteRefs: options.allowRemoteRefs,
        authNames: options.authName ?? [],
        sensitiveData: { extraNames: options.sensitiveName ?? {}, allowNames: options.notSensitive ?? [] },
      });
      const result = await lintPaths(paths, cwd, settings);
      for (const error of result.errors) process.stderr.write(`warning: ${error}\n`);
      if (result.linted.length === 0)
        process.stderr.write(`No OpenAPI documents or API handler code found in ${paths.join(', ')}.\n`);
      const color = options.color && !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const report =
        options.format === 'json'
          ? formatJson(result.findings, { cwd, linted: result.lintedByKind, version: VERSION })
          : options.format === 'sarif'
            ? formatSarif(result.findings, { cwd, version: VERSION })
            : formatStylish(result.findings, { cwd, color, linted: result.lintedByKind });
      if (options.output) writeFileSync(options.output, report);
      else process.stdout.write(report);
      // Machine formats keep stdout parseable: their summary line goes to stderr.
      if (options.format !== 'stylish' || options.output)
        process.stderr.write(summaryLine(result.findings, result.lintedByKind) + '\n');
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
