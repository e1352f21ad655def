import { describe, expect, it } from 'vitest';
import { LifBlock } from '../../src/network/lif-block.ts';
import { LIF_DRIVE, LIF_REF, LIF_V, lifDefaults } from '../../src/neurons/lif.ts';

const PARAMS = { ...lifDefaults, tauMS: 0.02, restV: -0.049, thresholdV: -0.05, resetV: -0.06, refractoryS: 0.005 };

/** A block of n neurons just below threshold (V_inf above it), a few refractory. */
function block(n: number): LifBlock {
  const b = new LifBlock(n, PARAMS);
  const state = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    // Spread over [V_reset, V_th) with a pattern that puts many members near their group's bound.
    state[i * 3 + LIF_V] = -0.06 + 0.0099 * (((i * 7919) % 997) / 997);
    state[i * 3 + LIF_REF] = i % 13 === 0 ? 0.002 : 0;
    state[i * 3 + LIF_DRIVE] = 0;
  }
  b.start(state, 0);
  return b;
}

/** Order in which the block's neurons fire over `steps` crossings (fire at each top time). */
function firingOrder(b: LifBlock, steps: number): number[] {
  const out: number[] = [];
  let now = 0.003;
  while (out.length < steps) {
    const t = b.topTime(now);
    if (t === Infinity) break;
    const i = b.takeTop(t);
    if (i >= 0) {
      b.fire(i, t);
      out.push(i);
    }
    now = t;
  }
  return out;
}

describe('LIF block: inputs reaching a group bound are applied after the delivery loop', () => {
  it('one delivery to more targets than the candidate buffer holds leaves the bounds, the group heap and the firing order of one input at a time', () => {
    const n = 4000;
    // Every neuron twice (a repeated target), in an order that visits groups back and forth.
    const targets = new Int32Array(2 * n);
    for (let k = 0; k < n; k++) targets[k] = targets[2 * n - 1 - k] = (k * 37) % n;
    const all = block(n);
    const one = block(n);
    const t = 0.003;
    all.deliverUniform(targets, 0, targets.length, 0.25e-3, t);
    // Inputs that lower their group's bound, one at a time: more than the buffer's 256.
    let lowered = 0;
    for (let k = 0; k < targets.length; k++) {
      const q = targets[k] >> 4;
      const before = one.groupKey[q];
      one.deliverUniform(targets, k, k + 1, 0.25e-3, t);
      if (one.groupKey[q] < before) lowered++;
    }
    expect(lowered).toBeGreaterThan(256);
    // (256: the candidate buffer's first size; this row of 8000 makes it grow.)
    expect(Array.from(all.rec)).toEqual(Array.from(one.rec));
    expect(Array.from(all.groupKey)).toEqual(Array.from(one.groupKey));
    expect(Array.from(all.groupArg)).toEqual(Array.from(one.groupArg));
    expect(all.groups.top).toBe(one.groups.top);
    const order = firingOrder(all, 600);
    expect(order.length).toBe(600);
    expect(order).toEqual(firingOrder(one, 600));
  });
});
