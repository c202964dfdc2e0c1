// Decides whether a YAML/JSON text is an OpenAPI document, by its root key only. Cheap enough to run on every
// open file, tolerant of broken syntax (a half-typed spec is still a spec), and never claims other YAML/JSON.

export type OpenApiVersion = '2.0' | '3.0' | '3.1' | '3.2';

export interface OpenApiDetection {
  version: OpenApiVersion;
  /** The version string as written, e.g. `3.0.3`. */
  declared: string;
  syntax: 'yaml' | 'json';
}

// A root key starts at column 0 in YAML (quoted or not); JSON roots are found by scanning depth-1 keys.
const YAML_ROOT_KEY = /^(["']?)(openapi|swagger)\1[ \t]*:[ \t]*(["']?)([0-9][0-9.]*)/m;

export function detectOpenApi(text: string, extension: string): OpenApiDetection | null {
  // A regex, not trimStart(): that would copy a multi-megabyte text on every keystroke when it starts with a blank.
  const looksJson = extension === '.json' || /^\s*\{/.test(text);
  if (looksJson) {
    const key = findJsonRootVersionKey(text);
    return key ? toDetection(key.name, key.value, 'json') : null;
  }
  const match = findYamlRootKey(text);
  return match ? toDetection(match[2]!, match[4]!, 'yaml') : null;
}

const YAML_ROOT_KEY_AT_START = new RegExp(`^${YAML_ROOT_KEY.source.slice(1)}`);
const ROOT_KEY_SPELLINGS = ['openapi', 'swagger', '"openapi"', "'openapi'", '"swagger"', "'swagger'"];

/**
 * The root key is often the first line, sometimes the last (generated specs sort keys): look where each
 * spelling first starts a line, with the engine's native search, before scanning every line with a regex.
 */
function findYamlRootKey(text: string): RegExpExecArray | null {
  for (const spelling of ROOT_KEY_SPELLINGS) {
    const at = text.startsWith(spelling) ? 0 : text.indexOf(`\n${spelling}`) + 1;
    if (at === 0 && !text.startsWith(spelling)) continue;
    const match = YAML_ROOT_KEY_AT_START.exec(text.slice(at, at + 64));
    if (match) return match;
  }
  return YAML_ROOT_KEY.exec(text);
}

function toDetection(name: string, declared: string, syntax: 'yaml' | 'json'): OpenApiDetection | null {
  if (name === 'swagger') return declared.startsWith('2') ? { version: '2.0', declared, syntax } : null;
  const version = /^3\.([0-9]+)/.exec(declared);
  if (!version) return null;
  const minor = Number(version[1]);
  return { version: minor === 0 ? '3.0' : minor === 1 ? '3.1' : '3.2', declared, syntax };
}

/** Scans a JSON text for a depth-1 `"openapi"`/`"swagger"` key with a string value; tolerant of syntax errors. */
function findJsonRootVersionKey(text: string): { name: string; value: string } | null {
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c /* , */) expectKey = true;
    else if (c === 0x22 /* " */) {
      const end = skipJsonString(text, i);
      if (depth === 1 && expectKey) {
        const key = text.slice(i + 1, end);
        if (key === 'openapi' || key === 'swagger') {
          const valueMatch = /^\s*:\s*"([0-9][0-9.]*)/.exec(text.slice(end + 1, end + 40));
          if (valueMatch) return { name: key, value: valueMatch[1]! };
        }
      }
      expectKey = false;
      i = end;
    }
  }
  return null;
}

function skipJsonString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}
