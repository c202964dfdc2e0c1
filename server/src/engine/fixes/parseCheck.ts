// The guard behind "a quick-fix never leaves a document that does not parse": the fixed text is parsed again,
// and a fix that introduces a syntax error the original did not have is dropped.
import { parseWithPointers as parseYaml } from '@stoplight/yaml';
import { extensionOf } from '../uris';

export function documentStillParses(uri: string, before: string, after: string): boolean {
  const json = extensionOf(uri) === '.json';
  return syntaxErrorCount(after, json) <= syntaxErrorCount(before, json);
}

function syntaxErrorCount(text: string, json: boolean): number {
  if (json) {
    try {
      JSON.parse(text);
      return 0;
    } catch {
      return 1;
    }
  }
  return parseYaml(text).diagnostics.filter((d) => d.severity === 0).length;
}
