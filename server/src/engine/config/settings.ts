// What to run for one document. Front ends build this (LSP: pulled per document from the editor; CLI: flags),
// the engine only reads it.
import { isSeverity, type Severity } from '../findings';
import { normalizeClassifierOptions, type ClassifierOptions } from '@apiwarden/sensitive';

export type RuleSetting = Severity | 'off';

export interface EngineSettings {
  enable: boolean;
  /** Severity overrides per rule id; `off` disables the rule. */
  rules: Record<string, RuleSetting>;
  /** Fetch http(s) `$ref`s. Off unless the user allows it. */
  allowRemoteRefs: boolean;
  /** Files larger than this are reported as skipped, not linted. */
  maxFileSizeMb: number;
  /** Sensitive-data classifier additions: extra names per data class, names never classified. */
  sensitiveData?: ClassifierOptions;
  /** Extra middleware/guard/dependency names trusted as authentication when their definition is not in the workspace. */
  authNames?: string[];
}

export const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  enable: true,
  rules: {},
  allowRemoteRefs: false,
  maxFileSizeMb: 50,
}) as EngineSettings;

/** Accepts whatever an editor or config file sent and keeps only well-formed values. */
export function normalizeSettings(raw: unknown): EngineSettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
      if (value === 'off' || isSeverity(value)) rules[id] = value;
      else if (value === 'warn') rules[id] = 'warning';
      else if (value === false) rules[id] = 'off';
    }
  }
  const sensitiveData = normalizeClassifierOptions(input.sensitiveData);
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules,
    allowRemoteRefs: input.allowRemoteRefs === true,
    maxFileSizeMb:
      typeof input.maxFileSizeMb === 'number' && input.maxFileSizeMb > 0
        ? input.maxFileSizeMb
        : DEFAULT_SETTINGS.maxFileSizeMb,
    ...(sensitiveData ? { sensitiveData } : {}),
    ...(Array.isArray(input.authNames)
      ? { authNames: input.authNames.filter((n): n is string => typeof n === 'string' && n.length > 0) }
      : {}),
  };
}
