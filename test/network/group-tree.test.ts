import { describe, expect, it } from 'vitest';
import { GroupTree } from '../../src/network/group-tree.ts';
import { expectSlicesMatchOneRun } from './lif-forms.ts';
import { benchmark4 } from '../../src/network/brette.ts';
import { Rng } from '../../src/kernel/rng.ts';

/** The earliest group by brute force: lowest key, ties by lower index; count if none is finite. */
function earliest(keys: Float64Array, count: number): number {
  let best = count;
  for (let q = 0; q < count; q++) if (keys[q] < (best === count ? Infinity : keys[best])) best = q;
  return best;
}

describe('GroupTree: the earliest group of a LIF block', () => {
  it('agrees with a brute-force minimum (ties by lower index) over random raises, lowerings and ties', () => {
    for (const count of [1, 2, 5, 16, 250]) {
      const tree = new GroupTree(count);
      const rng = new Rng(count);
      expect(tree.topKey).toBe(Infinity);
      for (let step = 0; step < 4000; step++) {
        const q = rng.int(count);
        const old = tree.key[q];
        // Keys from a small set, so exact ties between groups are common.
        const k = rng.float() < 0.05 ? Infinity : rng.int(20) / 4;
        if (k < old && rng.float() < 0.5) tree.decrease(q, k);
        else tree.set(q, k);
        const want = earliest(tree.key, count);
        if (want === count ? tree.topKey !== Infinity : tree.top !== want) throw new Error(`count ${count}, step ${step}: top ${tree.top}, expected ${want}`);
      }
    }
  });

  it('a network of LIF blocks run in slices of a few events spikes exactly as in one run', () => {
    // Slices refuse the kernel claims that fire block crossings between events: the same trains either way.
    expectSlicesMatchOneRun(benchmark4({ n: 400, durationS: 0.3, seed: 5 }), 500);
  });
});
