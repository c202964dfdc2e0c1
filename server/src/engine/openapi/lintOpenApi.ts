// Lints one OpenAPI document with Spectral and our rulesets, and turns Spectral's results into Findings with
// exact ranges, rule metadata and the data quick-fixes need.
import { Ruleset, Spectral, type IRuleResult, type RulesetDefinition } from '@stoplight/spectral-core';
import { recommendedRules } from '../../../../rulesets/src/recommended';
import { toSpectralRuleset, type RuleFunctionResult } from '../../../../rulesets/src/spectralRuleset';
import type { OpenApiRule } from '../../../../rulesets/src/ruleTypes';
import { LintCancelledError, throwIfCancelled, type CancelSignal } from '../cancellation';
import type { EngineSettings } from '../config/settings';
import type { FileReader } from '../fileReader';
import type { Finding, Range, Severity } from '../findings';
import { ruleMetadata } from '../rules/catalog';
import { hasApplicableFix } from '../fixes';
import { pathToUri, uriToPath } from '../uris';
import type { OpenApiDetection } from './detect';
import { createRunResolver, type ResolverMemo } from './refResolver';
import { SourceDocument } from './sourceDocument';
import type { ChunkedYamlParser } from './chunkedYaml';

export interface OpenApiLintInput {
  uri: string;
  text: string;
  detection: OpenApiDetection;
  settings: EngineSettings;
  fileReader: FileReader;
  signal: CancelSignal;
  /** The document's incremental YAML parser (editors); absent: parse whole. */
  yamlParser?: ChunkedYamlParser | undefined;
  /** The document's resolved units of earlier lints (editors); absent: resolve everything. */
  resolverMemo?: ResolverMemo | undefined;
}

export interface OpenApiLintOutput {
  findings: Finding[];
  /** URIs of other files this document's `$ref`s read. */
  dependencies: string[];
  /** Problems of the tool itself (a rule that threw); never the user's fault, always worth logging. */
  errors: string[];
}

/** Per-run state that rule functions reach through the document they are called for. */
interface RunContext {
  signal: CancelSignal;
  extras: Map<string, RuleFunctionResult>;
  errors: string[];
}
const runContexts = new WeakMap<object, RunContext>();

const SPECTRAL_SEVERITY: Severity[] = ['error', 'warning', 'info', 'hint'];
const SPECTRAL_CODE_TO_RULE: Record<string, string> = { parser: 'oas-syntax-error', 'invalid-ref': 'oas-unresolved-ref' };

export async function lintOpenApi(input: OpenApiLintInput): Promise<OpenApiLintOutput> {
  const { signal } = input;
  throwIfCancelled(signal);
  const sourcePath = uriToPath(input.uri);
  const document = new SourceDocument(input.text, input.detection.syntax, sourcePath, input.yamlParser);
  throwIfCancelled(signal);

  const run = createRunResolver(input.fileReader, input.settings.allowRemoteRefs, input.resolverMemo);
  // Our resolver implements the part of json-ref-resolver's interface that Spectral uses.
  const spectral = new Spectral({ resolver: run.resolver as unknown as NonNullable<ConstructorParameters<typeof Spectral>[0]>['resolver'] });
  spectral.setRuleset(compiledRuleset(input.settings));
  const context: RunContext = { signal, extras: new Map(), errors: [] };
  runContexts.set(document, context);

  let results: IRuleResult[];
  try {
    results = await spectral.run(document, { ignoreUnknownFormat: true });
  } catch (error) {
    if (signal.cancelled) throw new LintCancelledError();
    throw error;
  }
  throwIfCancelled(signal);

  const documents = new Map<string, SourceInfo>([[sourcePath, { uri: input.uri, document }]]);
  const sourceFor = (path: string): SourceInfo => {
    let info = documents.get(path);
    if (!info) {
      const uri = pathToUri(path);
      const text = input.fileReader.read(uri);
      info = { uri, document: text === undefined ? null : new SourceDocument(text, /\.json$/i.test(path) ? 'json' : 'yaml', path) };
      documents.set(path, info);
    }
    return info;
  };

  const findings: Finding[] = [];
  const syntaxErrorLines = new Set<string>();
  for (const result of results) {
    const finding = toFinding(result, input, context, sourceFor);
    if (!finding) continue;
    if (finding.ruleId === 'oas-syntax-error') {
      // A YAML/JSON parser reports follow-on errors at the same spot; the first one per line is the useful one.
      const key = `${finding.uri}:${finding.range.start.line}`;
      if (syntaxErrorLines.has(key)) continue;
      syntaxErrorLines.add(key);
      widenEmptyRange(finding, sourceFor(result.source ?? sourcePath).document);
    }
    findings.push(finding);
  }
  return { findings, dependencies: [...run.dependencies], errors: context.errors };
}

interface SourceInfo {
  uri: string;
  document: SourceDocument | null;
}

function toFinding(result: IRuleResult, input: OpenApiLintInput, context: RunContext, sourceFor: (path: string) => SourceInfo): Finding | undefined {
  const code = String(result.code);
  if (code === 'unrecognized-format') return undefined;
  const ruleId = SPECTRAL_CODE_TO_RULE[code] ?? code;
  const override = input.settings.rules[ruleId];
  if (override === 'off') return undefined;
  const metadata = ruleMetadata(ruleId);
  const { uri, document: sourceDocument } = sourceFor(result.source ?? uriToPath(input.uri));
  // The root document answered Spectral with exact ranges already (SourceDocument.getRangeForJsonPath);
  // documents reached through `$ref`s were parsed by Spectral itself and are asked again here.
  const isRoot = uri === input.uri;
  const range: Range =
    (!isRoot && ruleId !== 'oas-syntax-error' && result.path.length > 0 ? sourceDocument?.rangeForPath(result.path) : undefined) ?? {
      start: { line: result.range.start.line, character: result.range.start.character },
      end: { line: result.range.end.line, character: result.range.end.character },
    };
  const extras = context.extras.get(`${code}\u0000${result.message}`);
  const valueRange = metadata?.fixable && sourceDocument ? sourceDocument.valueRangeForPath(result.path) : undefined;
  const fixData = valueRange ? { path: [...result.path], valueRange } : undefined;
  const fixable = fixData !== undefined && hasApplicableFix(ruleId, fixData, sourceDocument!.text, uri, sourceDocument!.lineIndex);
  return {
    ruleId,
    severity: override ?? SPECTRAL_SEVERITY[result.severity] ?? 'warning',
    message: ruleId === 'oas-unresolved-ref' ? unresolvedRefMessage(result.message) : result.message,
    uri,
    range,
    ...(metadata?.owasp ? { owasp: metadata.owasp } : {}),
    ...(metadata?.cwe ? { cwe: metadata.cwe } : {}),
    ...(extras?.dataClasses ? { dataClasses: extras.dataClasses } : {}),
    ...(extras?.aiLinked ? { aiLinked: true } : {}),
    fixable,
    ...(fixable ? { data: fixData } : {}),
  };
}

function unresolvedRefMessage(message: string): string {
  const clean = message.replace(/^[A-Za-z]*Error: /, '');
  return / does not exist$/.test(clean) ? `$ref ${clean}: whatever it describes is not checked. Fix the pointer.` : clean;
}

/** Parsers report some errors at a single point; an editor shows those best on the token that starts there. */
function widenEmptyRange(finding: Finding, document: SourceDocument | null): void {
  const { start, end } = finding.range;
  if (!document || start.line !== end.line || start.character !== end.character) return;
  const line = document.lineIndex.lineText(start.line);
  const token = /^\S+/.exec(line.slice(start.character))?.[0];
  if (token) finding.range = { start, end: { line: start.line, character: start.character + token.length } };
  else if (start.character > 0 && start.character <= line.length) finding.range = { start: { line: start.line, character: start.character - 1 }, end };
}

// ---- ruleset compilation (cached: compiling JSONPath expressions is not free) ---------------------------------

const rulesetCache = new Map<string, Ruleset>();

function compiledRuleset(settings: EngineSettings): Ruleset {
  const enabled = recommendedRules.filter((rule) => settings.rules[rule.id] !== 'off');
  // Rule options (the sensitive-data classifier's additions) are part of the compiled ruleset.
  const context = settings.sensitiveData ? { sensitiveData: settings.sensitiveData } : undefined;
  const key = enabled.map((r) => r.id).join(',') + (context ? `|${JSON.stringify(context)}` : '');
  let ruleset = rulesetCache.get(key);
  if (!ruleset) {
    ruleset = new Ruleset(guardRuleFunctions(toSpectralRuleset(enabled, context ? { context } : {}), enabled));
    rulesetCache.set(key, ruleset);
  }
  return ruleset;
}

/**
 * Wraps every rule function so that (1) a cancelled run stops at the next rule, (2) a rule that throws is
 * reported and skipped instead of aborting the whole Spectral run, and (3) our extra result fields (data
 * classes, AI-linked) survive Spectral, which keeps only message and path.
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
      try {
        const results = inner(input, options, fnContext) as RuleFunctionResult[] | undefined;
        if (context && results) {
          for (const r of results) if (r.dataClasses || r.aiLinked) context.extras.set(`${id}\u0000${r.message}`, r);
        }
        return results;
      } catch (error) {
        if (error instanceof LintCancelledError) throw error;
        context?.errors.push(`Rule ${id} failed and was skipped: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      }
    };
    Object.defineProperty(guarded, 'name', { value: id });
    rule.then = { ...rule.then, function: guarded };
  }
  return definition;
}
