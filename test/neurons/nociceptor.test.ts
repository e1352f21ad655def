import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../src/devices/registry.ts';
import { firstCrossingInPulse } from '../../src/devices/experiments.ts';
import { compileNociceptors } from '../../src/neurons/nociceptor.ts';
import { firingRate } from '../../src/neurons/nociceptor-phase.ts';
import { stimulusWave } from '../../src/neurons/nociceptor-protocols.ts';
import { piecewise } from '../../src/protocols/waveform.ts';
import { oneComponentDevice, registerTestDevice, runNociceptors } from './nociceptor-helpers.ts';

const law = { thresholdA: 80e-9, maxRateHz: 100, halfRateA: 80e-9 };

describe('nociceptor rate law and spike timing', () => {
  it('fires at exactly 1 / r(I) under a constant supra-threshold current', () => {
    // No dynamics: I = 100 nS * 2 V = 200 nA; r = 100 * 120 / (120 + 80) = 60 Hz.
    const device = oneComponentDevice({ g0: 100e-9, g1: 0, rate: 0, vOn: 99, tauS: 1 });
    const n = compileNociceptors(1, { ...law, device });
    const state = new Float64Array(n.stride);
    n.init(state, 0);
    n.setDrive(state, 0, 2);
    expect(firingRate(n.law, 200e-9)).toBeCloseTo(60, 12);
    expect(n.nextSpikeDelay(state, 0)).toBeCloseTo(1 / 60, 12);
    const run = runNociceptors(registerTestDevice('test-ohmic-100nS', device), law, [piecewise([[0, 2]], 1.001)], 1.001);
    const t = run.rec.times;
    expect(t.length).toBe(60);
    for (let k = 0; k < t.length; k++) expect(Math.abs(t[k] - (k + 1) / 60)).toBeLessThan(1e-9);
  });

  it('stays silent below I_nox: no predicted spike, no onset', () => {
    const device = oneComponentDevice({ g0: 30e-9, g1: 0, rate: 0, vOn: 99, tauS: 1 });
    const n = compileNociceptors(1, { ...law, device });
    const state = new Float64Array(n.stride);
    n.init(state, 0);
    n.setDrive(state, 0, 2); // 60 nA
    expect(n.nextSpikeDelay(state, 0)).toBe(Infinity);
    expect(n.onsetDelay(state, 0)).toBe(Infinity);
  });

  it('finds the threshold onset and the first spike of a rising current (closed form and fine quadrature)', () => {
    // I(t) = (10 + 190 (1 - e^{-2t})) nA at 1 V (tau effectively infinite).
    const device = oneComponentDevice({ g0: 10e-9, g1: 190e-9, rate: 2, vOn: 0.5, tauS: 1e12 });
    const n = compileNociceptors(1, { ...law, device });
    const state = new Float64Array(n.stride);
    n.init(state, 0);
    n.setDrive(state, 0, 1);
    const cur = (t: number): number => (10 + 190 * (1 - Math.exp(-2 * t))) * 1e-9;
    const tOn = -Math.log(1 - 70 / 190) / 2;
    expect(Math.abs(n.onsetDelay(state, 0) - tOn)).toBeLessThan(1e-9);
    // Reference first spike: composite Simpson on a fine grid from the onset.
    const h = 1e-5;
    let acc = 0;
    let t = tOn;
    while (acc < 1) {
      const inc = (h / 6) * (firingRate(law, cur(t)) + 4 * firingRate(law, cur(t + h / 2)) + firingRate(law, cur(t + h)));
      if (acc + inc >= 1) {
        t += (h * (1 - acc)) / inc;
        break;
      }
      acc += inc;
      t += h;
    }
    expect(Math.abs(n.nextSpikeDelay(state, 0) - t)).toBeLessThan(1e-6);
  });

  it('advancing in two parts gives the same phase and device state as in one', () => {
    const n = compileNociceptors(2);
    const s = new Float64Array(2 * n.stride);
    n.init(s, 0);
    n.init(s, 1);
    n.setDrive(s, 0, 7);
    n.setDrive(s, 1, 7);
    n.advance(s, 0, 0.0123);
    n.advance(s, 0, 0.0311);
    n.advance(s, 1, 0.0434);
    expect(n.phase(s, 0)).toBeGreaterThan(0);
    expect(Math.abs(n.phase(s, 0) - n.phase(s, 1))).toBeLessThan(1e-9);
    expect(n.currentA(s, 0)).toBeCloseTo(n.currentA(s, 1), 15);
  });

  it('onset under a constant voltage agrees with the device-level crossing search', () => {
    const device = compileDevice('mose2');
    const n = compileNociceptors(1, { device });
    const fresh = new Float64Array(device.stride);
    device.init(fresh, 0);
    let checked = 0;
    for (const v of [2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6]) {
      const ref = firstCrossingInPulse(device, fresh, v, 30, n.law.thresholdA);
      if (!(ref > 0.01)) continue;
      const state = new Float64Array(n.stride);
      n.init(state, 0);
      n.setDrive(state, 0, v);
      // firstCrossingInPulse brackets to 1e-9 s.
      expect(Math.abs(n.onsetDelay(state, 0) - ref)).toBeLessThan(2e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('does not adapt: under a sustained 7 V stimulus the rate in the last second matches the first', () => {
    const n = compileNociceptors(1);
    const wave = stimulusWave([{ amplitudeV: 7, widthS: 10, intervalS: 0, count: 1, startS: 0 }], 10);
    const t = Array.from(runNociceptors('mose2', {}, [wave], 10).rec.times);
    const first = t.filter((x) => x < 1).length;
    const last = t.filter((x) => x >= 9 && x <= 10).length;
    expect(first).toBeGreaterThan(5);
    expect(last / first).toBeGreaterThan(0.9);
    expect(last / first).toBeLessThan(1.5);
  });

  it('rejects bad parameters with a message naming them', () => {
    expect(() => compileNociceptors(1, { thresholdA: -1 })).toThrow(/thresholdA/);
    expect(() => compileNociceptors(1, { maxRateHz: NaN })).toThrow(/maxRateHz/);
    expect(() => compileNociceptors(1.5)).toThrow(/size/);
    const n = compileNociceptors(1);
    expect(() => n.setDrive(new Float64Array(n.stride), 0, NaN)).toThrow(/voltage/);
  });
});
