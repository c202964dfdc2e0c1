// The inventory as a report: plain rows with files relative to a base folder, a status per endpoint and the
// summary counts every format prints. The JSON format is this object (docs/schemas/apiwarden-inventory.schema.json).
import * as path from 'node:path';
import { DATA_CLASSES, type DataClass } from '@apiwarden/sensitive';
import type { Finding } from '../../findings';
import { uriToPath } from '../../uris';
import type { AuthMode, Endpoint } from '../model';
import type { InventoryResult } from '../workspaceInventory';

/**
 * `ok`: documented and served; `shadow`: served, documented in no spec of a project that has one; `undocumented`:
 * served in a project without a spec, or outside every base path of its specs, or an OPTIONS/HEAD route; `zombie`: deprecated (or past its sunset), or
 * superseded by a newer version, and still served; `unserved`:
 * documented, served by no route of a project that has code; `spec-only`: documented in a project without code;
 * `ambiguous`: it could be one of several operations.
 */
export type EndpointStatus = 'ok' | 'shadow' | 'undocumented' | 'zombie' | 'unserved' | 'spec-only' | 'ambiguous';
export const ENDPOINT_STATUSES: readonly EndpointStatus[] = [
  'ok',
  'shadow',
  'undocumented',
  'zombie',
  'unserved',
  'spec-only',
  'ambiguous',
];

export interface ReportEndpoint {
  method: string;
  path: string;
  status: EndpointStatus;
  auth: AuthMode;
  authEvidence: string[];
  dataClasses: DataClass[];
  aiLinked: boolean;
  deprecated: boolean;
  documented: boolean;
  served: boolean;
  owner: string[];
  project: string;
  specOperations: { file: string; pointer: string; line: number; operationId?: string; security: string }[];
  codeRoutes: { file: string; line: number; method: string; path: string; framework: string; auth: string }[];
  ambiguous?: { reason: string; candidates: string[] };
  matchedBy?: string;
  supersededBy?: string;
}

export interface InventoryReport {
  tool: { name: string; version: string };
  summary: {
    endpoints: number;
    documented: number;
    served: number;
    byStatus: Record<EndpointStatus, number>;
    byAuth: Record<AuthMode, number>;
    byDataClass: Partial<Record<DataClass, number>>;
    aiLinked: number;
    specs: number;
    codeFiles: number;
    findings: number;
  };
  endpoints: ReportEndpoint[];
  specs: { file: string; title?: string; version?: string; basePaths: string[]; operations: number; project: string }[];
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    file: string;
    line: number;
    column: number;
    owasp?: string;
  }[];
}

export function inventoryReport(result: InventoryResult, base: string, version: string): InventoryReport {
  const rel = (uri: string) => {
    const file = uriToPath(uri);
    const relative = path.relative(base, file).split(path.sep).join('/');
    return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
  };
  const { inventory } = result;
  const withSpec = new Set(inventory.projects.filter((p) => p.specs > 0).map((p) => p.uri));
  const withCode = new Set(inventory.projects.filter((p) => p.routes > 0).map((p) => p.uri));
  const endpoints = inventory.endpoints.map((e) =>
    reportEndpoint(e, rel, withSpec.has(e.project), withCode.has(e.project)),
  );
  const byStatus = Object.fromEntries(ENDPOINT_STATUSES.map((s) => [s, 0])) as Record<EndpointStatus, number>;
  const byAuth: Record<AuthMode, number> = { required: 0, optional: 0, none: 0, unknown: 0 };
  const byDataClass: Partial<Record<DataClass, number>> = {};
  for (const e of endpoints) {
    byStatus[e.status]++;
    byAuth[e.auth]++;
    for (const c of e.dataClasses) byDataClass[c] = (byDataClass[c] ?? 0) + 1;
  }
  const orderedClasses = Object.fromEntries(
    DATA_CLASSES.filter((c) => byDataClass[c] !== undefined).map((c) => [c, byDataClass[c]!]),
  ) as Partial<Record<DataClass, number>>;
  return {
    tool: { name: 'API Warden', version },
    summary: {
      endpoints: endpoints.length,
      documented: endpoints.filter((e) => e.documented).length,
      served: endpoints.filter((e) => e.served).length,
      byStatus,
      byAuth,
      byDataClass: orderedClasses,
      aiLinked: endpoints.filter((e) => e.aiLinked).length,
      specs: inventory.specs.length,
      codeFiles: inventory.codeFiles.length,
      findings: result.findings.length,
    },
    endpoints,
    specs: inventory.specs.map((s) => ({
      file: rel(s.uri),
      ...(s.title !== undefined ? { title: s.title } : {}),
      ...(s.version !== undefined ? { version: s.version } : {}),
      basePaths: s.basePaths,
      operations: s.operations,
      project: rel(s.project),
    })),
    findings: result.findings.map((f: Finding) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: rel(f.uri),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      ...(f.owasp ? { owasp: f.owasp } : {}),
    })),
  };
}

function reportEndpoint(
  e: Endpoint,
  rel: (uri: string) => string,
  projectHasSpec: boolean,
  projectHasCode: boolean,
): ReportEndpoint {
  return {
    method: e.method,
    path: e.path,
    status: statusOf(e, projectHasSpec, projectHasCode),
    auth: e.auth.mode,
    authEvidence: e.auth.evidence,
    dataClasses: e.dataClasses,
    aiLinked: e.aiLinked,
    deprecated: e.deprecated,
    documented: e.documented,
    served: e.served,
    owner: e.owner,
    project: rel(e.project),
    specOperations: e.specOperations.map((o) => ({
      file: rel(o.specUri),
      pointer: o.pointer,
      line: o.range.start.line + 1,
      ...(o.operationId ? { operationId: o.operationId } : {}),
      security: o.security,
    })),
    codeRoutes: e.codeRoutes.map((r) => ({
      file: rel(r.uri),
      line: r.range.start.line + 1,
      method: r.method,
      path: r.pathTemplate,
      framework: r.framework,
      auth: r.auth,
    })),
    ...(e.ambiguous ? { ambiguous: e.ambiguous } : {}),
    ...(e.matchedBy ? { matchedBy: e.matchedBy } : {}),
    ...(e.supersededBy ? { supersededBy: e.supersededBy } : {}),
  };
}

function statusOf(e: Endpoint, projectHasSpec: boolean, projectHasCode: boolean): EndpointStatus {
  if (e.ambiguous) return 'ambiguous';
  if (e.served && (e.deprecated || e.supersededBy)) return 'zombie';
  if (e.served && !e.documented) return projectHasSpec && !e.outsideSpecs ? 'shadow' : 'undocumented';
  if (e.documented && !e.served) return projectHasCode ? 'unserved' : 'spec-only';
  return 'ok';
}
