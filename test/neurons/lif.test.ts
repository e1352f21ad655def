import { describe, expect, it } from 'vitest';
import { lifDefaults, lifModel, LIF_REF, LIF_V } from '../../src/neurons/lif.ts';

const p = { ...lifDefaults, tauMS: 0.02, restV: -0.07, thresholdV: -0.05, resetV: -0.065, refractoryS: 0.002, resistanceOhm: 1e8, initialV: -0.07 };

describe('lif', () => {
  it('advances by the closed form, and composes over arbitrary pieces', () => {
    const m = lifModel.compile(p, 2);
    const s = new Float64Array(6);
    m.init(s, 0);
    m.init(s, 1);
    m.setDrive(s, 0, 0.1e-9); // V_inf = -0.06
    m.setDrive(s, 1, 0.1e-9);
    const vInf = p.restV + p.resistanceOhm * 0.1e-9;
    m.advance(s, 0, 0.013);
    for (const dt of [0.001, 0.0005, 0.004, 0.0075]) m.advance(s, 1, dt);
    const exact = vInf + (p.initialV - vInf) * Math.exp(-0.013 / p.tauMS);
    expect(s[LIF_V]).toBeCloseTo(exact, 14);
    expect(s[3 + LIF_V]).toBeCloseTo(exact, 14);
  });

  it('matches a fine fixed-step (RK4) integration with jumps', () => {
    const m = lifModel.compile(p, 1);
    const s = new Float64Array(3);
    m.init(s, 0);
    m.setDrive(s, 0, 0.15e-9);
    const inputs = [[0.004, 0.002], [0.009, -0.003], [0.0121, 0.001]];
    let t = 0;
    for (const [ti, w] of inputs) {
      m.advance(s, 0, ti - t);
      m.receive(s, 0, w, 0);
      t = ti;
    }
    m.advance(s, 0, 0.02 - t);
    // RK4 reference
    const h = 1e-6;
    let v = p.initialV;
    const f = (x: number): number => (p.restV - x + p.resistanceOhm * 0.15e-9) / p.tauMS;
    let k = 0;
    for (let step = 0; step < 20000; step++) {
      const tt = step * h;
      if (k < inputs.length && Math.abs(tt - inputs[k][0]) < h / 2) v += inputs[k++][1];
      const a = f(v), b = f(v + (h / 2) * a), c = f(v + (h / 2) * b), d = f(v + h * c);
      v += (h / 6) * (a + 2 * b + 2 * c + d);
    }
    expect(k).toBe(3);
    expect(s[LIF_V]).toBeCloseTo(v, 9);
  });

  it('predicts the exact threshold crossing time', () => {
    const m = lifModel.compile(p, 1);
    const s = new Float64Array(3);
    m.init(s, 0);
    m.setDrive(s, 0, 0.3e-9); // V_inf = -0.04 > V_th
    const vInf = -0.04;
    const d = m.nextSpikeDelay(s, 0);
    const expected = p.tauMS * Math.log((p.initialV - vInf) / (p.thresholdV - vInf));
    expect(d).toBeCloseTo(expected, 15);
    m.advance(s, 0, d);
    expect(s[LIF_V]).toBeCloseTo(p.thresholdV, 13);
    // Sub-threshold drive: never fires.
    m.setDrive(s, 0, 0.1e-9);
    m.advance(s, 0, 0.001);
    expect(m.nextSpikeDelay(s, 0)).toBe(Infinity);
  });

  it('is refractory after firing: held at reset, inputs ignored, crossing delayed by t_ref', () => {
    const m = lifModel.compile(p, 1);
    const s = new Float64Array(3);
    m.init(s, 0);
    m.setDrive(s, 0, 0.3e-9);
    m.fire(s, 0);
    expect(s[LIF_V]).toBe(p.resetV);
    expect(s[LIF_REF]).toBe(p.refractoryS);
    m.advance(s, 0, 0.0015);
    m.receive(s, 0, 0.01, 0); // ignored
    expect(s[LIF_V]).toBe(p.resetV);
    const free = p.tauMS * Math.log((p.resetV + 0.04) / (p.thresholdV + 0.04));
    expect(m.nextSpikeDelay(s, 0)).toBeCloseTo(0.0005 + free, 14);
    m.advance(s, 0, 0.0005 + 0.001);
    expect(s[LIF_REF]).toBe(0);
    expect(s[LIF_V]).toBeCloseTo(-0.04 + (p.resetV + 0.04) * Math.exp(-0.001 / p.tauMS), 14);
    m.receive(s, 0, 0.002, 0);
    expect(s[LIF_V]).toBeCloseTo(-0.04 + (p.resetV + 0.04) * Math.exp(-0.001 / p.tauMS) + 0.002, 14);
  });

  it('the fused input path equals advance + receive + nextSpikeDelay', () => {
    const m = lifModel.compile(p, 2);
    const s = new Float64Array(6);
    m.init(s, 0);
    m.init(s, 1);
    m.setDrive(s, 0, 0.3e-9);
    m.setDrive(s, 1, 0.3e-9);
    const steps: Array<[number, number]> = [[0.001, 0.004], [0.0005, -0.001], [0.002, 0.02], [0.001, 0.003], [0.0015, 0.002], [0.004, 0.001]];
    for (const [dt, w] of steps) {
      m.advance(s, 0, dt);
      m.receive(s, 0, w, 0);
      const d0 = m.nextSpikeDelay(s, 0);
      const d1 = m.input!(s, 1, dt, w, 0, Infinity);
      expect(s.subarray(3, 6)).toEqual(s.subarray(0, 3));
      expect(d1).toBe(d0);
      if (d0 === 0) {
        m.fire(s, 0);
        m.fire(s, 1);
      }
    }
    // with a finite horizon, an inhibitory input may skip the prediction
    expect(m.input!(s, 1, 0.001, -0.001, 1, 0.01)).toBe(Infinity);
  });

  it('rejects reset at or above threshold', () => {
    expect(() => lifModel.compile({ ...p, resetV: -0.05 }, 1)).toThrow(/resetV/);
  });
});
