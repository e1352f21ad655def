import { describe, expect, it } from 'vitest';
import { adaptiveLifDefaults, adaptiveLifModel } from '../../src/neurons/lif-adaptive.ts';

const spec = { ...adaptiveLifDefaults, tauMS: 0.01, thresholdV: 0.014, resetV: -0.028, refractoryS: 0.001, adaptationV: 0.004, adaptationTauS: 0.5 };
const make = (p = spec) => {
  const m = adaptiveLifModel.compile(p, 1);
  const s = new Float64Array(m.stride);
  m.init(s, 0);
  return { m, s };
};

describe('adaptive-threshold LIF (lif_adaptive)', () => {
  it('decays V with tau_m between inputs (closed form)', () => {
    const { m, s } = make();
    m.receive(s, 0, 0.01, 0);
    expect(m.nextSpikeDelay(s, 0)).toBe(Infinity);
    m.advance(s, 0, 0.015);
    expect(s[0]).toBeCloseTo(0.01 * Math.exp(-0.015 / 0.01), 15);
  });

  it('fires at threshold, resets, ignores inputs while refractory, and raises its threshold by adaptationV decaying with tau_a', () => {
    const { m, s } = make();
    m.receive(s, 0, 0.0139, 0);
    expect(m.nextSpikeDelay(s, 0)).toBe(Infinity);
    m.receive(s, 0, 0.0002, 0);
    expect(m.nextSpikeDelay(s, 0)).toBe(0);
    m.fire(s, 0);
    expect(s[0]).toBe(-0.028);
    expect(s[1]).toBe(0.004);
    // refractory: input ignored, V held at reset
    m.advance(s, 0, 0.0005);
    m.receive(s, 0, 0.1, 0);
    expect(m.nextSpikeDelay(s, 0)).toBe(Infinity);
    m.advance(s, 0, 0.0005);
    expect(s[0]).toBe(-0.028);
    // 0.5 s after the spike the adaptation is down by e; a jump that reaches the base threshold no longer fires
    m.advance(s, 0, 0.499);
    expect(s[1]).toBeCloseTo(0.004 / Math.E, 15);
    expect(s[0]).toBeCloseTo(-0.028 * Math.exp(-0.499 / 0.01), 15);
    m.receive(s, 0, 0.0145 - s[0], 0);
    expect(m.nextSpikeDelay(s, 0)).toBe(Infinity);
    m.receive(s, 0, 0.0015, 0);
    expect(m.nextSpikeDelay(s, 0)).toBe(0);
  });

  it('advancing in one piece equals advancing in many', () => {
    const a = make();
    const b = make();
    for (const x of [a, b]) {
      x.m.receive(x.s, 0, 0.02, 0);
      x.m.fire(x.s, 0);
      x.m.receive(x.s, 0, 0.01, 0);
    }
    a.m.advance(a.s, 0, 0.0123);
    for (let k = 0; k < 123; k++) b.m.advance(b.s, 0, 0.0001);
    for (let c = 0; c < 3; c++) expect(b.s[c]).toBeCloseTo(a.s[c], 12);
  });

  it('without adaptation fires at the base threshold every time', () => {
    const { m, s } = make({ ...spec, adaptationV: 0 });
    for (let k = 0; k < 3; k++) {
      m.advance(s, 0, 0.1);
      m.receive(s, 0, 0.1, 0);
      expect(m.nextSpikeDelay(s, 0)).toBe(0);
      m.fire(s, 0);
      expect(s[1]).toBe(0);
    }
  });

  it('rejects bad parameters naming them', () => {
    expect(() => adaptiveLifModel.compile({ ...spec, adaptationTauS: 0 }, 1)).toThrow(/adaptationTauS/);
    expect(() => adaptiveLifModel.compile({ ...spec, resetV: 0.02 }, 1)).toThrow(/resetV/);
  });
});
