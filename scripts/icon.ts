// Draws the extension icon (images/icon.png, 128×128): a shield with a check mark on a rounded navy square.
// Plain geometry, 4×4 supersampling and a minimal PNG encoder (zlib only), so the icon is reproducible with no
// image tools. Usage: node --import tsx scripts/icon.ts   (writes images/icon.png)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ICON_SIZE = 128;
export const ICON_FILE = path.join(__dirname, '..', 'images', 'icon.png');

type Rgba = [number, number, number, number];

const BACKGROUND_TOP: Rgba = [30, 58, 138, 255];
const BACKGROUND_BOTTOM: Rgba = [15, 23, 42, 255];
const SHIELD: Rgba = [20, 184, 166, 255];
const SHIELD_EDGE: Rgba = [153, 246, 228, 255];
const CHECK: Rgba = [255, 255, 255, 255];

/** Rounded square covering the icon (coordinates in [0, 1]). */
function inRoundedSquare(x: number, y: number, radius = 0.18): boolean {
  const dx = Math.max(radius - x, x - (1 - radius), 0);
  const dy = Math.max(radius - y, y - (1 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

/** A shield: straight sides from the top to mid height, then two curves meeting in a point at the bottom. */
function inShield(x: number, y: number, inset = 0): boolean {
  const top = 0.17 + inset;
  const shoulder = 0.5;
  const tip = 0.87 - inset * 1.6;
  const halfWidth = 0.29 - inset;
  if (y < top || y > tip) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= shoulder) return dx <= halfWidth;
  const t = (y - shoulder) / (tip - shoulder);
  return dx <= halfWidth * Math.pow(Math.cos((Math.PI / 2) * t), 0.75);
}

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

function inCheck(x: number, y: number): boolean {
  const width = 0.05;
  return (
    distanceToSegment(x, y, 0.36, 0.5, 0.46, 0.61) <= width || distanceToSegment(x, y, 0.46, 0.61, 0.65, 0.38) <= width
  );
}

/** The colour of one sample point, or undefined outside the icon (transparent). */
function sample(x: number, y: number): Rgba | undefined {
  if (!inRoundedSquare(x, y)) return undefined;
  if (inCheck(x, y) && inShield(x, y, 0.03)) return CHECK;
  if (inShield(x, y, 0.03)) return SHIELD;
  if (inShield(x, y)) return SHIELD_EDGE;
  return BACKGROUND_TOP.map((top, i) => Math.round(top + (BACKGROUND_BOTTOM[i]! - top) * y)) as Rgba;
}

/** RGBA pixels, row by row (non-premultiplied alpha). */
export function drawIcon(size = ICON_SIZE): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = sample((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          for (let i = 0; i < 3; i++) sum[i]! += colour[i]! * colour[3];
          sum[3]! += colour[3];
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = sum[3]!;
      for (let i = 0; i < 3; i++) pixels[offset + i] = alpha === 0 ? 0 : Math.round(sum[i]! / alpha);
      pixels[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT (each row with filter type 0), IEND. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  mkdirSync(path.dirname(ICON_FILE), { recursive: true });
  writeFileSync(ICON_FILE, encodePng(ICON_SIZE, ICON_SIZE, drawIcon()));
  console.log(`wrote ${path.relative(process.cwd(), ICON_FILE)}`);
}
