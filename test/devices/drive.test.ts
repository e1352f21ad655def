import { describe, expect, it } from 'vitest';
import { compileDevice, devices } from '../../src/devices/registry.ts';
import { conductionFactor } from '../../src/devices/mose2.ts';
import { driveDevice, PULSE_COLUMNS } from '../../src/devices/drive.ts';
import { pulseTrain, piecewise } from '../../src/protocols/waveform.ts';

describe('driveDevice', () => {
  const device = compileDevice('mose2');
  const wave = pulseTrain({ amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 10, readV: 0.1, startS: 0.1 });

  it('ends in the state of the closed form applied level by level', () => {
    const r = driveDevice(device, wave, { sampleIntervalS: 0.007 });
    const s = new Float64Array(device.stride);
    device.init(s, 0);
    for (let i = 0; i < wave.edgeTimesS.length; i++) {
      const end = i + 1 < wave.edgeTimesS.length ? wave.edgeTimesS[i + 1] : wave.endS;
      device.advance(s, 0, wave.levelsV[i], end - wave.edgeTimesS[i]);
    }
    for (let k = 0; k < device.stride; k++) expect(Math.abs(r.finalState[k] - s[k])).toBeLessThan(1e-12 * Math.max(1e-300, Math.abs(s[k])) + 1e-300);
    // Regular samples do not disturb the result either.
    const bare = driveDevice(device, wave, { sampleIntervalS: 0 });
    for (let k = 0; k < device.stride; k++) expect(Math.abs(bare.finalState[k] - r.finalState[k])).toBeLessThanOrEqual(1e-12 * Math.abs(s[k]));
  });

  it('records two rows per edge, one per sample and one at the end; samples at k * dt exactly', () => {
    const dt = 0.007;
    const r = driveDevice(device, wave, { sampleIntervalS: dt });
    const nSamples = Math.ceil(wave.endS / dt) - 1; // samples at k dt < endS, k >= 1
    expect(r.trace.rows).toBe(2 * wave.edgeTimesS.length + nSamples + 1);
    expect(r.eventsDispatched).toBe(wave.edgeTimesS.length + nSamples + 1);
    const t = r.trace.column('t_s');
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    const samples = new Set(Array.from({ length: nSamples }, (_, k) => (k + 1) * dt));
    let found = 0;
    for (const x of t) if (samples.has(x)) found++;
    expect(found).toBeGreaterThanOrEqual(nSamples);
    expect(r.trace.columns).toEqual(['t_s', 'v_V', 'i_A', 'g_S', 'x_fast', 'x_medium', 'x_slow', 'x_sens', 'x_fastHigh']);
  });

  it('fills one pulse row per pulse with the current at its start, end and peak', () => {
    const r = driveDevice(device, wave, { sampleIntervalS: 0.005 });
    expect(r.pulses.columns).toEqual([...PULSE_COLUMNS]);
    expect(r.pulses.rows).toBe(10);
    for (let k = 0; k < 10; k++) {
      expect(r.pulses.get(k, 0)).toBe(k);
      expect(r.pulses.get(k, 1)).toBe(wave.pulses[k].tStartS);
      const i0 = r.pulses.get(k, 4);
      const i1 = r.pulses.get(k, 5);
      // Potentiating pulse: the current rises during it, so the peak is at the end.
      expect(i1).toBeGreaterThan(i0);
      expect(r.pulses.get(k, 6)).toBe(i1);
      // g_end is the conductance behind i_end.
      const f = conductionFactor(devices.mose2.preset, 3);
      expect(Math.abs(i1 / r.pulses.get(k, 7) - f) / f).toBeLessThan(1e-12);
    }
  });

  it('starts from a given initial state and leaves it untouched', () => {
    const init = Float64Array.from([0.5, 0.1, 0.2, 0]);
    const copy = init.slice();
    const w = piecewise([[0, 0]], 2);
    const r = driveDevice(device, w, { sampleIntervalS: 0, initialState: init });
    expect(init).toEqual(copy);
    expect(r.finalState[0]).toBeLessThan(0.5); // the volatile component relaxed
    expect(r.finalState[2]).toBeGreaterThan(0.19); // the slow one barely moved
  });
});
