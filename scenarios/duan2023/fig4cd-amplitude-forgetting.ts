/**
 * E10 (Fig. 4c,d): forgetting after a learning train at 3, 4 and 5 V. One
 * train of 25 pulses (W = 50 ms, dt = 50 ms) on a pristine device per
 * amplitude, then 2.5 s at the 0.1 V read bias. The decay of the read current
 * (sampled every 10 ms from the end of the last pulse) is fitted by
 * I(t) = I0 + A exp(-t / tau); the article reports tau = 512, 540 and 826 ms,
 * and that a higher amplitude gives a higher peak current and a higher
 * current after the rest.
 */
import { DEFAULT_DEVICE, compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import { article } from '../../src/devices/targets.ts';
import { CLAIM } from '../../src/devices/claims.ts';
import { DECAY_SAMPLE_S, READ_BIAS_V, forgettingAfterTrain, learningForgettingWaveform } from '../../src/devices/experiments.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { figure, holds, strictlyIncreasing, withinRelative } from '../../src/harness/metrics.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import type { Metric, Scenario } from '../../src/harness/types.ts';
import { positiveRangeNA } from './fig4ab-learning-forgetting.ts';
import { liveDevices } from '../../src/harness/live-device.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

/** Trace sample interval (s). */
const SAMPLE_S = 0.005;
const LEAD_S = 0.1;

export const fig4cdAmplitudeForgetting: Scenario = {
  name: 'fig4cd-amplitude-forgetting',
  experiment: 'E10',
  figure: 'Fig. 4c,d',
  title: 'Forgetting after learning trains of 3, 4 and 5 V: decay time constants',
  group: 'device',
  params: [],
  estimate: () => recordedRows(4e5, 4e5, 4),
  live() {
    const spec = { ...article.learningForgetting, cycles: 1 };
    return liveDevices({
      channels: article.forgettingTauS.map((f) => ({ label: `${f.amplitudeV} V train`, waveform: learningForgettingWaveform({ ...spec, amplitudeV: f.amplitudeV }, LEAD_S) })),
      sampleIntervalS: SAMPLE_S,
    });
  },
  async run(ctx) {
    const device = compileDevice(DEFAULT_DEVICE);
    const spec = { ...article.learningForgetting, cycles: 1 };
    const amplitudes = article.forgettingTauS.map((f) => f.amplitudeV);
    ctx.progress.start('fig4cd-amplitude-forgetting');
    const driveCols = ['t_s', 'v_V', 'i_A', 'g_S', ...device.stateLayout.map((s) => s.name)];
    const trace = new ColumnTable(['amplitude_V', ...driveCols]);
    const pulses = new ColumnTable(['amplitude_V', 'index', 't_start_s', 'width_s', 'v_V', 'i_start_A', 'i_end_A', 'i_peak_A', 'g_end_S']);
    const decay = new ColumnTable(['amplitude_V', 't_after_train_s', 'i_read_A', 'i_fit_A']);
    const drives = amplitudes.map((amplitudeV, i) => {
      const r = driveDevice(device, learningForgettingWaveform({ ...spec, amplitudeV }, LEAD_S), { sampleIntervalS: SAMPLE_S });
      for (const [src, dst] of [[r.trace, trace], [r.pulses, pulses]] as const) {
        for (let row = 0; row < src.rows; row++) {
          const o = dst.addRow();
          dst.set(o, 0, amplitudeV);
          for (let c = 0; c < src.columns.length; c++) dst.set(o, c + 1, src.get(row, c));
        }
      }
      ctx.progress.update((i + 1) / amplitudes.length);
      return r;
    });
    ctx.progress.done();
    const forget = amplitudes.map((v) => forgettingAfterTrain(device, v, spec));
    for (const f of forget) {
      for (let i = 0; i < f.decayTS.length; i++) {
        const o = decay.addRow();
        decay.set(o, 0, f.amplitudeV);
        decay.set(o, 1, f.decayTS[i]);
        decay.set(o, 2, f.decayIA[i]);
        decay.set(o, 3, f.fit.y0 + f.fit.a * Math.exp(-f.decayTS[i] / f.fit.tauS));
      }
    }
    writeTable(ctx, 'trace.csv', trace);
    writeTable(ctx, 'pulses.csv', pulses);
    writeTable(ctx, 'decay.csv', decay);

    const figures = [
      writeSVG(ctx, 'fig4c-current-vs-time.svg', lineChart({
        title: `Learning train and rest at 3, 4, 5 V (read ${READ_BIAS_V} V between pulses)`,
        xLabel: 'time (s)',
        yLabel: 'current (nA)',
        yScale: 1e9,
        logY: true,
        yDomain: positiveRangeNA(trace.column('i_A')),
        series: drives.map((r, i) => ({ name: `${amplitudes[i]} V`, x: r.trace.column('t_s'), y: r.trace.column('i_A') })),
      })),
      writeSVG(ctx, 'fig4d-decay-fits.svg', lineChart({
        title: 'Forgetting: read current after the train, fits I0 + A exp(-t/tau)',
        xLabel: 'time after the last pulse (s)',
        yLabel: `read current at ${READ_BIAS_V} V (nA)`,
        yScale: 1e9,
        series: forget.flatMap((f, i) => [
          { name: `${f.amplitudeV} V`, x: f.decayTS, y: f.decayIA, color: ['#1f77b4', '#d62728', '#2ca02c'][i % 3] },
          {
            name: `fit tau = ${(f.fit.tauS * 1000).toFixed(0)} ms`,
            x: f.decayTS.filter((_, j) => j % 10 === 0),
            y: f.decayTS.filter((_, j) => j % 10 === 0).map((t) => f.fit.y0 + f.fit.a * Math.exp(-t / f.fit.tauS)),
            color: ['#1f77b4', '#d62728', '#2ca02c'][i % 3],
            style: 'points' as const,
          },
        ]),
      })),
    ];

    const nA = (x: number): string => (x * 1e9).toFixed(3);
    const peaks = forget.map((f) => f.peakCurrentA);
    const afterRest = forget.map((f) => f.afterRestReadA);
    const metrics: Metric[] = [
      ...article.forgettingTauS.map((t, i) =>
        withinRelative({ id: CLAIM.e10Tau[i], name: `decay time constant at ${t.amplitudeV} V`, unit: 'ms' }, t.tauS * 1000, Number((forget[i].fit.tauS * 1000).toFixed(1)), article.forgettingTauRelTol),
      ),
      holds({ id: CLAIM.e10TauOrdering, name: 'higher amplitude, longer decay time constant' }, forget.map((f) => (f.fit.tauS * 1000).toFixed(1)).join(' < ') + ' ms', strictlyIncreasing(forget.map((f) => f.fit.tauS))),
      holds({ id: CLAIM.e10PeakOrdering, name: 'higher amplitude, higher peak current' }, peaks.map(nA).join(' < ') + ' nA', strictlyIncreasing(peaks)),
      holds({ id: CLAIM.e10AfterRestOrdering, name: 'higher amplitude, higher current after the rest' }, afterRest.map(nA).join(' < ') + ' nA', strictlyIncreasing(afterRest)),
      holds({ id: 'E10.above-start', panel: 'Fig. 4c,d', says: 'the decay does not return to the level before learning', name: 'decay does not return to the pristine level' }, forget.map((f) => nA(f.afterRestReadA - f.beforeReadA)).join(', ') + ' nA above', forget.every((f) => f.afterRestReadA > f.beforeReadA)),
      ...forget.map((f) => figure(`R^2 of the one-exponential fit at ${f.amplitudeV} V`, '', Number(f.fit.r2.toFixed(4)))),
    ];
    return finishScenario(ctx, fig4cdAmplitudeForgetting, metrics, figures, {
      notes: [
        `Read bias ${READ_BIAS_V} V; decay sampled every ${DECAY_SAMPLE_S * 1000} ms over the ${spec.restS} s rest and fitted by variable projection (src/analysis/fit.ts).`,
        'Each amplitude starts from a pristine device; peak current = largest pulse current (end of the last pulse).',
        `Trace sampled every ${SAMPLE_S * 1000} ms plus both sides of every edge; column amplitude_V tells the runs apart.`,
      ],
    });
  },
};
