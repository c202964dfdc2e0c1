// The guard behind "a quick-fix never leaves a document that does not parse": the fixed text is parsed again,
// and a fix that introduces a syntax error the original did not have is dropped. On large YAML specs only the
// entry (path item, component) that holds the edit is parsed, so a code action stays instant.
import { parseWithPointers as parseYaml } from '@stoplight/yaml';
import { extensionOf } from '../uris';
import { entrySpanAround, YAML_PARSE_OPTIONS } from '../openapi/chunkedYaml';

/** Below this size a whole parse is cheap enough. */
const WHOLE_PARSE_LIMIT = 256 * 1024;

/**
 * @param editStart offset in `before` where the fix's edits start
 * @param editEnd offset in `before` where they end
 */
export function documentStillParses(uri: string, before: string, after: string, editStart: number, editEnd: number): boolean {
  if (extensionOf(uri) === '.json') return jsonErrors(after) <= jsonErrors(before);
  if (before.length > WHOLE_PARSE_LIMIT) {
    const span = entrySpanAround(before, editStart, editEnd);
    if (span) {
      const delta = after.length - before.length;
      return yamlErrors(after.slice(span.start, span.end + delta)) <= yamlErrors(before.slice(span.start, span.end));
    }
  }
  return yamlErrors(after) <= yamlErrors(before);
}

function jsonErrors(text: string): number {
  try {
    JSON.parse(text);
    return 0;
  } catch {
    return 1;
  }
}

function yamlErrors(text: string): number {
  return parseYaml(text, YAML_PARSE_OPTIONS).diagnostics.filter((d) => d.severity === 0).length;
}
