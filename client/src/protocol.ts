// The server's own notifications the client listens to. The client imports nothing from server/ (ESLint holds it),
// so this mirrors server/src/lsp/lintStatus.ts; server/test/client/protocol.test.ts checks that the two agree.

/** `apiwarden/status`: a document's lint started (`linting`) or ended (`done` once its diagnostics are published). */
export const LINT_STATUS_NOTIFICATION = 'apiwarden/status';

export type LintStatus =
  | { uri: string; version?: number; state: 'linting' }
  | {
      uri: string;
      version?: number;
      state: 'done';
      kind: 'openapi' | 'code' | 'none';
      findings: number;
      durationMs: number;
    }
  | { uri: string; version?: number; state: 'failed' };

/**
 * `apiwarden/inventory` (request): the API inventory of the workspace folders (or of `folders`) and the cross-check
 * findings. Mirrors server/src/lsp/inventoryRequest.ts and the engine's inventory shapes.
 */
export const INVENTORY_REQUEST = 'apiwarden/inventory';

export interface InventoryParams {
  folders?: string[];
  /** Also render the report (as `apiwarden inventory --format` writes it): for the export command. */
  format?: 'json' | 'csv' | 'markdown' | 'html';
}

export type InventoryAuthMode = 'required' | 'optional' | 'none' | 'unknown';

interface InventoryRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface InventorySpecOperation {
  specUri: string;
  method: string;
  path: string;
  fullPath: string;
  basePath: string;
  pointer: string;
  range: InventoryRange;
  operationId?: string;
  summary?: string;
  security: 'required' | 'optional' | 'none';
  schemes: string[];
  scopes: string[];
  deprecated: boolean;
  sunset?: string;
  tags: string[];
  dataClasses: string[];
  responseProperties?: string[];
  aiLinked: boolean;
}

export interface InventoryCodeRoute {
  uri: string;
  method: string;
  pathTemplate: string;
  path: string;
  range: InventoryRange;
  framework: string;
  auth: 'required' | 'optional' | 'none';
  authEvidence: string[];
  roleChecks: string[];
  unmounted: boolean;
  hiddenFromDocs?: string;
  publicMarker?: string;
  dataClasses: string[];
  responseFields: { name: string; dataClasses?: string[]; uri: string; range: InventoryRange }[];
  aiLinked: boolean;
}

export interface InventoryEndpoint {
  method: string;
  path: string;
  specOperations: InventorySpecOperation[];
  codeRoutes: InventoryCodeRoute[];
  auth: { mode: InventoryAuthMode; evidence: string[] };
  dataClasses: string[];
  aiLinked: boolean;
  deprecated: boolean;
  documented: boolean;
  served: boolean;
  owner: string[];
  project: string;
  ambiguous?: { reason: string; candidates: string[] };
  matchedBy?: string;
  outsideSpecs?: true;
  supersededBy?: string;
}

export interface InventoryAnswer {
  inventory: {
    endpoints: InventoryEndpoint[];
    specs: {
      uri: string;
      title?: string;
      version?: string;
      basePaths: string[];
      operations: number;
      project: string;
    }[];
    codeFiles: string[];
    projects: { uri: string; specs: number; routes: number }[];
    errors: string[];
  };
  findings: {
    ruleId: string;
    severity: 'error' | 'warning' | 'info' | 'hint';
    message: string;
    uri: string;
    range: InventoryRange;
  }[];
  durationMs: number;
  report?: string;
}
