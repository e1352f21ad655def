/**
 * Nociceptor networks: a 64 x 64 skin patch of memristive nociceptors for
 * 10 s simulated.
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
 */
import { article } from '../src/devices/targets.ts';
import { Network, SpikeRecorder } from '../src/network/index.ts';
import { waveformDesc } from '../scenarios/duan2023/nociceptor-run.ts';
import { stimulusWave } from '../src/neurons/nociceptor-protocols.ts';
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

export const nociceptorBench: BenchModule = {
  name: 'nociceptor',
  description: `${SIDE} x ${SIDE} memristive nociceptors, ${SIM_S} s simulated: skin patch and a noxious train on the network engine`,
  run: () => [skinPatchCase(), noxiousTrainCase()],
};
