import { describe, expect, it } from 'vitest';
import { AdaptiveLif } from '../../../scenarios/masquelier2008/neuron.ts';

const spec = { tauMS: 0.01, thresholdV: 0.014, resetV: -0.028, refractoryS: 0.001, adaptationV: 0.004, adaptationTauS: 0.5 };

describe('adaptive-threshold LIF of the pattern-learning scenario', () => {
  it('decays V with tau_m between inputs (closed form)', () => {
    const n = new AdaptiveLif(spec);
    expect(n.receive(0.1, 0.01)).toBe(false);
    n.advance(0.115);
    expect(n.v).toBeCloseTo(0.01 * Math.exp(-0.015 / 0.01), 15);
  });

  it('fires at threshold, resets, ignores inputs while refractory, and raises its threshold by adaptationV decaying with tau_a', () => {
    const n = new AdaptiveLif(spec);
    expect(n.receive(0.2, 0.0139)).toBe(false);
    expect(n.receive(0.2, 0.0002)).toBe(true);
    n.fire(0.2);
    expect(n.v).toBe(-0.028);
    expect(n.a).toBe(0.004);
    // refractory: input ignored, V held at reset
    expect(n.receive(0.2005, 0.1)).toBe(false);
    n.advance(0.201);
    expect(n.v).toBe(-0.028);
    // after 0.5 s the adaptation is down by e; a jump that reaches the base threshold no longer fires
    n.advance(0.7);
    expect(n.a).toBeCloseTo(0.004 / Math.E, 15);
    expect(n.v).toBeCloseTo(-0.028 * Math.exp(-(0.7 - 0.201) / 0.01), 15);
    expect(n.receive(0.7, 0.0145 - n.v)).toBe(false);
    expect(n.aboveThreshold(0.7)).toBe(false);
    expect(n.receive(0.7, 0.0015)).toBe(true);
  });

  it('without adaptation fires at the base threshold every time', () => {
    const n = new AdaptiveLif({ ...spec, adaptationV: 0 });
    for (let k = 0; k < 3; k++) {
      const t = 0.1 * (k + 1);
      expect(n.receive(t, 0.1)).toBe(true);
      n.fire(t);
      expect(n.a).toBe(0);
    }
  });

  it('rejects bad parameters naming them', () => {
    expect(() => new AdaptiveLif({ ...spec, adaptationTauS: 0 })).toThrow(/adaptationTauS/);
    expect(() => new AdaptiveLif({ ...spec, resetV: 0.02 })).toThrow(/resetV/);
  });
});
