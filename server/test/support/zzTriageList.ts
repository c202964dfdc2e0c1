import * as path from 'node:path';
import { uriToPath } from '../../src/engine';
import { APPS_ROOT, appFindings, expectedApps, readExpectations, triageEntryOf } from './realApps';
const skip = new Set(['go-chi-examples', 'go-gin-realworld', 'spring-petclinic-rest']);
async function main() {
  const rules = (process.argv[2] ?? 'code-route-without-auth').split(',');
  for (const app of expectedApps().filter((a) => !skip.has(a))) {
    const triage = readExpectations(app).triage ?? [];
    const root = path.join(APPS_ROOT, app);
    for (const f of await appFindings(app, rules)) {
      const file = path.relative(root, uriToPath(f.uri)).split(path.sep).join('/');
      const e = triageEntryOf(triage, f, file, f.range.start.line + 1);
      console.log(`${e ? (e.verdict ? 'TRUE ' : 'FALSE') : 'UNTRI'} ${app} ${f.ruleId} ${file}:${f.range.start.line + 1} ${f.severity} | ${f.message.slice(0, 110)}`);
    }
  }
}
void main();
