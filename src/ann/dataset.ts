/**
 * A labelled data set held flat: sample s occupies x[s * features ..
 * (s + 1) * features) with pixel intensities scaled to [0, 1]; y[s] is its
 * class. Subsets copy rows so that training reads memory in order.
 */
import { Rng } from '../kernel/rng.ts';

export interface Dataset {
  readonly name: string;
  readonly n: number;
  readonly features: number;
  readonly classes: number;
  /** Pixel intensities in [0, 1]; Float32 halves the memory of MNIST (47 M pixels). */
  readonly x: Float32Array;
  readonly y: Uint8Array;
}

/** Copies the listed rows into a new data set. */
export function subset(ds: Dataset, rows: ArrayLike<number>, name = ds.name): Dataset {
  const f = ds.features;
  const x = new Float32Array(rows.length * f);
  const y = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!(r >= 0 && r < ds.n)) throw new Error(`${ds.name}: row ${r} out of range [0, ${ds.n})`);
    x.set(ds.x.subarray(r * f, (r + 1) * f), i * f);
    y[i] = ds.y[r];
  }
  return { name, n: rows.length, features: f, classes: ds.classes, x, y };
}

/** In-place Fisher-Yates shuffle of an index array, seeded. */
export function shuffle(idx: Uint32Array | number[], rng: Rng): void {
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}

/**
 * Seeded stratified split: within each class the samples are shuffled and the
 * first round(testFraction * count) go to the test set, so both sets keep the
 * class proportions. Rows keep their original order inside each set.
 */
export function stratifiedSplit(ds: Dataset, testFraction: number, seed: number): { train: Dataset; test: Dataset } {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`stratifiedSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const rng = new Rng(seed);
  const isTest = new Uint8Array(ds.n);
  for (let c = 0; c < ds.classes; c++) {
    const rows: number[] = [];
    for (let s = 0; s < ds.n; s++) if (ds.y[s] === c) rows.push(s);
    shuffle(rows, rng);
    const nTest = Math.round(testFraction * rows.length);
    for (let i = 0; i < nTest; i++) isTest[rows[i]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let s = 0; s < ds.n; s++) (isTest[s] ? test : train).push(s);
  return { train: subset(ds, train, `${ds.name} (train)`), test: subset(ds, test, `${ds.name} (test)`) };
}

/** The first `perClass` samples of each class (in file order): small balanced subsets for quick runs and tests. */
export function balancedHead(ds: Dataset, perClass: number): Dataset {
  const taken = new Uint32Array(ds.classes);
  const rows: number[] = [];
  for (let s = 0; s < ds.n; s++) {
    const c = ds.y[s];
    if (taken[c] < perClass) {
      taken[c]++;
      rows.push(s);
    }
  }
  return subset(ds, rows, `${ds.name} (${perClass} per class)`);
}
