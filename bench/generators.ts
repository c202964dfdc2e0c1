// Inputs for the bench: a large Express routes file, realistic edits to it, and a workspace of handler files
// (Express TS/JS and FastAPI, mounted through a few app files) plus copies of corpus specs. Everything is
// deterministic for a seed, so two runs measure the same work.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom, type TextEdit } from '../server/test/support/randomEdits';

export type { TextEdit } from '../server/test/support/randomEdits';
export { applyTextEdit, randomEdit, seededRandom, undoOf } from '../server/test/support/randomEdits';

type Random = () => number;

function pickOne<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

const ENTITIES = [
  'order',
  'invoice',
  'customer',
  'product',
  'coupon',
  'shipment',
  'review',
  'ticket',
  'payout',
  'address',
  'webhook',
  'report',
];
const FIELDS = ['name', 'note', 'status', 'quantity', 'currency', 'label', 'priority', 'title'];

/** One Express route in one of several realistic shapes; `auth` puts `requireAuth` in front of the handler. */
function expressRoute(random: Random, base: string, entity: string, i: number, auth: boolean, ts: boolean): string[] {
  const mw = auth ? 'requireAuth, ' : '';
  const user = ts ? '(req as AuthedRequest).user' : 'req.user';
  const field = pickOne(random, FIELDS);
  const shape = Math.floor(random() * 8);
  const model = `db.${entity}`;
  switch (shape) {
    case 0: // owned lookup
      return [
        `router.get('${base}/${entity}s/:id', ${mw}async (req, res) => {`,
        `  const ${entity} = await ${model}.findFirst({ where: { id: req.params.id, ownerId: ${user}?.id } });`,
        `  if (!${entity}) {`,
        `    return res.status(404).json({ error: '${entity} not found' });`,
        '  }',
        `  res.json({ id: ${entity}.id, ${field}: ${entity}.${field}, updatedAt: ${entity}.updatedAt });`,
        '});',
      ];
    case 1: // lookup by id only (object-level authorization missing)
      return [
        `router.get('${base}/${entity}s/:id/details', ${mw}async (req, res) => {`,
        `  const record = await ${model}.findUnique({ where: { id: req.params.id } });`,
        `  res.json(record);`,
        '});',
      ];
    case 2: // create from the whole body (mass assignment)
      return [
        `router.post('${base}/${entity}s', ${mw}async (req, res) => {`,
        `  const created = await ${model}.create({ data: req.body });`,
        `  res.status(201).json({ id: created.id });`,
        '});',
      ];
    case 3: // create from picked fields
      return [
        `router.post('${base}/${entity}s/batch${i}', ${mw}async (req, res) => {`,
        `  const { ${field}, description } = req.body;`,
        `  if (typeof ${field} !== 'string' || ${field}.length > 200) {`,
        `    return res.status(400).json({ error: 'invalid ${field}' });`,
        '  }',
        `  const created = await ${model}.create({ data: { ${field}, description, ownerId: ${user}?.id } });`,
        `  res.status(201).json({ id: created.id });`,
        '});',
      ];
    case 4: // outbound fetch with a user-supplied URL
      return [
        `router.post('${base}/${entity}s/:id/preview', ${mw}async (req, res) => {`,
        `  const response = await fetch(req.body.url);`,
        `  const body = await response.text();`,
        `  res.json({ status: response.status, length: body.length });`,
        '});',
      ];
    case 5: // update with ownership in the filter
      return [
        `router.patch('${base}/${entity}s/:id', ${mw}async (req, res) => {`,
        `  const { ${field} } = req.body;`,
        `  await ${model}.updateMany({ where: { id: req.params.id, ownerId: ${user}?.id }, data: { ${field} } });`,
        `  res.sendStatus(204);`,
        '});',
      ];
    case 6: // delete
      return [
        `router.delete('${base}/${entity}s/:id', ${mw}async (req, res) => {`,
        `  try {`,
        `    await ${model}.delete({ where: { id: req.params.id } });`,
        `    res.sendStatus(204);`,
        `  } catch (err) {`,
        `    res.status(500).json({ error: 'could not delete ${entity}' });`,
        `  }`,
        '});',
      ];
    default: // list with pagination
      return [
        `router.get('${base}/${entity}s', ${mw}async (req, res) => {`,
        `  const limit = Math.min(Number(req.query.limit ?? 20), 100);`,
        `  const items = await ${model}.findMany({ where: { ownerId: ${user}?.id }, take: limit, orderBy: { createdAt: 'desc' } });`,
        `  res.json({ items, next: items.length === limit ? items[items.length - 1].id : null });`,
        '});',
      ];
  }
}

function expressHeader(ts: boolean, dbImport: string, authImport: string): string[] {
  return ts
    ? [
        "import { Router, type Request } from 'express';",
        `import { db } from '${dbImport}';`,
        `import { requireAuth } from '${authImport}';`,
        '',
        'type AuthedRequest = Request & { user?: { id: string; role: string } };',
        '',
        'const router = Router();',
        '',
      ]
    : [
        "const { Router } = require('express');",
        `const { db } = require('${dbImport}');`,
        `const { requireAuth } = require('${authImport}');`,
        '',
        'const router = Router();',
        '',
      ];
}

/**
 * A TypeScript Express routes file of at least `lines` lines: routes of several shapes, about a quarter without
 * `requireAuth`. Imports `./db` and `./auth` (see `writeExpressProject`).
 */
export function expressFile(lines: number, seed = 1): string {
  const random = seededRandom(seed);
  const out = expressHeader(true, './db', './auth');
  for (let i = 0; out.length < lines - 2; i++) {
    const entity = ENTITIES[i % ENTITIES.length]!;
    out.push(...expressRoute(random, `/v${1 + (i % 3)}`, entity, i, random() > 0.25, true), '');
  }
  out.push('export default router;', '');
  return out.join('\n');
}

const AUTH_TS = `import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  try {
    (req as any).user = jwt.verify(token ?? '', process.env.JWT_PUBLIC_KEY ?? '', { algorithms: ['RS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}
`;
const DB_TS = `import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n`;

/** Writes a small Express project around `routesText` (package.json, auth, db, an app that mounts it). */
export function writeExpressProject(dir: string, routesText: string): string {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-express", "private": true }\n');
  writeFileSync(path.join(dir, 'src', 'auth.ts'), AUTH_TS);
  writeFileSync(path.join(dir, 'src', 'db.ts'), DB_TS);
  writeFileSync(
    path.join(dir, 'src', 'app.ts'),
    "import express from 'express';\nimport routes from './routes';\n\nconst app = express();\napp.use(express.json());\napp.use('/api', routes);\nexport default app;\n",
  );
  const file = path.join(dir, 'src', 'routes.ts');
  writeFileSync(file, routesText);
  return file;
}

// --- edits to handler code ---------------------------------------------------------------------------------

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function linesMatching(text: string, pattern: RegExp): { start: number; line: string }[] {
  const starts = lineStartsOf(text);
  const out: { start: number; line: string }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    const line = text.slice(starts[i], end);
    if (pattern.test(line)) out.push({ start: starts[i]!, line });
  }
  return out;
}

type CodeEditMaker = (text: string, random: Random) => TextEdit | undefined;

/** The route block that starts at `start` (a `router.x(` line) runs to the first following line that is `});`. */
function routeBlockEnd(text: string, start: number): number {
  const end = text.indexOf('\n});', start);
  return end === -1 ? text.length : end + '\n});'.length + 1;
}

const typeInString: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /json\(\{ error: '/));
  if (!line) return undefined;
  const at = line.start + line.line.indexOf("error: '") + "error: '".length + Math.floor(random() * 4);
  return { offset: at, length: 0, text: pickOne(random, ['x', 'the ', 'e', 'n']), kind: 'type in a string' };
};

const typeStatement: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /^router\.(get|post|put|patch|delete)\(/));
  if (!line) return undefined;
  const at = line.start + line.line.length + 1;
  const statement = pickOne(random, [
    "  logger.info('request', { path: req.path });\n",
    '  const started = Date.now();\n',
    "  res.setHeader('Cache-Control', 'no-store');\n",
  ]);
  return { offset: at, length: 0, text: statement, kind: 'type a statement in a handler' };
};

const removeAuth: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /^router\.\w+\('[^']*', requireAuth, /));
  if (!line) return undefined;
  return {
    offset: line.start + line.line.indexOf('requireAuth, '),
    length: 'requireAuth, '.length,
    text: '',
    kind: 'remove requireAuth from a route',
  };
};

const addAuth: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /^router\.\w+\('[^']*', async/));
  if (!line) return undefined;
  return {
    offset: line.start + line.line.indexOf('async'),
    length: 0,
    text: 'requireAuth, ',
    kind: 'add requireAuth to a route',
  };
};

const addRoute: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /^\}\);$/));
  if (!line) return undefined;
  const route = expressRoute(
    random,
    '/new',
    pickOne(random, ENTITIES),
    Math.floor(random() * 1000),
    random() > 0.5,
    true,
  );
  return {
    offset: line.start + line.line.length + 1,
    length: 0,
    text: '\n' + route.join('\n') + '\n',
    kind: 'add a route',
  };
};

const deleteRoute: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /^router\.\w+\(/));
  if (!line) return undefined;
  return { offset: line.start, length: routeBlockEnd(text, line.start) - line.start, text: '', kind: 'delete a route' };
};

const renameParam: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /req\.params\.id/));
  if (!line) return undefined;
  return {
    offset: line.start + line.line.indexOf('req.params.id') + 'req.params.'.length,
    length: 2,
    text: 'itemId',
    kind: 'rename a route parameter use',
  };
};

const breakCode: CodeEditMaker = (text, random) => {
  const line = pickOne(random, linesMatching(text, /^\}\);$/));
  if (!line) return undefined;
  return { offset: line.start + 1, length: 1, text: '', kind: 'delete a closing parenthesis' };
};

const CODE_EDITS: [CodeEditMaker, number][] = [
  [typeInString, 6],
  [typeStatement, 3],
  [removeAuth, 2],
  [addAuth, 2],
  [addRoute, 2],
  [deleteRoute, 1],
  [renameParam, 1],
  [breakCode, 1],
];

/** The next realistic edit to an Express routes file. Syntax-breaking edits are undone by the caller next. */
export function randomCodeEdit(text: string, random: Random): TextEdit {
  const total = CODE_EDITS.reduce((sum, [, weight]) => sum + weight, 0);
  for (let attempt = 0; attempt < 50; attempt++) {
    let roll = random() * total;
    for (const [maker, weight] of CODE_EDITS) {
      roll -= weight;
      if (roll <= 0) {
        const edit = maker(text, random);
        if (edit) return edit;
        break;
      }
    }
  }
  return { offset: 0, length: 0, text: '// edited\n', kind: 'add a comment' };
}

/** Whether an edit leaves the document broken on purpose (the next edit repairs it). */
export function breaksSyntax(edit: TextEdit): boolean {
  return edit.kind === 'delete the space after a colon' || edit.kind === 'delete a closing parenthesis';
}

// --- workspace ---------------------------------------------------------------------------------------------

export interface WorkspaceLayout {
  dir: string;
  /** Route files (handler code), app files that mount them, support files, copied specs: absolute paths. */
  routeFiles: string[];
  appFiles: string[];
  supportFiles: string[];
  specFiles: string[];
  lines: number;
}

function fastapiRouter(random: Random, i: number): string {
  const entity = ENTITIES[i % ENTITIES.length]!;
  const out = [
    'from fastapi import APIRouter, Depends, HTTPException',
    'from pydantic import BaseModel',
    '',
    'from app.deps import get_current_user, get_db',
    `from app.models import ${entity[0]!.toUpperCase()}${entity.slice(1)}`,
    '',
    `router = APIRouter(prefix="/${entity}s${i}", tags=["${entity}"])`,
    '',
    '',
    `class ${entity[0]!.toUpperCase()}${entity.slice(1)}In(BaseModel):`,
    '    name: str',
    '    note: str | None = None',
    '',
  ];
  const Model = `${entity[0]!.toUpperCase()}${entity.slice(1)}`;
  const routes = 3 + Math.floor(random() * 6);
  for (let j = 0; j < routes; j++) {
    const auth = random() > 0.2;
    const userParam = auth ? ', user=Depends(get_current_user)' : '';
    switch (j % 4) {
      case 0:
        out.push(
          '',
          `@router.get("/{item_id}")`,
          `def read_${j}(item_id: int, db=Depends(get_db)${userParam}):`,
          `    item = db.get(${Model}, item_id)`,
          '    if item is None:',
          '        raise HTTPException(status_code=404, detail="not found")',
          '    return {"id": item.id, "name": item.name}',
          '',
        );
        break;
      case 1:
        out.push(
          '',
          `@router.post("/batch${j}")`,
          `def create_${j}(payload: ${Model}In, db=Depends(get_db)${userParam}):`,
          `    item = ${Model}(name=payload.name, note=payload.note)`,
          '    db.add(item)',
          '    db.commit()',
          '    return {"id": item.id}',
          '',
        );
        break;
      case 2:
        out.push(
          '',
          `@router.get("/mine/{item_id}")`,
          `def read_own_${j}(item_id: int, db=Depends(get_db), user=Depends(get_current_user)):`,
          `    item = db.query(${Model}).filter(${Model}.id == item_id, ${Model}.owner_id == user["id"]).first()`,
          '    return {"id": item.id} if item else {}',
          '',
        );
        break;
      default:
        out.push(
          '',
          `@router.delete("/{item_id}")`,
          `def delete_${j}(item_id: int, db=Depends(get_db)${userParam}):`,
          `    db.query(${Model}).filter(${Model}.id == item_id).delete()`,
          '    return {"ok": True}',
          '',
        );
    }
  }
  return out.join('\n');
}

/**
 * Writes a workspace of `handlerFiles` route files into `dir`: 70 % Express (two thirds TypeScript, one third
 * JavaScript) mounted by three app files, 30 % FastAPI routers included by two app modules, about one mount in
 * ten without authentication; plus `specs` copied into `specs/`.
 */
export function writeWorkspace(dir: string, handlerFiles: number, specs: string[], seed = 1): WorkspaceLayout {
  const random = seededRandom(seed);
  const layout: WorkspaceLayout = { dir, routeFiles: [], appFiles: [], supportFiles: [], specFiles: [], lines: 0 };
  const write = (relative: string, text: string, list: string[]) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    list.push(file);
    layout.lines += text.split('\n').length;
  };
  write('package.json', '{ "name": "bench-workspace", "private": true }\n', layout.supportFiles);
  write('web/src/auth.ts', AUTH_TS, layout.supportFiles);
  write('web/src/db.ts', DB_TS, layout.supportFiles);
  write(
    'web/src/auth.js',
    "const jwt = require('jsonwebtoken');\nfunction requireAuth(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });\n    next();\n  } catch {\n    res.sendStatus(401);\n  }\n}\nmodule.exports = { requireAuth };\n",
    layout.supportFiles,
  );
  write(
    'web/src/db.js',
    "const { PrismaClient } = require('@prisma/client');\nmodule.exports = { db: new PrismaClient() };\n",
    layout.supportFiles,
  );

  const expressCount = Math.round(handlerFiles * 0.7);
  const pythonCount = handlerFiles - expressCount;
  const apps: { imports: string[]; mounts: string[] }[] = [0, 1, 2].map(() => ({ imports: [], mounts: [] }));
  for (let i = 0; i < expressCount; i++) {
    const ts = i % 3 !== 2;
    const area = ['shop', 'billing', 'support'][i % 3]!;
    const relative = `web/src/routes/${area}/r${i}.${ts ? 'ts' : 'js'}`;
    const lines = expressHeader(ts, ts ? '../../db' : '../../db.js', ts ? '../../auth' : '../../auth.js');
    const routes = 2 + Math.floor(random() * 7);
    for (let j = 0; j < routes; j++) {
      lines.push(...expressRoute(random, `/r${i}`, ENTITIES[(i + j) % ENTITIES.length]!, j, random() > 0.15, ts), '');
    }
    lines.push(ts ? 'export default router;' : 'module.exports = router;', '');
    write(relative, lines.join('\n'), layout.routeFiles);
    const app = apps[i % 3]!;
    app.imports.push(`import r${i} from './routes/${area}/r${i}${ts ? '' : '.js'}';`);
    app.mounts.push(`app.use('/${area}', ${i % 10 === 0 ? '' : 'requireAuth, '}r${i});`);
  }
  apps.forEach((app, n) => {
    write(
      `web/src/app${n}.ts`,
      [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        "import { requireAuth } from './auth';",
        ...app.imports,
        '',
        'const app = express();',
        'app.use(express.json());',
        'app.use(rateLimit({ windowMs: 60_000, max: 300 }));',
        ...app.mounts,
        '',
        'export default app;',
        '',
      ].join('\n'),
      layout.appFiles,
    );
  });

  write('api/app/__init__.py', '', layout.supportFiles);
  write('api/app/routers/__init__.py', '', layout.supportFiles);
  write(
    'api/app/deps.py',
    'import os\n\nimport jwt\nfrom fastapi import Depends, HTTPException\nfrom fastapi.security import OAuth2PasswordBearer\n\noauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")\n\n\ndef get_db():\n    yield None\n\n\ndef get_current_user(token: str = Depends(oauth2_scheme)):\n    try:\n        payload = jwt.decode(token, os.environ["JWT_KEY"], algorithms=["HS256"])\n    except jwt.PyJWTError:\n        raise HTTPException(status_code=401, detail="Invalid token")\n    return {"id": payload["sub"]}\n',
    layout.supportFiles,
  );
  write(
    'api/app/models.py',
    ENTITIES.map(
      (e) => `class ${e[0]!.toUpperCase()}${e.slice(1)}:\n    id: int\n    owner_id: int\n    name: str\n`,
    ).join('\n'),
    layout.supportFiles,
  );
  const includes: string[][] = [[], []];
  for (let i = 0; i < pythonCount; i++) {
    write(`api/app/routers/p${i}.py`, fastapiRouter(random, i), layout.routeFiles);
    includes[i % 2]!.push(
      `from app.routers import p${i}`,
      i % 10 === 0
        ? `app.include_router(p${i}.router, prefix="/api")`
        : `app.include_router(p${i}.router, prefix="/api", dependencies=[Depends(get_current_user)])`,
    );
  }
  includes.forEach((lines, n) => {
    write(
      `api/app/main${n}.py`,
      [
        'from fastapi import Depends, FastAPI',
        '',
        'from app.deps import get_current_user',
        ...lines.filter((l) => l.startsWith('from')),
        '',
        `app = FastAPI(title="Service ${n}")`,
        ...lines.filter((l) => l.startsWith('app.')),
        '',
      ].join('\n'),
      layout.appFiles,
    );
  });

  for (const spec of specs) {
    const target = path.join(dir, 'specs', path.basename(spec));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(spec, target);
    layout.specFiles.push(target);
  }
  return layout;
}
