// Quick-fixes for handler code, computed from the text at the finding (the call or value the rule reported):
// - code-tls-verification-disabled: `rejectUnauthorized: false` → `true`, `verify=False` → `True`,
//   `CERT_NONE` → `CERT_REQUIRED`, `check_hostname = False` → `True` (a value written elsewhere is left alone);
// - code-jwt-unsafe-verification: an `algorithms` allow-list added to `jwt.verify(token, key[, {…}])` /
//   `jwt.decode(token, key, …)` (RS256 when the key's name says it is a public key or certificate, else HS256;
//   a choice in clients that take snippets), and `ignoreExpiration: true` / `"verify_exp": False` switched back;
// - code-llm-unbounded-tokens: an output token limit added to the call, named as that API names it.
import { extensionOf } from '../uris';
import { insertFirstEntry } from './addWriteOnly';
import { appendArgument, callArguments } from './callArguments';
import type { Fix, FixProvider } from './types';

const isPython = (uri: string) => extensionOf(uri) === '.py';

export const enableTlsVerification: FixProvider = (text, data, context) => {
  if (!data.valueRange) return [];
  const { lines } = context;
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  const written = text.slice(start, end);
  const replacement: Record<string, string> = { false: 'true', False: 'True' };
  let newText = replacement[written];
  let at = { start, end };
  if (written.endsWith('CERT_NONE')) {
    at = { start: end - 'CERT_NONE'.length, end };
    newText = 'CERT_REQUIRED';
  }
  if (newText === undefined) return [];
  return [
    {
      title:
        newText === 'CERT_REQUIRED'
          ? 'Require certificate verification (CERT_REQUIRED)'
          : 'Turn TLS certificate verification back on',
      edits: [{ range: lines.rangeOf(at.start, at.end), newText }],
      isPreferred: true,
    },
  ];
};

export const restrictJwtAlgorithms: FixProvider = (text, data, context) => {
  if (!data.valueRange) return [];
  const { lines } = context;
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  const written = text.slice(start, end);
  // `ignoreExpiration: true` / `"verify_exp": False`: the finding is the value itself.
  const before = text.slice(Math.max(0, start - 40), start);
  if (written === 'true' && /ignoreExpiration['"]?\s*:\s*$/.test(before))
    return [replace(lines.rangeOf(start, end), 'false', 'Check token expiry again (ignoreExpiration: false)')];
  if (written === 'False' && /["']verify_exp["']\s*:\s*$/.test(before))
    return [replace(lines.rangeOf(start, end), 'True', 'Check token expiry again (verify_exp: True)')];
  const python = isPython(context.uri ?? '');
  const call = callArguments(text, start, end, python);
  if (!call || call.args.length < 2) return [];
  const key = text.slice(call.args[1]!.start, call.args[1]!.end);
  const algorithm = /public|pub\b|pem|cert|jwks|rsa|\bkey_?file/i.test(key) ? 'RS256' : 'HS256';
  const choice = algorithm === 'RS256' ? 'RS256,ES256,HS256' : 'HS256,RS256,ES256';
  const title = `Allow only ${algorithm} when verifying the token`;
  if (python) {
    const { offset, newText } = appendArgument(text, call, `algorithms=["${algorithm}"]`);
    const snippet = newText.replace(`"${algorithm}"`, `"\${1|${choice}|}"`);
    return [{ title, edits: [{ range: lines.rangeOf(offset, offset), newText, snippet }], isPreferred: true }];
  }
  if (call.args.length === 2) {
    const { offset, newText } = appendArgument(text, call, `{ algorithms: ['${algorithm}'] }`);
    const snippet = newText.replace(`'${algorithm}'`, `'\${1|${choice}|}'`);
    return [{ title, edits: [{ range: lines.rangeOf(offset, offset), newText, snippet }], isPreferred: true }];
  }
  const options = call.args[2]!;
  if (text[options.start] !== '{') return [];
  const edit = insertFirstEntry(text, lines, options.start, 'algorithms', `['${algorithm}']`, false);
  if (!edit) return [];
  const snippet = edit.newText.replace(`'${algorithm}'`, `'\${1|${choice}|}'`);
  return [
    {
      title,
      edits: [{ range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText, snippet }],
      isPreferred: true,
    },
  ];
};

/** The default limit offered; a placeholder to change where the client takes snippets. */
const DEFAULT_MAX_TOKENS = 1024;

export const limitLlmTokens: FixProvider = (text, data, context) => {
  if (!data.valueRange) return [];
  const { lines } = context;
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  const python = isPython(context.uri ?? '');
  const call = callArguments(text, start, end, python);
  if (!call) return [];
  const callee = text.slice(start, call.open).replace(/\s+/g, '');
  const name = tokenLimitName(callee, python);
  if (!name) return [];
  const title = `Limit the output to ${DEFAULT_MAX_TOKENS} tokens (${name})`;
  const snippetOf = (newText: string) => newText.replace(String(DEFAULT_MAX_TOKENS), `\${1:${DEFAULT_MAX_TOKENS}}`);
  if (python) {
    if (call.args.length === 0 || call.args.some((a) => text.startsWith('**', a.start))) return [];
    const { offset, newText } = appendArgument(text, call, `${name}=${DEFAULT_MAX_TOKENS}`);
    return [
      {
        title,
        edits: [{ range: lines.rangeOf(offset, offset), newText, snippet: snippetOf(newText) }],
        isPreferred: true,
      },
    ];
  }
  const options = call.args[0];
  if (!options || text[options.start] !== '{') return [];
  const edit = insertFirstEntry(text, lines, options.start, name, String(DEFAULT_MAX_TOKENS), false);
  if (!edit) return [];
  return [
    {
      title,
      edits: [
        { range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText, snippet: snippetOf(edit.newText) },
      ],
      isPreferred: true,
    } satisfies Fix,
  ];
};

/** How the API being called names its output limit; undefined where it sits deeper (Gemini's `generationConfig`). */
function tokenLimitName(callee: string, python: boolean): string | undefined {
  if (/generate_?content|generateContent|ollama|\.chat$|pipeline/i.test(callee)) return undefined;
  if (/responses\.(create|stream)$/.test(callee)) return 'max_output_tokens';
  if (/^(new)?Chat[A-Z]\w*$|^(new)?[A-Z]\w*(LLM|Chat)\w*$/.test(callee)) return python ? 'max_tokens' : 'maxTokens';
  if (!python && /^(generateText|streamText|generateObject|streamObject)$/.test(callee)) return 'maxOutputTokens';
  return 'max_tokens';
}

function replace(range: Fix['edits'][number]['range'], newText: string, title: string): Fix {
  return { title, edits: [{ range, newText }], isPreferred: true };
}
