import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, pathToUri, diskFileReader } from '/work/main/server/src/engine';
import { CodeAnalyzer } from '/work/main/server/src/engine/code/lintCode';
async function main() {
  const [root, file] = process.argv.slice(2);
  const analyzer = new CodeAnalyzer(diskFileReader);
  let text = readFileSync(file, 'utf8');
  for (let i = 0; i < 8; i++) {
    text = text + (i % 2 ? ' ' : '\n');
    const t = performance.now();
    const out = await analyzer.lint({ uri: pathToUri(file), text, settings: DEFAULT_SETTINGS, signal: { cancelled: false }, workspaceRoots: [pathToUri(root)] });
    console.log(i, (performance.now() - t).toFixed(1), JSON.stringify(Object.fromEntries(Object.entries(out.timings).map(([k, v]) => [k, +(v as number).toFixed(1)]))), out.routes.length);
  }
}
void main();
