// Inline suppressions written as comments: `# apiwarden-disable-next-line rule-a, rule-b -- why` on the line above
// a finding, or `// apiwarden-disable-line rule -- why` at the end of its line (`#` in YAML, Python and .env files,
// `//` in JS/TS). Without a rule id every rule is silenced on that line. Found by one regular-expression scan of the
// text, which only runs when the text mentions `apiwarden-disable` at all.
import type { Range } from '../findings';
import type { LineIndex } from '../positions';

export interface CommentSuppression {
  kind: 'comment';
  /** The (zero-based) line whose findings it silences. */
  line: number;
  /** Rule ids it names; empty: every rule. */
  rules: string[];
  /** The text after `--`, trimmed; undefined when none was given. */
  reason: string | undefined;
  /** Where the directive is written (from the comment marker to the end of the comment): unused ones are reported here. */
  range: Range;
}

const DIRECTIVE = /(?:\/\/|#)[ \t]*apiwarden-disable-(next-line|line)\b([^\r\n]*)/g;

export function commentSuppressions(text: string, lines: LineIndex): CommentSuppression[] {
  if (!text.includes('apiwarden-disable-')) return [];
  const out: CommentSuppression[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const rest = (m[2] ?? '').replace(/\s*\*\/\s*$/, ''); // `/* … */` style, should anyone write it
    const separator = rest.indexOf('--');
    const names = separator === -1 ? rest : rest.slice(0, separator);
    const reason = separator === -1 ? '' : rest.slice(separator + 2).trim();
    const start = m.index;
    const end = start + m[0].trimEnd().length;
    const at = lines.positionAt(start);
    out.push({
      kind: 'comment',
      line: at.line + (m[1] === 'next-line' ? 1 : 0),
      rules: names.split(/[\s,]+/).filter((name) => /^[a-z]/.test(name)),
      reason: reason === '' ? undefined : reason,
      range: lines.rangeOf(start, end),
    });
  }
  return out;
}
