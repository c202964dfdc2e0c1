// Reads the expectations written inside fixtures:
//   a caret line under the faulty line      `#   ^^^^^ rule-id`   (exact range on the line above)
//   a trailing comment on the faulty line    `... # expect: rule-id` (a finding of the rule starts on this line)
//   a must-not marker                        `# ok: rule-id` (trailing: this line; alone: the line above)
// JSON fixtures cannot hold comments; they carry a sibling `<name>.expected.json` with 1-based positions, and so
// do key files (`server.pem` -> `server.pem.expected.json`). Dotenv files (`.env`, `.env.test`) take `#` comments.
import { existsSync, readFileSync } from 'node:fs';

export interface Expectation {
  rule: string;
  /** Zero-based line. */
  line: number;
  /** Zero-based start/end columns; absent for line-only expectations. */
  start?: number;
  end?: number;
}

export interface FileExpectations {
  expected: Expectation[];
  ok: Expectation[];
}

const COMMENT_BY_EXTENSION: Record<string, string> = {
  '.yaml': '#',
  '.yml': '#',
  '.py': '#',
  '.js': '//',
  '.mjs': '//',
  '.cjs': '//',
  '.ts': '//',
  '.tsx': '//',
  '.jsx': '//',
};

const RULE_ID = '[a-z][a-z0-9]*(?:-[a-z0-9]+)+';

export function commentMarkerFor(file: string): string | undefined {
  if (/(^|[\\/])\.env(\.[\w.-]+)?$/i.test(file)) return '#'; // dotenv files, whatever their suffix
  const extension = /\.[a-z]+$/i.exec(file)?.[0]?.toLowerCase() ?? '';
  return COMMENT_BY_EXTENSION[extension];
}

export function readExpectations(file: string): FileExpectations {
  if (file.endsWith('.json')) return readJsonExpectations(file);
  const marker = commentMarkerFor(file);
  // files without comments (key files) carry a sidecar like JSON fixtures do
  if (!marker) return readJsonExpectations(`${file}.json`, `${file}.expected.json`);
  return parseCommentExpectations(readFileSync(file, 'utf8'), marker);
}

export function parseCommentExpectations(text: string, marker: string): FileExpectations {
  const m = escapeRegExp(marker);
  const caretLine = new RegExp(`^(\\s*)${m}(\\s*)(\\^+)\\s+(${RULE_ID}(?:[ ,]+${RULE_ID})*)\\s*$`);
  const okAlone = new RegExp(`^\\s*${m}\\s*ok:\\s*(${RULE_ID}(?:[ ,]+${RULE_ID})*)\\s*$`);
  const trailingExpect = new RegExp(`${m}\\s*expect:\\s*(${RULE_ID}(?:[ ,]+${RULE_ID})*)\\s*$`);
  const trailingOk = new RegExp(`${m}\\s*ok:\\s*(${RULE_ID}(?:[ ,]+${RULE_ID})*)\\s*$`);
  const lines = text.split(/\r?\n/);
  const result: FileExpectations = { expected: [], ok: [] };
  let target = -1; // the last line that is not itself an expectation line
  lines.forEach((line, index) => {
    const caret = caretLine.exec(line);
    if (caret) {
      const start = line.indexOf('^');
      const end = line.lastIndexOf('^') + 1;
      for (const rule of ruleIds(caret[4]!)) result.expected.push({ rule, line: target, start, end });
      return;
    }
    const ok = okAlone.exec(line);
    if (ok) {
      for (const rule of ruleIds(ok[1]!)) result.ok.push({ rule, line: target });
      return;
    }
    target = index;
    const expect = trailingExpect.exec(line);
    if (expect) for (const rule of ruleIds(expect[1]!)) result.expected.push({ rule, line: index });
    const trailing = trailingOk.exec(line);
    if (trailing) for (const rule of ruleIds(trailing[1]!)) result.ok.push({ rule, line: index });
  });
  return result;
}

function readJsonExpectations(file: string, sidecar = file.replace(/\.json$/, '.expected.json')): FileExpectations {
  if (file.endsWith('.expected.json') || !existsSync(sidecar)) return { expected: [], ok: [] };
  const raw = JSON.parse(readFileSync(sidecar, 'utf8')) as {
    expect?: { rule: string; line: number; column?: number; endColumn?: number }[];
    ok?: { rule: string; line: number }[];
  };
  return {
    expected: (raw.expect ?? []).map((e) => ({
      rule: e.rule,
      line: e.line - 1,
      ...(e.column !== undefined ? { start: e.column - 1 } : {}),
      ...(e.endColumn !== undefined ? { end: e.endColumn - 1 } : {}),
    })),
    ok: (raw.ok ?? []).map((e) => ({ rule: e.rule, line: e.line - 1 })),
  };
}

function ruleIds(list: string): string[] {
  return list.split(/[ ,]+/).filter(Boolean);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
