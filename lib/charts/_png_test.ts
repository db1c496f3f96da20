import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { encodePalettePng } from "./_png.ts";

/** Reads the chunks of a PNG file: type -> data (IDAT concatenated). */
function chunks(png: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const view = new DataView(png.buffer, png.byteOffset);
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    out.set(type, png.slice(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return out;
}

Deno.test("encodePalettePng keeps up to 256 colours exactly and decodes to the same pixels", () => {
  const width = 20, height = 16;
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const c = i % 256; // 256 distinct colours, some used twice
    pixels.set([(c % 16) * 16, (c >> 4) * 16, 255 - c, 255], 4 * i);
  }
  const png = encodePalettePng(pixels, width, height);
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const parts = chunks(png);
  const ihdr = new DataView(parts.get("IHDR")!.buffer);
  assert.deepEqual([ihdr.getUint32(0), ihdr.getUint32(4)], [width, height]);
  const palette = parts.get("PLTE")!;
  const raw = new Uint8Array(inflateSync(parts.get("IDAT")!));
  assert.equal(raw.length, height * (width + 1));
  const distinct = new Set<number>();
  for (let i = 0; i < width * height; i++) {
    distinct.add(pixels[4 * i] << 16 | pixels[4 * i + 1] << 8 | pixels[4 * i + 2]);
  }
  assert.ok(distinct.size <= 256, "fixture has at most 256 colours");
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width + 1)], 0, "filter type none");
    for (let x = 0; x < width; x++) {
      const k = raw[y * (width + 1) + 1 + x];
      const i = y * width + x;
      assert.deepEqual([...palette.subarray(3 * k, 3 * k + 3)], [
        ...pixels.subarray(4 * i, 4 * i + 3),
      ]);
    }
  }
});

Deno.test("encodePalettePng maps colours beyond 256 to the nearest palette colour", () => {
  const width = 300, height = 1;
  const pixels = new Uint8Array(width * 4);
  for (let x = 0; x < width; x++) pixels.set([x % 256, 0, 0, 255], 4 * x);
  pixels.set([1, 1, 1, 255], 4 * 299); // a near-black edge blend
  const parts = chunks(encodePalettePng(pixels, width, height));
  const palette = parts.get("PLTE")!;
  assert.equal(palette.length, 256 * 3);
  const raw = new Uint8Array(inflateSync(parts.get("IDAT")!));
  const k = raw[1 + 299];
  const [r, g, b] = palette.subarray(3 * k, 3 * k + 3);
  assert.ok(Math.abs(r - 1) + g + b <= 3, `mapped to ${r},${g},${b}`);
});
