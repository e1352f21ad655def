/**
 * Connectivity into CSR form, rows = presynaptic neurons:
 *   synapses of pre neuron i are offsets[i] .. offsets[i+1]-1, their targets
 *   (post indices) in `targets`, ascending within a row for generated rules.
 * `source[k]` maps CSR synapse k to the description's order (pairs, one-to-one),
 * so per-synapse weights given in that order land on the right synapse.
 *
 * Fixed probability draws the gaps between successive connected pairs of the
 * row-major (pre, post) index from the geometric distribution
 * (gap = floor(ln(1 - u) / ln(1 - p))): the same law as one Bernoulli draw per
 * pair, in O(synapses) time instead of O(pre x post).
 */
import { Rng } from '../kernel/rng.ts';
import type { ConnectivityDesc } from './description.ts';

export interface Csr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Description order of each synapse, or null when it is the CSR order. */
  readonly source: Int32Array | null;
}

class IntList {
  data = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.data.length) {
      const b = new Int32Array(this.data.length * 2);
      b.set(this.data);
      this.data = b;
    }
    this.data[this.n++] = v;
  }
  trimmed(): Int32Array {
    return this.data.slice(0, this.n);
  }
}

export function buildCsr(c: ConnectivityDesc, nPre: number, nPost: number, samePopulation: boolean, rng: Rng): Csr {
  const offsets = new Int32Array(nPre + 1);
  switch (c.kind) {
    case 'one-to-one': {
      const targets = new Int32Array(nPre);
      for (let i = 0; i < nPre; i++) {
        offsets[i + 1] = i + 1;
        targets[i] = i;
      }
      return { offsets, targets, source: null };
    }
    case 'all-to-all': {
      const skipSelf = samePopulation && c.allowSelf === false;
      const list = new IntList();
      for (let i = 0; i < nPre; i++) {
        for (let j = 0; j < nPost; j++) if (!(skipSelf && i === j)) list.push(j);
        offsets[i + 1] = list.n;
      }
      return { offsets, targets: list.trimmed(), source: null };
    }
    case 'fixed-probability': {
      const skipSelf = samePopulation && c.allowSelf === false;
      const list = new IntList();
      const total = nPre * nPost;
      const logQ = Math.log(1 - c.p);
      let row = 0;
      let flat = c.p > 0 ? Math.floor(Math.log(1 - rng.float()) / logQ) : total;
      while (flat < total) {
        const i = Math.floor(flat / nPost);
        const j = flat - i * nPost;
        while (row < i) offsets[++row] = list.n;
        if (!(skipSelf && i === j)) list.push(j);
        flat += 1 + Math.floor(Math.log(1 - rng.float()) / logQ);
      }
      while (row < nPre) offsets[++row] = list.n;
      return { offsets, targets: list.trimmed(), source: null };
    }
    case 'pairs': {
      const m = c.pairs.length;
      const counts = new Int32Array(nPre + 1);
      for (let k = 0; k < m; k++) counts[c.pairs[k][0] + 1]++;
      for (let i = 0; i < nPre; i++) offsets[i + 1] = offsets[i] + counts[i + 1];
      const fill = offsets.slice(0, nPre);
      const targets = new Int32Array(m);
      const source = new Int32Array(m);
      for (let k = 0; k < m; k++) {
        const slot = fill[c.pairs[k][0]]++;
        targets[slot] = c.pairs[k][1];
        source[slot] = k;
      }
      return { offsets, targets, source };
    }
  }
}

/** Seed of an independent stream derived from the network seed (splitmix32 mix). */
export function streamSeed(seed: number, stream: number): number {
  let z = (Math.floor(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return ((z ^ (z >>> 16)) >>> 0) + Math.floor(seed / 4294967296) * 4294967296;
}

export { Rng };
