// Spectral's CLI ruleset for the bench: spectral:oas plus @stoplight/spectral-owasp-ruleset, both from
// node_modules (a JS ruleset, so Spectral's bundler resolves the packages locally and never fetches them).
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';

export default { extends: [oas, owasp] };
