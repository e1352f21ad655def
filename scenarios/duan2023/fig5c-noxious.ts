/**
 * E12 (Fig. 5c): a memristive nociceptor under a noxious stimulus, 7 V pulses
 * (W = 0.5 s, dt = 0.5 s, the timing of E11) on a pristine device. The
 * article: the current exceeds I_nox from the beginning; the nociceptor
 * fires from the first pulse, and keeps firing pulse after pulse (no
 * adaptation).
 */
import { currentTraceChart } from './nociceptor-figures.ts';
import { article } from '../../src/devices/targets.ts';
import {
  STATE_CODES_NOTE,
  nociceptorParamSpecs,
  singleTrainRun,
  type NociceptorRun,
  spikesOf,
  writeNociceptorTables,
} from './nociceptor-run.ts';
import { raster } from '../../src/report/raster.ts';
import { atLeast, holds, figure } from '../../src/harness/metrics.ts';
import { finishScenario, writeSVG } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

function build(params: Params, seed: number): NociceptorRun {
  const count = num(params, 'pulses');
  return singleTrainRun(params, seed, count, count * (num(params, 'widthS') + num(params, 'intervalS')));
}

export const fig5cNoxious: Scenario = {
  name: 'fig5c-noxious',
  experiment: 'E12',
  figure: 'Fig. 5c',
  title: 'Nociceptor under a noxious stimulus: above I_nox from the first pulse',
  group: 'nociceptor',
  params: [
    { key: 'amplitudeV', type: 'number', default: article.noxiousV, unit: 'V', min: 0.2, max: 12, description: 'noxious pulse amplitude' },
    { key: 'widthS', type: 'number', default: article.innocuous.widthS, unit: 's', min: 0.001, max: 10, description: 'pulse width W' },
    { key: 'intervalS', type: 'number', default: article.innocuous.intervalS, unit: 's', min: 0, max: 10, description: 'interval dt between pulses' },
    { key: 'pulses', type: 'integer', default: 10, min: 1, max: 1000, description: 'number of noxious pulses' },
    { key: 'sampleIntervalS', type: 'number', default: 0.005, unit: 's', min: 0.0005, max: 10, description: 'trace sample interval' },
    ...nociceptorParamSpecs,
  ],
  estimate: (p) => {
    const pulses = num(p, 'pulses');
    const rows = (pulses * (num(p, 'widthS') + num(p, 'intervalS')) + 10) / num(p, 'sampleIntervalS') + 2 * pulses;
    return recordedRows(rows + 4 * pulses, rows, 6);
  },
  async run(ctx) {
    const sim = build(ctx.params, ctx.seed);
    const thresholdA = sim.neurons.law.thresholdA;
    ctx.progress.start('fig5c-noxious');
    sim.run(sim.durationS, (f) => ctx.progress.update(f));
    ctx.progress.done();
    writeNociceptorTables(ctx, sim);
    const p = sim.pulses;
    const starts = p.column('i_start_A');
    const spikesPerPulse = p.column('spikes');
    const firstSpike = spikesOf(sim, 0)[0] ?? Infinity;
    const firstPulseWidth = p.get(0, 2);
    const allPulsesFire = spikesPerPulse.every((s) => s > 0);
    const rateFirst = spikesPerPulse[0] / p.get(0, 2);
    const rateLast = spikesPerPulse[spikesPerPulse.length - 1] / p.get(p.rows - 1, 2);
    const tr = sim.trace;
    const figures = [
      writeSVG(
        ctx,
        'fig5c-noxious.svg',
        currentTraceChart(`Noxious stimulus: ${num(ctx.params, 'amplitudeV')} V pulses`, tr, thresholdA),
      ),
      writeSVG(
        ctx,
        'fig5c-spikes.svg',
        raster({
          title: 'Nociceptor spikes',
          timesS: sim.spikes.column('t_s'),
          neurons: sim.spikes.column('neuron'),
          rows: 1,
          height: 200,
          xDomain: [0, sim.durationS],
          groups: [{ name: 'nociceptor', first: 0, count: 1, color: '#d62728' }],
          spans: Array.from({ length: p.rows }, (_, k) => ({ from: p.get(k, 1), to: p.get(k, 1) + p.get(k, 2), label: `pulse ${k + 1}` })),
        }),
      ),
    ];
    const metrics = [
      atLeast({ id: 'E12.above-threshold', name: 'current at the rising edge of pulse 1', unit: 'nA', says: 'current at the rising edge of pulse 1', panel: 'Fig. 5c' }, article.painThresholdA * 1e9, round(starts[0] * 1e9), round(thresholdA * 1e9)),
      holds({ id: 'E12.1', name: 'spikes from the first pulse', says: 'fires from the first pulse', panel: 'Fig. 5c' }, `first spike at ${round(firstSpike * 1000)} ms`, firstSpike < firstPulseWidth),
      holds({ id: 'E12.2', name: 'every noxious pulse evokes spikes', says: 'no adaptation', panel: 'Fig. 5c' }, `${spikesPerPulse.filter((s) => s > 0).length} of ${p.rows} pulses`, allPulsesFire),
      figure('firing rate in pulse 1', 'Hz', round(rateFirst)),
      figure('firing rate in the last pulse', 'Hz', round(rateLast)),
    ];
    return finishScenario(ctx, fig5cNoxious, metrics, figures, { notes: [STATE_CODES_NOTE] });
  },
  live(params, seed) {
    return build(params, seed).live();
  },
};

function round(x: number): number {
  return Number(x.toPrecision(5));
}
