// What the extension does when the language server's connection closes without being asked to (a crash, an
// out-of-memory kill): restart it after a pause that doubles with each crash in a row, tell the user on the first
// crash only, and give up after too many crashes in a short time (a server that cannot start, a document that kills
// it each time), saying so once. Kept free of `vscode` imports so tests can drive it (server/test/client/). When the
// server is restarted, vscode-languageclient sends it every open document again, so no edit is lost.

export interface RestartDecision {
  restart: boolean;
  /** Wait this long before the restart. */
  delayMs: number;
  /** Show this to the user (at most once for the restarts, once more when giving up). */
  notify?: string;
  /** Always written to the output channel. */
  log: string;
}

export interface RestartPolicyOptions {
  /** More crashes than this within `windowMs` and the server is not restarted. */
  maxCrashes?: number;
  windowMs?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export class ServerRestartPolicy {
  private readonly crashes: number[] = [];
  private told = false;
  private readonly maxCrashes: number;
  private readonly windowMs: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: RestartPolicyOptions = {}) {
    this.maxCrashes = options.maxCrashes ?? 5;
    this.windowMs = options.windowMs ?? 3 * 60_000;
    this.firstDelayMs = options.firstDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 16_000;
  }

  /** The connection closed unexpectedly at `now` (ms). */
  closed(now: number): RestartDecision {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > this.windowMs) this.crashes.shift();
    const recent = this.crashes.length;
    if (recent > this.maxCrashes) {
      this.crashes.length = 0;
      return {
        restart: false,
        delayMs: 0,
        notify: `API Warden: the language server crashed ${recent} times in ${Math.round(this.windowMs / 60_000)} minutes and was not restarted. Run "API Warden: Restart language server" to try again; the API Warden output has the details.`,
        log: `The API Warden server crashed ${recent} times in ${Math.round(this.windowMs / 60_000)} minutes; it will not be restarted.`,
      };
    }
    const delayMs = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** (recent - 1));
    const decision: RestartDecision = {
      restart: true,
      delayMs,
      log: `The API Warden server stopped unexpectedly (crash ${recent} in ${Math.round(this.windowMs / 60_000)} minutes); restarting it in ${delayMs} ms.`,
    };
    if (!this.told) {
      this.told = true;
      decision.notify =
        'API Warden: the language server stopped unexpectedly and is being restarted; your open documents are linted again. The API Warden output has the details.';
    }
    return decision;
  }

  /** The user restarted the server by hand: crashes so far no longer count towards giving up. */
  reset(): void {
    this.crashes.length = 0;
  }
}
