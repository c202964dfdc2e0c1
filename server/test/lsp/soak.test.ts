// A long editing session over a real LSP connection (support/soakSession.ts): seeded random edits, opens and closes
// across YAML and JSON specs and JavaScript, TypeScript and Python handler code, with syntax breaks and repairs.
// Afterwards: nothing unhandled in the server's stderr or log, every open document's diagnostics equal to a lint of
// its final text by a fresh Engine, and, once every document is closed, the heap of the server and of its worker
// back within a bound of where it started. `npm test` runs a short session; `npm run test:stress` (APIWARDEN_STRESS=1)
// runs 10,000 edits over 50 documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  Engine,
  FindingDeduplicator,
  OverlayFileReader,
  compareFindings,
  normalizeSettings,
  pathToUri,
} from '../../src/engine';
import { toDiagnostic } from '../../src/lsp/diagnostics';
import { TestLspClient } from '../support/lspClient';
import { makeSoakDocuments, runSoak, type SoakDocument } from '../support/soakSession';

const STRESS = process.env.APIWARDEN_STRESS === '1';
const SEED = Number(process.env.APIWARDEN_SOAK_SEED ?? 18);
const DOCUMENTS = STRESS ? 50 : 10;
const EDITS = STRESS ? 10_000 : 300;
const SETTINGS = { lintDelayMs: 5 };
/** Heap growth allowed between the start (after a warm-up) and the end, all documents closed (MB). */
const SERVER_HEAP_BOUND_MB = 24;
const WORKER_HEAP_BOUND_MB = 48;

interface Memory {
  server: number;
  worker?: { heapUsed: number; gcRan: boolean };
  gcRan: boolean;
}

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

async function settledMemory(client: TestLspClient): Promise<Memory> {
  // Two rounds: finalizers and weak references of the first collection are freed by the second.
  await client.connection.sendRequest('apiwarden/test/memory');
  await new Promise((resolve) => setTimeout(resolve, 200));
  return client.connection.sendRequest<Memory>('apiwarden/test/memory');
}

/** What a fresh Engine reports for each open document's final text, as the server would publish it. */
async function freshDiagnostics(documents: SoakDocument[], workspace: string) {
  const overlay = new OverlayFileReader();
  for (const document of documents) if (document.open) overlay.set(document.uri, document.text);
  const engine = new Engine({ fileReader: overlay });
  const settings = normalizeSettings(SETTINGS);
  const expected = new Map<string, unknown>();
  for (const document of documents) {
    if (!document.open) continue;
    const result = await engine.lint({
      uri: document.uri,
      text: document.text,
      settings,
      workspaceRoots: [pathToUri(workspace)],
    });
    const own = new FindingDeduplicator().keep(result.findings.filter((f) => f.uri === document.uri));
    own.sort(compareFindings);
    expected.set(document.uri, JSON.parse(JSON.stringify(own.map(toDiagnostic))));
  }
  return expected;
}

test(
  `soak: ${EDITS} edits over ${DOCUMENTS} documents, then fresh-lint equality and memory back near the start`,
  { timeout: STRESS ? 3_600_000 : 300_000 },
  async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'apiwarden-soak-'));
    const client = new TestLspClient({
      rootUri: pathToUri(workspace),
      env: { APIWARDEN_TEST_HOOKS: '1' },
      nodeArgs: ['--expose-gc'],
      settings: SETTINGS,
    });
    const started = performance.now();
    try {
      await client.initialize();
      const documents = makeSoakDocuments(workspace, DOCUMENTS, SEED);
      // Warm-up: one lint of each kind loads Spectral, the grammars and the rule tables, which stay.
      for (const document of documents.slice(0, 5)) {
        await client.open(document.uri, document.text, document.languageId, ++document.version);
        await client.waitForLintDone(document.uri, document.version);
        await client.close(document.uri);
      }
      const start = await settledMemory(client);
      assert.ok(start.gcRan && start.worker?.gcRan, 'the server runs with --expose-gc');

      await runSoak(client, documents, { seed: SEED, edits: EDITS, waitChance: 0.3 });

      // Every open document's last version is linted; its diagnostics are those of a fresh lint of its text.
      const open = documents.filter((d) => d.open);
      const published = new Map<string, unknown>();
      for (const document of open) {
        const { published: last } = await client.waitForLintDone(document.uri, document.version);
        published.set(document.uri, last.diagnostics);
      }
      const expected = await freshDiagnostics(documents, workspace);
      // The session linted documents of both kinds, and they had findings to compare.
      const kinds = new Set([...client.statuses.values()].flat().flatMap((s) => (s.state === 'done' ? [s.kind] : [])));
      assert.ok(kinds.has('openapi') && kinds.has('code'), [...kinds].join());
      const withFindings = [...published.values()].filter((d) => (d as unknown[]).length > 0).length;
      assert.ok(withFindings > 0, 'some final documents have diagnostics to compare');
      for (const document of open)
        assert.deepEqual(
          published.get(document.uri),
          expected.get(document.uri),
          `${document.uri} v${document.version}: the server's diagnostics differ from a fresh lint of the final text`,
        );

      for (const document of open) {
        document.open = false;
        await client.close(document.uri);
      }
      // A request answered after the closes: they were handled.
      const end = await settledMemory(client);
      const growth = {
        server: mb(end.server - start.server),
        worker: mb(end.worker!.heapUsed - start.worker!.heapUsed),
      };
      console.log(
        `soak seed ${SEED}: ${EDITS} edits over ${DOCUMENTS} documents (${open.length} open at the end, ${withFindings} with diagnostics) in ${Math.round(performance.now() - started)} ms; heap MB start server ${mb(start.server)} worker ${mb(start.worker!.heapUsed)}, end server ${mb(end.server)} worker ${mb(end.worker!.heapUsed)}`,
      );
      assert.ok(growth.server <= SERVER_HEAP_BOUND_MB, `server heap grew ${growth.server} MB`);
      assert.ok(growth.worker <= WORKER_HEAP_BOUND_MB, `worker heap grew ${growth.worker} MB`);

      const stderr = client.stderr.join('');
      assert.doesNotMatch(stderr, /Error|Unhandled|Exception|FATAL/i, stderr);
      const problems = client.logMessages.filter((m) =>
        /could not lint|unhandled|lint worker|threw|Error:|dropped \d+ bytes/i.test(m),
      );
      assert.deepEqual(problems, [], 'nothing failed in the server');
    } finally {
      await client.shutdown();
      rmSync(workspace, { recursive: true, force: true });
    }
  },
);
