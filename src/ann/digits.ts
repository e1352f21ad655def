/**
 * Loader of the 8 x 8 handwritten digits (UCI "Optical Recognition of
 * Handwritten Digits", Alpaydin & Kaynak 1998, CC BY 4.0; see data/README.md):
 * gzip-compressed CSV, one image a line, 64 pixels 0..16 then the label 0..9.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './dataset.ts';

export const DIGITS_FILE = fileURLToPath(new URL('../../data/optdigits-8x8.csv.gz', import.meta.url));
const PIXELS = 64;
const MAX_PIXEL = 16;

/** Parses the digits CSV text; errors name the file and line. */
export function parseDigitsCsv(text: string, file: string): Dataset {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error(`${file}: no data lines`);
  const x = new Float32Array(lines.length * PIXELS);
  const y = new Uint8Array(lines.length);
  lines.forEach((line, s) => {
    const cells = line.split(',');
    if (cells.length !== PIXELS + 1) throw new Error(`${file}:${s + 1}: expected ${PIXELS + 1} comma-separated values (64 pixels and a label), got ${cells.length}`);
    for (let i = 0; i <= PIXELS; i++) {
      const v = Number(cells[i]);
      const max = i < PIXELS ? MAX_PIXEL : 9;
      if (!Number.isInteger(v) || v < 0 || v > max) {
        throw new Error(`${file}:${s + 1}: ${i < PIXELS ? `pixel ${i}` : 'label'} must be an integer 0..${max}, got "${cells[i]}"`);
      }
      if (i < PIXELS) x[s * PIXELS + i] = v / MAX_PIXEL;
      else y[s] = v;
    }
  });
  return { name: 'digits 8x8', n: lines.length, features: PIXELS, classes: 10, x, y };
}

/** Reads the gzip-compressed digits CSV (default: the copy shipped in data/). */
export function loadDigits(file = DIGITS_FILE): Dataset {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read the 8x8 digits file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let text: string;
  try {
    text = gunzipSync(raw).toString('utf8');
  } catch {
    throw new Error(`${file}: not a valid gzip file (expected gzip-compressed CSV of 8x8 digits)`);
  }
  return parseDigitsCsv(text, file);
}
