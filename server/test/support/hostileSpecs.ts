// Hostile OpenAPI inputs, generated at test time (never committed as big files): alias bombs, documents nested
// thousands deep in each syntax, one very long line, chains of $refs. Each starts as a valid spec, so that the
// only fault is the hostile part.

const HEAD_YAML = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";

/** Where the "billion laughs" aliases sit. */
export type LaughsPlacement = 'schema' | 'root' | 'one-entry' | 'across-entries';

/**
 * `levels` anchors, each a sequence of `fanout` aliases of the one before (9 x 9: 9^9 nodes expanded, from
 * a few hundred bytes).
 */
export function billionLaughs(placement: LaughsPlacement, levels = 9, fanout = 9): string {
  const name = (level: number) => String.fromCharCode(97 + level);
  const value = (level: number) =>
    level === 0
      ? `&a [${Array(fanout).fill('"lol"').join(',')}]`
      : `&${name(level)} [${Array(fanout)
          .fill(`*${name(level - 1)}`)
          .join(',')}]`;
  const lines: string[] = [];
  switch (placement) {
    case 'schema': // each level a schema of components.schemas (entries of a chunked container)
      lines.push('components:', '  schemas:');
      for (let l = 0; l < levels; l++) lines.push(`    ${name(l)}: ${value(l)}`);
      break;
    case 'root': // root keys outside any container (the skeleton of a chunked parse)
      for (let l = 0; l < levels; l++) lines.push(`x-${name(l)}: ${value(l)}`);
      break;
    case 'one-entry': // all inside one schema
      lines.push('components:', '  schemas:', '    Bomb:', '      type: object', '      x-laughs:');
      for (let l = 0; l < levels; l++) lines.push(`        ${name(l)}: ${value(l)}`);
      break;
    case 'across-entries': // anchors in one path item, aliases in the next ones
      lines.length = 0;
      return (
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n" +
        Array.from({ length: levels }, (_, l) => `  /p${l}:\n    x-v: ${value(l)}\n`).join('')
      );
  }
  return HEAD_YAML + lines.join('\n') + '\n';
}

/** A schema nested `depth` levels deep (`a: {a: …}`), in block YAML, flow YAML or JSON. */
export function deeplyNested(syntax: 'block' | 'flow' | 'json', depth: number): string {
  if (syntax === 'json') {
    const inner = '{"a": '.repeat(depth) + '1' + '}'.repeat(depth);
    return `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {"deep": ${inner}}}}\n`;
  }
  if (syntax === 'flow') {
    const inner = '{"a": '.repeat(depth) + '1' + '}'.repeat(depth);
    return `${HEAD_YAML}components:\n  schemas:\n    deep: ${inner}\n`;
  }
  // Block mappings indented one more column per level up to 2,000 levels (4 MB); deeper, the text would grow
  // with the square of the depth, so the rest nests as compact block sequences (`- - - 1`).
  const mappings = Math.min(depth, 2_000);
  const lines: string[] = [];
  for (let i = 0; i < mappings; i++) lines.push(`${' '.repeat(6 + i)}a:`);
  const sequences = depth - mappings;
  lines.push(`${' '.repeat(6 + mappings)}${'- '.repeat(sequences)}1`);
  return `${HEAD_YAML}components:\n  schemas:\n    deep:\n${lines.join('\n')}\n`;
}

/** A spec whose one schema is a flow-style line of at least `bytes`: `{allOf: [{type: string, …}, …]}`. */
export function longFlowLine(bytes: number): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = `{type: string, description: "part ${i} of a very long line"}`;
    items.push(item);
    size += item.length + 2;
  }
  return `${HEAD_YAML}components:\n  schemas:\n    Long: {allOf: [${items.join(', ')}]}\n`;
}

/** `length` schemas, each holding the next through a $ref (resolved, they nest 3 x length deep). */
export function refChain(length: number): string {
  const lines = ['components:', '  schemas:'];
  for (let i = 0; i < length; i++)
    lines.push(
      `    S${i}:`,
      '      type: object',
      '      properties:',
      `        next: {$ref: '#/components/schemas/S${i + 1}'}`,
    );
  lines.push(`    S${length}: {type: string}`);
  return HEAD_YAML + lines.join('\n') + '\n';
}
