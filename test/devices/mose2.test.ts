import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMPONENTS, conductionFactor, mose2Model, type Mose2Params } from '../../src/devices/mose2.ts';
import { DEFAULT_DEVICE, compileDevice, devices } from '../../src/devices/registry.ts';
import { varyMose2 } from '../../src/devices/variation.ts';
import { Rng } from '../../src/kernel/rng.ts';

const preset = devices.mose2.preset;
const NC = COMPONENTS.length;
const VOLTAGES = [0.1, 0.5, 1.5, 2, 3, 4, 5, 7, -1, -3, -5];

/**
 * The model's ODE written out from the documented equations (src/devices/mose2.ts):
 * dx/dt = P(V)(1 - x) - D(V) x - x / tau(V), per component.
 */
function derivative(params: Mose2Params, vV: number, x: Float64Array, out: Float64Array): void {
  const absV = Math.abs(vV);
  const driven = absV > params.thresholdV;
  COMPONENTS.forEach((name, k) => {
    const c = params[name];
    const pot = driven && vV > 0 ? c.potRateRefPerS * Math.exp(c.potSlopePerV * (vV - params.potRefV)) : 0;
    const dep = driven && vV < 0 ? c.depRateRefPerS * Math.exp(c.depSlopePerV * (absV - params.depRefV)) : 0;
    const relax = c.tauS === Infinity ? 0 : Math.exp(c.tauSlopePerV * absV) / c.tauS;
    out[k] = pot * (1 - x[k]) - dep * x[k] - relax * x[k];
  });
}

/** Classical RK4 with a fixed step over [0, durS]. */
function rk4(params: Mose2Params, vV: number, x0: Float64Array, durS: number, steps: number): Float64Array {
  const h = durS / steps;
  const n = x0.length;
  const x = x0.slice();
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n), tmp = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    derivative(params, vV, x, k1);
    for (let i = 0; i < n; i++) tmp[i] = x[i] + 0.5 * h * k1[i];
    derivative(params, vV, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = x[i] + 0.5 * h * k2[i];
    derivative(params, vV, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = x[i] + h * k3[i];
    derivative(params, vV, tmp, k4);
    for (let i = 0; i < n; i++) x[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
  return x;
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

describe('MoSe2 device model: exactness of the closed form', () => {
  it('splitting a constant-voltage interval into many pieces gives the state of one piece (1e-12 relative)', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    const start = Float64Array.from([0.2, 0.4, 0.1, 0.05, 0.3]);
    for (const v of VOLTAGES) {
      for (const durS of [0.05, 1, 30]) {
        const one = start.slice();
        dev.advance(one, 0, v, durS);
        const many = start.slice();
        // 997 unequal pieces that sum to durS up to rounding of the last one.
        const pieces = 997;
        let done = 0;
        for (let k = 0; k < pieces - 1; k++) {
          const dt = (durS * (1 + (k % 7))) / (4 * pieces);
          dev.advance(many, 0, v, dt);
          done += dt;
        }
        dev.advance(many, 0, v, durS - done);
        for (let k = 0; k < NC; k++) {
          // A component that has decayed by many e-folds carries the rounding of its
          // exponent (condition number = the exponent itself): compare it absolutely.
          if (Math.abs(one[k]) < 1e-9) expect(Math.abs(one[k] - many[k])).toBeLessThan(1e-20);
          else expect(relErr(one[k], many[k]), `V = ${v}, ${durS} s, component ${k}`).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('matches a fine RK4 integration of the model ODE', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    for (const v of VOLTAGES) {
      const x0 = Float64Array.from([0.3, 0.2, 0.5, 0.1, 0.4]);
      // The steep components reach rates of 1e7/s at 7 V: integrate over 20
      // of the fastest time constants (at most 0.5 s) so that 5000 RK4 steps resolve it.
      const rates = new Float64Array(NC);
      derivative(preset, v, new Float64Array(NC), rates);
      const one = new Float64Array(NC).fill(1);
      const drain = new Float64Array(NC);
      derivative(preset, v, one, drain);
      const fastest = Math.max(...rates.map((a, k) => a - drain[k]));
      const durS = Math.min(0.5, 20 / fastest);
      const closed = x0.slice();
      dev.advance(closed, 0, v, durS);
      const ref = rk4(preset, v, x0, durS, 5000);
      for (let k = 0; k < NC; k++) expect(Math.abs(closed[k] - ref[k]), `V = ${v}, component ${k}`).toBeLessThan(1e-10);
      // The comparison can fail: a state that did not move would differ from RK4 wherever the drive is strong.
      if (Math.abs(v) > preset.thresholdV) expect(closed.some((x, k) => Math.abs(x - x0[k]) > 1e-3)).toBe(true);
    }
  });

  it('a bias below the threshold only relaxes the state (no potentiation or depression)', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    const s = Float64Array.from([0.3, 0.2, 0.5, 0.1, 0.4]);
    const before = s.slice();
    dev.advance(s, 0, preset.thresholdV * 0.5, 0.2);
    for (let k = 0; k < NC; k++) expect(s[k]).toBeLessThanOrEqual(before[k]);
    const relaxOnly = rk4(preset, 0, before, 0.2, 2000);
    // Same as 0 V up to the weak voltage dependence of tau.
    for (let k = 0; k < NC; k++) expect(Math.abs(s[k] - relaxOnly[k])).toBeLessThan(1e-3 * Math.max(before[k], 1e-9));
  });

  it('current is G times the conduction factor; pinched at 0 V; odd in V', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    const s = Float64Array.from([0.3, 0.2, 0.5, 0.1, 0.4]);
    const g = dev.conductance(s, 0);
    expect(dev.current(s, 0, 0)).toBe(0);
    for (const v of [0.1, 1, 3, 5]) {
      expect(relErr(dev.current(s, 0, v), g * conductionFactor(preset, v))).toBeLessThan(1e-14);
      expect(dev.current(s, 0, -v)).toBe(-dev.current(s, 0, v));
    }
    // Conductance grows with every path component (all but x_sens, which multiplies them).
    for (const k of [0, 1, 2, 4]) {
      const t = s.slice();
      t[k] += 0.1;
      expect(dev.conductance(t, 0)).toBeGreaterThan(g);
    }
  });
});

describe('MoSe2 device model: state bounds (property)', () => {
  const layout = mose2Model.stateLayout;
  const segment = fc.record({
    vV: fc.double({ min: -10, max: 10, noNaN: true }),
    durS: fc.double({ min: 1e-7, max: 1000, noNaN: true }),
  });
  it('every component stays within its StateVar bounds under random piecewise-constant waveforms', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: NC, maxLength: NC }),
        (segments, start) => {
          const s = Float64Array.from(start.map((x, k) => layout[k].min + x * (layout[k].max - layout[k].min)));
          for (const { vV, durS } of segments) {
            dev.advance(s, 0, vV, durS);
            for (let k = 0; k < layout.length; k++) {
              if (!(s[k] >= layout[k].min && s[k] <= layout[k].max)) return false;
            }
            const g = dev.conductance(s, 0);
            if (!(Number.isFinite(g) && g >= preset.baseConductanceS)) return false;
          }
          return true;
        },
      ),
      { seed: 12345, numRuns: 300 },
    );
  });

  it('varied devices (seeded) also keep their state in bounds, and 0 % variation is the preset', () => {
    expect(varyMose2(preset, new Rng(1), 0)).toBe(preset);
    const a = varyMose2(preset, new Rng(9), 20);
    const b = varyMose2(preset, new Rng(9), 20);
    expect(a).toEqual(b);
    expect(a.fast.weightS).not.toBe(preset.fast.weightS);
    const dev = mose2Model.compile(a);
    const s = new Float64Array(NC);
    dev.init(s, 0);
    for (const v of [7, -7, 3, 0]) {
      dev.advance(s, 0, v, 100);
      for (let k = 0; k < NC; k++) expect(s[k] >= 0 && s[k] <= 1).toBe(true);
    }
    expect(() => varyMose2(preset, new Rng(1), -1)).toThrow(/variationPct/);
  });

  it('the lognormal factors have the requested spread', () => {
    const rng = new Rng(5);
    const logs: number[] = [];
    for (let i = 0; i < 4000; i++) logs.push(Math.log(varyMose2(preset, rng, 10).baseConductanceS / preset.baseConductanceS));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sd - 0.1)).toBeLessThan(0.005);
  });
});

describe('MoSe2 device model: the fifth component (fastHigh)', () => {
  it('has five components, x_sens kept at index 3', () => {
    expect(mose2Model.stateLayout.map((v) => v.name)).toEqual(['x_fast', 'x_medium', 'x_slow', 'x_sens', 'x_fastHigh']);
  });
  it('is switched on steeply: a 3 V train fills it little, a 4 V train nearly saturates it', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    const fill = (v: number): number => {
      const s = new Float64Array(NC);
      for (let k = 0; k < 25; k++) {
        dev.advance(s, 0, v, 0.05);
        dev.advance(s, 0, 0.1, 0.05);
      }
      dev.advance(s, 0, v, 0.05);
      return s[4];
    };
    const at3 = fill(3);
    const at4 = fill(4);
    expect(at4 / at3).toBeGreaterThan(Math.exp(2));
    expect(preset.fastHigh.potSlopePerV).toBeGreaterThan(2);
    expect(preset.fastHigh.tauS).toBeLessThan(preset.medium.tauS);
  });
  it('relaxes with its own time constant at the read bias (closed form)', () => {
    const dev = compileDevice(DEFAULT_DEVICE);
    const s = Float64Array.from([0, 0, 0, 0, 0.5]);
    dev.advance(s, 0, 0.1, 0.35);
    const relax = Math.exp(preset.fastHigh.tauSlopePerV * 0.1) / preset.fastHigh.tauS;
    expect(relErr(s[4], 0.5 * Math.exp(-relax * 0.35))).toBeLessThan(1e-12);
  });
});
