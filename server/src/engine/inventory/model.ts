// The inventory's shapes: what a spec documents (SpecOperationRef), what code serves (CodeRouteRef), and the
// endpoints they make together. Plain data (JSON-serialisable): the CLI prints it, the language server sends it.
import type { DataClass } from '@apiwarden/sensitive';
import type { Range } from '../findings';

export type AuthMode = 'required' | 'optional' | 'none' | 'unknown';

export interface AuthVerdict {
  mode: AuthMode;
  /** Why, each from its source: `spec: bearerAuth`, `code: requireAuth (calls jwt.verify)`. */
  evidence: string[];
}

/** One operation of one spec, with its base path applied. */
export interface SpecOperationRef {
  specUri: string;
  method: string;
  /** As written under `paths`. */
  path: string;
  /** Base path (servers / basePath) + path, OpenAPI spelling. */
  fullPath: string;
  /** The base path applied (`/` when none). */
  basePath: string;
  /** The JSON pointer of the operation (`#/paths/~1users/get`). */
  pointer: string;
  range: Range;
  operationId?: string;
  summary?: string;
  /** What the spec says about authentication: `required` (every alternative names a scheme), `optional` (one is
   * `{}`), `none` (no requirement, or `security: []`). */
  security: 'required' | 'optional' | 'none';
  schemes: string[];
  /** Scopes (OAuth) or roles (OAS 3.1) every alternative requirement demands, when each names some; else empty. */
  scopes: string[];
  deprecated: boolean;
  /** `x-sunset` / `x-deprecated-at` date as written, when there is one. */
  sunset?: string;
  tags: string[];
  /** Data classes of the response schemas' properties (the shared classifier). */
  dataClasses: DataClass[];
  /** Every property name the response schemas declare; undefined when a response schema allows any property
   * (no `properties`, or `additionalProperties` not false) or there is none. */
  responseProperties?: string[];
  aiLinked: boolean;
}

/** One route the code serves. */
export interface CodeRouteRef {
  uri: string;
  method: string;
  /** Full path with mount prefixes, in the framework's syntax. */
  pathTemplate: string;
  /** OpenAPI spelling of `pathTemplate`. */
  path: string;
  range: Range;
  framework: string;
  auth: 'required' | 'optional' | 'none';
  authEvidence: string[];
  /** The role or permission checks that apply to it (`requireRole('admin')`: checks …). */
  roleChecks: string[];
  /** No mount of its router was found: prefixes and app-level middleware may be missing. */
  unmounted: boolean;
  /** `include_in_schema=False`, `@ApiExcludeEndpoint()`: as written. */
  hiddenFromDocs?: string;
  publicMarker?: string;
  /** Data classes of the fields the handler's responses name. */
  dataClasses: DataClass[];
  /** The property names the handler's response objects carry, where they are written, and their classes. */
  responseFields: { name: string; dataClasses?: DataClass[]; uri: string; range: Range }[];
  aiLinked: boolean;
}

export interface Endpoint {
  method: string;
  /** Normalised full path, OpenAPI spelling (`/api/users/{id}`). */
  path: string;
  specOperations: SpecOperationRef[];
  codeRoutes: CodeRouteRef[];
  auth: AuthVerdict;
  dataClasses: DataClass[];
  aiLinked: boolean;
  deprecated: boolean;
  documented: boolean;
  served: boolean;
  /** The tags of its spec operations. */
  owner: string[];
  /** The project folder (uri) its spec and code belong to. */
  project: string;
  /** Several operations could be this route (or the other way round): none was picked. */
  ambiguous?: { reason: string; candidates: string[] };
  /** How the route was paired with the operation, when not by its full path (`path without the base path /v1`). */
  matchedBy?: string;
  /** Served outside every base path of its project's specs (a spec for `/b2b/v2` does not claim to document
   * `/rest/…`), or an OPTIONS/HEAD route (CORS preflights): undocumented, but not a shadow endpoint of those specs. */
  outsideSpecs?: true;
  /** A newer version of it is served in the same project (`GET /v2/invoices` for `GET /v1/invoices`). */
  supersededBy?: string;
}

export interface InventorySpec {
  uri: string;
  title?: string;
  version?: string;
  basePaths: string[];
  operations: number;
  project: string;
}

export interface Inventory {
  endpoints: Endpoint[];
  specs: InventorySpec[];
  /** Code files that declare at least one route. */
  codeFiles: string[];
  /** Project folders (uris) with their spec and code counts: xref rules run only where both exist. */
  projects: { uri: string; specs: number; routes: number }[];
  /** Problems reading files (a spec that does not parse), for logs. */
  errors: string[];
}
