import type { OpenApiRule } from '../ruleTypes';
import type { IndexedOperation } from '../index/openapiIndex';

const VERSION_SEGMENT = /\/v(\d+)(?=\/|$)/i;

export const pathVersionsCoexist: OpenApiRule = {
  id: 'oas-path-versions-coexist',
  severity: 'info',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Older version of a path still live',
  summary:
    'The same path exists under several versions (`/v1/users` and `/v2/users`) and the older one is not marked `deprecated`. Old versions that nobody retires keep old bugs and weaker checks reachable.',
  check(index, report) {
    const byUnversioned = new Map<string, Map<number, IndexedOperation[]>>();
    for (const op of index.operations) {
      const m = VERSION_SEGMENT.exec(op.path);
      if (!m) continue;
      const key = `${op.method} ${op.path.replace(VERSION_SEGMENT, '/v*')}`;
      const versions = byUnversioned.get(key) ?? new Map<number, IndexedOperation[]>();
      const list = versions.get(Number(m[1])) ?? [];
      list.push(op);
      versions.set(Number(m[1]), list);
      byUnversioned.set(key, versions);
    }
    for (const versions of byUnversioned.values()) {
      if (versions.size < 2) continue;
      const newest = Math.max(...versions.keys());
      const newestPath = versions.get(newest)![0]!.path;
      for (const [version, ops] of versions) {
        if (version === newest) continue;
        for (const op of ops) {
          if (op.operation.deprecated === true) continue;
          report({
            path: op.jsonPath,
            message: `${op.method.toUpperCase()} ${op.path} is still live next to its newer version ${newestPath}, and is not deprecated: old versions keep old bugs and weaker checks reachable, usually unmonitored. Mark it \`deprecated: true\` with a sunset date, or remove it.`,
          });
        }
      }
    }
  },
};
