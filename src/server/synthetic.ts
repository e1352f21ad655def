/**
 * A synthetic receptor grid for stream benchmarks and viewer tests: a live
 * scenario whose load (spikes per second, state changes) is set directly,
 * independent of any device calibration. It is a network (src/network) of
 * one Poisson population (src/neurons/poisson.ts): each cell fires as a
 * Poisson process of rate rateHz (counter-based seeded intervals, so the
 * stream is deterministic); a cell that fired `sensitiseAfter` times moves
 * up one state (normal -> allodynia -> hyperalgesia) and, `recoverS` later,
 * back to normal (seen at the population's periodic check). Probe 0 is the
 * grid's mean firing rate over the last sample interval, with a threshold
 * line: a record-phase kind of its own on the network's kernel.
 */
import { Phase } from '../kernel/index.ts';
import { num } from '../harness/params.ts';
import { Network } from '../network/network.ts';
import { POISSON_STATES } from '../neurons/poisson.ts';
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
  /** Interval of the recovery check (s); default 0.05. */
  checkIntervalS?: number;
}

export const SYNTHETIC_STATES = POISSON_STATES;

export function syntheticGrid(spec: SyntheticGridSpec): LiveSimulation {
  const n = spec.width * spec.height;
  const { rateHz, sensitiseAfter, recoverS, seed } = spec;
  const net = new Network({
    durationS: spec.durationS,
    seed,
    populations: [
      {
        name: 'grid',
        model: 'poisson',
        size: n,
        grid: { width: spec.width, height: spec.height },
        params: { rateHz, seed, sensitiseAfter, recoverS, checkIntervalS: spec.checkIntervalS ?? 0.05 },
      },
    ],
  });
  let sink: LiveSink = { spike() {}, sample() {}, stateChange() {} };
  let spikesAtSample = 0;
  const dt = spec.sampleIntervalS;
  const sampleKind = net.kernel.registerKind('synthetic-sample', Phase.record, (_t, k, tS) => {
    sink.sample(tS, 0, k === 0 ? 0 : (net.spikeCount - spikesAtSample) / (n * dt));
    spikesAtSample = net.spikeCount;
    const next = (k + 1) * dt;
    if (next <= spec.durationS) net.kernel.schedule(next, sampleKind, 0, k + 1);
  });
  net.start();
  net.kernel.schedule(0, sampleKind, 0, 0);
  return {
    kernel: net.kernel,
    durationS: spec.durationS,
    neurons: n,
    probes: [{ name: 'mean rate', unit: 'Hz', threshold: rateHz * 1.5 }],
    stateNames: [...SYNTHETIC_STATES],
    grid: { width: spec.width, height: spec.height },
    attach(s) {
      sink = s;
      net.attach(s);
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
