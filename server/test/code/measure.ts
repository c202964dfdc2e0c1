// Quick timing of the code path (not a test; the lead owns `npm run bench`). Run:
//   node --import tsx server/test/code/measure.ts            (2,000-line Express file: cold lint, 200 edits)
//   node --import tsx server/test/code/measure.ts workspace  (generates 1,000 handler files + 5 specs, lints them cold)
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, diskFileReader, Engine, pathToUri } from '../../src/engine';
import { CodeAnalyzer } from '../../src/engine/code/lintCode';
import { lintPaths } from '../../src/cli/lintFiles';

/** A realistic Express routes file of about `lines` lines: authenticated CRUD handlers with lookups and fetches. */
export function expressFile(lines: number): string {
  const out = [
    "import express from 'express';",
    "import jwt from 'jsonwebtoken';",
    "import { db } from './db';",
    'const router = express.Router();',
    'function requireAuth(req, res, next) {',
    '  const token = req.headers.authorization?.slice(7);',
    "  try { req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }); next(); }",
    "  catch { res.status(401).json({ error: 'unauthorized' }); }",
    '}',
  ];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `router.get('/items${i}/:id', requireAuth, async (req, res) => {`,
      `  const item = await db.item${i}.findFirst({ where: { id: req.params.id, ownerId: req.user.id } });`,
      '  if (!item) {',
      "    return res.status(404).json({ error: 'not found' });",
      '  }',
      "  const extra = await fetch('https://internal.example/items/' + encodeURIComponent(item.id));",
      '  res.json({ id: item.id, name: item.name, extra: await extra.json() });',
      '});',
      '',
      `router.post('/items${i}', requireAuth, async (req, res) => {`,
      '  const { name, description } = req.body;',
      `  const created = await db.item${i}.create({ data: { name, description, ownerId: req.user.id } });`,
      '  res.status(201).json({ id: created.id });',
      '});',
      '',
    );
  }
  out.push('export default router;');
  return out.join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function typing(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-measure-'));
  writeFileSync(path.join(dir, 'package.json'), '{}');
  const file = path.join(dir, 'routes.ts');
  let text = expressFile(2000);
  writeFileSync(file, text);
  const uri = pathToUri(file);
  const analyzer = new CodeAnalyzer(diskFileReader);
  const lint = async (t: string) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const out = await analyzer.lint({ uri, text: t, settings: DEFAULT_SETTINGS, signal: { cancelled: false } });
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, out };
  };
  const cold = await lint(text);
  console.log(
    `2,000-line Express file (${text.split('\n').length} lines, ${cold.out.routes.length} routes): cold lint ${cold.ms.toFixed(1)} ms (parse+facts ${cold.out.timings.parse.toFixed(1)}, routes ${cold.out.timings.routes.toFixed(1)}, rules ${cold.out.timings.rules.toFixed(1)}), ${cold.out.findings.length} findings`,
  );
  const total: number[] = [];
  const cpuTotal: number[] = [];
  const parse: number[] = [];
  const afterParse: number[] = [];
  for (let i = 0; i < 220; i++) {
    // typing inside a handler: insert a character, or delete it again
    const at = text.indexOf('res.json({ id: item.id', text.indexOf(`/items${(i * 7) % 60}/`));
    text = i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at - 1) + text.slice(at);
    const r = await lint(text);
    if (i < 20) continue; // warm-up
    total.push(r.ms);
    cpuTotal.push(r.cpuMs);
    parse.push(r.out.timings.parse);
    afterParse.push(r.out.timings.routes + r.out.timings.rules);
  }
  for (const [name, list] of [
    ['edit → findings (wall)', total],
    ['edit → findings (CPU time)', cpuTotal],
    ['  incremental parse + facts', parse],
    ['  routes + rules (after parse)', afterParse],
  ] as const) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `${name}: p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, max ${sorted[sorted.length - 1]!.toFixed(2)} ms (200 edits)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

async function workspace(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-workspace-'));
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  write('package.json', '{ "name": "big", "private": true }');
  const imports: string[] = [];
  const mounts: string[] = [];
  for (let i = 0; i < 600; i++) {
    // every tenth router is mounted without requireAuth and has no route-level auth either: its routes are reported
    const routes = expressFile(60 + (i % 5) * 40).replace(/\/items/g, `/r${i}/items`);
    write(`src/routes/r${i}.ts`, i % 10 === 0 ? routes.replace(/, requireAuth, /g, ', ') : routes);
    imports.push(`import r${i} from './routes/r${i}';`);
    mounts.push(`app.use('/api', ${i % 10 === 0 ? '' : 'requireAuth, '}r${i});`);
  }
  write(
    'src/app.ts',
    `import express from 'express';\nimport { requireAuth } from './auth';\n${imports.join('\n')}\nconst app = express();\n${mounts.join('\n')}\nexport default app;\n`,
  );
  write(
    'src/auth.ts',
    "import jwt from 'jsonwebtoken';\nexport function requireAuth(req, res, next) { try { req.user = jwt.verify(req.headers.authorization, process.env.K, { algorithms: ['RS256'] }); next(); } catch { res.sendStatus(401); } }\n",
  );
  write('src/db.ts', "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n");
  const includes: string[] = [];
  for (let i = 0; i < 399; i++) {
    const body = [
      `from fastapi import APIRouter, Depends`,
      `from py.deps import get_user, get_db`,
      `router = APIRouter(prefix="/p${i}")`,
      '',
    ];
    for (let j = 0; j < 6; j++)
      body.push(
        `@router.get("/things${j}/{thing_id}")`,
        `def read_${j}(thing_id: int, db=Depends(get_db), user=Depends(get_user)):`,
        `    return db.get_owned(thing_id, user["id"])`,
        '',
        `@router.post("/things${j}")`,
        `def create_${j}(payload: dict, db=Depends(get_db)):`,
        `    return {"ok": True}`,
        '',
      );
    write(`py/routers/p${i}.py`, body.join('\n'));
    includes.push(`from py.routers import p${i}`, `app.include_router(p${i}.router, dependencies=[Depends(get_user)])`);
  }
  write('py/__init__.py', '');
  write('py/routers/__init__.py', '');
  write(
    'py/deps.py',
    'import jwt\nfrom fastapi import HTTPException\ndef get_db():\n    yield None\ndef get_user(token: str):\n    try:\n        return jwt.decode(token, KEY, algorithms=["HS256"])\n    except Exception:\n        raise HTTPException(status_code=401)\n',
  );
  write(
    'py/main.py',
    `from fastapi import FastAPI, Depends\nfrom py.deps import get_user\napp = FastAPI()\n${includes.join('\n')}\n`,
  );
  const corpus = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'openapi');
  const specs = existsSync(corpus)
    ? readdirSync(corpus)
        .filter((f) => /\.(ya?ml|json)$/.test(f) && !/github|openai|stripe/.test(f))
        .slice(0, 5)
    : [];
  for (const spec of specs) copyFileSync(path.join(corpus, spec), path.join(dir, spec));
  const started = performance.now();
  const codeOnly = await lintPaths(process.env.ONLY ? [process.env.ONLY] : ['src', 'py'], dir, DEFAULT_SETTINGS);
  const codeMs = performance.now() - started;
  console.log(
    `workspace code: ${codeOnly.linted.length} handler files linted cold in ${(codeMs / 1000).toFixed(1)} s, ${codeOnly.findings.length} findings, ${codeOnly.errors.length} errors`,
  );
  if (process.env.ONLY) return;
  const all = performance.now();
  const result = await lintPaths(['.'], dir, DEFAULT_SETTINGS);
  const ms = performance.now() - all;
  const code = result.linted.filter((f) => /\.(ts|py)$/.test(f)).length;
  console.log(
    `whole workspace (fresh engine): ${code} handler files + ${result.linted.length - code} specs (${specs.join(', ')}) linted cold in ${(ms / 1000).toFixed(1)} s, ${result.findings.length} findings (${result.findings.filter((f) => f.ruleId.startsWith('code-')).length} from code), ${result.errors.length} errors`,
  );
  if (process.env.KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  void Engine;
}

(process.argv[2] === 'workspace' ? workspace() : typing()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
