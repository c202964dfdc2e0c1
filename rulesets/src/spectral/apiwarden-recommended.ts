// Entry of the standalone ruleset file (`rulesets/dist/apiwarden-recommended.js`) that plain Spectral loads:
//   spectral lint -r rulesets/dist/apiwarden-recommended.js openapi.yaml
// or, in a team's .spectral.yaml:  extends: ['./node_modules/api-warden/rulesets/dist/apiwarden-recommended.js']
// Outside our engine nothing isolates a failing rule, so each rule catches its own errors here: one rule that
// throws on an odd document must not abort the whole Spectral run.
import { recommendedRules } from '../recommended.generated';
import { toSpectralRuleset } from '../spectralRuleset';

declare const __APIWARDEN_DOCS_BASE__: string;

export default toSpectralRuleset(recommendedRules, {
  documentationBaseUrl: __APIWARDEN_DOCS_BASE__,
  onRuleError: (ruleId, error) => {
    console.error(
      `apiwarden: rule ${ruleId} failed and was skipped: ${error instanceof Error ? error.message : String(error)}`,
    );
  },
});
