// The inventory of a generated workspace (issue 14: a 300-endpoint workspace's inventory within the workspace lint
// budget, re-computed incrementally after one file changes). Measures dist/: `apiwarden inventory` and `apiwarden
// lint` on the same workspace (cold processes), and the `apiwarden/inventory` request of dist/server.js: the first
// answer, the answer again with nothing changed, after one route file changed on disk, after an unsaved spec edit.
//   npm run build && node --import tsx bench/inventory.ts [--handler-files=60] [--runs=3]
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../server/src/engine/uris';
import { TestLspClient } from '../server/test/support/lspClient';
import { writeWorkspace } from './generators';
import { requireGnuTime, runTimed } from './measure';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

interface Answer {
  inventory: { endpoints: { method: string; path: string; documented: boolean; served: boolean }[] };
  findings: unknown[];
  durationMs: number;
}

async function main(): Promise<void> {
  requireGnuTime();
  const handlerFiles = arg('handler-files', 60);
  const runs = arg('runs', 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-bench-inventory-'));
  try {
    const layout = writeWorkspace(dir, handlerFiles, []);
    // the spec documents what the code serves (read back from the inventory), minus one endpoint in twenty
    const out = path.join(dir, 'inventory.json');
    await runTimed(['node', CLI, 'inventory', '-f', 'json', '-o', out, '.'], {
      cwd: dir,
      timeoutS: 600,
      stdoutFile: `${out}.log`,
    });
    const served = (JSON.parse(readFileSync(out, 'utf8')) as { endpoints: { method: string; path: string }[] })
      .endpoints;
    const paths = new Map<string, string[]>();
    served.forEach((e, i) => {
      if (i % 20 === 19 || e.method === 'ALL') return;
      paths.set(e.path, [...(paths.get(e.path) ?? []), e.method.toLowerCase()]);
    });
    const spec = ['openapi: 3.0.3', 'info: { title: bench, version: "1" }', 'paths:'];
    for (const [p, methods] of paths) {
      spec.push(`  ${JSON.stringify(p)}:`);
      for (const m of methods) spec.push(`    ${m}:`, '      responses:', "        '200': { description: ok }");
    }
    const specFile = path.join(dir, 'openapi.yaml');
    writeFileSync(specFile, spec.join('\n') + '\n');
    const operations = [...paths.values()].reduce((n, m) => n + m.length, 0);
    console.log(
      `workspace: ${layout.routeFiles.length} route files, ${served.length} routes, spec with ${operations} operations`,
    );

    for (const [name, command] of [
      ['apiwarden inventory (cold process)', ['node', CLI, 'inventory', '-f', 'json', '-o', out, '.']],
      ['apiwarden lint (cold process, same files)', ['node', CLI, 'lint', '-f', 'json', '-o', out, '.']],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await runTimed([...command], {
          cwd: dir,
          timeoutS: 600,
          stdoutFile: `${out}.log`,
          okExitCodes: [0, 1],
        });
        times.push(run.wallMs);
      }
      console.log(`${name}: median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
    }

    const client = new TestLspClient({ rootUri: pathToUri(dir) });
    try {
      await client.initialize();
      const ask = async (what: string) => {
        const started = performance.now();
        const answer = await client.connection.sendRequest<Answer>('apiwarden/inventory', {});
        const ms = performance.now() - started;
        console.log(
          `LSP ${what}: ${ms.toFixed(0)} ms (engine ${answer.durationMs.toFixed(0)} ms), ${answer.inventory.endpoints.length} endpoints, ${answer.findings.length} findings`,
        );
        return answer;
      };
      await ask('first answer');
      await ask('again, nothing changed');
      appendFileSync(layout.routeFiles[0]!, "\nrouter.get('/added-for-the-bench', (req, res) => res.json({}));\n");
      await ask('after one route file changed on disk');
      const text = readFileSync(specFile, 'utf8');
      await client.open(pathToUri(specFile), text);
      await client.change(pathToUri(specFile), 2, [
        { text: text.replace(/\n {2}"[^\n]*":\n( {4}[^\n]*\n| {6}[^\n]*\n| {8}[^\n]*\n)+/, '\n') },
      ]);
      await ask('after an unsaved spec edit (one path removed)');
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

void main();
