import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import { pulseTrain } from '../../src/protocols/waveform.ts';
import { liveDevices } from '../../src/harness/live-device.ts';

interface Rec {
  samples: Array<[number, number, number]>;
  spikes: Array<[number, number]>;
  states: Array<[number, number, number, number]>;
}

function record(sim: ReturnType<typeof liveDevices>): Rec {
  const r: Rec = { samples: [], spikes: [], states: [] };
  sim.attach({
    sample: (t, p, v) => r.samples.push([t, p, v]),
    spike: (t, n) => r.spikes.push([t, n]),
    stateChange: (t, n, a, b) => r.states.push([t, n, a, b]),
  });
  sim.kernel.run(sim.durationS);
  return r;
}

const train = (amplitudeV: number) => pulseTrain({ amplitudeV, widthS: 0.05, intervalS: 0.05, count: 10, readV: 0.1, startS: 0.1, endS: 1.5 });

describe('live devices', () => {
  it('samples the current the model gives for the same waveform (driveDevice)', () => {
    const dt = 0.01;
    const sim = liveDevices({ channels: [{ label: '3 V', waveform: train(3) }, { label: '5 V', waveform: train(5) }], sampleIntervalS: dt });
    expect(sim.neurons).toBe(0);
    expect(sim.probes.map((p) => p.name)).toEqual(['I 3 V', 'V 3 V', 'I 5 V', 'V 5 V']);
    const r = record(sim);
    // t_k = k dt for k = 0..150, two devices, current and voltage each.
    expect(r.samples.length).toBe(151 * 4);
    const device = compileDevice('mose2');
    for (const [d, amp] of [[0, 3], [1, 5]] as const) {
      const ref = driveDevice(device, train(amp), { sampleIntervalS: dt }).trace;
      const t = ref.column('t_s');
      const i = ref.column('i_A');
      // Reference current at each regular sample time (the last row at that time: after any edge).
      const byTime = new Map<number, number>();
      for (let k = 0; k < t.length; k++) byTime.set(t[k], i[k]);
      let compared = 0;
      for (const [ts, p, v] of r.samples) {
        if (p !== 2 * d || !byTime.has(ts)) continue;
        expect(Math.abs(v - byTime.get(ts)!)).toBeLessThanOrEqual(1e-9 * Math.abs(byTime.get(ts)!) + 1e-18);
        compared++;
      }
      expect(compared).toBeGreaterThan(140);
    }
    // Voltage probes hold the waveform level: read bias before and after the first pulse (0.1..0.15 s), 3 V during it.
    const v = (t: number) => r.samples.find(([ts, p]) => p === 1 && Math.abs(ts - t) < 1e-12)![2];
    expect(v(0.12)).toBe(3);
    expect(v(0.17)).toBe(0.1);
    expect(v(0.05)).toBe(0.1);
  });

  it('spikes at each upward crossing of the threshold and reports above/below changes', () => {
    const device = compileDevice('mose2');
    const ref = driveDevice(device, train(4), { sampleIntervalS: 0.01 }).pulses;
    // A threshold between the first and the last pulse's end current: the train crosses it part-way.
    const first = ref.get(0, 5);
    const last = ref.get(ref.rows - 1, 5);
    expect(last).toBeGreaterThan(first);
    const thresholdA = Math.sqrt(first * last);
    const sim = liveDevices({ channels: [{ label: '4 V', waveform: train(4) }], sampleIntervalS: 0.01, thresholdA });
    expect(sim.neurons).toBe(1);
    expect(sim.probes[0].threshold).toBe(thresholdA);
    const r = record(sim);
    const ups = r.states.filter((s) => s[3] === 1);
    expect(r.spikes.length).toBe(ups.length);
    expect(r.spikes.length).toBeGreaterThan(0);
    // Changes alternate below -> above -> below ...
    r.states.forEach((s, k) => expect([s[2], s[3]]).toEqual(k % 2 === 0 ? [0, 1] : [1, 0]));
    // Pulses whose end current exceeds the threshold each give one spike (read bias between pulses is far below it).
    let above = 0;
    for (let p = 0; p < ref.rows; p++) if (ref.get(p, 5) > thresholdA) above++;
    expect(r.spikes.length).toBe(above);
    for (const [t] of r.spikes) expect(r.spikes.filter(([u]) => u === t).length).toBe(1);
  });

  it('rejects bad specifications with a clear message', () => {
    expect(() => liveDevices({ channels: [], sampleIntervalS: 0.01 })).toThrow(/"channels" must hold at least one waveform/);
    expect(() => liveDevices({ channels: [{ label: 'a', waveform: train(2) }], sampleIntervalS: 0 })).toThrow(/"sampleIntervalS" must be a finite number > 0/);
    expect(() => liveDevices({ channels: [{ label: 'a', waveform: train(2) }], sampleIntervalS: 0.01, thresholdA: -1 })).toThrow(/"thresholdA" must be > 0/);
  });
});
