// Rules that report problems of the input itself rather than of the API it describes (their findings come from
// the parser, the resolver and the engine's size limit; docs/rules/<id>.md documents each).
import type { RuleMetadata } from '@apiwarden/rulesets';

export const INPUT_RULES: readonly RuleMetadata[] = [
  {
    id: 'oas-syntax-error',
    severity: 'error',
    title: 'YAML/JSON syntax error',
    summary: 'The OpenAPI document cannot be parsed at this position, so the parts after it may not be checked at all.',
    fixable: false,
  },
  {
    id: 'oas-non-string-key',
    severity: 'warning',
    title: 'Mapping key that is not a string',
    summary:
      'A mapping key is written so that YAML reads it as a number, boolean or null (`200:` for a response code). OpenAPI requires string keys; most tools accept it, strict parsers and generators may not. One finding per file, counting the others.',
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
    id: 'oas-nesting-too-deep',
    severity: 'error',
    title: 'Document nests too deep',
    summary:
      'The document nests mappings and sequences more than 256 levels deep (real specs stay near 25), the shape of a hostile input meant to overflow parsers. It is not parsed or checked.',
    fixable: false,
  },
  {
    id: 'oas-alias-expansion-limit',
    severity: 'error',
    title: 'YAML aliases expand too far',
    summary:
      'Expanding the YAML aliases (`*name`) of the document would add more than 100,000 nodes: the "billion laughs" shape, a few hundred bytes that expand to gigabytes. The document is not parsed or checked.',
    fixable: false,
  },
  {
    id: 'oas-file-too-large',
    severity: 'info',
    title: 'File too large to lint',
    summary: 'The file is larger than the `apiwarden.maxFileSizeMb` setting, so it was not linted.',
    fixable: false,
  },
  {
    id: 'apiwarden-unused-suppression',
    severity: 'info',
    title: 'Suppression that silences nothing',
    summary:
      'An `apiwarden-disable-next-line` / `apiwarden-disable-line` comment or an `x-apiwarden-ignore` entry silences no finding: the problem it was written for is gone, it names the wrong line, or its rule id is misspelt. Left in place, it would hide a future finding without anyone deciding to.',
    fixable: false,
  },
];
