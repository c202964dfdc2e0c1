// The stdio transport's framing guard. LSP messages on a stream are framed by a `Content-Length` header; a frame
// whose header is garbage or whose length is wrong leaves vscode-jsonrpc's reader out of step for good (the rest
// of a frame is read as the next header, which swallows the next frame's header, and so on: every later message is
// lost, and the server looks alive but answers nothing). This stream sits between stdin and that reader and passes
// on only well-framed messages: a bad header or a length that runs into the next frame is dropped (and reported),
// and reading resumes at the next `Content-Length:` header. Bodies are not parsed here: a well-framed body that is not
// JSON is the reader's to reject, which it does without losing step.
//
// A frame boundary is recognised inside a body by `Content-Length: <digits>\r\n`: no valid JSON text contains it
// (a JSON string cannot hold a raw CR or LF, and `Content-Length` is not a JSON token outside strings).
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('Content-Length:');
/** A header block longer than this is garbage (real ones are under 100 bytes). */
const MAX_HEADER_BYTES = 4096;
/** Larger declared lengths are refused (a string of this size is near V8's limit anyway). */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*: *(.*)$/;

export class FrameResyncStream extends Transform {
  /** Unconsumed bytes are `buffer[head, tail)`; the buffer grows by doubling, so appending stays linear. */
  private buffer = Buffer.alloc(64 * 1024);
  private head = 0;
  private tail = 0;
  /** The frame being read: body offset and declared length, once its header was read. */
  private body: { offset: number; length: number } | undefined;
  /** How far the current body was searched for a frame boundary (each byte is searched once). */
  private scanned = 0;

  /** `report` is told of every stretch of input dropped (how many bytes, why). */
  constructor(private readonly report: (droppedBytes: number, reason: string) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.append(chunk);
    this.drain();
    callback();
  }

  private append(chunk: Buffer): void {
    if (this.head === this.tail) this.head = this.tail = 0;
    if (this.tail + chunk.length > this.buffer.length) {
      const live = this.tail - this.head;
      let size = this.buffer.length;
      while (size < live + chunk.length) size *= 2;
      const next = size === this.buffer.length ? this.buffer : Buffer.alloc(size);
      this.buffer.copy(next, 0, this.head, this.tail);
      if (this.body) this.body.offset -= this.head;
      this.scanned -= this.head;
      this.buffer = next;
      this.head = 0;
      this.tail = live;
    }
    chunk.copy(this.buffer, this.tail);
    this.tail += chunk.length;
  }

  private drain(): void {
    for (;;) {
      if (!this.body && !this.readHeader()) return;
      const body = this.body!;
      const available = Math.min(this.tail, body.offset + body.length);
      // A frame header inside the body: the declared length runs into the next frame.
      const boundary = this.findFrameStart(Math.max(this.scanned, body.offset), available);
      if (boundary.found !== undefined) {
        this.skipTo(boundary.found, 'Content-Length runs into the next message');
        continue;
      }
      this.scanned = boundary.resumeAt;
      if (available < body.offset + body.length) return;
      this.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`));
      this.push(Buffer.from(this.buffer.subarray(body.offset, body.offset + body.length)));
      this.head = body.offset + body.length;
      this.body = undefined;
    }
  }

  /** Reads the header at `head`; false when more input is needed. A bad header is dropped up to the next one. */
  private readHeader(): boolean {
    for (;;) {
      const headerEnd = this.buffer.subarray(0, this.tail).indexOf(HEADER_END, this.head);
      if (headerEnd === -1) {
        if (this.tail - this.head > MAX_HEADER_BYTES) this.resync('header does not end');
        return false;
      }
      const length = this.contentLength(this.buffer.toString('latin1', this.head, headerEnd));
      if (length === undefined) {
        this.resync('header is not a Content-Length header');
        continue;
      }
      this.body = { offset: headerEnd + HEADER_END.length, length };
      this.scanned = this.body.offset;
      return true;
    }
  }

  private contentLength(header: string): number | undefined {
    let length: number | undefined;
    for (const line of header.split('\r\n')) {
      const match = HEADER_LINE.exec(line);
      if (!match) return undefined;
      if (/^content-length:/i.test(line)) {
        if (!/^\d+$/.test(match[1]!.trim())) return undefined;
        length = Number(match[1]!.trim());
      }
    }
    return length !== undefined && length <= MAX_FRAME_BYTES ? length : undefined;
  }

  /** Drops input up to the next `Content-Length:` after `head` (or all but a possible partial one). */
  private resync(reason: string): void {
    const next = this.buffer.subarray(0, this.tail).indexOf(CONTENT_LENGTH, this.head + 1);
    // Always forward: at least one byte goes, so a header end kept for a partial `Content-Length:` cannot loop.
    this.skipTo(next === -1 ? Math.max(this.head + 1, this.tail - CONTENT_LENGTH.length) : next, reason);
  }

  private skipTo(until: number, reason: string): void {
    if (until > this.head) this.report(until - this.head, reason);
    this.head = until;
    this.body = undefined;
  }

  /**
   * Searches `[from, to)` for `Content-Length: <digits>\r\n`. `resumeAt`: where the next search must start (before
   * a header that may be only partly here).
   */
  private findFrameStart(from: number, to: number): { found?: number; resumeAt: number } {
    let at = from;
    for (;;) {
      const hit = this.buffer.subarray(0, to).indexOf(CONTENT_LENGTH, at);
      if (hit === -1) return { resumeAt: Math.max(from, to - CONTENT_LENGTH.length) };
      let i = hit + CONTENT_LENGTH.length;
      while (i < to && this.buffer[i] === 0x20) i++;
      const digits = i;
      while (i < to && this.buffer[i]! >= 0x30 && this.buffer[i]! <= 0x39) i++;
      if (i + 1 >= to) return { resumeAt: hit }; // the header may go on in the next chunk
      if (i > digits && this.buffer[i] === 0x0d && this.buffer[i + 1] === 0x0a) return { found: hit, resumeAt: hit };
      at = hit + 1;
    }
  }
}
