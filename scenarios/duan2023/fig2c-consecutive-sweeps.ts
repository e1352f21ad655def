/**
 * E2 (Fig. 2c,d): 11 consecutive positive sweeps 0 -> +5 -> 0 V on a fresh
 * device, back to back (the 0 V level that ends one sweep starts the next).
 * The article reports that the current at +5 V rises with every sweep,
 * steadily, from the 1st to the 11th. Staircase and read as in E1.
 */
import { DEFAULT_DEVICE, compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import { dcSweep } from '../../src/protocols/sweep.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { levelEndSamples } from '../../src/analysis/iv-loop.ts';
import { figure, holds, strictlyIncreasing } from '../../src/harness/metrics.ts';
import { num } from '../../src/harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import { semilogIvChart } from '../../src/report/iv-chart.ts';
import type { Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

export const fig2cConsecutiveSweeps: Scenario = {
  name: 'fig2c-consecutive-sweeps',
  experiment: 'E2',
  figure: 'Fig. 2c,d',
  title: 'Current at +5 V over 11 consecutive positive sweeps',
  group: 'device',
  params: [
    { key: 'sweeps', type: 'integer', default: 11, min: 2, max: 200, description: 'number of consecutive sweeps' },
    { key: 'maxV', type: 'number', default: 5, unit: 'V', min: 0.5, max: 10, description: 'turning point of each sweep' },
    { key: 'stepV', type: 'number', default: 0.1, unit: 'V', min: 0.005, max: 1, description: 'staircase step' },
    { key: 'dwellS', type: 'number', default: 0.05, unit: 's', min: 1e-4, max: 10, description: 'dwell per level (current read at its end)' },
  ],
  estimate: (p) => recordedRows(((num(p, 'sweeps') * 4 * num(p, 'maxV')) / num(p, 'stepV')) * 6, ((num(p, 'sweeps') * 4 * num(p, 'maxV')) / num(p, 'stepV')) * 6, 5),
  async run(ctx) {
    const device = compileDevice(DEFAULT_DEVICE);
    const sweeps = num(ctx.params, 'sweeps');
    const maxV = num(ctx.params, 'maxV');
    const stepV = num(ctx.params, 'stepV');
    const dwellS = num(ctx.params, 'dwellS');
    const vertices = [0];
    for (let k = 0; k < sweeps; k++) vertices.push(maxV, 0);
    ctx.progress.start('fig2c-consecutive-sweeps');
    const wave = dcSweep({ verticesV: vertices, stepV, dwellS });
    const r = driveDevice(device, wave, { sampleIntervalS: dwellS / 5, onProgress: (f) => ctx.progress.update(f) });
    ctx.progress.done();
    const s = levelEndSamples(r.trace, wave);
    const perSweep = (s.vV.length - 1) / sweeps; // levels per sweep, shared 0 V excluded
    const half = perSweep / 2;

    const table = new ColumnTable(['sweep', 'i_top_A', 'g_top_S'], sweeps);
    const iTop: number[] = [];
    const series = [];
    for (let k = 0; k < sweeps; k++) {
      const top = k * perSweep + half;
      iTop.push(s.iA[top]);
      const row = table.addRow();
      table.set(row, 0, k + 1);
      table.set(row, 1, s.iA[top]);
      table.set(row, 2, s.gS[top]);
      const a = k * perSweep;
      if (k === 0 || k === sweeps - 1 || k % 2 === 0) {
        series.push({ name: `sweep ${k + 1}`, vV: s.vV.subarray(a, a + perSweep + 1), iA: s.iA.subarray(a, a + perSweep + 1) });
      }
    }
    writeTable(ctx, 'trace.csv', r.trace);
    writeTable(ctx, 'sweeps.csv', table);

    const steps = iTop.slice(1).map((x, k) => x - iTop[k]);
    const increasePct = ((iTop[sweeps - 1] - iTop[0]) / iTop[0]) * 100;
    const figures = [
      writeSVG(
        ctx,
        'fig2c-sweeps-iv.svg',
        semilogIvChart({ title: `I-V of consecutive sweeps 0 -> +${maxV} -> 0 V (semilog)`, series }),
      ),
      writeSVG(
        ctx,
        'fig2d-current-vs-sweep.svg',
        lineChart({
          title: `Current at +${maxV} V per sweep`,
          xLabel: 'sweep number',
          yLabel: `I(+${maxV} V) (nA)`,
          yScale: 1e9,
          series: [{ name: 'simulated', x: iTop.map((_, k) => k + 1), y: iTop, style: 'both' }],
        }),
      ),
    ];
    const metrics = [
      holds({ id: 'E2.rises-every-sweep', name: `current at +${maxV} V rises with every sweep (strictly, 1st to last)` }, strictlyIncreasing(iTop) ? 'strictly increasing' : 'not monotonic', strictlyIncreasing(iTop)),
      figure(`increase of I(+${maxV} V), sweep 1 -> ${sweeps}`, '%', round(increasePct, 2)),
      figure(`I(+${maxV} V), sweep 1`, 'nA', round(iTop[0] * 1e9, 3)),
      figure(`I(+${maxV} V), sweep ${sweeps}`, 'nA', round(iTop[sweeps - 1] * 1e9, 3)),
      figure('steadiness: last / first sweep-to-sweep increment', '', round(steps[steps.length - 1] / steps[0], 3)),
    ];
    return finishScenario(ctx, fig2cConsecutiveSweeps, metrics, figures, {
      notes: [`SMU staircase: ${stepV} V steps, ${dwellS * 1000} ms dwell, current read at the end of each dwell; trace.csv sampled every ${(dwellS / 5) * 1000} ms and at every level edge.`],
    });
  },
};

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
