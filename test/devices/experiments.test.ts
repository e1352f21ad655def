import { describe, expect, it } from 'vitest';
import { mose2Model, type Mose2Params } from '../../src/devices/mose2.ts';
import { compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import {
  DeviceUnderTest,
  READ_BIAS_V,
  firstCrossingInPulse,
  forgettingAfterTrain,
  incubationTime,
  innocuousTrain,
  learningForgetting,
  learningForgettingWaveform,
  noxiousFirstPulse,
  stateAfterNoxious,
} from '../../src/devices/experiments.ts';

const off = { weightS: 0, potRateRefPerS: 0, potSlopePerV: 0, depRateRefPerS: 0, depSlopePerV: 0, tauS: Infinity, tauSlopePerV: 0 };
/** Ohmic device with one volatile component: every quantity has a closed form. */
const single: Mose2Params = {
  thresholdV: 0.18,
  potRefV: 4,
  depRefV: 3,
  baseConductanceS: 1e-9,
  conductionBetaPerV: 0,
  sensitisationGain: 0,
  fast: { weightS: 20e-9, potRateRefPerS: 3, potSlopePerV: 0.5, depRateRefPerS: 0, depSlopePerV: 0, tauS: 0.6, tauSlopePerV: 0.05 },
  medium: off,
  slow: off,
  sens: off,
  fastHigh: off,
};

describe('firstCrossingInPulse', () => {
  it('finds the closed-form crossing time inside a pulse', () => {
    const dev = mose2Model.compile(single);
    const state = new Float64Array(5);
    state[0] = 0.1;
    const v = 2;
    const a = 3 * Math.exp(0.5 * (v - 4));
    const b = a + Math.exp(0.05 * v) / 0.6;
    const xi = a / b;
    const thr = 14e-9; // x* = 0.3, between x0 = 0.1 and x_inf = 0.375
    const xStar = (thr / v - 1e-9) / 20e-9;
    const expected = -Math.log((xStar - xi) / (state[0] - xi)) / b;
    expect(expected).toBeGreaterThan(0);
    const t = firstCrossingInPulse(dev, state, v, 2, thr);
    expect(Math.abs(t - expected)).toBeLessThan(1e-8);
    expect(state[0]).toBe(0.1);
    expect(firstCrossingInPulse(dev, state, v, expected * 0.9, thr)).toBe(-1);
    expect(firstCrossingInPulse(dev, state, v, 1, 1e-12)).toBe(0);
  });
});

describe('noxiousFirstPulse', () => {
  it('matches the closed form of a single ohmic component', () => {
    const dev = mose2Model.compile(single);
    const r = noxiousFirstPulse(dev, { amplitudeV: 7, widthS: 0.5 });
    const a = 3 * Math.exp(0.5 * 3);
    const b = a + Math.exp(0.05 * 7) / 0.6;
    const x = (a / b) * (1 - Math.exp(-b * 0.5));
    expect(r.startCurrentA).toBeCloseTo(7e-9, 20);
    expect(Math.abs(r.endCurrentA - 7 * (1e-9 + 20e-9 * x)) / r.endCurrentA).toBeLessThan(1e-12);
  });
});

describe('forgettingAfterTrain', () => {
  it('fits the single component relaxation time at the read bias', () => {
    const dev = mose2Model.compile(single);
    const r = forgettingAfterTrain(dev, 4);
    const tauRead = 0.6 * Math.exp(-0.05 * READ_BIAS_V);
    expect(Math.abs(r.fit.tauS - tauRead) / tauRead).toBeLessThan(1e-4);
    expect(Math.abs(r.fit.y0 - 1e-9 * READ_BIAS_V) / (1e-9 * READ_BIAS_V)).toBeLessThan(1e-4);
  });
});

describe('learningForgetting', () => {
  it('agrees with the event-driven drive of the same waveform', () => {
    const dev = compileDevice('mose2');
    const lf = learningForgetting(dev);
    const drive = driveDevice(dev, learningForgettingWaveform({}, 0.1), { sampleIntervalS: 0 });
    const n = lf.spec.pulses;
    expect(drive.pulses.rows).toBe(n * lf.spec.cycles);
    for (let c = 0; c < lf.spec.cycles; c++) {
      for (let k = 0; k < n; k++) {
        const iEnd = drive.pulses.get(c * n + k, 5);
        expect(Math.abs(iEnd - lf.pulseCurrentA[c][k]) / iEnd).toBeLessThan(1e-9);
      }
    }
    // Relearning count recomputed from the drive's table.
    const target = drive.pulses.get(n - 1, 5);
    let count = Infinity;
    for (let k = 0; k < n; k++) if (drive.pulses.get(n + k, 5) >= target) { count = k + 1; break; }
    expect(lf.relearningPulses).toBe(count);
    expect(lf.relearningFractional).toBeGreaterThan(count - 1);
    expect(lf.relearningFractional).toBeLessThanOrEqual(count);
  });
});

describe('innocuous train and incubation', () => {
  it('reports the exact crossing: the current equals I_nox there and is below just before', () => {
    const dev = compileDevice('mose2');
    const state = stateAfterNoxious(dev, 2);
    const r = innocuousTrain(dev, { durationS: 120 }, state);
    expect(Number.isFinite(r.crossingS)).toBe(true);
    const k = Math.floor(r.crossingS / 1);
    const inPulse = r.crossingS - k;
    expect(inPulse).toBeLessThanOrEqual(0.5);
    const currentAt = (t: number): number => {
      const dut = new DeviceUnderTest(dev, state);
      for (let j = 0; j < k; j++) { dut.hold(2, 0.5); dut.hold(READ_BIAS_V, 0.5); }
      dut.hold(2, t);
      return dut.current(2);
    };
    expect(Math.abs(currentAt(inPulse) - 80e-9) / 80e-9).toBeLessThan(1e-6);
    if (inPulse > 1e-6) expect(currentAt(inPulse - 1e-6)).toBeLessThan(80e-9);
    expect(incubationTime(dev, 2)).toBe(r.crossingS);
  });

  it('a pristine device never crosses within the search window of a lower threshold than reached', () => {
    const dev = compileDevice('mose2');
    const r = innocuousTrain(dev, { durationS: 60 });
    expect(r.crossingS).toBe(Infinity);
    const again = innocuousTrain(dev, { durationS: 60, thresholdA: 0.5 * r.maxCurrentA });
    expect(again.crossingS).toBeLessThan(60);
  });
});
