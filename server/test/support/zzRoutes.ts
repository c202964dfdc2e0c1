import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, pathToUri, diskFileReader } from '../../src/engine';
import { CodeAnalyzer } from '../../src/engine/code/lintCode';
import { APPS_ROOT } from './realApps';
async function main() {
  const [app, rel, at] = process.argv.slice(2);
  const root = path.join(APPS_ROOT, app);
  const file = path.join(root, rel);
  const text = readFileSync(file, 'utf8');
  const analyzer = new CodeAnalyzer(diskFileReader);
  const out = await analyzer.lint({ uri: pathToUri(file), text, settings: DEFAULT_SETTINGS, signal: { cancelled: false }, workspaceRoots: [pathToUri(root)] });
  for (const r of out.routes) {
    const line = text.slice(0, r.range.start).split('\n').length;
    if (at && String(line) !== at) continue;
    console.log(line, r.range.start, r.file.split('/').pop(), r.method, r.pathTemplate, r.authEvidence.length ? 'AUTH' : 'none', r.publicMarker ?? '', r.middleware.map((m) => m.name).join(','));
  }
}
void main();
// debug
