/**
 * E9 (Fig. 4a,b): learning-forgetting. Three cycles of 25 pulses of 4 V
 * (W = 50 ms, dt = 50 ms), each followed by 2.5 s at the 0.1 V read bias.
 * The article reports: the current rises during learning, decays during the
 * rest without returning to the level before learning, each cycle leaves the
 * device higher, and cycle 2 needs only 13 pulses to reach the current
 * cycle 1 reached with 25 (relearning).
 *
 * Metrics come from the closed-form protocol of src/devices/experiments.ts;
 * the trace (driveDevice on the same protocol, sampled every 5 ms) is for the
 * figures and files.
 */
import { DEFAULT_DEVICE, compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import { article } from '../../src/devices/targets.ts';
import { READ_BIAS_V, cycleDurationS, learningForgetting, learningForgettingWaveform } from '../../src/devices/experiments.ts';
import { figure, holds, strictlyIncreasing, withinAbsolute } from '../../src/harness/metrics.ts';
import { num } from '../../src/harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import { liveDevices } from '../../src/harness/live-device.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

/** Trace sample interval (s). */
const SAMPLE_S = 0.005;
/** Read bias before the first cycle (s), to show the pristine level. */
const LEAD_S = 0.1;

function protocol(params: Params) {
  return {
    amplitudeV: num(params, 'amplitudeV'),
    widthS: num(params, 'widthS'),
    intervalS: num(params, 'intervalS'),
    pulses: num(params, 'pulses'),
    restS: num(params, 'restS'),
    cycles: num(params, 'cycles'),
  };
}

/** Log-axis range (nA) of the positive currents: the row before the first edge is at 0 V. */
export function positiveRangeNA(iA: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < iA.length; i++) {
    if (iA[i] > 0 && iA[i] < lo) lo = iA[i];
    if (iA[i] > hi) hi = iA[i];
  }
  return Number.isFinite(lo) ? [lo * 1e9 * 0.8, hi * 1e9 * 1.25] : [1e-3, 1];
}

export const fig4abLearningForgetting: Scenario = {
  name: 'fig4ab-learning-forgetting',
  experiment: 'E9',
  figure: 'Fig. 4a,b',
  title: 'Learning-forgetting cycles and relearning (4 V trains)',
  group: 'device',
  params: [
    { key: 'amplitudeV', type: 'number', default: article.learningForgetting.amplitudeV, unit: 'V', min: 0.5, max: 10, description: 'pulse amplitude' },
    { key: 'widthS', type: 'number', default: article.learningForgetting.widthS, unit: 's', min: 1e-4, max: 5, description: 'pulse width' },
    { key: 'intervalS', type: 'number', default: article.learningForgetting.intervalS, unit: 's', min: 1e-4, max: 5, description: 'gap between pulses' },
    { key: 'pulses', type: 'integer', default: article.learningForgetting.pulses, min: 2, max: 1000, description: 'pulses per learning train' },
    { key: 'restS', type: 'number', default: article.learningForgetting.restS, unit: 's', min: 0.01, max: 600, description: 'rest at the read bias after each train' },
    { key: 'cycles', type: 'integer', default: article.learningForgetting.cycles, min: 2, max: 20, description: 'learning-forgetting cycles' },
  ],
  estimate: (p) => {
    const rows = (num(p, 'cycles') * (num(p, 'pulses') * (num(p, 'widthS') + num(p, 'intervalS')) + num(p, 'restS'))) / 0.005;
    return recordedRows(rows, rows, 4);
  },
  live(params) {
    const spec = protocol(params);
    return liveDevices({ channels: [{ label: `${spec.amplitudeV} V cycles`, waveform: learningForgettingWaveform(spec, LEAD_S) }], sampleIntervalS: SAMPLE_S });
  },
  async run(ctx) {
    const device = compileDevice(DEFAULT_DEVICE);
    const spec = protocol(ctx.params);
    ctx.progress.start('fig4ab-learning-forgetting');
    const wave = learningForgettingWaveform(spec, LEAD_S);
    const drive = driveDevice(device, wave, { sampleIntervalS: SAMPLE_S, onProgress: (f) => ctx.progress.update(f) });
    ctx.progress.done();
    writeTable(ctx, 'trace.csv', drive.trace);
    writeTable(ctx, 'pulses.csv', drive.pulses);
    const lf = learningForgetting(device, spec);

    const cycleS = cycleDurationS({ ...spec });
    const tr = drive.trace;
    const target = lf.pulseCurrentA[0][spec.pulses - 1];
    const figures: string[] = [];
    const marker = Number.isFinite(lf.relearningPulses) && lf.relearningPulses > 0
      ? [{ name: `cycle 2, pulse ${lf.relearningPulses}`, x: [LEAD_S + cycleS + (lf.relearningPulses - 1) * (spec.widthS + spec.intervalS) + spec.widthS], y: [lf.pulseCurrentA[1][lf.relearningPulses - 1]], style: 'points' as const, color: '#d62728' }]
      : [];
    figures.push(
      writeSVG(ctx, 'fig4a-learning-forgetting.svg', lineChart({
        title: `Current over ${spec.cycles} learning-forgetting cycles (${spec.amplitudeV} V; read ${READ_BIAS_V} V between)`,
        xLabel: 'time (s)',
        yLabel: 'current (nA)',
        yScale: 1e9,
        logY: true,
        yDomain: positiveRangeNA(tr.column('i_A')),
        series: [{ name: 'I', x: tr.column('t_s'), y: tr.column('i_A') }, ...marker],
        hLines: [{ y: target, label: `cycle 1, pulse ${spec.pulses}`, color: '#d62728' }],
      })),
    );
    const pulseNo = Array.from({ length: spec.pulses }, (_, k) => k + 1);
    figures.push(
      writeSVG(ctx, 'fig4b-relearning.svg', lineChart({
        title: `Pulse current per cycle: relearning in ${lf.relearningPulses} pulses`,
        xLabel: 'pulse number in cycle',
        yLabel: `current at ${spec.amplitudeV} V (nA)`,
        yScale: 1e9,
        series: [
          ...lf.pulseCurrentA.map((row, c) => ({ name: `cycle ${c + 1}`, x: pulseNo, y: row, style: 'both' as const })),
          ...(marker.length ? [{ name: 'relearning point', x: [lf.relearningPulses], y: marker[0].y, style: 'points' as const, color: '#000000' }] : []),
        ],
        hLines: [{ y: target, label: `cycle 1 after ${spec.pulses} pulses`, color: '#d62728' }],
      })),
    );

    const nA = (x: number): number => Number((x * 1e9).toFixed(4));
    const risesEachCycle = lf.pulseCurrentA.every((row) => strictlyIncreasing(row));
    const before = [lf.pristineReadA, ...lf.restEndReadA.slice(0, -1)];
    const decaysAboveStart = lf.restEndReadA.every((r, c) => r < lf.restStartReadA[c] && r > before[c]);
    const metrics = [
      withinAbsolute({ id: 'E9.relearning', name: 'relearning: cycle-2 pulses to reach cycle 1 after 25', unit: 'pulses' }, article.relearningPulses, lf.relearningPulses, article.relearningTolerancePulses),
      holds({ id: 'E9.increase-ordering', name: 'increase after cycle 3 > after cycle 2 > after cycle 1' }, lf.increaseAfterCycleA.map(nA).join(' < ') + ' nA', strictlyIncreasing(lf.increaseAfterCycleA)),
      holds({ id: 'E9.rises', name: 'current rises during every learning train' }, risesEachCycle ? 'every pulse higher' : 'not monotonic', risesEachCycle),
      holds({ id: 'E9.above-start', name: 'rest decays but not to the level before learning' }, lf.restEndReadA.map(nA).join(', ') + ' nA after rests', decaysAboveStart),
      figure('pulse current at the end of cycle 1', 'nA', nA(target)),
      figure('read current after the rest of cycle 1', 'nA', nA(lf.restEndReadA[0])),
      figure('read current after the rest of the last cycle', 'nA', nA(lf.restEndReadA[lf.restEndReadA.length - 1])),
    ];
    return finishScenario(ctx, fig4abLearningForgetting, metrics, figures, {
      notes: [
        `Read bias ${READ_BIAS_V} V between pulses and during rests (below the model's threshold: it does not drive the state).`,
        'Pulse current taken at the end of each pulse; "increase after cycle k" = read current at the end of rest k minus the pristine read current.',
        `Trace sampled every ${SAMPLE_S * 1000} ms plus both sides of every edge.`,
      ],
    });
  },
};
