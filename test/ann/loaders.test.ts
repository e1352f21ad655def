import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadDigits } from '../../src/ann/digits.ts';
import { loadIdxPair, parseIdx } from '../../src/ann/idx.ts';
import { stratifiedSplit } from '../../src/ann/dataset.ts';

const dir = mkdtempSync(join(tmpdir(), 'memspike-ann-'));

function idx(magic: number, dims: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, k) => head.writeUInt32BE(d, 4 + 4 * k));
  return Buffer.concat([head, Buffer.from(data)]);
}

describe('8x8 digits loader', () => {
  it('reads the shipped file: 1797 images of 64 pixels in [0, 1], all ten classes', () => {
    const d = loadDigits();
    expect(d.n).toBe(1797);
    expect(d.features).toBe(64);
    let max = 0;
    for (const v of d.x) max = Math.max(max, v);
    expect(max).toBe(1);
    const counts = new Array(10).fill(0);
    for (const c of d.y) counts[c]++;
    expect(Math.min(...counts)).toBeGreaterThan(170);
  });

  it('stratified split keeps 30 % of every class in the test set, disjoint and seeded', () => {
    const d = loadDigits();
    const a = stratifiedSplit(d, 0.3, 4);
    const b = stratifiedSplit(d, 0.3, 4);
    expect(a.train.n + a.test.n).toBe(d.n);
    expect(Array.from(a.test.y)).toEqual(Array.from(b.test.y));
    for (let c = 0; c < 10; c++) {
      let all = 0;
      let test = 0;
      for (const y of d.y) if (y === c) all++;
      for (const y of a.test.y) if (y === c) test++;
      expect(test).toBe(Math.round(0.3 * all));
    }
  });

  it('rejects a missing file, a non-gzip file and a bad row, naming the file', () => {
    expect(() => loadDigits(join(dir, 'nope.csv.gz'))).toThrow(/nope\.csv\.gz: cannot read/);
    const plain = join(dir, 'plain.csv.gz');
    writeFileSync(plain, 'not gzip');
    expect(() => loadDigits(plain)).toThrow(/not a valid gzip/);
    const bad = join(dir, 'bad.csv.gz');
    writeFileSync(bad, gzipSync(Buffer.from(new Array(64).fill('3').join(',') + ',12\n')));
    expect(() => loadDigits(bad)).toThrow(/bad\.csv\.gz:1: label must be an integer 0\.\.9/);
  });
});

describe('IDX loader', () => {
  it('reads a well-formed pair: pixels / 255 and labels', () => {
    const px = new Uint8Array(2 * 784);
    px[0] = 255;
    px[784 + 5] = 51;
    writeFileSync(join(dir, 'img'), idx(0x803, [2, 28, 28], px));
    writeFileSync(join(dir, 'lab'), idx(0x801, [2], new Uint8Array([7, 3])));
    const d = loadIdxPair(join(dir, 'img'), join(dir, 'lab'), 'mini');
    expect(d.n).toBe(2);
    expect(d.features).toBe(784);
    expect(d.x[0]).toBe(1);
    expect(d.x[784 + 5]).toBeCloseTo(0.2, 6);
    expect(Array.from(d.y)).toEqual([7, 3]);
  });

  it('rejects bad magic, truncated data, mismatched counts and missing files', () => {
    expect(() => parseIdx(idx(0x802, [1], new Uint8Array(1)), 'f', 0x801)).toThrow(/f: bad IDX magic number 0x00000802, expected 0x00000801/);
    expect(() => parseIdx(idx(0x803, [2, 28, 28], new Uint8Array(784)), 'g', 0x803)).toThrow(/g: IDX size mismatch/);
    expect(() => parseIdx(new Uint8Array(3), 'h', 0x801)).toThrow(/h: IDX file too short/);
    writeFileSync(join(dir, 'img1'), idx(0x803, [1, 28, 28], new Uint8Array(784)));
    writeFileSync(join(dir, 'lab2'), idx(0x801, [2], new Uint8Array(2)));
    expect(() => loadIdxPair(join(dir, 'img1'), join(dir, 'lab2'), 'x')).toThrow(/2 labels for 1 images/);
    expect(() => loadIdxPair(join(dir, 'missing'), join(dir, 'lab2'), 'x')).toThrow(/missing: cannot read the images IDX file/);
  });

  it('the MNIST files of the installed package have the official sizes', async () => {
    const { mnistDir } = await import('../../src/ann/idx.ts');
    const { readFileSync } = await import('node:fs');
    const lab = parseIdx(readFileSync(join(mnistDir(), 't10k-labels-idx1-ubyte')), 't10k', 0x801);
    expect(lab.dims).toEqual([10000]);
  });
});
