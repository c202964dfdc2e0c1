// Lints one OpenAPI document with Spectral and our rulesets, and turns Spectral's results into Findings with
// exact ranges, rule metadata and the data quick-fixes need.
import { Ruleset, Spectral, type IRuleResult, type RulesetDefinition } from '@stoplight/spectral-core';
import { recommendedRules, toSpectralRuleset, type OpenApiRule, type RuleFunctionResult } from '@apiwarden/rulesets';
import { LintCancelledError, throwIfCancelled, type CancelSignal } from '../cancellation';
import type { EngineSettings } from '../config/settings';
import type { FileReader } from '../fileReader';
import type { Finding, FixData, Range, Severity } from '../findings';
import { FindingDeduplicator, FindingPolicy, runGuarded } from '../findingPolicy';
import { ruleMetadata } from '../rules/catalog';
import { hasApplicableFix } from '../fixes';
import { shiftRange } from '../positions';
import { pathToUri, uriToPath } from '../uris';
import type { OpenApiDetection } from './detect';
import { createRunResolver, type Origin, type ResolverMemo } from './refResolver';
import { SourceDocument } from './sourceDocument';
import type { ChunkedYamlParser } from './chunkedYaml';
import { checkInputLimits, MAX_NESTING_DEPTH, type InputLimitViolation } from './inputLimits';
import { LineIndex } from '../positions';
import { ReadRoots } from '../readRoots';

type JsonPath = (string | number)[];

export interface OpenApiLintInput {
  uri: string;
  text: string;
  detection: OpenApiDetection;
  settings: EngineSettings;
  fileReader: FileReader;
  signal: CancelSignal;
  /** The document's incremental YAML parser (editors); absent: parse whole. */
  yamlParser?: ChunkedYamlParser | undefined;
  /** Folders (uris) `$ref`s may read files in; absent: anywhere. */
  readRoots?: string[] | undefined;
  /** The document's resolved units of earlier lints (editors); absent: resolve everything. */
  resolverMemo?: ResolverMemo | undefined;
}

export interface OpenApiLintOutput {
  findings: Finding[];
  /** URIs of other files this document's `$ref`s read. */
  dependencies: string[];
  /** Problems of the tool itself (a rule that threw); never the user's fault, always worth logging. */
  errors: string[];
  /** Where the time went (ms): parsing, resolving refs, our rules, everything else in Spectral, findings. */
  timings: { parse: number; resolve: number; rules: number; spectral: number; findings: number };
  /** The parsed document of a file findings are in (the linted one, or a `$ref`'d one), for suppressions. */
  sourceDocument(uri: string): SourceDocument | undefined;
}

/** Per-run state that rule functions reach through the document they are called for. */
interface RunContext {
  signal: CancelSignal;
  /** Results of our own rules, taken directly (Spectral's per-result processing is skipped for them). */
  direct: { ruleId: string; root: unknown; result: RuleFunctionResult }[];
  errors: string[];
  /** Time spent in our rule functions (ms). */
  rulesMs: number;
}
const runContexts = new WeakMap<object, RunContext>();

const SPECTRAL_SEVERITY: Severity[] = ['error', 'warning', 'info', 'hint'];
const SPECTRAL_CODE_TO_RULE: Record<string, string> = {
  parser: 'oas-syntax-error',
  'invalid-ref': 'oas-unresolved-ref',
};

export async function lintOpenApi(input: OpenApiLintInput): Promise<OpenApiLintOutput> {
  const { signal } = input;
  throwIfCancelled(signal);
  const sourcePath = uriToPath(input.uri);
  let mark = performance.now();
  // Checked on the text before any parser, resolver or rule recurses on it or expands its aliases.
  const violation = checkInputLimits(input.text, input.detection.syntax);
  if (violation) return limitOutput(input, violation, performance.now() - mark);
  let document: SourceDocument;
  try {
    document = new SourceDocument(input.text, input.detection.syntax, sourcePath, input.yamlParser);
  } catch (error) {
    if (isStackOverflow(error)) return limitOutput(input, stackOverflowViolation(), performance.now() - mark);
    throw error;
  }
  const parseMs = performance.now() - mark;
  throwIfCancelled(signal);

  const readRoots = input.readRoots && ReadRoots.forDocument(input.readRoots, sourcePath);
  const run = createRunResolver(input.fileReader, input.settings.allowRemoteRefs, input.resolverMemo, readRoots);
  // Our resolver implements the part of json-ref-resolver's interface that Spectral uses.
  const spectral = new Spectral({
    resolver: run.resolver as unknown as NonNullable<ConstructorParameters<typeof Spectral>[0]>['resolver'],
  });
  spectral.setRuleset(compiledRuleset(input.settings));
  const context: RunContext = { signal, direct: [], errors: [], rulesMs: 0 };
  runContexts.set(document, context);

  let results: IRuleResult[];
  try {
    mark = performance.now();
    results = await spectral.run(document, { ignoreUnknownFormat: true });
  } catch (error) {
    if (signal.cancelled) throw new LintCancelledError();
    // The last line of defence: a structure deep enough to overflow a recursive walk despite the limits above
    // (refs chained thousands deep, a nesting the text scan underestimated) is reported, not a crash.
    if (isStackOverflow(error)) return limitOutput(input, stackOverflowViolation(), parseMs);
    throw error;
  }
  throwIfCancelled(signal);
  const spectralMs = performance.now() - mark;
  mark = performance.now();

  const documents = new Map<string, SourceInfo>([[sourcePath, { uri: input.uri, document }]]);
  const sourceFor = (path: string): SourceInfo => {
    let info = documents.get(path);
    if (!info) {
      const uri = pathToUri(path);
      const text = input.fileReader.read(uri);
      const syntax = /\.json$/i.test(path) ? 'json' : 'yaml';
      // A file past the input limits is never parsed (the resolver refused it too).
      const parseable = text !== undefined && !checkInputLimits(text, syntax);
      info = { uri, document: parseable ? new SourceDocument(text, syntax, path) : null };
      documents.set(path, info);
    }
    return info;
  };

  const findings: Finding[] = [];
  const seen = new FindingDeduplicator();
  const policy = FindingPolicy.of(input.settings);
  for (const { ruleId, root, result } of context.direct) {
    const finding = directFinding(ruleId, root, result, policy, run.resolver.origins, sourcePath, sourceFor);
    if (!finding || seen.repeats(finding)) continue; // the same fault reached through several paths (a shared schema)
    findings.push(finding);
  }
  const syntaxErrorLines = new Set<string>();
  const nonStringKeys = new Map<string, { finding: Finding; count: number }>();
  for (const result of results) {
    const finding = toFinding(result, input, policy, sourceFor);
    if (!finding) continue;
    if (finding.ruleId === 'oas-syntax-error' && NON_STRING_KEY.test(finding.message)) {
      // `200:` parses fine; it is a style fault of the whole file, not a syntax error at each response code
      const first = nonStringKeys.get(finding.uri);
      if (first) first.count++;
      else {
        const keyFinding = policy.finding({ ...finding, ruleId: 'oas-non-string-key', severity: 'warning' });
        if (keyFinding) {
          nonStringKeys.set(finding.uri, { finding: keyFinding, count: 1 });
          findings.push(keyFinding);
        }
      }
      continue;
    }
    if (finding.ruleId === 'oas-syntax-error') {
      // A YAML/JSON parser reports follow-on errors at the same spot; the first one per line is the useful one.
      const key = `${finding.uri}:${finding.range.start.line}`;
      if (syntaxErrorLines.has(key)) continue;
      syntaxErrorLines.add(key);
      widenEmptyRange(finding, sourceFor(result.source ?? sourcePath).document);
    }
    findings.push(finding);
  }
  for (const { finding, count } of nonStringKeys.values()) finding.message = nonStringKeyMessage(count);
  const timings = {
    parse: parseMs,
    resolve: run.resolver.durationMs,
    rules: context.rulesMs,
    spectral: spectralMs - run.resolver.durationMs - context.rulesMs,
    findings: performance.now() - mark,
  };
  return {
    findings,
    dependencies: [...run.dependencies],
    errors: context.errors,
    timings,
    sourceDocument: (uri) => sourceFor(uriToPath(uri)).document ?? undefined,
  };
}

/** The lint of a document that exceeds an input limit: that one finding, nothing parsed. */
function limitOutput(input: OpenApiLintInput, violation: InputLimitViolation, parseMs: number): OpenApiLintOutput {
  const lines = new LineIndex(input.text);
  const finding = FindingPolicy.of(input.settings).finding({
    ruleId: violation.ruleId,
    message: violation.message,
    uri: input.uri,
    range: lines.rangeOf(
      violation.start,
      Math.min(violation.end, lines.lineEnd(lines.positionAt(violation.start).line)),
    ),
    fixable: false,
  });
  return {
    findings: finding ? [finding] : [],
    dependencies: [],
    errors: [],
    timings: { parse: parseMs, resolve: 0, rules: 0, spectral: 0, findings: 0 },
    sourceDocument: () => undefined,
  };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function stackOverflowViolation(): InputLimitViolation {
  return {
    ruleId: 'oas-nesting-too-deep',
    message: `This document, with its $refs resolved, nests too deep to be checked (deeper than the stack allows; the text itself may nest at most ${MAX_NESTING_DEPTH} levels). Look for long chains of $refs, each nesting the next.`,
    start: 0,
    end: 0,
  };
}

interface SourceInfo {
  uri: string;
  document: SourceDocument | null;
}

/** A result Spectral produced itself: a parser or resolver error, or a rule of a team's ruleset. */
function toFinding(
  result: IRuleResult,
  input: OpenApiLintInput,
  policy: FindingPolicy,
  sourceFor: (path: string) => SourceInfo,
): Finding | undefined {
  const code = String(result.code);
  if (code === 'unrecognized-format') return undefined;
  const ruleId = SPECTRAL_CODE_TO_RULE[code] ?? code;
  if (!policy.enabled(ruleId)) return undefined;
  const metadata = ruleMetadata(ruleId);
  const { uri, document: sourceDocument } = sourceFor(result.source ?? uriToPath(input.uri));
  // The root document answered Spectral with exact ranges already (SourceDocument.getRangeForJsonPath);
  // documents reached through `$ref`s were parsed by Spectral itself and are asked again here.
  const isRoot = uri === input.uri;
  const range: Range = (!isRoot && ruleId !== 'oas-syntax-error' && result.path.length > 0
    ? sourceDocument?.rangeForPath(result.path)
    : undefined) ?? {
    start: { line: result.range.start.line, character: result.range.start.character },
    end: { line: result.range.end.line, character: result.range.end.character },
  };
  const valueRange = metadata?.fixable && sourceDocument ? sourceDocument.valueRangeForPath(result.path) : undefined;
  const fixData = valueRange ? { path: [...result.path], valueRange } : undefined;
  const fixable = fixData !== undefined && fixApplies(ruleId, fixData, sourceDocument!, uri);
  // Every finding keeps its JSON path (SARIF fingerprints and JSON readers locate it by what, not by line).
  const data = fixData ?? (result.path.length > 0 ? { path: [...result.path] } : undefined);
  return policy.finding({
    ruleId,
    severity: SPECTRAL_SEVERITY[result.severity] ?? 'warning',
    message: ruleId === 'oas-unresolved-ref' ? unresolvedRefMessage(result.message) : result.message,
    uri,
    range,
    fixable,
    data,
  });
}

/**
 * A result of one of our rules, located without Spectral: the path in the resolved document is walked, and
 * each resolved value met on the way that was defined elsewhere (a `$ref` target) restarts the path there, so
 * the finding lands in the file and at the place that hold the fault.
 */
function directFinding(
  ruleId: string,
  root: unknown,
  result: RuleFunctionResult,
  policy: FindingPolicy,
  origins: WeakMap<object, Origin>,
  rootPath: string,
  sourceFor: (path: string) => SourceInfo,
): Finding | undefined {
  let source = rootPath;
  let path: (string | number)[] = [];
  let current: unknown = root;
  for (const segment of result.path) {
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<string, unknown>)[segment as string]
        : undefined;
    path.push(segment);
    const origin = current !== null && typeof current === 'object' ? origins.get(current) : undefined;
    if (origin) {
      source = origin.source;
      path = [...origin.segments];
    }
  }
  const { uri, document } = sourceFor(source);
  if (!document) return undefined;
  let ranges = document.targetRanges(path);
  for (let closest = path; !ranges && closest.length > 0;) {
    closest = closest.slice(0, -1);
    ranges = document.targetRanges(closest);
  }
  if (!ranges) return undefined;
  const metadata = ruleMetadata(ruleId);
  const fixData = metadata?.fixable ? { path, valueRange: ranges.valueRange } : undefined;
  const fixable = fixData !== undefined && fixApplies(ruleId, fixData, document, uri);
  return policy.finding({
    ruleId,
    message: result.message,
    uri,
    range: ranges.range,
    fixable,
    data: fixData ?? { path },
    dataClasses: result.dataClasses,
    aiLinked: result.aiLinked,
  });
}

/** Whether a quick-fix can be built for a finding, decided on the text around its value (see textAround). */
function fixApplies(
  ruleId: string,
  fixData: FixData & { path: JsonPath; valueRange: Range },
  document: SourceDocument,
  uri: string,
): boolean {
  const around = document.textAround(fixData.path);
  const valueRange = around.firstLine === 0 ? fixData.valueRange : shiftRange(fixData.valueRange, -around.firstLine);
  return hasApplicableFix(ruleId, { ...fixData, valueRange }, around.text, uri, around.lines);
}

const NON_STRING_KEY = /^Mapping key must be a string scalar/;

function nonStringKeyMessage(count: number): string {
  const others = count > 1 ? ` (and ${count - 1} more in this file)` : '';
  return `A mapping key here is not a string${others}: YAML reads an unquoted \`200:\` as the number 200, while OpenAPI requires string keys for response codes, paths and properties. Most tools accept it; strict parsers and code generators may not. Quote such keys (\`'200':\`).`;
}

function unresolvedRefMessage(message: string): string {
  const clean = message.replace(/^[A-Za-z]*Error: /, '');
  return / does not exist$/.test(clean)
    ? `$ref ${clean}: whatever it describes is not checked. Fix the pointer.`
    : clean;
}

/** Parsers report some errors at a single point; an editor shows those best on the token that starts there. */
function widenEmptyRange(finding: Finding, document: SourceDocument | null): void {
  const { start, end } = finding.range;
  if (!document || start.line !== end.line || start.character !== end.character) return;
  const line = document.lineIndex.lineText(start.line);
  const token = /^\S+/.exec(line.slice(start.character))?.[0];
  if (token) finding.range = { start, end: { line: start.line, character: start.character + token.length } };
  else if (start.character > 0 && start.character <= line.length)
    finding.range = { start: { line: start.line, character: start.character - 1 }, end };
}

// ---- ruleset compilation (cached: compiling JSONPath expressions is not free) ---------------------------------

const rulesetCache = new Map<string, Ruleset>();

/**
 * Built-in ruleset definitions, generated by our code and checked by the tests: the bundles skip Spectral's
 * schema check of these (see prevalidatedRulesets in scripts/build.mjs); run from source, Spectral checks them.
 */
const PREVALIDATED_RULESETS: WeakSet<object> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('apiwarden.prevalidatedRulesets')
] ??= new WeakSet<object>()) as WeakSet<object>;

function compiledRuleset(settings: EngineSettings): Ruleset {
  const policy = FindingPolicy.of(settings);
  const enabled = recommendedRules.filter((rule) => policy.enabled(rule.id));
  // Rule options (the sensitive-data classifier's additions) are part of the compiled ruleset.
  const context = settings.sensitiveData ? { sensitiveData: settings.sensitiveData } : undefined;
  const key = enabled.map((r) => r.id).join(',') + (context ? `|${JSON.stringify(context)}` : '');
  let ruleset = rulesetCache.get(key);
  if (!ruleset) {
    const definition = guardRuleFunctions(toSpectralRuleset(enabled, context ? { context } : {}), enabled);
    PREVALIDATED_RULESETS.add(definition);
    ruleset = new Ruleset(definition);
    rulesetCache.set(key, ruleset);
  }
  return ruleset;
}

/**
 * Wraps every rule function so that (1) a cancelled run stops at the next rule, (2) a rule that throws is
 * reported and skipped instead of aborting the whole Spectral run, and (3) our rules' results come straight
 * to the engine: Spectral's per-result work (closest paths, ref maps, ranges, printed paths, fingerprints) is
 * thousands of times the same on a large spec, and it keeps only message and path, not data classes.
 */
function guardRuleFunctions(definition: RulesetDefinition, rules: readonly OpenApiRule[]): RulesetDefinition {
  const ids = new Set(rules.map((r) => r.id));
  type RuleFn = (input: unknown, options: unknown, fnContext: { document: object }) => unknown;
  const spectralRules = (definition as unknown as { rules: Record<string, { then: { function: RuleFn } }> }).rules;
  for (const [id, rule] of Object.entries(spectralRules)) {
    if (!ids.has(id)) continue;
    const inner = rule.then.function;
    const guarded = (input: unknown, options: unknown, fnContext: { document: object }) => {
      const context = runContexts.get(fnContext.document);
      if (context?.signal.cancelled) throw new LintCancelledError();
      const started = performance.now();
      const results = runGuarded(
        id,
        'an OpenAPI document',
        context?.errors ?? [],
        () => inner(input, options, fnContext) as RuleFunctionResult[] | undefined,
        (error) => error instanceof LintCancelledError,
      );
      if (!context) return results ?? [];
      context.rulesMs += performance.now() - started;
      for (const result of results ?? []) context.direct.push({ ruleId: id, root: input, result });
      return [];
    };
    Object.defineProperty(guarded, 'name', { value: id });
    rule.then = { ...rule.then, function: guarded };
  }
  return definition;
}
