// Quick-fixes that add what an operation lacks, chosen from the rest of the document:
// - oas-operation-without-security: a `security` requirement, the one the operation's neighbours use (the other
//   methods of its path, else the most common one of the document); with no neighbour to copy, one fix per
//   defined scheme (the preferred one only when there is a single scheme);
// - oas-auth-error-responses-missing: the missing `401` / `403` responses, as `$ref`s to the document's own
//   component responses for them when it has some (`Unauthorized`, `Forbidden`…), else with a description.
// Entries are added in the style the mapping is written in (block YAML, flow YAML, JSON), at its end for responses
// (after `200`…) and first for the operation's `security`.
import type { LineIndex } from '../positions';
import { insertFirstEntry } from './addWriteOnly';
import { specDocument, valueAt } from './specDocument';
import type { Fix, FixContext, FixProvider, TextEdit } from './types';

type Requirement = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const addSecurity: FixProvider = (text, data, context) => {
  const path = data.path;
  if (!data.valueRange || !path || path.length !== 3 || path[0] !== 'paths' || !METHODS.includes(String(path[2])))
    return [];
  const { lines } = context;
  const start = lines.offsetAt(data.valueRange.start);
  // `security: []` written on purpose (a public operation on a sensitive path) is the author's decision to revisit.
  const written = text.slice(start, lines.offsetAt(data.valueRange.end));
  if (/(^|[{,\s])["']?security["']?\s*:/.test(written)) return [];
  if (context.probe) return securityFix(text, lines, start, { bearer: [] }, context, true) ?? [];
  const document = specDocument(text, context.uri ?? 'file:///fix.yaml', context.json);
  const root = document.data as Record<string, unknown>;
  const operation = valueAt(root, path) as Record<string, unknown> | undefined;
  if (!operation || typeof operation !== 'object' || operation.security !== undefined) return [];
  const neighbour = neighbourRequirement(root, String(path[1]));
  if (neighbour) return securityFix(text, lines, start, neighbour, context, true) ?? [];
  const schemes = Object.keys(
    ((root.components as Record<string, unknown> | undefined)?.securitySchemes ??
      root.securityDefinitions ??
      {}) as object,
  );
  if (schemes.length === 0) {
    // No scheme anywhere: define a bearer one and require it.
    const define = defineBearerScheme(text, lines, document, context.json);
    const [require] = securityFix(text, lines, start, { bearerAuth: [] }, context, true, false) ?? [];
    if (!define || !require) return [];
    return [{ ...require, title: 'Define a bearer token scheme and require it', edits: [define, ...require.edits] }];
  }
  return schemes.flatMap(
    (scheme) => securityFix(text, lines, start, { [scheme]: [] }, context, schemes.length === 1, false) ?? [],
  );
};

/** The edit that defines `bearerAuth` (OAS 3: `components.securitySchemes`; Swagger 2: `securityDefinitions`). */
function defineBearerScheme(
  text: string,
  lines: LineIndex,
  document: ReturnType<typeof specDocument>,
  json: boolean,
): TextEdit | undefined {
  const root = document.data as Record<string, unknown>;
  const swagger2 = typeof root.swagger === 'string';
  const scheme: [string, string][] = swagger2
    ? [
        ['type', 'apiKey'],
        ['in', 'header'],
        ['name', 'Authorization'],
      ]
    : [
        ['type', 'http'],
        ['scheme', 'bearer'],
        ['bearerFormat', 'JWT'],
      ];
  const flow = (entries: [string, string][]) =>
    `{ ${entries.map(([k, v]) => (json ? `"${k}": ${v.startsWith('{') ? v : `"${v}"`}` : `${k}: ${v}`)).join(', ')} }`;
  const bearer = flow([['bearerAuth', flow(scheme)]]);
  const hasComponents = !swagger2 && typeof root.components === 'object' && root.components !== null;
  const [key, value] = swagger2
    ? ['securityDefinitions', bearer]
    : hasComponents
      ? ['securitySchemes', bearer]
      : ['components', flow([['securitySchemes', bearer]])];
  const componentsRange = hasComponents ? document.valueRangeForPath(['components']) : undefined;
  if (hasComponents && !componentsRange) return undefined;
  if (json || componentsRange) {
    const at = componentsRange ? lines.offsetAt(componentsRange.start) : text.search(/\S/);
    const edit = at < 0 ? undefined : insertFirstEntry(text, lines, at, key, value, json);
    return edit && { range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText };
  }
  // A block YAML document without the section: a new root entry at its end.
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.endsWith('\n') ? '' : newline;
  const body = swagger2
    ? `${key}:${newline}  bearerAuth: ${flow(scheme)}`
    : `${key}:${newline}  securitySchemes:${newline}    bearerAuth: ${flow(scheme)}`;
  return { range: lines.rangeOf(text.length, text.length), newText: `${lead}${body}${newline}` };
}

/** The first requirement of the path's other operations, else the document's most common one. */
function neighbourRequirement(root: Record<string, unknown>, pathKey: string): Requirement | undefined {
  const paths = (root.paths ?? {}) as Record<string, Record<string, { security?: unknown } | undefined>>;
  const firstOf = (op: { security?: unknown } | undefined) =>
    Array.isArray(op?.security) && op.security.length > 0 && typeof op.security[0] === 'object'
      ? (op.security[0] as Requirement)
      : undefined;
  for (const method of METHODS) {
    const requirement = firstOf(paths[pathKey]?.[method]);
    if (requirement && Object.keys(requirement).length > 0) return requirement;
  }
  const counts = new Map<string, { requirement: Requirement; count: number }>();
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const requirement = firstOf(item?.[method]);
      if (!requirement || Object.keys(requirement).length === 0) continue;
      const key = JSON.stringify(requirement);
      const entry = counts.get(key) ?? { requirement, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.requirement;
}

function securityFix(
  text: string,
  lines: LineIndex,
  start: number,
  requirement: Requirement,
  context: FixContext,
  isPreferred: boolean,
  copied = true,
): Fix[] | undefined {
  const names = Object.keys(requirement);
  const scopes = (name: string) => {
    const list = Array.isArray(requirement[name]) ? (requirement[name] as unknown[]).map(String) : [];
    return context.json ? JSON.stringify(list).replace(/,/g, ', ') : `[${list.join(', ')}]`;
  };
  const title = copied
    ? `Require ${names.join(' + ')} like the neighbouring operations (security)`
    : `Require the ${names.join(' + ')} security scheme`;
  if (context.json || text[start] === '{') {
    const value = context.json
      ? `[{ ${names.map((n) => `"${n}": ${scopes(n)}`).join(', ')} }]`
      : `[{ ${names.map((n) => `${n}: ${scopes(n)}`).join(', ')} }]`;
    const edit = insertFirstEntry(text, lines, start, 'security', value, context.json);
    return (
      edit && [
        { title, edits: [{ range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText }], isPreferred },
      ]
    );
  }
  const position = lines.positionAt(start);
  const indent = lines.lineText(position.line).slice(0, position.character);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const step = childStep(lines, start);
  const items = names.map((n, i) => `${i === 0 ? '- ' : '  '}${n}: ${scopes(n)}`);
  const newText = `security:${newline}${items.map((item) => `${indent}${step}${item}${newline}`).join('')}${indent}`;
  return [{ title, edits: [{ range: lines.rangeOf(start, start), newText }], isPreferred }];
}

const RESPONSE_NAMES: Record<string, RegExp> = {
  '401': /^(401|unauthori[sz]ed\w*|unauthenticated\w*|authenticationRequired|authRequired|notAuthenticated)$/i,
  '403': /^(403|forbidden\w*|accessDenied|permissionDenied|notAuthori[sz]ed)$/i,
};
const DESCRIPTIONS: Record<string, string> = {
  '401': 'Missing or invalid credentials',
  '403': 'The credentials do not allow this operation',
};

export const addAuthErrorResponses: FixProvider = (text, data, context) => {
  const path = data.path;
  if (!data.valueRange || !path || path[path.length - 1] !== 'responses') return [];
  const { lines } = context;
  let missing = ['401', '403'];
  let refs: Record<string, string | undefined> = {};
  if (!context.probe) {
    const root = specDocument(text, context.uri ?? 'file:///fix.yaml', context.json).data as Record<string, unknown>;
    const responses = valueAt(root, path) as Record<string, unknown> | undefined;
    if (!responses || typeof responses !== 'object') return [];
    missing = missing.filter((status) => responses[status] === undefined);
    refs = componentResponses(root);
  }
  if (missing.length === 0) return [];
  const start = lines.offsetAt(data.valueRange.start);
  const end = lines.offsetAt(data.valueRange.end);
  const edit = appendResponses(text, lines, start, end, missing, refs, context.json);
  if (!edit) return [];
  return [
    {
      title: `Document the ${missing.join(' and ')} response${missing.length > 1 ? 's' : ''}`,
      edits: [{ range: lines.rangeOf(edit.offset, edit.offset), newText: edit.newText }],
      isPreferred: true,
    },
  ];
};

/** `$ref`s to the document's own 401/403 responses, by status. */
function componentResponses(root: Record<string, unknown>): Record<string, string | undefined> {
  const swagger2 = typeof root.swagger === 'string';
  const section = (swagger2 ? root.responses : (root.components as Record<string, unknown> | undefined)?.responses) as
    Record<string, unknown> | undefined;
  const prefix = swagger2 ? '#/responses/' : '#/components/responses/';
  const out: Record<string, string | undefined> = {};
  for (const status of ['401', '403']) {
    const name = Object.keys(section ?? {}).find((key) => RESPONSE_NAMES[status]!.test(key));
    if (name) out[status] = prefix + name.replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return out;
}

function appendResponses(
  text: string,
  lines: LineIndex,
  start: number,
  end: number,
  missing: string[],
  refs: Record<string, string | undefined>,
  json: boolean,
): { offset: number; newText: string } | undefined {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (text[start] === '{') {
    if (text[end - 1] !== '}') return undefined;
    const entry = (status: string) => {
      const ref = refs[status];
      return json
        ? `"${status}": ${ref ? `{ "$ref": "${ref}" }` : `{ "description": "${DESCRIPTIONS[status]}" }`}`
        : `'${status}': ${ref ? `{ $ref: '${ref}' }` : `{ description: ${DESCRIPTIONS[status]} }`}`;
    };
    let last = end - 2;
    while (last > start && /\s/.test(text[last]!)) last--;
    if (last === start) return { offset: start + 1, newText: missing.map(entry).join(', ') };
    const firstEntry = start + 1 + /\S/.exec(text.slice(start + 1))!.index;
    const multiLine = /[\r\n]/.test(text.slice(start, firstEntry));
    const entryIndent = lines
      .lineText(lines.positionAt(firstEntry).line)
      .slice(0, lines.positionAt(firstEntry).character);
    const separator = multiLine && /^[ \t]*$/.test(entryIndent) ? `,${newline}${entryIndent}` : ', ';
    return { offset: last + 1, newText: missing.map((status) => separator + entry(status)).join('') };
  }
  if (json) return undefined;
  const position = lines.positionAt(start);
  const indent = lines.lineText(position.line).slice(0, position.character);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const quote = text[start] === '"' ? '"' : "'";
  const step = childStep(lines, start);
  const lastLine = lines.positionAt(end).line;
  const lineEnd = lines.offsetAt({ line: lastLine, character: lines.lineText(lastLine).length });
  const newText = missing
    .map((status) => {
      const ref = refs[status];
      const body = ref ? `$ref: '${ref}'` : `description: ${DESCRIPTIONS[status]}`;
      return `${newline}${indent}${quote}${status}${quote}:${newline}${indent}${step}${body}`;
    })
    .join('');
  return { offset: lineEnd, newText };
}

/** How much deeper than the entry at `start` its children are indented (the document's step; 2 when unknown). */
function childStep(lines: LineIndex, start: number): string {
  const position = lines.positionAt(start);
  const own = position.character;
  for (let line = position.line + 1; line < Math.min(lines.lineCount, position.line + 20); line++) {
    const lineText = lines.lineText(line);
    if (/^\s*(#.*)?$/.test(lineText)) continue;
    const indent = /^ */.exec(lineText)![0].length;
    if (indent > own && indent - own <= 8) return ' '.repeat(indent - own);
    break;
  }
  return '  ';
}
