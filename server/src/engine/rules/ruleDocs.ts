// Where a rule's documentation lives. Editors get the docs shipped next to the server bundle (dist/../docs/rules):
// the link works offline and always matches the installed version. Reports read elsewhere (CI logs, SARIF in a
// code-scanning dashboard, JSON passed around) need a link that works on any machine: the published docs.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';

/** The project's home: SARIF's `informationUri`, and the root of the published rule docs. */
export const REPOSITORY_URL = 'https://github.com/apiwarden/api-warden';
/** Published rule pages, `<base><rule-id>.md`: the default base of links in CLI reports. */
export const PUBLISHED_RULE_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;

function findDocsDirectory(): string {
  // dist/*.js -> ../docs/rules; from sources (tests): server/src/engine/rules -> ../../../../docs/rules
  const candidates = [
    path.join(__dirname, '..', 'docs', 'rules'),
    path.join(__dirname, '..', '..', '..', '..', 'docs', 'rules'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

let localDocsBase: string | undefined;
/** Every diagnostic carries its rule's link: thousands per publish on large specs. */
const localUrls = new Map<string, string>();

/** `file://` URL of the folder of rule pages installed with the bundle, ending in `/`. */
function localRuleDocsBase(): string {
  localDocsBase ??= pathToFileURL(findDocsDirectory()).href + '/';
  return localDocsBase;
}

/**
 * The page of a rule: under `base` (a URL ending in `/`, e.g. PUBLISHED_RULE_DOCS_URL) when given, else in the
 * docs installed with the bundle.
 */
export function ruleDocUrl(ruleId: string, base?: string): string {
  if (base !== undefined) return `${base}${encodeURIComponent(ruleId)}.md`;
  let url = localUrls.get(ruleId);
  if (url === undefined) {
    url = `${localRuleDocsBase()}${encodeURIComponent(ruleId)}.md`;
    if (localUrls.size < 10_000) localUrls.set(ruleId, url); // team rulesets may bring many ids; never unbounded
  }
  return url;
}

/** The text of a rule's page installed with the bundle (for agents asking what a rule means), if there is one. */
export function ruleDocText(ruleId: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(ruleId)) return undefined; // an id, never a path
  try {
    return readFileSync(path.join(findDocsDirectory(), `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
