// The GitHub Action (action.yml): its metadata, and its shell steps run with bash the way a runner runs them
// (`bash --noprofile --norc -eo pipefail`, inputs substituted, step outputs through $GITHUB_OUTPUT), installing the
// packed npm package from its tarball and linting a copy of the sample workspace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BOOKSHOP, ROOT, offlineNpmEnv, packNpmPackage, run } from './support/npmPackage';

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}
interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = (name: string) => {
  const found = action.runs.steps.find((s) => s.name === name);
  assert.ok(found, `action.yml has no step "${name}"`);
  return found;
};

let work: string;
let tarball: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'apiwarden-action-'));
  tarball = packNpmPackage(work);
});

after(() => rmSync(work, { recursive: true, force: true }));

/** One job: inputs (defaults from action.yml, then `overrides`), step outputs, a workspace and a runner temp. */
class Job {
  readonly inputs: Record<string, string>;
  readonly outputs: Record<string, Record<string, string>> = {};
  readonly workspace: string;
  readonly runnerTemp: string;

  constructor(name: string, overrides: Record<string, string>) {
    this.inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default ?? '')]));
    for (const [k, v] of Object.entries(overrides)) {
      assert.ok(k in action.inputs, `action.yml has no input "${k}"`);
      this.inputs[k] = v;
    }
    this.workspace = path.join(work, name, 'workspace');
    this.runnerTemp = path.join(work, name, 'runner-temp');
    cpSync(BOOKSHOP, this.workspace, { recursive: true });
    mkdirSync(this.runnerTemp, { recursive: true });
  }

  /** The value of a `${{ … }}` expression: inputs and step outputs are all these steps use. */
  expand(text: string): string {
    return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) return this.inputs[input[1]!] ?? '';
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return this.outputs[output[1]!]?.[output[2]!] ?? '';
      throw new Error(`the test does not evaluate \${{ ${expression} }}`);
    });
  }

  /** Runs a `run:` step as the runner does; returns its exit code and output. */
  run(name: string) {
    const s = step(name);
    assert.equal(s.shell, 'bash', `${name}: composite steps must name their shell`);
    assert.ok(s.run, `${name} has no run script`);
    assert.ok(!/\$\{\{/.test(s.run), `${name}: inputs reach the script through env, never spliced into it`);
    const outputFile = path.join(this.runnerTemp, `output-${s.id ?? 'step'}`);
    writeFileSync(outputFile, '');
    const script = path.join(this.runnerTemp, `${s.id ?? 'step'}.sh`);
    writeFileSync(script, s.run);
    const env = {
      ...offlineNpmEnv(path.join(this.runnerTemp, 'npm-cache')),
      ...Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, this.expand(String(v))])),
      RUNNER_TEMP: this.runnerTemp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_WORKSPACE: this.workspace,
    };
    const result = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], this.workspace, env);
    if (s.id) {
      this.outputs[s.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    }
    return result;
  }

  /** Install (the npm package from the tarball, as `version: file:…`) and Lint. */
  installAndLint() {
    const install = this.run('Install API Warden');
    assert.equal(install.status, 0, `install step: ${install.stderr}`);
    assert.ok(existsSync(this.outputs.install!.cli!), `install step's cli output: ${this.outputs.install!.cli}`);
    return this.run('Lint');
  }
}

test('action.yml: a composite action with documented inputs and outputs, its version that of the package', () => {
  assert.equal(action.runs.using, 'composite');
  assert.ok(action.name && action.description);
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description, `input "${name}" has no description`);
    assert.equal(input.required, false, `input "${name}" has a default and is optional`);
  }
  for (const [name, output] of Object.entries(action.outputs)) assert.ok(output.description, `output "${name}"`);
  const rootManifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(action.inputs.version!.default, rootManifest.version, 'the action runs the npm package of its release');
  const upload = step('Upload SARIF to code scanning');
  assert.match(upload.uses ?? '', /^github\/codeql-action\/upload-sarif@v\d+$/);
  assert.equal(upload.with?.sarif_file, '${{ inputs.output }}');
  assert.match(upload.if ?? '', /inputs\.format == 'sarif'/);
  assert.equal(step('Fail on findings').if, "steps.lint.outputs.exit-code == '1'");
});

test('the lint step writes a valid SARIF report of the given paths and records the exit code; findings fail the job', () => {
  const job = new Job('sarif', {
    version: `file:${tarball}`,
    paths: 'openapi/bookshop.yaml\n  src',
    output: 'out/report.sarif',
  });
  mkdirSync(path.join(job.workspace, 'out'));
  const lint = job.installAndLint();
  assert.equal(lint.status, 0, `the lint step itself succeeds so that the report is uploaded: ${lint.stderr}`);
  assert.equal(job.outputs.lint!['exit-code'], '1', 'errors at or above fail-on: error');
  assert.equal(job.outputs.lint!.report, 'out/report.sarif');
  const log = JSON.parse(readFileSync(path.join(job.workspace, 'out', 'report.sarif'), 'utf8'));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].tool.driver.name, 'API Warden');
  const results = log.runs[0].results as {
    ruleId: string;
    locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  }[];
  const files = new Set(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.split('/').pop()));
  // partner-webhooks.yaml has findings too, but is not among the paths (split on the new line and spaces).
  assert.deepEqual([...files].sort(), ['bookshop.yaml', 'server.ts']);
  const fail = job.run('Fail on findings');
  assert.equal(fail.status, 1);
  assert.match(fail.stdout, /^::error::API Warden found problems at or above 'error'/m);
});

test('fail-on never records exit code 0; a usage error fails the lint step with exit code 2', () => {
  const never = new Job('never', {
    version: `file:${tarball}`,
    'fail-on': 'never',
    format: 'json',
    output: 'report.json',
  });
  assert.equal(never.installAndLint().status, 0);
  assert.equal(never.outputs.lint!['exit-code'], '0');
  assert.ok(JSON.parse(readFileSync(path.join(never.workspace, 'report.json'), 'utf8')).findings.length > 0);

  const usage = new Job('usage', { version: `file:${tarball}`, args: '--rule oas-string-unbounded=loud' });
  const lint = usage.installAndLint();
  assert.equal(lint.status, 2, lint.stdout + lint.stderr);
  assert.equal(usage.outputs.lint!['exit-code'], '2');
  assert.match(lint.stdout, /::error::apiwarden lint failed \(exit code 2\)/);
});
