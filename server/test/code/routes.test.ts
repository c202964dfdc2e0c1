// The Route model from every adapter: full paths through mounts and prefixes across files, and which
// middleware/guard/dependency authenticates (or only looks like it does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, diskFileReader, pathToUri } from '../../src/engine';
import { CodeAnalyzer } from '../../src/engine/code/lintCode';
import type { Route } from '../../src/engine/code/model';
import { FIXTURES_ROOT } from '../support/fixtureRunner';

const analyzer = new CodeAnalyzer(diskFileReader);

async function routesOf(file: string, text = readFileSync(file, 'utf8')): Promise<Route[]> {
  const out = await analyzer.lint({
    uri: pathToUri(file),
    text,
    settings: DEFAULT_SETTINGS,
    signal: { cancelled: false },
  });
  assert.deepEqual(out.errors, []);
  return out.routes;
}

function summary(routes: Route[]): string[] {
  return routes.map(
    (r) => `${r.method} ${r.pathTemplate} ${r.authEvidence.length > 0 ? 'auth' : r.publicMarker ? 'public' : 'open'}`,
  );
}

const fixture = (...parts: string[]) => path.join(FIXTURES_ROOT, 'code', ...parts);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-code-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('express: a router mounted behind requireAuth in another file is authenticated, with the mount prefix', async () => {
  const routes = await routesOf(fixture('express', 'ts-shop', 'src', 'routes', 'orders.ts'));
  assert.deepEqual(summary(routes), [
    'GET /api/orders auth',
    'GET /api/orders/:id auth',
    'GET /api/orders/:id/invoice auth',
    'POST /api/orders auth',
    'PATCH /api/orders/:id auth',
  ]);
  const evidence = routes[0]!.authEvidence[0]!;
  assert.equal(evidence.kind, 'verifies-token');
  assert.match(evidence.detail, /jwt\.verify/);
  assert.match(routes[0]!.mountedVia.join(' '), /app\.use\('\/api', requireAuth, ordersRouter\)/);
});

test('express: a middleware that only decodes the token is not auth, and says why', async () => {
  const routes = await routesOf(fixture('express', 'ts-shop', 'src', 'routes', 'admin.ts'));
  assert.deepEqual(summary(routes), ['GET /admin/users open', 'POST /admin/users/:id/role open']);
  assert.match(routes[0]!.middleware.find((m) => m.notAuth)!.notAuth!, /decodeUser.*jwt\.decode.*never verifies/);
});

test('express: app.use(auth) protects only what is mounted after it, and handlers found through imports', async () => {
  const dir = project({
    'package.json': '{}',
    'app.js': `const express = require('express');
const { verifySession } = require('./session');
const early = require('./early');
const late = require('./late');
const app = express();
app.use('/early', early);
app.use(verifySession);
app.use('/late', late);
`,
    'session.js': `exports.verifySession = function verifySession(req, res, next) {
  if (!req.session || !req.session.userId) return res.status(401).end();
  next();
};
`,
    'early.js': `const router = require('express').Router();
router.post('/items', (req, res) => res.json({}));
module.exports = router;
`,
    'late.js': `const { Router } = require('express');
const router = Router();
router.post('/items', (req, res) => res.json({}));
module.exports = router;
`,
  });
  assert.deepEqual(summary(await routesOf(path.join(dir, 'early.js'))), ['POST /early/items open']);
  const late = await routesOf(path.join(dir, 'late.js'));
  assert.deepEqual(summary(late), ['POST /late/items auth']);
  assert.equal(late[0]!.authEvidence[0]!.kind, 'rejects-unauthenticated');
});

test('express: a requireAuth that does nothing is not trusted because of its name', async () => {
  const dir = project({
    'package.json': '{}',
    'app.js': `const express = require('express');
const app = express();
function requireAuth(req, res, next) { next(); }
app.delete('/things/:id', requireAuth, (req, res) => res.end());
app.get('/me', require('passport').authenticate('jwt'), (req, res) => res.end());
`,
  });
  assert.deepEqual(summary(await routesOf(path.join(dir, 'app.js'))), ['DELETE /things/:id open', 'GET /me auth']);
});

test('express: Router().use() chains, a router made in the export, express-jwt held in an object (required/optional)', async () => {
  const root = fixture('express', 'router-chains', 'src');
  assert.deepEqual(modes(await routesOf(path.join(root, 'article.controller.ts'))), [
    'GET /api/articles/feed required',
    'DELETE /api/articles/:slug none',
  ]);
  assert.deepEqual(modes(await routesOf(path.join(root, 'tag.controller.ts'))), ['GET /api/tags optional']);
});

test('express: route() chains, array paths, repeated registrations, path-scoped guards, finale resources', async () => {
  const dir = project({
    'package.json': '{}',
    'lib/security.ts': `import expressJwt from 'express-jwt';
import jwt from 'jsonwebtoken';
export const isAuthorized = () => expressJwt({ secret: process.env.KEY });
export const denyAll = () => expressJwt({ secret: String(Math.random()) });
// verifies a token when one is sent, but only to fill a cache: every request goes on
export const trackUsers = () => (req, res, next) => {
  const token = req.headers.authorization;
  if (token) jwt.verify(token, process.env.KEY, (err, decoded) => { if (!err) cache.set(token, decoded); });
  next();
};
`,
    'routes/whoami.ts': `import jwt from 'jsonwebtoken';
export function whoami() {
  return (req, res) => {
    try {
      const user = jwt.verify(req.cookies.token, process.env.KEY);
      res.json({ user });
    } catch (e) {
      res.json({ user: {} });
    }
  };
}
`,
    'server.ts': `import express from 'express';
import finale from 'finale-rest';
import * as security from './lib/security';
import { whoami } from './routes/whoami';
const app = express();
app.use(security.trackUsers());
app.use('/rest/basket', security.isAuthorized());
app.route('/api/Users/:id').get(security.isAuthorized()).put(security.denyAll()).delete(security.denyAll());
app.get(['/a.txt', '/b.txt'], (req, res) => res.end());
app.post('/api/Feedbacks', (req, res, next) => next());
app.get('/rest/basket/:id', (req, res) => res.json({}));
app.get('/rest/whoami', whoami());
finale.initialize({ app });
const models = [{ name: 'User' }, { name: 'Feedback' }];
for (const { name } of models) {
  finale.resource({ model: name, endpoints: [\`/api/\${name}s\`, \`/api/\${name}s/:id\`] });
}
`,
  });
  assert.deepEqual(modes(await routesOf(path.join(dir, 'server.ts'))), [
    'GET /api/Users/:id required',
    'PUT /api/Users/:id required',
    'DELETE /api/Users/:id required',
    'GET /a.txt none',
    'GET /b.txt none',
    'POST /api/Feedbacks none',
    'GET /rest/basket/:id required',
    'GET /rest/whoami optional',
    'GET /api/Users none',
    'POST /api/Users none',
    'GET /api/Feedbacks none',
    'GET /api/Feedbacks/:id none',
    'PUT /api/Feedbacks/:id none',
    'DELETE /api/Feedbacks/:id none',
  ]);
});

test('fastify: plugins registered with a prefix; onRequest hook with a decorated authenticate', async () => {
  const users = await routesOf(fixture('fastify', 'api', 'src', 'routes', 'users.ts'));
  assert.deepEqual(summary(users), ['GET /users/:id auth', 'POST /users/me/avatar-from-url auth']);
  const admin = await routesOf(fixture('fastify', 'api', 'src', 'routes', 'admin.ts'));
  assert.deepEqual(summary(admin), ['GET /admin/users auth', 'DELETE /admin/cache open']);
});

test('fastify: plugin modules without a fastify import, chained registers, nested encapsulated plugins', async () => {
  const root = fixture('fastify', 'encapsulated-plugins');
  assert.deepEqual(summary(await routesOf(path.join(root, 'accounts', 'index.js'))), [
    'GET /api/accounts/status open',
    'POST /api/accounts/transfer open',
    'GET /api/accounts/me auth',
    'POST /api/accounts/:accountId/close auth',
  ]);
  const notes = await routesOf(path.join(root, 'notes', 'index.js'));
  assert.deepEqual(summary(notes), ['GET /api/notes auth', 'POST /api/notes auth']);
  assert.equal(notes[0]!.authEvidence[0]!.kind, 'verifies-token');
  assert.match(notes[0]!.authEvidence[0]!.detail, /jwtVerify/);
});

test('fastify: mounts in test files count only when nothing else mounts the plugin, and give each route once', async () => {
  const files = {
    'package.json': '{}',
    'app.js': "module.exports = async function (fastify) {\n  fastify.get('/items', async () => [])\n}\n",
    'test/a.test.js':
      "const Fastify = require('fastify')\nconst fastify = Fastify()\nfastify.register(require('../app'))\n",
    'test/b.test.js':
      "const Fastify = require('fastify')\nconst fastify = Fastify()\nfastify.register(require('../app'))\n",
  };
  const testsOnly = project(files);
  assert.deepEqual(summary(await routesOf(path.join(testsOnly, 'app.js'))), ['GET /items open']);
  const served = project({
    ...files,
    'server.js':
      "const Fastify = require('fastify')\nconst app = Fastify()\napp.register(require('./app'), { prefix: '/v1' })\n",
  });
  assert.deepEqual(summary(await routesOf(path.join(served, 'app.js'))), ['GET /v1/items open']);
});

test('fastify: a hook that answers the verification error itself (reply.send(err)) requires auth', async () => {
  const dir = project({
    'package.json': '{}',
    'app.js': `const Fastify = require('fastify')
const app = Fastify()
app.decorate('authPreHandler', async function (request, reply) {
  try {
    await request.jwtVerify()
  } catch (err) {
    reply.send(err)
  }
})
app.register(async function (fastify) {
  fastify.addHook('preHandler', fastify.authPreHandler)
  fastify.get('/me', async (req) => req.user)
})
`,
  });
  const [route] = await routesOf(path.join(dir, 'app.js'));
  assert.equal(route!.pathTemplate, '/me');
  assert.equal(route!.authEvidence.length, 1);
  assert.notEqual(route!.authEvidence[0]!.optional, true);
});

test('fastify: hooks of a fastify-plugin wrapped plugin cover the registering scope, an encapsulated one only itself', async () => {
  const root = fixture('fastify', 'shared-hooks', 'src', 'routes');
  assert.deepEqual(summary(await routesOf(path.join(root, 'projects.ts'))), ['DELETE /api/projects/:id auth']);
  assert.deepEqual(summary(await routesOf(path.join(root, 'reports.ts'))), ['POST /reporting/reports open']);
  const dir = project({
    'package.json': '{}',
    'app.js': `const Fastify = require('fastify')
const app = Fastify()
app.addHook('onRequest', async (request) => {
  await request.jwtVerify()
})
app.get('/me', async (req) => req.user)
`,
  });
  assert.deepEqual(summary(await routesOf(path.join(dir, 'app.js'))), ['GET /me auth']);
});

test('koa: routers mounted before koa-jwt are open, after it authenticated', async () => {
  assert.deepEqual(summary(await routesOf(fixture('koa', 'app', 'src', 'routes', 'public.js'))), [
    'GET /public/ping open',
    'POST /public/signup open',
  ]);
  assert.deepEqual(summary(await routesOf(fixture('koa', 'app', 'src', 'routes', 'api.js'))), [
    'GET /api/invoices/:id auth',
    'GET /api/invoices auth',
    'POST /api/webhooks/test auth',
    'GET /api/debug/env auth',
  ]);
});

test('koa: jwt().unless({ path }) skips the listed paths; SwaggerRouter routes and its docs endpoints', async () => {
  const root = fixture('koa', 'jwt-unless', 'src');
  assert.deepEqual(summary(await routesOf(path.join(root, 'openRoutes.ts'))), ['GET / open', 'POST /feedback open']);
  assert.deepEqual(summary(await routesOf(path.join(root, 'apiRoutes.ts'))), [
    'DELETE /projects/:id auth',
    'POST /reports/shared open',
    'GET /swagger-json open',
    'GET /swagger-html open',
  ]);
});

test('koa-jwt passthrough: true is optional auth', async () => {
  const dir = project({
    'package.json': '{}',
    'app.js': `const Koa = require('koa');
const Router = require('@koa/router');
const jwt = require('koa-jwt');
const app = new Koa();
const router = new Router();
app.use(jwt({ secret: 's', passthrough: true }));
router.get('/feed', (ctx) => { ctx.body = []; });
app.use(router.routes());
`,
  });
  const [route] = await routesOf(path.join(dir, 'app.js'));
  assert.equal(route!.authEvidence.length, 1);
  assert.equal(route!.authEvidence[0]!.optional, true);
});

test('nestjs: global prefix, controller prefix, APP_GUARD and @Public()', async () => {
  const routes = await routesOf(fixture('nestjs', 'app', 'src', 'users', 'users.controller.ts'));
  assert.deepEqual(summary(routes), [
    'GET /api/users/:id auth',
    'GET /api/users/me/profile auth',
    'POST /api/users auth',
    'POST /api/users/import auth',
    'POST /api/users/login public',
    'DELETE /api/users/admin/purge public',
  ]);
  assert.equal(routes[0]!.authEvidence[0]!.kind, 'verifies-token');
});

test('nestjs: consumer.apply(mw).exclude(…).forRoutes(…) by path and method, a controller, createParamDecorator auth', async () => {
  const routes = await routesOf(fixture('nestjs', 'module-middleware', 'src', 'posts', 'posts.controller.ts'));
  const modes = routes.map(
    (r) =>
      `${r.method} ${r.pathTemplate} ${r.authEvidence.some((e) => !e.optional) ? 'required' : r.authEvidence.length ? 'optional' : 'none'}`,
  );
  assert.deepEqual(modes, [
    'GET /api/posts optional',
    'POST /api/posts required',
    'GET /api/posts/:id none',
    'DELETE /api/posts/:id required',
    'PUT /api/posts/:id none',
    'POST /api/posts/:id/comments required',
    'POST /api/posts/:id/preview none',
    'POST /api/drafts required',
  ]);
  assert.equal(routes[1]!.middleware.find((m) => m.auth)!.level, 'mount');
  assert.match(routes[2]!.publicMarker ?? '', /AuthMiddleware is bound to DELETE posts\/:id only/);
});

test('fastapi: include_router prefixes and dependencies across files', async () => {
  const items = await routesOf(fixture('fastapi', 'shop', 'app', 'routers', 'items.py'));
  assert.deepEqual(summary(items), [
    'GET /api/items/{item_id} auth',
    'GET /api/items/{item_id}/mine auth',
    'POST /api/items auth',
    'POST /api/items/preview auth',
    'POST /api/items/mirror auth',
    'GET /api/items/{item_id}/via-crud auth',
    'GET /api/items/{item_id}/mine-via-crud auth',
  ]);
  const admin = await routesOf(fixture('fastapi', 'shop', 'app', 'routers', 'admin.py'));
  assert.deepEqual(summary(admin), ['GET /admin/users open', 'DELETE /admin/users/{user_id} open']);
  assert.match(admin[0]!.middleware.map((m) => m.notAuth ?? '').join(' '), /get_token_claims/);
});

test('flask: blueprint prefixes from register_blueprint and before_request hooks', async () => {
  assert.deepEqual(summary(await routesOf(fixture('flask', 'blog', 'api.py'))), [
    'GET /api/posts/<int:post_id> auth',
    'GET /api/my-posts/<int:post_id> auth',
    'POST /api/posts auth',
    'GET /api/link-preview auth',
    'GET /api/status auth',
  ]);
  assert.deepEqual(summary(await routesOf(fixture('flask', 'blog', 'admin.py'))), [
    'DELETE /admin/users/<int:uid> auth',
    'POST /admin/reindex auth',
    'GET /admin/stats open',
  ]);
});

test('flask-restful: Api prefix, resources from another module, method_decorators as list and dict, Api decorators, blueprint hooks', async () => {
  const app = await routesOf(fixture('flask', 'restful', 'app.py'));
  assert.deepEqual(summary(app), [
    'GET /v1/users/<int:pk> auth',
    'DELETE /v1/users/<int:pk> auth',
    'GET /v1/members/<int:pk> auth',
    'DELETE /v1/members/<int:pk> auth',
    'GET /v1/users auth',
    'POST /v1/users open',
    'GET /v1/orders/<int:order_id> open',
    'DELETE /v1/orders/<int:order_id> open',
    'GET /v1/exports auth',
    'POST /v1/exports open',
  ]);
  // the handler is the resource's method, in its own module
  assert.match(app[0]!.handlerFile!.uri, /resources\/users\.py$/);
  assert.equal(app[0]!.handler!.name, 'get');
  assert.deepEqual([...app[0]!.request.whole], ['pk']);
  assert.match(app[6]!.middleware.map((m) => m.name).join(' '), /OrderResource\.method_decorators: log_call/);
  assert.deepEqual(summary(await routesOf(fixture('flask', 'restful', 'admin.py'))), [
    'GET /admin/reports/<int:report_id> auth',
    'DELETE /admin/reports/<int:report_id> auth',
  ]);
  assert.deepEqual(summary(await routesOf(fixture('flask', 'restful', 'billing.py'))), [
    'GET /billing/invoices/<int:invoice_id> auth',
    'POST /billing/invoices/<int:invoice_id> auth',
  ]);
});

test('flask: MethodView and View classes through add_url_rule, a bound as_view with methods, blueprint prefixes', async () => {
  const app = await routesOf(fixture('flask', 'methodview', 'app.py'));
  assert.deepEqual(summary(app), [
    'GET /items/<int:item_id> auth',
    'PUT /items/<int:item_id> auth',
    'GET /groups open',
    'POST /groups auth',
    'DELETE /groups/all open',
    'POST /cache/reset open',
  ]);
  assert.match(app[0]!.handlerFile!.uri, /items\.py$/);
  assert.deepEqual(summary(await routesOf(fixture('flask', 'methodview', 'admin.py'))), [
    'GET /admin/stats auth',
    'POST /admin/stats auth',
    'DELETE /internal/accounts/<int:account_id> open',
  ]);
});

test('flask-restx: namespaces from api.namespace and Namespace + add_namespace, init_app in an app factory', async () => {
  const dir = project({
    'requirements.txt': 'flask\nflask-restx\nflask-jwt-extended\n',
    'extensions.py': [
      'from flask_restx import Api',
      '',
      'api = Api(prefix="/v2")',
      'items_ns = api.namespace("items")',
      '',
    ].join('\n'),
    'app.py': [
      'from flask import Flask',
      '',
      'from extensions import api',
      'from users import ns as users_ns',
      '',
      '',
      'def create_app():',
      '    app = Flask(__name__)',
      '    api.init_app(app)',
      '    api.add_namespace(users_ns, path="/people")',
      '    return app',
      '',
    ].join('\n'),
    'users.py': [
      'from flask_jwt_extended import jwt_required',
      'from flask_restx import Namespace, Resource',
      '',
      'ns = Namespace("users", decorators=[jwt_required()])',
      '',
      '',
      '@ns.route("/<int:pk>")',
      'class UserItem(Resource):',
      '    def get(self, pk):',
      '        return {"id": pk}',
      '',
      '    def delete(self, pk):',
      '        return "", 204',
      '',
    ].join('\n'),
    'items.py': [
      'from flask_restx import Resource',
      '',
      'from extensions import items_ns',
      '',
      '',
      '@items_ns.route("/", "/all")',
      'class ItemList(Resource):',
      '    def get(self):',
      '        return []',
      '',
    ].join('\n'),
  });
  const users = await routesOf(path.join(dir, 'users.py'));
  assert.deepEqual(summary(users), ['GET /v2/people/<int:pk> auth', 'DELETE /v2/people/<int:pk> auth']);
  assert.match(users[0]!.mountedVia.join(' '), /api\.init_app\(app\).*add_namespace/);
  assert.equal(users[0]!.unmounted, undefined);
  assert.deepEqual(summary(await routesOf(path.join(dir, 'items.py'))), [
    'GET /v2/items/ open',
    'GET /v2/items/all open',
  ]);
});

test('flask-restful: inherited method_decorators, @api.resource, init_app later in the file, an Api bound to no app', async () => {
  const dir = project({
    'requirements.txt': 'flask\nflask-restful\nflask-jwt-extended\n',
    'base.py': [
      'from flask_jwt_extended import jwt_required',
      'from flask_restful import Resource',
      '',
      '',
      'class AuthResource(Resource):',
      '    method_decorators = [jwt_required()]',
      '',
    ].join('\n'),
    'app.py': [
      'from flask import Flask',
      'from flask_restful import Api, Resource',
      '',
      'from base import AuthResource',
      '',
      'api = Api()',
      'orphan = Api()',
      '',
      '',
      'class Profile(AuthResource):',
      '    def get(self):',
      '        return {}',
      '',
      '',
      '@api.resource("/health", "/healthz")',
      'class Health(Resource):',
      '    def get(self):',
      '        return {"ok": True}',
      '',
      '',
      'api.add_resource(Profile, "/profile")',
      'orphan.add_resource(Profile, "/elsewhere")',
      'app = Flask(__name__)',
      'api.init_app(app)',
      '',
    ].join('\n'),
  });
  const routes = await routesOf(path.join(dir, 'app.py'));
  assert.deepEqual(summary(routes), [
    'GET /profile auth',
    'GET /elsewhere auth',
    'GET /health open',
    'GET /healthz open',
  ]);
  assert.deepEqual(
    routes.map((r) => r.unmounted ?? false),
    [false, true, false, false],
  );
});

test('flask-smorest: @blp.route on MethodView classes, registered with api.register_blueprint and a constant prefix', async () => {
  const dir = project({
    'requirements.txt': 'flask\nflask-smorest\nflask-jwt-extended\n',
    'pets.py': [
      'from flask.views import MethodView',
      'from flask_jwt_extended import jwt_required',
      'from flask_smorest import Blueprint',
      '',
      'blp = Blueprint("pets", __name__, url_prefix="/pets")',
      '',
      '',
      '@blp.route("/<int:pet_id>")',
      'class PetById(MethodView):',
      '    @blp.response(200)',
      '    def get(self, pet_id):',
      '        return {"id": pet_id}',
      '',
      '    @jwt_required()',
      '    def delete(self, pet_id):',
      '        return "", 204',
      '',
    ].join('\n'),
    'app.py': [
      'from flask import Flask',
      'from flask_smorest import Api',
      '',
      'from pets import blp',
      '',
      'API_PREFIX = "/api"',
      'app = Flask(__name__)',
      'api = Api(app)',
      'api.register_blueprint(blp, url_prefix=API_PREFIX + "/pets")',
      '',
    ].join('\n'),
  });
  const routes = await routesOf(path.join(dir, 'pets.py'));
  assert.deepEqual(summary(routes), ['GET /api/pets/<int:pet_id> open', 'DELETE /api/pets/<int:pet_id> auth']);
  assert.equal(routes[0]!.unmounted, undefined);
});

test('django: urls include chains, DRF default permissions, AllowAny and plain views', async () => {
  const routes = await routesOf(fixture('django', 'mysite', 'api', 'views.py'));
  const lines = summary(routes);
  assert.ok(lines.includes('GET /api/profiles/<int:pk>/ auth'), lines.join('\n'));
  assert.ok(lines.includes('POST /api/notes/ auth'), lines.join('\n'));
  assert.ok(lines.includes('GET /api/public/stats/ public'), lines.join('\n'));
  assert.ok(lines.includes('ALL /api/export/ open'), lines.join('\n'));
  assert.ok(lines.includes('DELETE /api/accounts/{pk}/ public'), lines.join('\n'));
});

test('unsaved text is analysed as given, and half-typed code keeps the routes before the error', async () => {
  const file = fixture('express', 'ts-shop', 'src', 'routes', 'orders.ts');
  const text = readFileSync(file, 'utf8').replace(
    'export default router;',
    "router.get('/orders/:id/items', async (req, res) => {\n  const x = await db.\nexport default router;",
  );
  const routes = await routesOf(file, text);
  // tree-sitter recovers: every complete route before the half-typed one is still there, with its mount
  assert.deepEqual(summary(routes), [
    'GET /api/orders auth',
    'GET /api/orders/:id auth',
    'GET /api/orders/:id/invoice auth',
    'POST /api/orders auth',
    'PATCH /api/orders/:id auth',
  ]);
});

const authMode = (r: Route) =>
  r.authEvidence.some((e) => !e.optional) ? 'required' : r.authEvidence.length > 0 ? 'optional' : 'none';
const modes = (routes: Route[]) => routes.map((r) => `${r.method} ${r.pathTemplate} ${authMode(r)}`);

test('fastapi: settings-attribute prefixes, an app built in a factory, Annotated aliases, optional-user factories', async () => {
  const dir = project({
    'pyproject.toml': '',
    'app/config.py':
      'from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    API_STR: str = "/api/v1"\n\ndef get_settings() -> Settings:\n    return Settings()\n',
    'app/deps.py': [
      'from typing import Annotated, Optional',
      'import jwt',
      'from fastapi import Depends, HTTPException',
      '',
      'def get_current_user(token: str) -> dict:',
      '    try:',
      '        return jwt.decode(token, "k", algorithms=["HS256"])',
      '    except jwt.InvalidTokenError:',
      '        raise HTTPException(status_code=403)',
      '',
      'def get_user_optional(token: Optional[str] = None):',
      '    if token:',
      '        return get_current_user(token)',
      '    return None',
      '',
      'def authorizer(*, required: bool = True):',
      '    return get_current_user if required else get_user_optional',
      '',
      'CurrentUser = Annotated[dict, Depends(get_current_user)]',
      '',
    ].join('\n'),
    'app/routes.py': [
      'from fastapi import APIRouter, Depends',
      'from app.deps import CurrentUser, authorizer',
      '',
      'router = APIRouter(prefix="/items")',
      '',
      '@router.get("/mine")',
      'def mine(user: CurrentUser):',
      '    return user',
      '',
      '@router.get("/feed")',
      'def feed(user=Depends(authorizer(required=False))):',
      '    return []',
      '',
      '@router.post("/")',
      'def create(user=Depends(authorizer())):',
      '    return {}',
      '',
      '@router.get("/hidden", include_in_schema=False)',
      'def hidden():',
      '    return {}',
      '',
    ].join('\n'),
    'app/main.py': [
      'from fastapi import FastAPI',
      'from app.config import get_settings',
      'from app import routes',
      '',
      'def create_app():',
      '    settings = get_settings()',
      '    application = FastAPI()',
      '    application.include_router(routes.router, prefix=settings.API_STR)',
      '    return application',
      '',
      'app = create_app()',
      '',
    ].join('\n'),
  });
  assert.deepEqual(modes(await routesOf(path.join(dir, 'app', 'routes.py'))), [
    'GET /api/v1/items/mine required',
    'GET /api/v1/items/feed optional',
    'POST /api/v1/items/ required',
    'GET /api/v1/items/hidden none',
  ]);
});

test('flask: @jwt_optional is optional auth, and minting a token at registration is not auth', async () => {
  const dir = project({
    'requirements.txt': 'flask\nflask-jwt-extended\n',
    'app.py': [
      'from flask import Flask, request',
      'from flask_jwt_extended import jwt_required, jwt_optional, create_access_token',
      '',
      'app = Flask(__name__)',
      '',
      '@app.route("/users", methods=["POST"])',
      'def register():',
      '    return {"token": create_access_token(identity=request.json["name"])}',
      '',
      '@app.route("/articles")',
      '@jwt_optional',
      'def articles():',
      '    return []',
      '',
      '@app.route("/me")',
      '@jwt_required(optional=True)',
      'def me():',
      '    return {}',
      '',
      '@app.route("/feed")',
      '@jwt_required',
      'def feed():',
      '    return []',
      '',
    ].join('\n'),
  });
  assert.deepEqual(modes(await routesOf(path.join(dir, 'app.py'))), [
    'POST /users none',
    'GET /articles optional',
    'GET /me optional',
    'GET /feed required',
  ]);
});

test('django: include() tuples and inline lists, permission_classes from a mixin, the admin as a catch-all', async () => {
  const dir = project({
    'manage.py': '',
    'config/urls.py': [
      'from django.contrib import admin',
      'from django.urls import include, path',
      '',
      'urlpatterns = [',
      '    path("admin/", admin.site.urls),',
      '    path("api/", include(("shop.urls", "api"))),',
      ']',
      '',
    ].join('\n'),
    'shop/urls.py': [
      'from django.urls import include, path',
      'from .apis import MeApi, OpenApi',
      '',
      'nested = [path("me/", MeApi.as_view())]',
      '',
      'urlpatterns = [',
      '    path("auth/", include(([path("open/", OpenApi.as_view())], "auth"))),',
      '    path("users/", include(nested)),',
      ']',
      '',
    ].join('\n'),
    'shop/mixins.py': [
      'from rest_framework.permissions import IsAuthenticated',
      '',
      'class ApiAuthMixin:',
      '    permission_classes = (IsAuthenticated,)',
      '',
    ].join('\n'),
    'shop/apis.py': [
      'from rest_framework.views import APIView',
      'from rest_framework.response import Response',
      'from shop.mixins import ApiAuthMixin',
      '',
      'class OpenApi(APIView):',
      '    def post(self, request):',
      '        return Response()',
      '',
      'class MeApi(ApiAuthMixin, APIView):',
      '    def get(self, request):',
      '        return Response(request.user.pk)',
      '',
      'class NotRouted(APIView):',
      '    def get(self, request):',
      '        return Response()',
      '',
    ].join('\n'),
  });
  assert.deepEqual(modes(await routesOf(path.join(dir, 'shop', 'apis.py'))), [
    'POST /api/auth/open/ none',
    'GET /api/users/me/ required',
  ]);
  assert.deepEqual(modes(await routesOf(path.join(dir, 'config', 'urls.py'))), ['ALL /admin/... required']);
});

test('django: DRF routers: ViewSet actions, mixins, @action, per-action permissions, the global default', async () => {
  const routes = await routesOf(fixture('django', 'drf-router', 'store', 'views.py'));
  const line = (r: Route) =>
    `${r.method} ${r.pathTemplate} ${r.authEvidence.length > 0 ? 'auth' : r.publicMarker ? 'public' : 'open'}${r.handler ? ` ${r.handler.name}()` : ''}`;
  assert.deepEqual(
    routes.map(line).sort(),
    [
      // ModelViewSet with IsAuthenticated and lookup_field = "username"; DRF's own actions have no handler here
      'GET /api/users/ auth',
      'POST /api/users/ auth',
      'GET /api/users/{username}/ auth',
      'PUT /api/users/{username}/ auth',
      'PATCH /api/users/{username}/ auth',
      'DELETE /api/users/{username}/ auth',
      'POST /api/users/{username}/set-password/ auth set_password()',
      'GET /api/users/recent/ auth recent()',
      'POST /api/users/{username}/deactivate/ public deactivate()',
      // ReadOnlyModelViewSet with AllowAny
      'GET /api/articles/ public',
      'GET /api/articles/{pk}/ public',
      // GenericViewSet + ListModelMixin + CreateModelMixin, permission_classes = []
      'GET /api/comments/ open',
      'POST /api/comments/ open',
      // a project permission class answering with a check of the caller
      'POST /api/admin/articles/ auth',
      'DELETE /api/admin/articles/{pk}/ auth',
      // get_permissions() by self.action
      'GET /api/orders/ auth',
      'GET /api/orders/{pk}/ auth',
      'POST /api/orders/{pk}/cancel/ open cancel()',
      'POST /api/orders/{pk}/refund/ auth refund()',
      // a plain ViewSet without permissions (DEFAULT_PERMISSION_CLASSES), SimpleRouter(trailing_slash=False), +=
      'GET /staff/reports auth list()',
      'POST /staff/reports auth create()',
      'GET /staff/reports/{pk} auth retrieve()',
      'GET /staff/ping/ auth ping()',
    ].sort(),
  );
  const byLine = (l: string) => routes.find((r) => line(r) === l)!;
  assert.equal(
    byLine('POST /api/users/{username}/set-password/ auth set_password()').authEvidence[0]!.name,
    'IsAdminUser',
  );
  assert.match(byLine('GET /staff/reports auth list()').authEvidence[0]!.detail, /set in REST_FRAMEWORK/);
  assert.match(byLine('POST /api/orders/{pk}/cancel/ open cancel()').middleware[0]!.name, /^get_permissions\(\): \[\]/);
  assert.match(byLine('GET /api/users/ auth').mountedVia.join(' '), /router\.register\(r"users", UserViewSet/);
});

test('django: DRF routers built in another module, get_permissions() forms, .mapping, as_view({…}), inherited ViewSets', async () => {
  const dir = project({
    'manage.py': '',
    'config/urls.py': [
      'from django.urls import include, path',
      'from api.routers import router',
      'from api.views import TicketViewSet',
      '',
      'urlpatterns = [',
      '    path("v1/", include((router.urls, "v1"))),',
      '    path("mine/", TicketViewSet.as_view({"get": "list", "post": "create"})),',
      ']',
      '',
    ].join('\n'),
    'api/routers.py': [
      'from rest_framework.routers import DefaultRouter',
      'from api import views',
      '',
      'router = DefaultRouter(trailing_slash=False)',
      'router.register("tickets", views.TicketViewSet, basename="ticket")',
      'router.register("tags", views.TagViewSet)',
      'router.register("notes", views.NoteViewSet)',
      'router.register("polls", views.PollViewSet)',
      '',
    ].join('\n'),
    'api/base.py': [
      'from rest_framework import viewsets',
      'from rest_framework.permissions import IsAuthenticated',
      '',
      'class BaseViewSet(viewsets.ModelViewSet):',
      '    permission_classes = [IsAuthenticated]',
      '    lookup_url_kwarg = "ticket_id"',
      '',
    ].join('\n'),
    'api/mixins.py': [
      'class PermissionByActionMixin:',
      '    def get_permissions(self):',
      '        try:',
      '            return [permission() for permission in self.permission_classes_by_action[self.action]]',
      '        except KeyError:',
      '            return [permission() for permission in self.permission_classes]',
      '',
    ].join('\n'),
    'api/views.py': [
      'from rest_framework import viewsets',
      'from rest_framework.permissions import IsAuthenticated',
      'from api.mixins import PermissionByActionMixin',
      'from rest_framework.authentication import TokenAuthentication',
      'from rest_framework.decorators import action',
      'from rest_framework.permissions import AllowAny, IsAdminUser',
      'from rest_framework.response import Response',
      'from api.base import BaseViewSet',
      '',
      'class TicketViewSet(BaseViewSet):',
      '    def get_permissions(self):',
      '        if self.action == "list" or self.action == "retrieve":',
      '            return [AllowAny()]',
      '        if self.action not in ("destroy",):',
      '            return super().get_permissions()',
      '        return [IsAdminUser()]',
      '',
      '    @action(detail=True, methods=["put"])',
      '    def label(self, request, ticket_id=None):',
      '        return Response()',
      '',
      '    @label.mapping.delete',
      '    def unlabel(self, request, ticket_id=None):',
      '        return Response()',
      '',
      '    def destroy(self, request, *args, **kwargs):',
      '        return Response(status=204)',
      '',
      'class TagViewSet(viewsets.ViewSet):',
      '    authentication_classes = [TokenAuthentication]',
      '    permission_classes = []',
      '',
      '    def list(self, request):',
      '        return Response([])',
      '',
      'class NoteViewSet(PermissionByActionMixin, viewsets.ModelViewSet):',
      '    permission_classes = [IsAuthenticated]',
      '    permission_classes_by_action = {"list": [AllowAny], "create": (AllowAny,)}',
      '',
      'class PollViewSet(viewsets.ReadOnlyModelViewSet):',
      '    permission_classes = [IsAuthenticated]',
      '',
      '    def get_permissions(self):',
      '        return super().get_permissions() if self.action not in {"list"} else (AllowAny(),)',
      '',
    ].join('\n'),
  });
  const routes = await routesOf(path.join(dir, 'api', 'views.py'));
  assert.deepEqual(modes(routes).sort(), [
    'DELETE /v1/notes/{pk} required',
    'DELETE /v1/tickets/{ticket_id} required',
    'DELETE /v1/tickets/{ticket_id}/label required',
    'GET /mine/ none',
    'GET /v1/notes none',
    'GET /v1/notes/{pk} required',
    'GET /v1/polls none',
    'GET /v1/polls/{pk} required',
    'GET /v1/tags none',
    'GET /v1/tickets none',
    'GET /v1/tickets/{ticket_id} none',
    'PATCH /v1/notes/{pk} required',
    'PATCH /v1/tickets/{ticket_id} required',
    'POST /mine/ required',
    'POST /v1/notes none',
    'POST /v1/tickets required',
    'PUT /v1/notes/{pk} required',
    'PUT /v1/tickets/{ticket_id} required',
    'PUT /v1/tickets/{ticket_id}/label required',
  ]);
  const find = (line: string) => routes.find((r) => `${r.method} ${r.pathTemplate}` === line)!;
  assert.equal(find('DELETE /v1/tickets/{ticket_id}').authEvidence[0]!.name, 'IsAdminUser');
  assert.equal(find('DELETE /v1/tickets/{ticket_id}').handler?.name, 'destroy');
  assert.equal(find('DELETE /v1/tickets/{ticket_id}/label').handler?.name, 'unlabel');
  assert.equal(find('GET /v1/tickets').publicMarker, 'get_permissions(): [AllowAny()]');
  // authentication classes identify callers but turn no one away: listed, and said why they are not auth
  assert.match(
    find('GET /v1/tags')
      .middleware.map((m) => m.notAuth ?? '')
      .join(' '),
    /only permission classes/,
  );
});

test('express: app.use(path, fn) is an endpoint when fn serves a response; guards and routers stay middleware', async () => {
  const dir = project({
    'package.json': '{}',
    'files.ts': `import path from 'node:path';
// the returned function hands the response to a helper defined beside it (which is no token check, whatever its name)
export function servePublicFiles() {
  return ({ params }, res, next) => {
    if (!params.file.includes('/')) verify(params.file, res, next);
    else { res.status(403); next(new Error('no slashes')); }
  };
  function verify(file, res, next) {
    if (file.endsWith('.md')) res.sendFile(path.resolve('ftp/', file));
    else { res.status(403); next(new Error('only .md')); }
  }
}
export const challenge = () => (req, res, next) => {
  if (req.query.key === 'x') { res.status(204).send(); return; }
  next();
};
// refuses without a session, else lets the request through: a guard, not an endpoint
export const requireSession = (req, res, next) => {
  if (!req.session?.user) return res.status(401).json({ error: 'login' });
  next();
};
export const notFound = (req, res) => res.status(404).json({ error: 'not found' });
`,
    'api.ts': `import { Router } from 'express';
export const api = Router();
api.get('/items', (req, res) => res.json([]));
`,
    'server.ts': `import express from 'express';
import { servePublicFiles, challenge, requireSession, notFound } from './files';
import { api } from './api';
const app = express();
app.use('/ftp(?!/quarantine)/:file', servePublicFiles());
app.use('/solve/challenge', challenge());
app.use('/api', requireSession, api);
app.use('/account', requireSession);
app.use('/missing', notFound);
app.get('/account/me', (req, res) => res.json(req.session.user));
app.use(express.static('public'));
`,
  });
  assert.deepEqual(summary(await routesOf(path.join(dir, 'server.ts'))), [
    'ALL /ftp/:file open',
    'ALL /solve/challenge open',
    'GET /account/me auth',
  ]);
  assert.deepEqual(summary(await routesOf(path.join(dir, 'api.ts'))), ['GET /api/items auth']);
});

test('express: a handler refusing callers without a session is authenticated; a login checking the account it found is not', async () => {
  const dir = project({
    'package.json': '{}',
    'lib/security.ts': `import jwt from 'jsonwebtoken';
export const authenticatedUsers = { tokenMap: {}, get(t) { return this.tokenMap[t]; }, put(t, u) { this.tokenMap[t] = u; } };
export const authorize = (user) => jwt.sign(user, process.env.KEY);
`,
    'server.ts': `import express from 'express';
import * as security from './lib/security';
import { Users } from './models';
const app = express();
app.get('/rest/orders', (req, res, next) => {
  const loggedInUser = security.authenticatedUsers.get(req.cookies.token);
  if (loggedInUser) res.json(orders(loggedInUser.data.id));
  else next(new Error('Blocked illegal activity'));
});
app.get('/rest/orders/export', async (req, res, next) => {
  const loggedInUser = security.authenticatedUsers.get(req.cookies.token);
  try { res.json(await exportOrders(loggedInUser?.data.id)); } catch (e) { next(new Error('export failed')); }
});
app.post('/rest/session', async (req, res) => {
  const user = await Users.findOne({ where: { email: req.body.email, password: req.body.password } });
  if (!user) return res.status(401).send('Invalid email or password');
  const token = security.authorize(user);
  security.authenticatedUsers.put(token, user);
  res.json({ token });
});
`,
  });
  assert.deepEqual(summary(await routesOf(path.join(dir, 'server.ts'))), [
    'GET /rest/orders auth',
    'GET /rest/orders/export open',
    'POST /rest/session open',
  ]);
});

test('routes left out of the API docs say so: FastAPI include_in_schema=False (route, router, include), NestJS @ApiExcludeEndpoint', async () => {
  const hidden = await routesOf(fixture('fastapi', 'shop', 'app', 'routers', 'hidden.py'));
  const byPath = new Map(hidden.map((r) => [`${r.method} ${r.pathTemplate}`, r.hiddenFromDocs]));
  assert.deepEqual(Object.fromEntries(byPath), {
    'GET /shop/catalogue': undefined,
    'GET /shop/catalogue-dump': 'get(…, include_in_schema=False)',
    'GET /legacy/catalogue': 'APIRouter(include_in_schema=False)',
    'GET /digest/summary': 'include_router(…, include_in_schema=False)',
  });
  const nest = await routesOf(fixture('nestjs', 'module-middleware', 'src', 'app.controller.ts'));
  assert.equal(nest.find((r) => r.pathTemplate.endsWith('/motd-drafts'))?.hiddenFromDocs, '@ApiExcludeEndpoint()');
  assert.equal(nest.find((r) => r.pathTemplate.endsWith('/motd'))?.hiddenFromDocs, undefined);
});

/** `METHOD path roles` per route: the role checks by name, `-` for none, and the role model a route without one sees. */
function roles(routes: Route[]): string[] {
  return routes.map(
    (r) =>
      `${r.method} ${r.pathTemplate} ${r.roleChecks.map((c) => c.name).join(',') || '-'}${r.roleModel ? ` (model: ${r.roleModel.name})` : ''}`,
  );
}

test('express roles: requireRole() judged by its body, a 403 check in the handler, siblings as the role model', async () => {
  const routes = await routesOf(fixture('express', 'admin-roles', 'src', 'routes', 'admin.ts'));
  assert.deepEqual(roles(routes), [
    "GET /api/admin/users requireRole('admin')",
    "POST /api/admin/users/:id/ban - (model: requireRole('admin'))",
    "PUT /api/users/:id/role - (model: requireRole('admin'))",
    'DELETE /api/users/:id the handler itself',
    "POST /api/orders/:orderId/refund requireRole('support', 'admin')",
    "GET /api/reports/export - (model: requireRole('admin'))",
    "DELETE /api/users/me - (model: requireRole('admin'))",
    "POST /api/admin/reindex - (model: requireRole('admin'))",
  ]);
  assert.match(routes[0]!.roleChecks[0]!.detail, /checks `user\.role` and responds 403/);
  assert.match(routes[3]!.roleChecks[0]!.detail, /isAdmin` and refuses with 403/);
  // requireAuth verifies a token but demands no role
  assert.equal(routes[1]!.middleware[0]!.role, undefined);
});

test('roles: no role model when nothing in the project checks one', async () => {
  for (const file of [
    fixture('express', 'no-role-model', 'src', 'app.ts'),
    fixture('fastapi', 'no-role-model', 'app', 'main.py'),
    fixture('flask', 'no-role-model', 'app.py'),
    fixture('nestjs', 'no-role-model', 'src', 'admin.controller.ts'),
  ]) {
    const routes = await routesOf(file);
    assert.ok(routes.length > 0, file);
    for (const r of routes) {
      assert.ok(r.authEvidence.length > 0, `${r.method} ${r.pathTemplate} is authenticated`);
      assert.deepEqual(r.roleChecks, [], `${r.method} ${r.pathTemplate} checks no role`);
      assert.equal(r.roleModel, undefined, `${r.method} ${r.pathTemplate} sees no role model`);
    }
  }
});

test('nestjs roles: @Roles() metadata, a guard reading the caller, RolesGuard alone enforces nothing', async () => {
  const routes = await routesOf(fixture('nestjs', 'roles', 'src', 'admin', 'admin.controller.ts'));
  assert.deepEqual(roles(routes), [
    "GET /admin/users @Roles('admin')",
    "POST /admin/users/:id/ban - (model: @Roles('admin'))",
    'DELETE /admin/users/:id AdminGuard',
    "POST /accounts/:id/roles - (model: @Roles('admin'))",
    "GET /reports/admin/export - (model: @Roles('admin'))",
  ]);
  const rolesGuard = routes[1]!.middleware.find((m) => m.name === 'RolesGuard')!;
  assert.match(rolesGuard.role!, /user\.roles/);
  assert.equal(rolesGuard.roleByMetadata, true);
  assert.match(routes[2]!.roleChecks[0]!.detail, /user\.isAdmin/);
});

test('nestjs roles: a global RolesGuard is the role model of a route that declares no roles', async () => {
  const dir = project({
    'package.json': '{}',
    'src/roles.guard.ts': [
      "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';",
      "import { Reflector } from '@nestjs/core';",
      '@Injectable()',
      'export class RolesGuard implements CanActivate {',
      '  constructor(private reflector: Reflector) {}',
      '  canActivate(context: ExecutionContext): boolean {',
      "    const roles = this.reflector.get<string[]>('roles', context.getHandler());",
      '    if (!roles) return true;',
      '    const request = context.switchToHttp().getRequest();',
      '    return roles.some((r) => request.user.roles.includes(r));',
      '  }',
      '}',
    ].join('\n'),
    'src/app.module.ts': [
      "import { Module } from '@nestjs/common';",
      "import { APP_GUARD } from '@nestjs/core';",
      "import { AuthGuard } from '@nestjs/passport';",
      "import { RolesGuard } from './roles.guard';",
      "import { AdminController } from './admin.controller';",
      '@Module({',
      '  controllers: [AdminController],',
      "  providers: [{ provide: APP_GUARD, useClass: AuthGuard('jwt') }, { provide: APP_GUARD, useClass: RolesGuard }],",
      '})',
      'export class AppModule {}',
    ].join('\n'),
    'src/admin.controller.ts': [
      "import { Controller, Delete, Param } from '@nestjs/common';",
      "@Controller('admin')",
      'export class AdminController {',
      "  @Delete('users/:id')",
      "  remove(@Param('id') id: string) { return { id }; }",
      '}',
    ].join('\n'),
  });
  const routes = await routesOf(path.join(dir, 'src', 'admin.controller.ts'));
  assert.deepEqual(roles(routes), ['DELETE /admin/users/:id - (model: RolesGuard)']);
  assert.match(routes[0]!.roleModel!.detail, /enforces only the roles a route declares/);
});

test('fastapi roles: a superuser dependency judged by its body, a 403 in the endpoint, Security scopes, imports', async () => {
  const routes = await routesOf(fixture('fastapi', 'roles', 'app', 'main.py'));
  assert.deepEqual(roles(routes), [
    'GET /admin/users Depends(get_current_active_superuser)',
    'POST /admin/users/{user_id}/ban - (model: Depends(get_current_active_superuser))',
    'DELETE /users/{user_id} the handler itself',
    'PATCH /users/{user_id}/status - (model: Depends(get_current_active_superuser))',
    'GET /export - (model: Depends(get_current_active_superuser))',
    'DELETE /users/me - (model: Depends(get_current_active_superuser))',
    'POST /internal/reindex - (model: Depends(get_current_active_superuser))',
  ]);
  assert.match(routes[0]!.roleChecks[0]!.detail, /current_user\.is_superuser/);
  assert.match(routes[2]!.roleChecks[0]!.detail, /refuses with 403/);

  const dir = project({
    'requirements.txt': 'fastapi\n',
    'app/__init__.py': '',
    'app/deps.py': [
      'from fastapi import Depends, HTTPException',
      'from fastapi.security import OAuth2PasswordBearer, SecurityScopes',
      'import jwt',
      'oauth2 = OAuth2PasswordBearer(tokenUrl="token")',
      'def get_current_user(token: str = Depends(oauth2)):',
      '    try:',
      '        return jwt.decode(token, "k", algorithms=["HS256"])',
      '    except jwt.PyJWTError:',
      '        raise HTTPException(status_code=401)',
      'def get_current_active_superuser(user = Depends(get_current_user)):',
      '    if not user.is_superuser:',
      '        raise HTTPException(status_code=403)',
      '    return user',
    ].join('\n'),
    'app/reports.py': [
      'from fastapi import APIRouter, Depends, Security',
      'from app.deps import get_current_active_superuser, get_current_user',
      'router = APIRouter()',
      '@router.get("/items")',
      'def items(user = Security(get_current_user, scopes=["items:read"])):',
      '    return []',
      '@router.get("/export")',
      'def export(user = Depends(get_current_user)):',
      '    return []',
    ].join('\n'),
  });
  const imported = await routesOf(path.join(dir, 'app', 'reports.py'));
  assert.deepEqual(roles(imported), [
    'GET /items Security(get_current_user, scopes=["items:read"])',
    'GET /export - (model: Security(get_current_user, scopes=["items:read"]))',
  ]);
  assert.match(imported[0]!.roleChecks[0]!.detail, /demands the scopes "items:read"/);
  // without the scoped sibling, the imported superuser dependency is the evidence
  const alone = await routesOf(
    path.join(dir, 'app', 'reports.py'),
    readFileSync(path.join(dir, 'app', 'reports.py'), 'utf8').replace(
      /@router\.get\("\/items"\)[\s\S]*?return \[\]\n/,
      '',
    ),
  );
  assert.deepEqual(roles(alone), ['GET /export - (model: get_current_active_superuser)']);
  assert.match(alone[0]!.roleModel!.detail, /imported from app\.deps/);
});

test('flask roles: a workspace decorator judged by its body, package decorators trusted by name', async () => {
  const routes = await routesOf(fixture('flask', 'roles', 'app.py'));
  assert.deepEqual(roles(routes), [
    'GET /admin/users admin_required',
    'PUT /admin/users/<int:user_id>/role - (model: admin_required)',
    'DELETE /users/<int:user_id> the handler itself',
    'POST /refunds - (model: admin_required)',
    'POST /admin/flush - (model: admin_required)',
  ]);
  const dir = project({
    'requirements.txt': 'flask\nflask-security\n',
    'app.py': [
      'from flask import Flask',
      'from flask_security import auth_required, roles_required',
      'app = Flask(__name__)',
      '@app.route("/admin/stats")',
      '@auth_required()',
      '@roles_required("admin")',
      'def stats():',
      '    return {}',
    ].join('\n'),
  });
  const external = await routesOf(path.join(dir, 'app.py'));
  assert.deepEqual(roles(external), ['GET /admin/stats roles_required("admin")']);
  assert.match(external[0]!.roleChecks[0]!.detail, /well-known role\/permission check from flask_security/);
});

test('django roles: IsAdminUser, staff_member_required, permission_required, the admin site', async () => {
  const dir = project({
    'manage.py': '',
    'config/urls.py': [
      'from django.contrib import admin',
      'from django.urls import path',
      'from shop import views',
      'urlpatterns = [',
      '    path("admin/", admin.site.urls),',
      '    path("api/users/<int:pk>/", views.UserAdminApi.as_view()),',
      '    path("api/me/", views.MeApi.as_view()),',
      '    path("staff/report/", views.report),',
      '    path("staff/export/", views.export),',
      ']',
    ].join('\n'),
    'shop/views.py': [
      'from django.contrib.admin.views.decorators import staff_member_required',
      'from django.contrib.auth.decorators import login_required, permission_required',
      'from rest_framework.permissions import IsAdminUser, IsAuthenticated',
      'from rest_framework.response import Response',
      'from rest_framework.views import APIView',
      'class UserAdminApi(APIView):',
      '    permission_classes = [IsAdminUser]',
      '    def delete(self, request, pk):',
      '        return Response()',
      'class MeApi(APIView):',
      '    permission_classes = [IsAuthenticated]',
      '    def get(self, request):',
      '        return Response(request.user.pk)',
      '@staff_member_required',
      'def report(request):',
      '    return Response()',
      '@login_required',
      '@permission_required("shop.export_orders")',
      'def export(request):',
      '    return Response()',
    ].join('\n'),
  });
  const routes = await routesOf(path.join(dir, 'shop', 'views.py'));
  const byRoute = roles(routes).sort();
  assert.deepEqual(byRoute, [
    'ALL /staff/export/ permission_required("shop.export_orders")',
    'ALL /staff/report/ staff_member_required',
    'DELETE /api/users/<int:pk>/ [IsAdminUser]',
    'GET /api/me/ - (model: permission_required("shop.export_orders"))',
  ]);
  assert.match(routes.find((r) => r.method === 'DELETE')!.roleChecks[0]!.detail, /from rest_framework\.permissions/);
  const admin = await routesOf(path.join(dir, 'config', 'urls.py'));
  assert.match(roles(admin).join('\n'), /ALL \/admin\/\.\.\. admin\.site\.urls/);
});

test('roles: a token check against a random secret lets no one through (juice-shop denyAll)', async () => {
  const dir = project({
    'package.json': '{}',
    'security.ts': [
      "import { expressjwt } from 'express-jwt';",
      "export const denyAll = () => expressjwt({ secret: '' + Math.random(), algorithms: ['HS256'] });",
    ].join('\n'),
    'app.ts': [
      "import express from 'express';",
      "import { denyAll } from './security';",
      'const app = express();',
      "app.delete('/api/Users/:id', denyAll(), (req, res) => res.json({}));",
      'app.listen(3000);',
    ].join('\n'),
  });
  const routes = await routesOf(path.join(dir, 'app.ts'));
  assert.equal(routes.length, 1);
  assert.match(routes[0]!.middleware[0]!.deniesAll ?? '', /Math\.random\(\)/);
});

test('express roles: a role middleware the app applies to another router is the role model of this one', async () => {
  const dir = project({
    'package.json': '{}',
    'auth.ts': [
      "import jwt from 'jsonwebtoken';",
      'export function requireAuth(req, res, next) {',
      '  try {',
      "    req.user = jwt.verify(req.headers.authorization, process.env.KEY, { algorithms: ['RS256'] });",
      '    next();',
      '  } catch {',
      '    res.status(401).end();',
      '  }',
      '}',
      'export const requireRole = (role) => (req, res, next) =>',
      '  req.user.role === role ? next() : res.status(403).end();',
    ].join('\n'),
    'admin.ts': [
      "import { Router } from 'express';",
      'const router = Router();',
      "router.get('/users', (req, res) => res.json([]));",
      'export default router;',
    ].join('\n'),
    'reports.ts': [
      "import { Router } from 'express';",
      'const router = Router();',
      "router.get('/export', (req, res) => res.json([]));",
      'export default router;',
    ].join('\n'),
    'app.ts': [
      "import express from 'express';",
      "import { requireAuth, requireRole } from './auth';",
      "import admin from './admin';",
      "import reports from './reports';",
      'const app = express();',
      "app.use('/admin', requireAuth, requireRole('admin'), admin);",
      "app.use('/reports', requireAuth, reports);",
      'app.listen(3000);',
    ].join('\n'),
  });
  assert.deepEqual(roles(await routesOf(path.join(dir, 'admin.ts'))), ["GET /admin/users requireRole('admin')"]);
  const reports = await routesOf(path.join(dir, 'reports.ts'));
  assert.deepEqual(roles(reports), ["GET /reports/export - (model: requireRole('admin'))"]);
  assert.match(reports[0]!.roleModel!.detail, /checks `req\.user\.role` and responds 403.*applied in app\.ts/);
});

test('connexion: routes from the OpenAPI documents add_api reads, bound to functions by operationId, auth by x-*InfoFunc', async () => {
  const routes = await routesOf(fixture('connexion', 'petstore', 'app.py'));
  const summary = routes.map(
    (r) =>
      `${r.method} ${r.pathTemplate} ${r.handler?.name ?? '-'} ${r.authEvidence.map((e) => e.name).join(',') || 'none'}`,
  );
  assert.deepEqual(summary, [
    'GET /v1/pets list_pets none',
    'GET /v1/pets/{pet_id} get_pet security: bearer',
    'DELETE /v1/pets/{pet_id} delete_pet none',
    'POST /admin/reindex reindex none',
  ]);
  assert.match(routes[1]!.authEvidence[0]!.detail, /api\.auth\.decode_token/);
  assert.match(routes[3]!.middleware[0]!.notAuth!, /names no x-bearerInfoFunc/);
  assert.ok(routes[1]!.handlerFile!.uri.endsWith('/api/pets.py'));
});

test('routes declared together share one finding that names them all', async () => {
  const dir = project({
    'package.json': '{ "dependencies": { "express": "^4.19.2" } }',
    'app.js': [
      "const express = require('express');",
      'const app = express();',
      "app.route('/api/notes/:id').put((req, res) => res.json(req.body)).delete((req, res) => res.sendStatus(204));",
      'module.exports = app;',
    ].join('\n'),
  });
  const file = path.join(dir, 'app.js');
  const out = await analyzer.lint({
    uri: pathToUri(file),
    text: readFileSync(file, 'utf8'),
    settings: DEFAULT_SETTINGS,
    signal: { cancelled: false },
  });
  const open = out.findings.filter((f) => f.ruleId === 'code-route-without-auth');
  assert.equal(open.length, 1, 'one place, one finding');
  assert.match(open[0]!.message, /^`PUT \/api\/notes\/:id` has no authentication/);
  assert.match(open[0]!.message, /The same declaration has this problem for `DELETE \/api\/notes\/:id` too\.$/);
});
