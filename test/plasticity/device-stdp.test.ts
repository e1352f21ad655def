import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import { piecewise } from '../../src/protocols/waveform.ts';
import { DeviceNativeStdp } from '../../src/plasticity/device-stdp.ts';
import { allToAll } from '../../src/plasticity/engine.ts';
import { spikeWaveform, waveformLevel } from '../../src/plasticity/spike-waveform.ts';
import { computeStdpWindow, DEFAULT_SPIKE_WAVEFORM } from '../../src/plasticity/stdp-window.ts';
import { calibrateDevice } from '../../src/plasticity/memristive-weights.ts';

const device = compileDevice('mose2');
const wave = spikeWaveform(DEFAULT_SPIKE_WAVEFORM);

/** The device voltage V_pre - V_post as one waveform for driveDevice (independent reference). */
function netWaveform(tPre: number, tPost: number, endS: number) {
  const times = new Set<number>([0]);
  for (const t0 of [tPre, tPost]) for (const e of wave.edgesS) times.add(t0 + e);
  const sorted = [...times].filter((t) => t < endS).sort((a, b) => a - b);
  // level of each interval read at its midpoint, away from rounding at the edges
  const pts = sorted.map((t, k) => {
    const mid = (t + (k + 1 < sorted.length ? sorted[k + 1] : endS)) / 2;
    return [t, waveformLevel(wave, mid - tPre) - waveformLevel(wave, mid - tPost)] as const;
  });
  return piecewise(pts, endS);
}

describe('spike waveforms', () => {
  it('piecewise tails keep the volt-seconds of the continuous shape', () => {
    const T = 0.1;
    const tau = 0.02;
    const exp = spikeWaveform({ pulseV: -1, pulseWidthS: 0.01, tailV: 2, tailDurationS: T, tailShape: 'exp', tailTauS: tau, pieces: 7 });
    const lin = spikeWaveform({ pulseV: -1, pulseWidthS: 0.01, tailV: 2, tailDurationS: T, tailShape: 'linear', pieces: 5 });
    const area = (w: ReturnType<typeof spikeWaveform>): number => {
      let a = 0;
      for (let k = 0; k < w.levelsV.length; k++) a += w.levelsV[k] * (w.edgesS[k + 1] - w.edgesS[k]);
      return a;
    };
    expect(area(exp)).toBeCloseTo(-0.01 + 2 * tau * (1 - Math.exp(-T / tau)), 12);
    expect(area(lin)).toBeCloseTo(-0.01 + T, 12);
    expect(exp.durationS).toBeCloseTo(0.11, 12);
    expect(() => spikeWaveform({ ...DEFAULT_SPIKE_WAVEFORM, pulseWidthS: 0 })).toThrow(/pulseWidthS must be > 0 s/);
  });
});

describe('device-native STDP', () => {
  for (const [tPre, tPost] of [[0.1, 0.115], [0.13, 0.1], [0.1, 0.1], [0.1, 0.5]] as const) {
    it(`pre at ${tPre} s, post at ${tPost} s: the device integrates V_pre - V_post exactly`, () => {
      const syn = new DeviceNativeStdp(device, allToAll(1, 1), wave, wave);
      const end = 1;
      if (tPre <= tPost) {
        syn.preSpike(0, tPre);
        syn.postSpike(0, tPost);
      } else {
        syn.postSpike(0, tPost);
        syn.preSpike(0, tPre);
      }
      // read at irregular times on the way (lazy bringing forward must compose exactly)
      for (const t of [0.105, 0.2, 0.37]) syn.conductance(0, t);
      const g = syn.conductance(0, end);
      const ref = driveDevice(device, netWaveform(tPre, tPost, end), { sampleIntervalS: 0 });
      expect(g).toBeCloseTo(device.conductance(ref.finalState, 0), 20);
      expect(Math.abs(g / device.conductance(ref.finalState, 0) - 1)).toBeLessThan(1e-12);
    });
  }

  it('simultaneous pre and post spikes cancel: no change at all', () => {
    const syn = new DeviceNativeStdp(device, allToAll(1, 1), wave, wave);
    const g0 = syn.conductance(0, 0);
    syn.preSpike(0, 0.1);
    syn.postSpike(0, 0.1);
    const fresh = new Float64Array(device.stride);
    device.init(fresh, 0);
    device.advance(fresh, 0, 0, 1);
    expect(syn.conductance(0, 1)).toBe(device.conductance(fresh, 0));
    expect(g0).toBe(device.conductance(fresh, 0));
  });

  it('the window: causal pairs end higher than anti-causal ones, and both approach the no-overlap sum at 100 ms', () => {
    const cal = calibrateDevice({
      device,
      synapses: 1,
      potentiation: { amplitudeV: 4, widthS: 0.05 },
      depression: { amplitudeV: -3, widthS: 0.05 },
      initialWeight: 0.5,
    });
    const w = computeStdpWindow({ device, initialState: cal.initialState, stepS: 0.01 });
    const dt = w.table.column('dt_s');
    const last = w.table.column('dg_lasting_S');
    const base = w.preAloneS + w.postAloneS;
    const at = (x: number): number => last[dt.findIndex((v) => Math.abs(v - x) < 1e-9)];
    expect(at(0.01)).toBeGreaterThan(base);
    expect(at(-0.01)).toBeLessThan(base);
    // the interaction fades with |dt| on both sides
    expect(Math.abs(at(0.01) - base)).toBeGreaterThan(2 * Math.abs(at(0.05) - base));
    expect(Math.abs(at(-0.01) - base)).toBeGreaterThan(2 * Math.abs(at(-0.05) - base));
    expect(Math.abs(at(0.1) - base)).toBeLessThan(0.2 * Math.abs(at(0.01) - base));
  });
});
