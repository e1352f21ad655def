/**
 * E11 (Fig. 5b): a memristive nociceptor under an innocuous stimulus, 2 V
 * pulses of W = 0.5 s every dt = 0.5 s for at least 60 s, on a pristine
 * device. The article: the current grows gradually but never exceeds the pain
 * threshold I_nox = 80 nA, so the nociceptor stays silent.
 */
import { currentTraceChart } from './nociceptor-figures.ts';
import { article } from '../../src/devices/targets.ts';
import {
  STATE_CODES_NOTE,
  nociceptorParamSpecs,
  singleTrainRun,
  type NociceptorRun,
  writeNociceptorTables,
} from './nociceptor-run.ts';
import { lineChart } from '../../src/report/svg.ts';
import { atLeast, atMost, figure, holds } from '../../src/harness/metrics.ts';
import { finishScenario, writeSVG } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

function build(params: Params, seed: number): NociceptorRun {
  const durationS = num(params, 'durationS');
  const count = Math.floor(durationS / (num(params, 'widthS') + num(params, 'intervalS')));
  return singleTrainRun(params, seed, count, durationS);
}

export const fig5bInnocuous: Scenario = {
  name: 'fig5b-innocuous',
  experiment: 'E11',
  figure: 'Fig. 5b',
  title: 'Nociceptor under an innocuous stimulus: current grows, stays below I_nox',
  group: 'nociceptor',
  params: [
    { key: 'amplitudeV', type: 'number', default: article.innocuous.amplitudeV, unit: 'V', min: 0.2, max: 10, description: 'innocuous pulse amplitude' },
    { key: 'widthS', type: 'number', default: article.innocuous.widthS, unit: 's', min: 0.001, max: 10, description: 'pulse width W' },
    { key: 'intervalS', type: 'number', default: article.innocuous.intervalS, unit: 's', min: 0, max: 10, description: 'interval dt between pulses' },
    { key: 'durationS', type: 'number', default: article.innocuous.holdS, unit: 's', min: 1, max: 3600, description: 'length of the stimulation' },
    { key: 'sampleIntervalS', type: 'number', default: 0.02, unit: 's', min: 0.001, max: 10, description: 'trace sample interval' },
    ...nociceptorParamSpecs,
  ],
  estimate: (p) => {
    const pulses = num(p, 'durationS') / (num(p, 'widthS') + num(p, 'intervalS'));
    const rows = num(p, 'durationS') / num(p, 'sampleIntervalS') + 2 * pulses;
    return recordedRows(rows + 4 * pulses, rows, 6);
  },
  async run(ctx) {
    const sim = build(ctx.params, ctx.seed);
    const thresholdA = sim.neurons.law.thresholdA;
    ctx.progress.start('fig5b-innocuous');
    sim.run(sim.durationS, (f) => ctx.progress.update(f));
    ctx.progress.done();
    writeNociceptorTables(ctx, sim);
    const peaks = sim.pulses.column('i_peak_A');
    const ends = sim.pulses.column('i_end_A');
    const maxA = peaks.reduce((a, b) => Math.max(a, b), 0);
    const first = ends[0];
    const last = ends[ends.length - 1];
    const growthPct = ((last - first) / first) * 100;
    let rises = 0;
    for (let k = 1; k < ends.length; k++) if (ends[k] > ends[k - 1]) rises++;
    const gradual = ends.length > 1 && rises === ends.length - 1;
    const tr = sim.trace;
    const durationS = sim.durationS;
    const figures = [
      writeSVG(
        ctx,
        'fig5b-innocuous.svg',
        currentTraceChart(`Innocuous stimulus: ${num(ctx.params, 'amplitudeV')} V pulses, ${durationS} s`, tr, thresholdA),
      ),
      writeSVG(
        ctx,
        'fig5b-pulse-currents.svg',
        lineChart({
          title: 'Current at the end of each innocuous pulse',
          xLabel: 'pulse number',
          yLabel: 'current (nA)',
          yScale: 1e9,
          series: [{ name: 'pulse current', x: sim.pulses.column('index').map((i) => i + 1), y: ends, style: 'both' }],
          hLines: [{ y: thresholdA, label: 'I_nox', color: '#d62728' }],
        }),
      ),
    ];
    const metrics = [
      atMost({ id: 'E11.below-threshold', name: 'largest pulse current', unit: 'nA', says: 'largest pulse current', panel: 'Fig. 5b' }, article.painThresholdA * 1e9, round(maxA * 1e9), round(thresholdA * 1e9)),
      holds({ id: 'E11.1', name: 'current grows gradually, pulse to pulse', says: 'grows gradually', panel: 'Fig. 5b' }, `${rises} of ${ends.length - 1} steps up`, gradual),
      atLeast({ id: 'E11.3', name: 'growth, first to last pulse', unit: '%', says: 'growth, first to last pulse', panel: 'Fig. 5b' }, null, round(growthPct), 0),
      holds({ id: 'E11.2', name: 'no spikes (no pain)', says: 'below I_nox', panel: 'Fig. 5b' }, `${sim.rec.count} spikes`, sim.rec.count === 0),
      figure('stimulation length', 's', durationS),
    ];
    return finishScenario(ctx, fig5bInnocuous, metrics, figures, {
      notes: [
        `${ends.length} pulses; current at the end of pulse 1: ${round(first * 1e9)} nA, of the last pulse: ${round(last * 1e9)} nA.`,
        STATE_CODES_NOTE,
      ],
    });
  },
  live(params, seed) {
    return build(params, seed).live();
  },
};

function round(x: number): number {
  return Number(x.toPrecision(5));
}
