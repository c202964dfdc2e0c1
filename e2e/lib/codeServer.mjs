// Starts and stops code-server (the real VS Code workbench, served to a browser) with a fresh profile that has
// our .vsix installed. code-server runs in its own process group (detached = setsid) so stopping it also stops
// its extension hosts and our language servers.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Built-in extensions that only try to reach GitHub/Copilot/Microsoft here, or that add CPU load and noise
 * unrelated to API Warden (the TypeScript service would report "Cannot find module 'express'" in the
 * workspace, whose dependencies are not installed).
 */
const SKIPPED_BUILTINS = [
  'GitHub.copilot-chat',
  'vscode.github',
  'vscode.github-authentication',
  'vscode.microsoft-authentication',
  'vscode.git',
  'vscode.git-base',
  'vscode.typescript-language-features',
  'ms-vscode.js-debug',
  'ms-vscode.js-debug-companion',
];

export class CodeServer {
  /**
   * @param {object} o
   * @param {string} o.cacheDir   .e2e folder (tools/node24, code-server/)
   * @param {string} o.runDir     folder for this run's profile, config and logs (recreated)
   * @param {string} o.vsix       our packaged extension
   * @param {number} o.port
   * @param {object} o.settings   user settings.json content
   * @param {(m: string) => void} o.log
   */
  constructor(o) {
    Object.assign(this, o);
    this.node24Bin = path.join(o.cacheDir, 'tools', 'node24', 'bin');
    this.bin = path.join(o.cacheDir, 'code-server', 'node_modules', '.bin', 'code-server');
    this.url = `http://127.0.0.1:${o.port}`;
    this.logFile = path.join(o.runDir, 'code-server.log');
    this.dataDir = path.join(o.runDir, 'cs-data');
    this.extDir = path.join(o.runDir, 'cs-ext');
    this.child = undefined;
  }

  env() {
    return {
      ...process.env,
      PATH: `${this.node24Bin}:${process.env.PATH}`, // code-server 4.139 runs on Node 24 only
      EXTENSIONS_GALLERY: '{}', // no Open VSX gallery: no outbound DNS from code-server
      VSCODE_SKIP_BUILTIN_EXTENSIONS: SKIPPED_BUILTINS.join(','),
    };
  }

  commonArgs() {
    // --config always: without it code-server writes ~/.config/code-server/config.yaml
    return [
      '--config',
      path.join(this.runDir, 'cs-config.yaml'),
      '--user-data-dir',
      this.dataDir,
      '--extensions-dir',
      this.extDir,
    ];
  }

  /** Fresh profile with our settings and our extension installed. */
  prepareProfile() {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    fs.rmSync(this.extDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(this.dataDir, 'User'), { recursive: true });
    fs.mkdirSync(this.extDir, { recursive: true });
    fs.writeFileSync(path.join(this.dataDir, 'User', 'settings.json'), JSON.stringify(this.settings, null, 2));
    fs.writeFileSync(
      path.join(this.runDir, 'cs-config.yaml'),
      `bind-addr: 127.0.0.1:${this.port}\nauth: none\ncert: false\n`,
    );
    const t = Date.now();
    const out = execFileSync(this.bin, [...this.commonArgs(), '--install-extension', this.vsix], {
      env: this.env(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    this.log(
      `installed ${path.basename(this.vsix)} into a fresh profile in ${Date.now() - t} ms: ${out.trim().split('\n').pop()}`,
    );
    const installed = fs.readdirSync(this.extDir).filter((d) => d.startsWith('apiwarden.api-warden'));
    if (installed.length !== 1)
      throw new Error(`extension not installed (extensions dir holds: ${fs.readdirSync(this.extDir).join(', ')})`);
  }

  async start() {
    const t = Date.now();
    const logFd = fs.openSync(this.logFile, 'a');
    this.child = spawn(
      this.bin,
      [
        ...this.commonArgs(),
        '--bind-addr',
        `127.0.0.1:${this.port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--disable-proxy',
        '--ignore-last-opened',
      ],
      { env: this.env(), detached: true, stdio: ['ignore', logFd, logFd] },
    );
    fs.closeSync(logFd);
    fs.writeFileSync(path.join(this.runDir, 'code-server.pid'), String(this.child.pid));
    let exited = false;
    this.child.on('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`code-server exited at start; log: ${this.logFile}\n${tail(this.logFile, 30)}`);
      try {
        const r = await fetch(`${this.url}/healthz`);
        if (r.ok) {
          this.log(
            `code-server ${this.url} healthy after ${Date.now() - t} ms (pid ${this.child.pid}, log ${this.logFile})`,
          );
          return;
        }
      } catch {
        /* not listening yet */
      }
      await delay(200);
    }
    throw new Error(`code-server did not answer /healthz within 60 s; log: ${this.logFile}`);
  }

  /** Stops code-server and everything it started (its process group). */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const pgid = child.pid;
    const alive = () => {
      try {
        process.kill(-pgid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const deadline = Date.now() + 10_000;
    while (alive() && Date.now() < deadline) await delay(200);
    if (alive()) {
      this.log('code-server did not stop within 10 s of SIGTERM; sending SIGKILL to its process group');
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    this.child = undefined;
  }
}

export function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
