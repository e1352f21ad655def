/**
 * E5 (Fig. S2): the LTP train of E4 (25 pulses of +3 V, dt = 50 ms) with pulse
 * widths W = 20, 40, 60, 80 ms, each on a fresh device. Potentiation is the
 * conductance read after the 25th pulse over the read before the first (reads
 * as in E4). The article shows potentiation growing with pulse width.
 */
import { DEFAULT_DEVICE, compileDevice } from '../../src/devices/registry.ts';
import { runLtpLtd } from '../../src/analysis/ltp-ltd.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { article } from '../../src/devices/targets.ts';
import { figure, holds, strictlyIncreasing } from '../../src/harness/metrics.ts';
import { num } from '../../src/harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import type { Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

const p = article.ltpLtd;

/** Prepends a constant column (e.g. the pulse width) to every row of `from`, appending to `to`. */
function appendWith(to: ColumnTable | null, name: string, value: number, from: ColumnTable): ColumnTable {
  const out = to ?? new ColumnTable([name, ...from.columns], from.rows * 4);
  for (let r = 0; r < from.rows; r++) {
    const row = out.addRow();
    out.set(row, 0, value);
    for (let c = 0; c < from.columns.length; c++) out.set(row, c + 1, from.get(r, c));
  }
  return out;
}

export const figS2PulseWidth: Scenario = {
  name: 'figS2-pulse-width',
  experiment: 'E5',
  figure: 'Fig. S2',
  title: 'Potentiation vs pulse width (W = 20, 40, 60, 80 ms)',
  group: 'device',
  params: [
    { key: 'pulses', type: 'integer', default: p.pulsesEach, min: 2, max: 10000, description: 'pulses in the LTP train' },
    { key: 'amplitudeV', type: 'number', default: p.potentiateV, unit: 'V', min: 0.2, max: 10, description: 'pulse amplitude' },
    { key: 'intervalS', type: 'number', default: p.intervalS, unit: 's', min: 1e-4, max: 100, description: 'interval between pulses (read at its end)' },
    { key: 'readV', type: 'number', default: 0.1, unit: 'V', min: 0.01, max: 0.15, description: 'read bias between pulses' },
  ],
  estimate: (p) => {
    const rows = (4 * num(p, 'pulses') * (0.08 + num(p, 'intervalS'))) / 0.005 + 8 * num(p, 'pulses');
    return recordedRows(rows, rows, 5);
  },
  async run(ctx) {
    const device = compileDevice(DEFAULT_DEVICE);
    const n = num(ctx.params, 'pulses');
    const widths = article.pulseWidthsS;
    let trace: ColumnTable | null = null;
    let pulses: ColumnTable | null = null;
    const reads = new ColumnTable(['width_s', 'pulse', 'g_read_S'], widths.length * (n + 1));
    const ratio: number[] = [];
    const series = [];
    ctx.progress.start('figS2-pulse-width');
    for (const [k, w] of widths.entries()) {
      const r = runLtpLtd(() => device, {
        potentiateV: num(ctx.params, 'amplitudeV'),
        depressV: 0,
        widthS: w,
        intervalS: num(ctx.params, 'intervalS'),
        ltpPulses: n,
        ltdPulses: 0,
        cycles: 1,
        readV: num(ctx.params, 'readV'),
        sampleIntervalS: 0.005,
      });
      trace = appendWith(trace, 'train_width_s', w, r.trace);
      pulses = appendWith(pulses, 'train_width_s', w, r.pulses);
      for (let j = 0; j <= n; j++) {
        const row = reads.addRow();
        reads.set(row, 0, w);
        reads.set(row, 1, j);
        reads.set(row, 2, r.reads[j]);
      }
      ratio.push(r.reads[n] / r.reads[0]);
      series.push({ name: `W = ${Math.round(w * 1000)} ms`, x: Array.from(r.reads, (_, j) => j), y: r.reads, style: 'both' as const });
      ctx.progress.update((k + 1) / widths.length);
    }
    ctx.progress.done();
    writeTable(ctx, 'trace.csv', trace as ColumnTable);
    writeTable(ctx, 'pulses.csv', pulses as ColumnTable);
    writeTable(ctx, 'conductance.csv', reads);
    const widthsMs = widths.map((w) => w * 1000);
    const figures = [
      writeSVG(
        ctx,
        'figS2-ltp-by-width.svg',
        lineChart({ title: 'LTP train for four pulse widths', xLabel: 'pulse number', yLabel: 'G (nS)', yScale: 1e9, series }),
      ),
      writeSVG(
        ctx,
        'figS2-potentiation-vs-width.svg',
        lineChart({
          title: `Potentiation after ${n} pulses vs pulse width`,
          xLabel: 'pulse width (ms)',
          yLabel: `G after ${n} pulses / G before`,
          series: [{ name: 'simulated', x: widthsMs, y: ratio, style: 'both' }],
        }),
      ),
    ];
    const metrics = [
      holds(
        { id: 'E5.width', name: 'potentiation grows with pulse width (G after the train / G before)' },
        ratio.map((x) => x.toFixed(3)).join(' < '),
        strictlyIncreasing(ratio),
      ),
      ...widths.map((w, k) => figure(`G after ${n} pulses / G before, W = ${Math.round(w * 1000)} ms`, '', Math.round(ratio[k] * 1000) / 1000)),
    ];
    return finishScenario(ctx, figS2PulseWidth, metrics, figures, {
      notes: [
        'Each width on a fresh device. Conductance read at the read bias at the end of every interval (conductance.csv); trace.csv and pulses.csv stack the four runs with a train_width_s column; trace sampled every 5 ms and at every edge.',
      ],
    });
  },
};
