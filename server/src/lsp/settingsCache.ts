// Settings are per document: pulled from the editor for the document's URI (so folder settings apply),
// cached by URI, and forgotten when the editor says configuration changed.
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normalizeSettings, type EngineSettings } from '../engine';

export interface ServerSettings extends EngineSettings {
  lintDelayMs: number;
}

// Short: a lint that becomes stale is cancelled at once, so waiting longer only delays fresh diagnostics.
const DEFAULT_LINT_DELAY_MS = 15;

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  private canPull = false;
  private fallback: unknown = {};

  constructor(private readonly connection: Connection) {}

  /** Called once the client said whether it answers `workspace/configuration`. */
  configure(canPull: boolean, initializationOptions: unknown): void {
    this.canPull = canPull;
    const options = initializationOptions as { settings?: unknown } | undefined;
    this.fallback = options?.settings ?? {};
  }

  get(uri: string): Promise<ServerSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: drop everything; a client without pull sends the new settings here. */
  clear(pushedSettings?: unknown): void {
    this.cache.clear();
    const pushed = (pushedSettings as { apiwarden?: unknown } | undefined)?.apiwarden;
    if (!this.canPull && pushed !== undefined) this.fallback = pushed;
  }

  private async pull(uri: string): Promise<ServerSettings> {
    let raw: unknown = this.fallback;
    if (this.canPull) {
      try {
        raw = (await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'apiwarden' })) ?? {};
      } catch {
        raw = this.fallback;
      }
    }
    return toServerSettings(raw);
  }
}

export function toServerSettings(raw: unknown): ServerSettings {
  const engine = normalizeSettings(raw);
  const delay = (raw as { lintDelayMs?: unknown } | null)?.lintDelayMs;
  return { ...engine, lintDelayMs: typeof delay === 'number' && delay >= 0 ? delay : DEFAULT_LINT_DELAY_MS };
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { ...DEFAULT_SETTINGS, lintDelayMs: DEFAULT_LINT_DELAY_MS };
