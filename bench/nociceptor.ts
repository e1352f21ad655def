/**
 * Nociceptor networks: 64 x 64 memristive nociceptors for 10 s simulated.
 *
 * skin-patch-64x64: the skin-patch circuit (scenarios/circuits/skin-patch.ts)
 *   on the network layer: a noxious spot of radius 16 burnt at 7 V for
 *   0.5-2 s (centre longest), 0.5 s rest, then the innocuous 2 V train on the
 *   whole patch; the sensitisation check clock every 0.25 s touches every
 *   receptor.
 * noxious-train-64x64: the same 4096 receptors, one population on the
 *   network engine, all under the E12 noxious train (7 V, W = dt = 0.5 s,
 *   read bias between pulses); periodic sensitisation check; no probes.
 * Figures: kernel events and spikes per wall second, wall time of one run
 * (each lasts seconds: JIT warm-up is negligible), events, spikes and state
 * changes.
 * grid/noxious-64x64, grid/skin-64x64: the workloads of bench/nociceptor-grid.ts
 *   (the E12 noxious train on every receptor; the skin patch) on the engine,
 *   run burst by burst (src/network/bursts.ts), with the per-spike cost.
 * Figures: kernel events and spikes per wall second, wall and CPU time of one
 * run (each lasts seconds: JIT warm-up is negligible), wall and CPU time per
 * spike, events, spikes and state changes.
 *
 * Where the time goes (node --cpu-prof, noxious train, 16 x 16 receptors,
 * 10 s simulated, 126 k spikes). Before (adaptive Gauss-Legendre quadrature
 * on copies of the device state, one prediction per spike, 67 us wall per
 * spike under the profiler): 46 % evaluating the device through its generic
 * advance and current on a copy (33 % advance: 8 exponentials per
 * evaluation; 13 % current), 27 % the quadrature (piece, adaptive, gl,
 * currentAt), 3 % the current bound, under 3 % kernel and simulator. After
 * (closed-form device view, Chebyshev pieces, Newton on the interpolant, one
 * burst per constant-voltage interval, the driver of bench/nociceptor-grid.ts,
 * 32 x 32 receptors, 1.54 M spikes), without the replay of identical
 * intervals: of the simulation about 35 % fitting pieces (16 rate
 * evaluations and a 16 x 16 cosine transform each, about 15 pieces per
 * 0.5 s pulse at 7 V), 25 % evaluating the current (4 exponentials each,
 * about 1.7 evaluations per spike), 17 % Newton on the interpolant, 15 %
 * kernel and driver; 1.4 us CPU per spike. With the replay (every receptor
 * of the noxious train starts each pulse from the same device state, so the
 * pieces are fitted once per pulse for all): about 45 % Newton on the
 * interpolant (two Clenshaw sums per iteration, 2-3 iterations per spike,
 * the guess from the spike before), 30 % kernel (one pop and one push per
 * spike), 15 % driver handlers, a few % GC; 0.9-1.2 us CPU per spike. The
 * skin patch spends its time per stimulus edge instead (fitting a burst per
 * injured receptor, the sensitisation rule's spike response), about 30 us
 * CPU per edge. Measured on the shared 2-core machine (load average 12-18):
 * the 16 x 16 noxious train took 41.6 us wall per spike on the population
 * simulator and 6.0 us on the burst driver (before the replay) in the same
 * session.
 * On the engine (bursts in Network, src/network/bursts.ts; five-component
 * device preset; node --cpu-prof, 10 s simulated, machine load average
 * 10-20). Skin patch 64 x 64 before the memos: 35 % the periodic
 * sensitisation check (33 % its noxious spike response, evaluated for every
 * receptor in hyperalgesia or recovery at every check), 25 % stimulus edges
 * (17 % the onset prediction), 15 % bursts; 4.1 s CPU, 27 us CPU per spike.
 * After (the evaluation and the onset time memoised on the bit-exact device
 * state, so a uniform region pays once): 12 % the check's evaluation, 15 %
 * bursts, 13 % spikes; 1.3-1.5 s CPU, 9-10 us CPU per spike (the skin
 * patch's cost is per edge and check, not per spike). Noxious train 32 x 32
 * (1.13 M spikes; every receptor shares one burst per chunk): 21 % the
 * crossing heap's sift-down, 16 % the crossing handler, 15 % kernel run and
 * schedule, under 3 % bursts and checks; 1.1-1.2 us CPU per spike under the
 * profiler, 0.6 us CPU per spike at 64 x 64 without it. Same-instant
 * crossings now fire in one kernel event (1.23 -> 1.07 s CPU). What would cut
 * more: one heap entry per uniform region instead of per receptor (the
 * sift-down is log2 n per spike).
 */
import { article } from '../src/devices/targets.ts';
import { Network, SpikeRecorder } from '../src/network/index.ts';
import { waveformDesc } from '../scenarios/duan2023/nociceptor-run.ts';
import { stimulusWave } from '../src/neurons/nociceptor-protocols.ts';
import { gridWorkload, runGrid, type WorkloadName } from './nociceptor-grid.ts';
import { skinPatch, skinPatchNetwork } from '../scenarios/circuits/skin-patch.ts';
import type { Params } from '../src/harness/types.ts';
import type { BenchModule, BenchResult } from './types.ts';

const SIDE = 64;
const SIM_S = 10;

function skinParams(): Params {
  const p: Record<string, number> = {};
  for (const s of skinPatch.params) p[s.key] = s.default as number;
  Object.assign(p, { gridWidth: SIDE, gridHeight: SIDE, spotRadius: 16, restS: 0.5, touchS: 6, durationS: SIM_S, recoveryS: 0 });
  return p as Params;
}

function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

function result(name: string, wallS: number, events: number, spikes: number, states: number): BenchResult {
  return {
    name,
    value: events / wallS,
    unit: 'events/s',
    detail: {
      receptors: SIDE * SIDE,
      simS: SIM_S,
      events,
      spikes,
      'spikes/s': Math.round(spikes / wallS),
      stateChanges: states,
      wallS: +wallS.toFixed(3),
    },
  };
}

function skinPatchCase(): BenchResult {
  const params = skinParams();
  let events = 0;
  let spikes = 0;
  let states = 0;
  const wallS = timeOnce(() => {
    const net = new Network(skinPatchNetwork(params, 1));
    const rec = new SpikeRecorder();
    net.attach(rec);
    net.run();
    events = net.kernel.eventsDispatched;
    spikes = rec.count;
    states = rec.stateChanges.rows;
  });
  return result(`nociceptor/skin-patch-${SIDE}x${SIDE}`, wallS, events, spikes, states);
}

function noxiousTrainCase(): BenchResult {
  const n = SIDE * SIDE;
  const period = article.innocuous.widthS + article.innocuous.intervalS;
  const wave = stimulusWave([{ amplitudeV: article.noxiousV, widthS: article.innocuous.widthS, intervalS: article.innocuous.intervalS, count: Math.floor(SIM_S / period), startS: 0 }], SIM_S);
  let events = 0;
  let spikes = 0;
  let states = 0;
  const wallS = timeOnce(() => {
    const net = new Network({
      durationS: SIM_S,
      seed: 1,
      populations: [{ name: 'skin', model: 'nociceptor', size: n }],
      stimuli: [{ kind: 'uniform', population: 'skin', waveform: waveformDesc(wave) }],
    });
    const rec = new SpikeRecorder();
    net.attach(rec);
    net.run();
    events = net.kernel.eventsDispatched;
    spikes = rec.count;
    states = rec.stateChanges.rows;
  });
  return result(`nociceptor/noxious-train-${SIDE}x${SIDE}`, wallS, events, spikes, states);
}

function gridCase(name: WorkloadName): BenchResult {
  const r = runGrid(gridWorkload(name, SIDE));
  const base = result(`nociceptor/grid/${name}-${SIDE}x${SIDE}`, r.wallS, r.events, r.spikes, 0);
  return {
    ...base,
    detail: {
      ...base.detail,
      cpuS: +r.cpuS.toFixed(3),
      'wall us/spike': +((r.wallS / r.spikes) * 1e6).toFixed(3),
      'cpu us/spike': +((r.cpuS / r.spikes) * 1e6).toFixed(3),
    },
  };
}

export const nociceptorBench: BenchModule = {
  name: 'nociceptor',
  description: `${SIDE} x ${SIDE} memristive nociceptors, ${SIM_S} s simulated: skin patch and a noxious train on the network engine; noxious train and skin patch as grid workloads (bursts, per-spike cost)`,
  run: () => [skinPatchCase(), noxiousTrainCase(), gridCase('noxious'), gridCase('skin')],
};
