// Where a rule's documentation lives: the docs shipped next to the server bundle (dist/../docs/rules), so the
// link works offline and always matches the installed version.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';

function findDocsDirectory(): string {
  // dist/*.js -> ../docs/rules; from sources (tests): server/src/engine/rules -> ../../../../docs/rules
  const candidates = [
    path.join(__dirname, '..', 'docs', 'rules'),
    path.join(__dirname, '..', '..', '..', '..', 'docs', 'rules'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

let docsBase: string | undefined;
/** Every diagnostic carries its rule's link: thousands per publish on large specs. */
const urls = new Map<string, string>();

export function ruleDocUrl(ruleId: string): string {
  let url = urls.get(ruleId);
  if (url === undefined) {
    docsBase ??= pathToFileURL(findDocsDirectory()).href + '/';
    url = `${docsBase}${encodeURIComponent(ruleId)}.md`;
    if (urls.size < 10_000) urls.set(ruleId, url); // team rulesets may bring many ids; never unbounded
  }
  return url;
}
