// The inventory of a fixture workspace in a compact, reviewable form (test-fixtures/workspaces/<name>/inventory.expected.json):
// one line of facts per endpoint, files relative to the workspace.
import * as path from 'node:path';
import { discoverFiles, diskFileReader, pathToUri, uriToPath } from '../../src/engine';
import { WorkspaceInventory, type Endpoint, type InventoryResult } from '../../src/engine/inventory';

export const WORKSPACES_ROOT = path.resolve(__dirname, '..', '..', '..', 'test-fixtures', 'workspaces');

export interface CompactEndpoint {
  endpoint: string;
  project: string;
  documented: boolean;
  served: boolean;
  auth: string;
  dataClasses?: string[];
  deprecated?: true;
  aiLinked?: true;
  owner?: string[];
  ambiguous?: string;
  matchedBy?: string;
  supersededBy?: string;
  outsideSpecs?: true;
  spec?: string[];
  code?: string[];
}

export async function inventoryOf(root: string): Promise<InventoryResult> {
  const files = await discoverFiles([root], root);
  return new WorkspaceInventory(diskFileReader).build({ files, workspaceRoots: [pathToUri(root)] });
}

export function compact(root: string, endpoints: Endpoint[]): CompactEndpoint[] {
  const rel = (uri: string) => path.relative(root, uriToPath(uri)).split(path.sep).join('/') || '.';
  return endpoints.map((e) => ({
    endpoint: `${e.method} ${e.path}`,
    project: rel(e.project),
    documented: e.documented,
    served: e.served,
    auth: e.auth.mode,
    ...(e.dataClasses.length ? { dataClasses: e.dataClasses } : {}),
    ...(e.deprecated ? { deprecated: true as const } : {}),
    ...(e.aiLinked ? { aiLinked: true as const } : {}),
    ...(e.owner.length ? { owner: e.owner } : {}),
    ...(e.ambiguous ? { ambiguous: e.ambiguous.reason } : {}),
    ...(e.matchedBy ? { matchedBy: e.matchedBy } : {}),
    ...(e.supersededBy ? { supersededBy: e.supersededBy } : {}),
    ...(e.outsideSpecs ? { outsideSpecs: true as const } : {}),
    ...(e.specOperations.length ? { spec: e.specOperations.map((o) => `${rel(o.specUri)}${o.pointer}`) } : {}),
    ...(e.codeRoutes.length
      ? { code: e.codeRoutes.map((r) => `${rel(r.uri)}:${r.range.start.line + 1} ${r.method} ${r.pathTemplate}`) }
      : {}),
  }));
}
