// The guard behind "a quick-fix never leaves a document that does not parse": the fixed text is parsed again,
// and a fix that introduces a syntax error the original did not have is dropped. On large YAML specs only the
// entry (path item, component) that holds the edit is parsed, so a code action stays instant.
import { parseWithPointers as parseYaml } from '@stoplight/yaml';
import { checkInputLimits } from '../openapi/inputLimits';
import { extensionOf } from '../uris';
import { YAML_PARSE_OPTIONS } from '../openapi/chunkedYaml';
import { CODE_EXTENSIONS } from '../code/languages';
import { bracketsBalance } from './callArguments';

/** Below this size a whole parse is cheap enough. */
const WHOLE_PARSE_LIMIT = 256 * 1024;

/**
 * @param editStart offset in `before` where the fix's edits start
 * @param editEnd offset in `before` where they end
 */
export function documentStillParses(
  uri: string,
  before: string,
  after: string,
  editStart: number,
  editEnd: number,
): boolean {
  const extension = extensionOf(uri);
  if (extension === '.json') return jsonErrors(after) <= jsonErrors(before);
  if (CODE_EXTENSIONS.includes(extension)) {
    // Handler code: the fix must keep brackets and literals balanced (the parser is not loaded where code actions
    // are answered; the fix tests parse the result with tree-sitter).
    const python = extension === '.py';
    return bracketsBalance(after, python) || !bracketsBalance(before, python);
  }
  if (before.length > WHOLE_PARSE_LIMIT) {
    const span = enclosingBlock(before, editStart, editEnd);
    if (span) {
      const delta = after.length - before.length;
      return yamlErrors(after.slice(span.start, span.end + delta)) <= yamlErrors(before.slice(span.start, span.end));
    }
  }
  return yamlErrors(after) <= yamlErrors(before);
}

/**
 * The block mapping around an edit: from the nearest line above it that is indented less than the edited line
 * (its parent key) down to the next line indented no deeper than that parent. Every line of it is indented at
 * least as much as its first, so it parses on its own; found by scanning lines outwards from the edit, not the
 * whole text. Undefined for an edit of a top-level line (the caller then parses everything).
 */
export function enclosingBlock(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const editLineStart = text.lastIndexOf('\n', start - 1) + 1;
  const editIndent = indentAt(text, editLineStart);
  let parent = -1;
  let parentIndent = 0;
  for (let lineStart = editLineStart; lineStart > 0;) {
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (isBlankOrComment(text, lineStart)) continue;
    const indent = indentAt(text, lineStart);
    if (indent < editIndent) {
      parent = lineStart;
      parentIndent = indent;
      break;
    }
  }
  if (parent === -1) return undefined;
  let blockEnd = text.length;
  for (
    let lineStart = text.indexOf('\n', end) + 1;
    lineStart > 0 && lineStart < text.length;
    lineStart = text.indexOf('\n', lineStart) + 1
  ) {
    if (!isBlankOrComment(text, lineStart) && indentAt(text, lineStart) <= parentIndent) {
      blockEnd = lineStart;
      break;
    }
  }
  return { start: parent, end: blockEnd };
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  return i - lineStart;
}

function isBlankOrComment(text: string, lineStart: number): boolean {
  const first = text.charCodeAt(lineStart + indentAt(text, lineStart));
  return Number.isNaN(first) || first === 10 || first === 13 || first === 35; /* end, \n, \r, # */
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
  if (checkInputLimits(text, 'yaml')) return 1; // not parsed at all (nesting or aliases past the limits)
  return parseYaml(text, YAML_PARSE_OPTIONS).diagnostics.filter((d) => d.severity === 0).length;
}
