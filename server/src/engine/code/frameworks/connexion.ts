// connexion: routes declared by an OpenAPI document (`app.add_api('openapi.yaml')`) and bound to Python functions
// by each operation's `operationId` (`api.pets.get_pet`, or `x-openapi-router-controller: api.pets` + `get_pet`).
// Auth is the document's: a security requirement in force counts only when its scheme names the function
// connexion calls to verify it (`x-bearerInfoFunc`, `x-tokenInfoFunc`, `x-apikeyInfoFunc`, `x-basicInfoFunc`);
// without one connexion cannot check the credential.
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkInputLimits } from '../../openapi/inputLimits';
import { pathToUri, uriToPath } from '../../uris';
import { allCallsOf, kwarg, type CallFact, type FileFacts, type Val } from '../facts';
import type { AuthEvidence, MiddlewareRef, Route } from '../model';
import { joinPaths } from '../model';
import type { FrameworkAdapter } from './adapter';
import type { AdapterContext } from './context';
import { constString, pyResponses } from './python';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const INFO_FUNCS = ['x-bearerInfoFunc', 'x-tokenInfoFunc', 'x-apikeyInfoFunc', 'x-basicInfoFunc'];
const APP_CLASSES = /^(App|FlaskApp|AsyncApp)$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function isConnexionFile(file: FileFacts): boolean {
  return file.imports.some((i) => i.module === 'connexion' || i.module.startsWith('connexion.'));
}

/** `connexion.App(__name__, specification_dir='openapi/')` behind `app` in `app.add_api(…)`: its spec folder. */
async function specificationDir(ctx: AdapterContext, file: FileFacts, call: CallFact): Promise<string> {
  if (call.val.callee.k !== 'member') return '';
  const owner = await ctx.resolver.valueSymbol(file, call.val.callee.object);
  if (owner?.kind !== 'value' || owner.val.k !== 'call') return '';
  const callee = owner.val.callee;
  const name = callee.k === 'member' ? callee.prop : callee.k === 'ref' ? callee.name : '';
  if (!APP_CLASSES.test(name)) return '';
  return (await constString(ctx, owner.file, kwarg(owner.val, 'specification_dir')?.value)) ?? '';
}

/** The base path of the API: `add_api(base_path=…)`, Swagger 2.0 `basePath`, else the path of the first server. */
function basePathOf(root: Json, written: string | undefined): string {
  if (written !== undefined) return written;
  if (typeof root.basePath === 'string') return root.basePath;
  const server = Array.isArray(root.servers) && isObject(root.servers[0]) ? root.servers[0].url : undefined;
  if (typeof server !== 'string') return '';
  try {
    return new URL(server, 'http://placeholder').pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

function securitySchemesOf(root: Json): Json {
  const holder = isObject(root.components) ? root.components.securitySchemes : root.securityDefinitions;
  return isObject(holder) ? holder : {};
}

/** Evidence from the requirements in force: a verified scheme in every alternative, or optional when `{}` is one. */
function authFromSecurity(
  security: unknown,
  schemes: Json,
  specName: string,
  at: { val: Val; uri: string },
): { auth: AuthEvidence[]; refs: MiddlewareRef[] } {
  const auth: AuthEvidence[] = [];
  const refs: MiddlewareRef[] = [];
  if (!Array.isArray(security) || security.length === 0) return { auth, refs };
  const anonymous = security.some((r) => isObject(r) && Object.keys(r).length === 0);
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name];
      const infoKey = isObject(scheme) ? INFO_FUNCS.find((k) => typeof scheme[k] === 'string') : undefined;
      const ref: MiddlewareRef = { name: `security: ${name} (${specName})`, val: at.val, uri: at.uri, level: 'route' };
      if (infoKey) {
        ref.auth = {
          kind: 'verifies-token',
          name: `security: ${name}`,
          detail: `connexion calls \`${String((scheme as Json)[infoKey])}\` (${infoKey} in ${specName}) to verify it`,
          ...(anonymous ? { optional: true } : {}),
        };
        auth.push(ref.auth);
      } else
        ref.notAuth = `The security scheme \`${name}\` in ${specName} names no ${INFO_FUNCS.join('/')}, so connexion cannot verify the credential`;
      refs.push(ref);
    }
  }
  return { auth, refs };
}

async function connexionRoutes(ctx: AdapterContext): Promise<Route[]> {
  const file = ctx.file;
  const routes: Route[] = [];
  for (const call of file.allCalls) {
    if (call.method !== 'add_api' || call.val.callee.k !== 'member') continue;
    const specArg = call.val.args[0] ?? kwarg(call.val, 'specification')?.value;
    const specName = await constString(ctx, file, specArg);
    if (!specArg || !specName) continue;
    const dir = path.join(path.dirname(uriToPath(file.uri)), await specificationDir(ctx, file, call));
    const specUri = pathToUri(path.resolve(dir, specName));
    const text = ctx.resolver.readText(specUri);
    let root: unknown;
    try {
      // past the input limits (nesting, aliases) a document is not parsed, as on the OpenAPI path
      root = text === undefined || checkInputLimits(text, 'yaml') ? undefined : parseYaml(text, { maxAliasCount: 100 });
    } catch {
      root = undefined;
    }
    if (!isObject(root) || !isObject(root.paths)) continue;
    const basePath = basePathOf(root, await constString(ctx, file, kwarg(call.val, 'base_path')?.value));
    const schemes = securitySchemesOf(root);
    const via = `${ctx.relative(file.uri)}: ${file.text.slice(call.val.span.start, call.val.span.end)}`;
    for (const [routePath, item] of Object.entries(root.paths)) {
      if (!isObject(item)) continue;
      for (const method of METHODS) {
        const op = item[method];
        if (!isObject(op) || typeof op.operationId !== 'string') continue;
        const controller = op['x-openapi-router-controller'] ?? item['x-openapi-router-controller'];
        const target = typeof controller === 'string' ? `${controller}.${op.operationId}` : op.operationId;
        const dot = target.lastIndexOf('.');
        if (dot <= 0) continue;
        const module = await ctx.resolver.moduleFile(file, target.slice(0, dot));
        const fn = module?.functionsByName.get(target.slice(dot + 1));
        const { auth, refs } = authFromSecurity(op.security ?? root.security, schemes, specName, {
          val: specArg,
          uri: file.uri,
        });
        routes.push({
          framework: 'connexion',
          method: method.toUpperCase(),
          pathTemplate: joinPaths(basePath, routePath),
          file: file.uri,
          range: specArg.span,
          ...(fn && module ? { handler: fn, handlerFile: module, handlerRange: fn.span } : {}),
          middleware: refs,
          authEvidence: auth,
          roleChecks: [],
          rateLimited: false,
          responseExpressions: fn ? pyResponses(fn) : [],
          calls: fn ? allCallsOf(fn) : [],
          // connexion passes path, query and body parameters to the function as arguments
          request: {
            whole: new Set(fn?.params.map((p) => p.name).filter((n) => !n.startsWith('*')) ?? []),
            members: new Map([['connexion.request', new Set(['json', 'args', 'form', 'headers', 'values'])]]),
            identity: ['user', 'token_info', 'context_'],
          },
          mountedVia: [via],
        });
      }
    }
  }
  return routes;
}

export const adapter: FrameworkAdapter = {
  name: 'connexion',
  language: 'py',
  uses: isConnexionFile,
  routes: connexionRoutes,
  hints: {
    modules: ['connexion'],
    mountCalls: ['add_api'],
  },
};
