// Prints how the engine's routes compare with the expected routes of the real apps:
//   node --import tsx server/test/support/realAppsReport.ts [app…] [--details]
import { expectedApps, scoreApp } from './realApps';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const details = args.includes('--details');
  const apps = args.filter((a) => !a.startsWith('--'));
  let expected = 0;
  let found = 0;
  let authRight = 0;
  for (const app of apps.length ? apps : expectedApps()) {
    const s = await scoreApp(app);
    expected += s.expected;
    found += s.found;
    authRight += s.authRight;
    console.log(
      `${app.padEnd(24)} routes ${String(s.found).padStart(3)}/${String(s.expected).padEnd(3)} auth right ${s.authRight}/${s.found}  roles ${s.withRoles - s.missingRoles.length}/${s.withRoles} (+${s.extraRoles.length})  extra ${s.extra.length}  errors ${s.errors.length}`,
    );
    if (!details) continue;
    for (const m of s.missing)
      console.log(`   missing ${m.expected.method} ${m.expected.path}  (${m.expected.file}:${m.expected.line})`);
    for (const m of s.wrongAuth)
      console.log(
        `   auth    ${m.expected.method} ${m.expected.path}  expected ${m.expected.auth}, found ${m.found!.auth}  (${m.found!.file}:${m.found!.line})`,
      );
    for (const m of s.missingRoles)
      console.log(
        `   roles   ${m.expected.method} ${m.expected.path}  expected ${m.expected.roles!.join(', ')}, no role check found  (${m.found!.file}:${m.found!.line})`,
      );
    for (const m of s.extraRoles)
      console.log(
        `   +roles  ${m.expected.method} ${m.expected.path}  none expected, found ${m.found!.roleChecks.join('; ')}  (${m.found!.file}:${m.found!.line})`,
      );
    for (const f of s.extra) console.log(`   extra   ${f.method} ${f.path}  (${f.file}:${f.line}) ${f.auth}`);
    for (const e of s.errors.slice(0, 3)) console.log(`   error   ${e.split('\n')[0]}`);
  }
  console.log(
    `TOTAL routes ${found}/${expected} (${((100 * found) / expected).toFixed(1)}%), auth right ${authRight}/${found}`,
  );
}

void main();
