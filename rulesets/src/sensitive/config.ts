// Classifier options from settings: normalisation of what users write (`apiwarden.sensitiveData`,
// `sensitiveData` in EngineSettings) and the compiled form, built once per options object.
import { BUILTIN_NAMES, compileNames, normalizedName, type CompiledNames } from './nameMatcher';
import { isDataClass, type ClassifierOptions, type DataClass, type DataClassMatch } from './types';

export interface CompiledOptions {
  tables: readonly CompiledNames[];
  isAllowed(name: string): boolean;
  nameCache: Map<string, DataClassMatch[]>;
}

const DEFAULT_COMPILED: CompiledOptions = { tables: [BUILTIN_NAMES], isAllowed: () => false, nameCache: new Map() };
const compiledByOptions = new WeakMap<ClassifierOptions, CompiledOptions>();

export function compiledOptions(options: ClassifierOptions | undefined): CompiledOptions {
  if (!options || (!options.extraNames && !options.allowNames)) return DEFAULT_COMPILED;
  let compiled = compiledByOptions.get(options);
  if (!compiled) {
    const rows: [string, DataClass, 'high'][] = [];
    for (const [dataClass, names] of Object.entries(options.extraNames ?? {})) {
      if (!isDataClass(dataClass) || !Array.isArray(names)) continue;
      for (const name of names) if (typeof name === 'string' && name.trim()) rows.push([name, dataClass, 'high']);
    }
    const allowed = new Set((options.allowNames ?? []).filter((n) => typeof n === 'string').map(normalizedName));
    compiled = {
      tables: rows.length > 0 ? [compileNames(rows), BUILTIN_NAMES] : [BUILTIN_NAMES],
      isAllowed: allowed.size > 0 ? (name) => allowed.has(normalizedName(name)) : () => false,
      nameCache: new Map(),
    };
    compiledByOptions.set(options, compiled);
  }
  return compiled;
}

/** Keeps only well-formed values of a `sensitiveData` setting; undefined when nothing is set. */
export function normalizeClassifierOptions(raw: unknown): ClassifierOptions | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const input = raw as Record<string, unknown>;
  const out: ClassifierOptions = {};
  if (input.extraNames && typeof input.extraNames === 'object') {
    const extraNames: Partial<Record<DataClass, string[]>> = {};
    for (const [dataClass, names] of Object.entries(input.extraNames as Record<string, unknown>)) {
      if (!isDataClass(dataClass) || !Array.isArray(names)) continue;
      const valid = names.filter((n): n is string => typeof n === 'string' && n.trim().length > 0);
      if (valid.length > 0) extraNames[dataClass] = valid;
    }
    if (Object.keys(extraNames).length > 0) out.extraNames = extraNames;
  }
  if (Array.isArray(input.allowNames)) {
    const allowNames = input.allowNames.filter((n): n is string => typeof n === 'string' && n.trim().length > 0);
    if (allowNames.length > 0) out.allowNames = allowNames;
  }
  return out.extraNames || out.allowNames ? out : undefined;
}
