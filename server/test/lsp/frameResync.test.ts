// The stdio framing guard (server/src/lsp/frameResync.ts): well-framed messages pass unchanged whatever the chunking,
// and garbage between them (a cut message, a stray header, bytes that are no header) costs only the garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameResyncStream } from '../../src/lsp/frameResync';

const STRESS = process.env.APIWARDEN_STRESS === '1';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Feeds `input` in chunks of the given sizes; returns the bodies that came out and the bytes reported dropped. */
function run(input: Buffer, chunkSizes: number[]): { bodies: string[]; dropped: number } {
  let dropped = 0;
  const stream = new FrameResyncStream((bytes) => (dropped += bytes));
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  let at = 0;
  for (let i = 0; at < input.length; i++) {
    const size = Math.max(1, chunkSizes[i % Math.max(1, chunkSizes.length)] ?? input.length);
    stream.write(input.subarray(at, at + size));
    at += size;
  }
  const bytes = Buffer.concat(out);
  const bodies: string[] = [];
  for (let i = 0; i < bytes.length;) {
    const headerEnd = bytes.indexOf('\r\n\r\n', i);
    const length = Number(/^Content-Length: (\d+)$/.exec(bytes.toString('latin1', i, headerEnd))![1]);
    bodies.push(bytes.toString('utf8', headerEnd + 4, headerEnd + 4 + length));
    i = headerEnd + 4 + length;
  }
  return { bodies, dropped };
}

const message = fc
  .record({ id: fc.nat(), method: fc.string({ maxLength: 20 }), text: fc.string({ unit: 'grapheme', maxLength: 200 }) })
  .map((m) => JSON.stringify({ jsonrpc: '2.0', ...m }));
const garbage = fc
  .string({ unit: 'binary', maxLength: 60 })
  .map((s) => s.replace(/\r/g, '\r\n\r\n'))
  .filter((s) => !s.includes('Content-Length:'));

test('well-framed messages come through unchanged however the input is chunked', () => {
  fc.assert(
    fc.property(fc.array(message, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 50 })), (bodies, sizes) => {
      const result = run(Buffer.from(bodies.map(frame).join('')), sizes);
      assert.deepEqual(result.bodies, bodies);
      assert.equal(result.dropped, 0);
    }),
    { numRuns: STRESS ? 5000 : 200 },
  );
});

test('garbage before a message costs only the garbage', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(garbage, message), { maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 40 })),
      (parts, sizes) => {
        const input = parts.map(([junk, body]) => junk + frame(body)).join('');
        const result = run(Buffer.from(input), sizes);
        assert.deepEqual(
          result.bodies,
          parts.map(([, body]) => body),
        );
      },
    ),
    { numRuns: STRESS ? 5000 : 200 },
  );
});

test('a declared length that runs into the next message loses only that message', () => {
  const next = '{"jsonrpc":"2.0","method":"initialized","params":{}}';
  const result = run(Buffer.from(`Content-Length: 500\r\n\r\n{"jsonrpc":"2.0"}${frame(next)}`), [7]);
  assert.deepEqual(result.bodies, [next]);
  assert.equal(result.dropped, 'Content-Length: 500\r\n\r\n{"jsonrpc":"2.0"}'.length);
});

test('a 20 MB body in 64 KB chunks passes in linear time', { timeout: 60_000 }, () => {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text: 'y'.repeat(20 * 1024 * 1024) } });
  const result = run(Buffer.from(frame(body)), [64 * 1024]);
  assert.equal(result.bodies.length, 1);
  assert.equal(result.bodies[0]!.length, body.length);
});
