import { describe, expect, it } from 'vitest';
import { stateAfterNoxious } from '../../src/devices/experiments.ts';
import type { CompiledDevice } from '../../src/devices/types.ts';
import { compileNociceptors, type CompiledNociceptors } from '../../src/neurons/nociceptor.ts';
import { fineSpikesAtConstantV } from '../helpers/phase-reference.ts';
import { firingRate } from '../../src/neurons/nociceptor-phase.ts';


/**
 * Reference spike times: composite 5-point Gauss-Legendre on a fixed fine grid
 * (h = 2 us), the current from the device's own advance, the spike inside a
 * step by Newton on the partial quadrature. Independent of the model's method.
 */
function referenceSpikes(n: CompiledNociceptors, x0: ArrayLike<number>, vV: number, spanS: number, h = 2e-6): number[] {
  const out: number[] = [];
  fineSpikesAtConstantV(n.device, n.law, Float64Array.from(x0), 0, { t0S: 0, spanS, vV, hS: h }, out);
  return out;
}

/** A pristine device state, sized and initialised by the device itself. */
function pristineDevice(n: CompiledNociceptors): Float64Array {
  const x = new Float64Array(n.device.stride);
  n.device.init(x, 0);
  return x;
}

function driven(n: CompiledNociceptors, x0: ArrayLike<number>, vV: number): Float64Array {
  const s = new Float64Array(n.stride);
  n.init(s, 0);
  for (let k = 0; k < n.device.stride; k++) s[k] = x0[k];
  n.setDrive(s, 0, vV);
  return s;
}

describe('nociceptor spike times (Chebyshev phase integral, Newton)', () => {
  const n = compileNociceptors(1);
  const cases: Array<[string, ArrayLike<number>, number, number]> = [
    ['pristine, 7 V', pristineDevice(n), 7, 0.1],
    ['injured, 7 V', stateAfterNoxious(n.device, 2), 7, 0.1],
    ['injured, 3.5 V (rises through I_nox)', stateAfterNoxious(n.device, 2), 3.5, 0.5],
  ];

  it('agree with a fine fixed-step reference to 1e-9 s, burst and spike by spike', () => {
    for (const [, x0, v, span] of cases) {
      const ref = referenceSpikes(n, x0, v, span, 5e-6);
      expect(ref.length).toBeGreaterThan(0);
      const s = driven(n, x0, v);
      const out = new Float64Array(1000);
      const k = n.burst(s, 0, span, out);
      expect(k).toBe(ref.length);
      for (let j = 0; j < k; j++) expect(Math.abs(out[j] - ref[j])).toBeLessThan(1e-9);
      // Spike by spike: predict, advance, fire.
      let t = 0;
      for (let j = 0; j < k; j++) {
        const dl = n.nextSpikeDelay(s, 0, span - t);
        n.advance(s, 0, dl);
        n.fire(s, 0);
        t += dl;
        expect(Math.abs(t - ref[j])).toBeLessThan(1e-9);
      }
      expect(n.nextSpikeDelay(s, 0, span - t)).toBeGreaterThan(span - t - 1e-12);
    }
  });

  it('a burst cut short and resumed, and advanceWithPhase, give the same spikes and state', () => {
    const x0 = stateAfterNoxious(n.device, 1);
    const whole = new Float64Array(500);
    const s = driven(n, x0, 7);
    const k = n.burst(s, 0, 0.5, whole);
    const end = n.burstEndPhase;
    expect(k).toBeGreaterThan(50);
    const part = new Float64Array(7);
    const s2 = Float64Array.from(s);
    let t = 0;
    let j = 0;
    for (;;) {
      const m = n.burst(s2, 0, 0.5 - t, part);
      for (let q = 0; q < m; q++) expect(Math.abs(t + part[q] - whole[j++])).toBeLessThan(1e-12);
      if (m < part.length) {
        n.advanceWithPhase(s2, 0, 0.5 - t, n.burstEndPhase);
        break;
      }
      n.advanceWithPhase(s2, 0, part[m - 1], 0);
      t += part[m - 1];
    }
    expect(j).toBe(k);
    expect(Math.abs(n.phase(s2, 0) - end)).toBeLessThan(1e-9);
    // The same end state by plain advance (the phase integral) and fire at each spike.
    let prev = 0;
    for (let q = 0; q < k; q++) {
      n.advance(s, 0, whole[q] - prev);
      n.fire(s, 0);
      prev = whole[q];
    }
    n.advance(s, 0, 0.5 - prev);
    expect(Math.abs(n.phase(s, 0) - end)).toBeLessThan(1e-9);
    for (let c = 0; c < n.stride; c++) expect(Math.abs(s[c] - s2[c])).toBeLessThanOrEqual(1e-12 * Math.abs(s[c]) + 1e-20);
  });
});

describe('receptors sharing a stimulus and a device state', () => {
  it('reuse the pieces of the interval: the same spike times, bit for bit, as computed afresh', () => {
    const x0 = stateAfterNoxious(compileNociceptors(1).device, 1.5);
    const shared = compileNociceptors(3);
    const s = new Float64Array(3 * shared.stride);
    const phases = [0, 0.37, 0.99];
    for (let i = 0; i < 3; i++) {
      shared.init(s, i);
      for (let k = 0; k < 4; k++) s[i * shared.stride + k] = x0[k];
      shared.setDrive(s, i, 7);
      s[i * shared.stride + 5] = phases[i];
    }
    for (let i = 0; i < 3; i++) {
      const a = new Float64Array(300);
      const m = shared.burst(s, i, 0.5, a);
      const endShared = shared.burstEndPhase;
      const fresh = compileNociceptors(1);
      const f = driven(fresh, x0, 7);
      f[5] = phases[i];
      const b = new Float64Array(300);
      expect(fresh.burst(f, 0, 0.5, b)).toBe(m);
      expect(Array.from(a.subarray(0, m))).toEqual(Array.from(b.subarray(0, m)));
      expect(endShared).toBe(fresh.burstEndPhase);
    }
  });
});

/**
 * Two components: x1 rises (dx/dt = 1000 (1 - x)), x2 relaxes (dx/dt = -300 x)
 * from 1; ohmic, G = 100 nS (x1 + x2) at 1 V. The current climbs from 100 nA
 * to a hump of about 141.8 nA at t = ln(10/3) / 700 s = 1.72 ms and falls back
 * to 100 nA: a threshold just under the peak is crossed for a fraction of a
 * millisecond, between the sample points of a 5 ms step.
 */
function humpDevice(): CompiledDevice {
  const b = [1000, 300];
  const inf = [1, 0];
  return {
    stride: 2,
    stateLayout: [0, 1].map((k) => ({ name: `x${k}`, unit: '1', description: 'test component', initial: k, min: 0, max: 1 })),
    init(state, off) {
      state[off] = 0;
      state[off + 1] = 1;
    },
    advance(state, off, vV, dtS) {
      if (!(dtS > 0) || !(vV > 0.5)) return;
      for (let k = 0; k < 2; k++) state[off + k] = inf[k] + (state[off + k] - inf[k]) * Math.exp(-b[k] * dtS);
    },
    conductance: (state, off) => 100e-9 * (state[off] + state[off + 1]),
    current: (state, off, vV) => 100e-9 * (state[off] + state[off + 1]) * vV,
  };
}

describe('onset detection: every rise above I_nox, however brief', () => {
  const cur = (t: number): number => 100e-9 * (1 - Math.exp(-1000 * t) + Math.exp(-300 * t));
  const tPeak = Math.log(10 / 3) / 700;

  it('finds a sub-millisecond excursion that samples at the quadrature nodes of a 5 ms step miss', () => {
    const thresholdA = cur(tPeak) - 0.05e-9;
    // The excursion lies between the nodes 1.15 ms and 2.5 ms of the first 5 ms step.
    for (const s of [0.0469, 0.2308, 0.5, 0.7692, 0.9531, 1]) expect(cur(0.005 * s)).toBeLessThan(thresholdA);
    const n = compileNociceptors(1, { device: humpDevice(), thresholdA, maxRateHz: 100, halfRateA: 80e-9 });
    const s = new Float64Array(n.stride);
    n.init(s, 0);
    n.setDrive(s, 0, 1);
    expect(n.currentA(s, 0)).toBeLessThan(thresholdA);
    // Reference: the rising side of the hump by bisection on the closed form.
    let lo = 0;
    let hi = tPeak;
    for (let k = 0; k < 200; k++) {
      const m = 0.5 * (lo + hi);
      if (cur(m) > thresholdA) hi = m;
      else lo = m;
    }
    const onset = n.onsetDelay(s, 0);
    expect(Math.abs(onset - hi)).toBeLessThan(1e-9);
    expect(tPeak - onset).toBeLessThan(2e-4);
    // Above the peak no rise exists: Infinity, proven by the bound (no sampling).
    const above = compileNociceptors(1, { device: humpDevice(), thresholdA: cur(tPeak) + 0.05e-9 });
    const s2 = new Float64Array(above.stride);
    above.init(s2, 0);
    above.setDrive(s2, 0, 1);
    expect(above.onsetDelay(s2, 0)).toBe(Infinity);
  });
});
