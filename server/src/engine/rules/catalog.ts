// Every rule id the engine can report, with its metadata (hover text, OWASP/CWE ids, default severity).
// Light on purpose: the language server's main thread imports it to answer hovers without loading Spectral.
import { metadataOf, recommendedRules, type RuleMetadata } from '@apiwarden/rulesets';
import { CODE_RULES } from '../code/ruleMeta';

/** Rules that report problems of the input itself rather than of the API it describes. */
const INPUT_RULES: RuleMetadata[] = [
  {
    id: 'oas-syntax-error',
    severity: 'error',
    title: 'YAML/JSON syntax error',
    summary: 'The OpenAPI document cannot be parsed at this position, so the parts after it may not be checked at all.',
    fixable: false,
  },
  {
    id: 'oas-unresolved-ref',
    severity: 'error',
    title: 'Unresolved $ref',
    summary:
      'A `$ref` points at a file or location that does not exist, cannot be read, or is remote while remote refs are not allowed. Whatever it refers to is not checked.',
    fixable: false,
  },
  {
    id: 'oas-file-too-large',
    severity: 'info',
    title: 'File too large to lint',
    summary: 'The file is larger than the `apiwarden.maxFileSizeMb` setting, so it was not linted.',
    fixable: false,
  },
];

export const RULES: ReadonlyMap<string, RuleMetadata> = new Map(
  [...recommendedRules.map(metadataOf), ...INPUT_RULES, ...CODE_RULES].map((rule) => [rule.id, rule]),
);

export function ruleMetadata(id: string): RuleMetadata | undefined {
  return RULES.get(id);
}
