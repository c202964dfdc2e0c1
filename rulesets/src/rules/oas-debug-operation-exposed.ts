import { describeOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { allowsAnonymous, isUnsecured } from '../helpers/operations';

// Whole path segments that name a debugging or diagnostics surface. Matched as segments, not words, so business
// paths that merely contain a word (`/v1/test_helpers`, `/traces`, `/environments`) stay quiet.
const DEBUG_SEGMENTS = new Set([
  'debug',
  '_debug',
  '__debug__',
  'actuator',
  'heapdump',
  'threaddump',
  'jolokia',
  'pprof',
  'phpinfo',
  'phpinfo.php',
  '_profiler',
  'h2-console',
  'elmah.axd',
  'trace.axd',
]);

// Probes that load balancers and orchestrators call without credentials by design (`/actuator/health`).
const PUBLIC_PROBES = new Set(['health', 'healthz', 'liveness', 'readiness', 'ping']);

/** The first literal segment of the path that names a debug surface, if any. */
function debugSegmentOf(path: string): string | undefined {
  const segments = path.split('/').map((segment) => segment.toLowerCase());
  if (PUBLIC_PROBES.has(segments[segments.length - 1]!)) return undefined;
  return segments.find((segment) => DEBUG_SEGMENTS.has(segment));
}

export const debugOperationExposed: OpenApiRule = {
  id: 'oas-debug-operation-exposed',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-489',
  title: 'Debug or diagnostics operation open to anonymous callers',
  summary:
    'An operation on a debugging or diagnostics path (`/debug/...`, `/actuator/...`, `heapdump`, `pprof`, `phpinfo`) requires no authentication, or accepts anonymous callers. Such endpoints dump memory, configuration and internals.',
  check(index, report) {
    for (const op of index.operations) {
      const segment = debugSegmentOf(op.path);
      if (!segment) continue;
      const anonymous = isUnsecured(op)
        ? 'requires no authentication'
        : allowsAnonymous(op)
          ? 'accepts anonymous callers (an empty `{}` requirement)'
          : undefined;
      if (!anonymous) continue;
      report({
        path: op.securitySource === 'operation' ? [...op.jsonPath, 'security'] : op.jsonPath,
        message: `${describeOperation(op)} is a debugging or diagnostics endpoint (\`${segment}\`) and ${anonymous}: heap and thread dumps, profiles, environment and configuration views hand attackers credentials, tokens and the internals they need for the next step. Leave it out of production builds, or require an administrator credential and serve it on an internal network only.`,
      });
    }
  },
};
