import { isObject, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

const ENVIRONMENT =
  /(?:^|[^a-z])(?:local|localhost|dev|develop|development|test|testing|qa|uat|stag|staging|stage|sandbox|preprod|preproduction|prod|production|live|alpha|beta|mock|demo)(?:[^a-z]|$)/i;
const VERSION = /\/v\d+(?=[./\s]|$)|\/\d{4}-\d{2}-\d{2}|\/api\/\d+|\{[^}]*version[^}]*\}|\bversion\b/i;

export const serverEnvironmentUnclear: OpenApiRule = {
  id: 'oas-server-environment-unclear',
  severity: 'info',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Server without environment or version',
  summary:
    'A server entry says neither which environment it is (production, staging, sandbox…) nor which API version it serves, in its URL or description. Unlabelled hosts are how test and old versions stay exposed without anyone owning them.',
  versions: ['3.0', '3.1', '3.2'],
  check(index, report) {
    for (const server of index.servers) {
      const entry = serverObject(index.root, server.jsonPath);
      const description = entry && typeof entry.description === 'string' ? entry.description : '';
      const text = `${server.url} ${description}`;
      if (
        ENVIRONMENT.test(text) ||
        VERSION.test(text) ||
        (entry && (entry['x-environment'] !== undefined || entry['x-internal'] !== undefined))
      )
        continue;
      report({
        path: server.jsonPath,
        message: `Server \`${server.url}\` says neither its environment (production, staging, sandbox…) nor the API version it serves: unlabelled hosts are how old and test deployments stay exposed without an owner. Add a description naming the environment, and a version in the URL or description.`,
      });
    }
  },
};

function serverObject(root: JsonObject, urlPath: (string | number)[]): JsonObject | undefined {
  let node: unknown = root;
  for (const segment of urlPath.slice(0, -1))
    node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return isObject(node) ? node : undefined;
}
