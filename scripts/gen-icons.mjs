// Draws the app's PNG icons (public/icons/*.png) from the same geometry as app/icon.svg: a red rounded square with
// a white exclamation mark. Dependency-free (zlib only), so anyone can re-run it: node scripts/gen-icons.mjs
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";

const RED = [0xdc, 0x26, 0x26, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** inside a rounded rectangle (x, y, w, h, r) in the 32-unit design grid */
function inRounded(px, py, x, y, w, h, r) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** maskable: full-bleed background, the mark inside the 80% safe zone; badge: the mark alone (Android tints it) */
function png(size, maskable, badge = false) {
  const rows = [];
  const s = 32 / size;
  for (let j = 0; j < size; j++) {
    const row = [0];
    for (let i = 0; i < size; i++) {
      let u = (i + 0.5) * s;
      let v = (j + 0.5) * s;
      const bg = !badge && (maskable || inRounded(u, v, 0, 0, 32, 32, 6));
      if (maskable) {
        u = 16 + (u - 16) / 0.7;
        v = 16 + (v - 16) / 0.7;
      }
      const mark = inRounded(u, v, 14, 6, 4, 14, 1) || inRounded(u, v, 14, 23, 4, 4, 1);
      row.push(...(mark ? WHITE : bg ? RED : CLEAR));
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync("public/icons", { recursive: true });
writeFileSync("public/icons/icon-192.png", png(192, false));
writeFileSync("public/icons/icon-512.png", png(512, false));
writeFileSync("public/icons/maskable-512.png", png(512, true));
writeFileSync("public/icons/badge-96.png", png(96, false, true));
