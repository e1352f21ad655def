/**
 * A synthetic receptor grid for stream benchmarks and viewer tests: a live
 * scenario whose load (spikes per second, state changes) is set directly,
 * independent of any device calibration. Each cell fires as a Poisson process
 * of rate rateHz (next spike after an exponential interval, drawn from the
 * seeded xoshiro128** generator, so the stream is deterministic); a cell that
 * fired `sensitiseAfter` times moves up one state (normal -> allodynia ->
 * hyperalgesia) and, `recoverS` later, back to normal. Probe 0 is the grid's
 * mean firing rate over the last sample interval, with a threshold line.
 */
import { Kernel, Phase, Rng } from '../kernel/index.ts';
import { num } from '../harness/params.ts';
import type { LiveSimulation, LiveSink } from '../sinks/types.ts';
import type { Scenario } from '../harness/types.ts';

export interface SyntheticGridSpec {
  width: number;
  height: number;
  rateHz: number;
  durationS: number;
  sampleIntervalS: number;
  sensitiseAfter: number;
  recoverS: number;
  seed: number;
}

export const SYNTHETIC_STATES = ['normal', 'allodynia', 'hyperalgesia'] as const;

export function syntheticGrid(spec: SyntheticGridSpec): LiveSimulation {
  const n = spec.width * spec.height;
  const rng = new Rng(spec.seed);
  const kernel = new Kernel();
  const count = new Uint32Array(n);
  const state = new Uint8Array(n);
  let sink: LiveSink = { spike() {}, sample() {}, stateChange() {} };
  let spikesSinceSample = 0;
  const dt = spec.sampleIntervalS;

  const recoverKind = kernel.registerKind('synthetic-recover', Phase.plasticity, (i, _p, tS) => {
    if (state[i] !== 0) {
      sink.stateChange(tS, i, state[i], 0);
      state[i] = 0;
      count[i] = 0;
    }
  });
  const spikeKind = kernel.registerKind('synthetic-spike', Phase.spike, (i, _p, tS) => {
    sink.spike(tS, i);
    spikesSinceSample++;
    if (++count[i] % spec.sensitiseAfter === 0 && state[i] < 2) {
      sink.stateChange(tS, i, state[i], state[i] + 1);
      state[i]++;
      kernel.schedule(tS + spec.recoverS, recoverKind, i, 0);
    }
    kernel.schedule(tS + rng.exponential(spec.rateHz), spikeKind, i, 0);
  });
  const sampleKind = kernel.registerKind('synthetic-sample', Phase.record, (_t, k, tS) => {
    sink.sample(tS, 0, k === 0 ? 0 : spikesSinceSample / (n * dt));
    spikesSinceSample = 0;
    const next = (k + 1) * dt;
    if (next <= spec.durationS) kernel.schedule(next, sampleKind, 0, k + 1);
  });
  for (let i = 0; i < n; i++) kernel.schedule(rng.exponential(spec.rateHz), spikeKind, i, 0);
  kernel.schedule(0, sampleKind, 0, 0);
  return {
    kernel,
    durationS: spec.durationS,
    neurons: n,
    probes: [{ name: 'mean rate', unit: 'Hz', threshold: spec.rateHz * 1.5 }],
    stateNames: [...SYNTHETIC_STATES],
    grid: { width: spec.width, height: spec.height },
    attach(s) {
      sink = s;
    },
  };
}

/** The synthetic grid as a scenario, for the stream bench and the viewer tests. */
export const syntheticGridScenario: Scenario = {
  name: 'synthetic-grid',
  experiment: 'circuit',
  figure: '',
  title: 'Synthetic Poisson receptor grid (stream load source)',
  group: 'circuit',
  params: [
    { key: 'side', type: 'integer', default: 16, min: 1, max: 256, description: 'grid side (cells)' },
    { key: 'rateHz', type: 'number', default: 20, unit: 'Hz', min: 0.01, max: 10000, description: 'firing rate of each cell' },
    { key: 'durationS', type: 'number', default: 600, unit: 's', min: 0.01, max: 1e6, description: 'simulated duration' },
    { key: 'sampleIntervalS', type: 'number', default: 0.01, unit: 's', min: 1e-5, max: 10, description: 'probe sampling interval' },
  ],
  async run() {
    throw new Error('scenario "synthetic-grid" only runs live (memspike serve)');
  },
  live(params, seed) {
    const side = num(params, 'side');
    return syntheticGrid({
      width: side,
      height: side,
      rateHz: num(params, 'rateHz'),
      durationS: num(params, 'durationS'),
      sampleIntervalS: num(params, 'sampleIntervalS'),
      sensitiseAfter: 40,
      recoverS: 1.5,
      seed,
    });
  },
};
