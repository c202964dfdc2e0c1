// The Route model every framework adapter produces and every code rule reads.
import type { CallFact, FileFacts, FnFacts, Span, Val } from './facts';

import type { Framework } from './frameworks/names.generated';

export type { Framework };

export type AuthKind =
  'verifies-token' | 'checks-session' | 'rejects-unauthenticated' | 'guard' | 'permission' | 'known-name';

export interface AuthEvidence {
  kind: AuthKind;
  /** The middleware/guard/dependency as written (`requireAuth`, `Depends(get_current_user)`). */
  name: string;
  /** What it does (`calls jwt.verify`, `raises HTTPException(401)`), or why it is trusted by name. */
  detail: string;
  /** Where it is defined, when found in the workspace. */
  definedIn?: string;
  /** It identifies the caller when a credential is sent but also lets anonymous callers through
   * (`credentialsRequired: false`, `@jwt_optional`, an optional-user dependency). */
  optional?: boolean;
}

/** A check that the caller has a role or permission, beyond being signed in (`requireRole('admin')`,
 * `Depends(get_current_active_superuser)`, `@Roles('admin')`, `IsAdminUser`, `if not user.is_superuser: raise 403`). */
export interface RoleEvidence {
  /** As written (`requireRole('admin')`, `@Roles('admin')`), or `the handler itself` for a check in its body. */
  name: string;
  /** What it checks (`checks \`req.user.role\` and responds 403`), or why it is trusted by name. */
  detail: string;
  /** The file the check is written in (uri and text, so messages can name its line). */
  file: { uri: string; text: string };
  span: Span;
}

/** A call from a handler to a function of the project (`getOrder(id)` → services/orders.ts `getOrder`). */
export interface HelperCall {
  /** The call, in the handler (or, one level down, in a helper the handler calls: `via`). */
  call: CallFact;
  fn: FnFacts;
  /** The file that defines `fn`. */
  file: FileFacts;
  /** The helper that makes this call, when the handler reaches `fn` through another helper. */
  via?: HelperCall;
}

export interface MiddlewareRef {
  /** As written (`requireAuth`, `passport.authenticate('jwt')`, `Depends(get_db)`). */
  name: string;
  val: Val;
  /** File the reference appears in. */
  uri: string;
  /** Where it applies from: `route`, `router`, `app`, `mount`, `global`. */
  level: 'route' | 'router' | 'mount' | 'app' | 'global' | 'class';
  auth?: AuthEvidence;
  /** Looks like auth by name or shape but was shown not to be (e.g. decodes a JWT without verifying it). */
  notAuth?: string;
  rateLimit?: boolean;
  /** It demands a role or permission: what it checks. */
  role?: string;
  /** Its role check reads the roles a route declares (a Nest guard reading `@Roles()` metadata through the
   * Reflector): it demands nothing of routes that declare none. */
  roleByMetadata?: boolean;
  /** It lets no one through (juice-shop's `denyAll()`: a token check against a random secret): what it does. */
  deniesAll?: string;
}

export interface Route {
  framework: Framework;
  /** Upper-case HTTP method, or `ALL`. */
  method: string;
  /** Full path with mount prefixes, in the framework's own syntax (`/api/users/:id`, `/items/{item_id}`). */
  pathTemplate: string;
  /** File (uri) that declares the route. */
  file: string;
  /** The declaration: the path literal, the decorator, or the method name. */
  range: Span;
  /** The handler function, when it could be found (it may live in another file: `handlerFile`). */
  handler?: FnFacts;
  handlerFile?: FileFacts;
  handlerRange?: Span;
  middleware: MiddlewareRef[];
  authEvidence: AuthEvidence[];
  /** Role or permission checks that apply to the route (filled from `middleware` and the handler by roleChecks.ts). */
  roleChecks: RoleEvidence[];
  /** When the route itself checks no role: a role check elsewhere (a sibling route of the file, a role-checking
   * function the file imports or defines, a guard that reads declared roles), evidence that the project has a role
   * model this route could have used. */
  roleModel?: RoleEvidence;
  /** Project functions the handler calls, resolved (helperCalls.ts): rules follow request data into them. */
  helperCalls?: HelperCall[];
  /** Explicitly public (`AllowAny`, `@Public()`): the reason as written. */
  publicMarker?: string;
  /** Left out of the generated API docs (`include_in_schema=False`, `@ApiExcludeEndpoint()`): as written. Hidden
   * from readers of the docs, not from callers; the inventory counts such routes as undocumented. */
  hiddenFromDocs?: string;
  rateLimited: boolean;
  /** Values the handler sends back (`res.json(x)`, `return x`, `Response(x)`, `ctx.body = x`). */
  responseExpressions: { val: Val; span: Span; via: string }[];
  /** Calls made by the handler (nested callbacks included). */
  calls: CallFact[];
  /** How request data is named inside the handler. */
  request: RequestModel;
  /** The mount chain, outermost first (`app.ts: app.use('/api', auth, api)`). */
  mountedVia: string[];
  /** No mount of this router was found in the workspace: prefixes and app-level middleware may be missing. */
  unmounted?: boolean;
}

/** Which names carry request data in a handler: whole parameters, or some members of an object. */
export interface RequestModel {
  /** Parameters that are request data as a whole (path/query/body parameters, `@Body() dto`). */
  whole: Set<string>;
  /** Object name → members that are request data (`req` → query, params, body, headers, …). */
  members: Map<string, Set<string>>;
  /** Names that hold the authenticated identity (`req.user`, `current_user`, `request.user`). */
  identity: string[];
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all'];
export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ALL']);

/** `GET /users/:id` as a message writes it (`ANY` for all-method routes). */
export function describeRoute(route: Route): string {
  return `\`${route.method === 'ALL' ? 'ANY' : route.method} ${route.pathTemplate}\``;
}

/** Joins mount prefixes and a route path: `/api` + `/users/` + `:id` → `/api/users/:id`. */
export function joinPaths(...parts: string[]): string {
  const joined = parts
    .filter((p) => p !== '' && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  const last = parts[parts.length - 1] ?? '';
  return '/' + joined + (last.endsWith('/') && joined ? '/' : '');
}
