import { Engine, pathToUri } from './server/src/engine';
import { readFileSync } from 'node:fs';
async function main() {
  const e = new Engine();
  for (const f of process.argv.slice(2)) {
    const t = performance.now();
    const r = await e.lint({ uri: pathToUri(f), text: readFileSync(f, 'utf8') });
    const counts: Record<string, number> = {};
    for (const x of r.findings) counts[x.ruleId] = (counts[x.ruleId] ?? 0) + 1;
    console.log(f.split('/').pop(), r.kind, (performance.now() - t).toFixed(0), 'ms', JSON.stringify(counts), r.errors);
    if (r.findings[0]) console.log(JSON.stringify(r.findings.slice(0, 3)));
  }
}
main();
