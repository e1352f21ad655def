/**
 * E1 (Fig. 2b): DC sweep 0 -> +5 -> 0 -> -5 -> 0 V on a fresh device, as a
 * source-measure unit runs it: staircase of stepV (default 0.1 V), each level
 * held dwellS (default 50 ms) and the current taken at the end of the dwell.
 * The article shows a pinched hysteresis loop, analog (no abrupt SET), whose
 * positive branch returns at a higher current than it went up and whose
 * negative branch depresses the device.
 *
 * trace.csv samples the device every dwellS / 5 and at every level edge;
 * iv.csv holds the SMU points (one per level).
 */
import { DEFAULT_DEVICE, compileDevice } from '../../src/devices/registry.ts';
import { driveDevice } from '../../src/devices/drive.ts';
import { dcSweep } from '../../src/protocols/sweep.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { branchRatios, largestRelativeStep, levelEndSamples, loopAreas } from '../../src/analysis/iv-loop.ts';
import { atMost, figure, holds } from '../../src/harness/metrics.ts';
import { num } from '../../src/harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import { semilogIvChart } from '../../src/report/iv-chart.ts';
import type { Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

/** A filamentary (digital) SET multiplies the conductance by 10 or more within one level; an analog device moves by a fraction. */
const ANALOG_MAX_STEP = 0.5;

export const fig2bIvLoop: Scenario = {
  name: 'fig2b-iv-loop',
  experiment: 'E1',
  figure: 'Fig. 2b',
  title: 'Pinched I-V hysteresis loop, sweep 0 -> +5 -> 0 -> -5 -> 0 V',
  group: 'device',
  params: [
    { key: 'maxV', type: 'number', default: 5, unit: 'V', min: 0.5, max: 10, description: 'sweep amplitude (turning points +maxV and -maxV)' },
    { key: 'stepV', type: 'number', default: 0.1, unit: 'V', min: 0.005, max: 1, description: 'staircase step' },
    { key: 'dwellS', type: 'number', default: 0.05, unit: 's', min: 1e-4, max: 10, description: 'dwell per level (current read at its end)' },
  ],
  estimate: (p) => recordedRows(((4 * num(p, 'maxV')) / num(p, 'stepV')) * 6, ((4 * num(p, 'maxV')) / num(p, 'stepV')) * 6, 5),
  async run(ctx) {
    const device = compileDevice(DEFAULT_DEVICE);
    const maxV = num(ctx.params, 'maxV');
    const stepV = num(ctx.params, 'stepV');
    const dwellS = num(ctx.params, 'dwellS');
    ctx.progress.start('fig2b-iv-loop');
    const wave = dcSweep({ verticesV: [0, maxV, 0, -maxV, 0], stepV, dwellS });
    const r = driveDevice(device, wave, { sampleIntervalS: dwellS / 5, onProgress: (f) => ctx.progress.update(f) });
    ctx.progress.done();
    const s = levelEndSamples(r.trace, wave);
    const n = s.vV.length;
    const q = (n - 1) / 4; // levels per quarter of the sweep
    const iTop = q;
    const iMid = 2 * q;
    const iBottom = 3 * q;

    const iv = new ColumnTable(['t_s', 'v_V', 'i_A', 'g_S'], n);
    for (let j = 0; j < n; j++) {
      const row = iv.addRow();
      iv.set(row, 0, s.tS[j]);
      iv.set(row, 1, s.vV[j]);
      iv.set(row, 2, s.iA[j]);
      iv.set(row, 3, s.gS[j]);
    }
    writeTable(ctx, 'trace.csv', r.trace);
    writeTable(ctx, 'iv.csv', iv);

    // The loop is pinched at 0 V by construction (sinh(0) = 0): a test, not a report row.
    const chord: number[] = [];
    for (let j = 0; j < n; j++) if (s.vV[j] !== 0) chord.push(s.iA[j] / s.vV[j]);
    // Chord conductance I/V between consecutive non-zero levels: what the SMU data show.
    const step = largestRelativeStep(chord);
    const pos = branchRatios(s.vV, s.iA, 0, iTop);
    const neg = branchRatios(s.vV, s.iA, iMid, iBottom);
    const gBeforeNeg = s.gS[iMid];
    const gAfterNeg = s.gS[n - 1];
    const area = loopAreas(s.vV, s.iA);

    const figures = [
      writeSVG(
        ctx,
        'fig2b-iv-linear.svg',
        lineChart({
          title: `I-V loop, 0 -> +${maxV} -> 0 -> -${maxV} -> 0 V (${stepV} V / ${dwellS * 1000} ms)`,
          xLabel: 'voltage (V)',
          yLabel: 'current (nA)',
          yScale: 1e9,
          series: [
            { name: '0 -> +V -> 0', x: s.vV.subarray(0, iMid + 1), y: s.iA.subarray(0, iMid + 1), style: 'both' },
            { name: '0 -> -V -> 0', x: s.vV.subarray(iMid), y: s.iA.subarray(iMid), style: 'both' },
          ],
        }),
      ),
      writeSVG(
        ctx,
        'fig2b-iv-semilog.svg',
        semilogIvChart({
          title: 'I-V loop, semilog |I|',
          series: [
            { name: '0 -> +V -> 0', vV: s.vV.subarray(0, iMid + 1), iA: s.iA.subarray(0, iMid + 1) },
            { name: '0 -> -V -> 0', vV: s.vV.subarray(iMid), iA: s.iA.subarray(iMid) },
          ],
        }),
      ),
    ];

    const metrics = [
      atMost({ id: 'E1.analog', name: 'analog: largest relative step of I/V between consecutive levels', unit: '%' }, null, round(step * 100, 2), ANALOG_MAX_STEP * 100),
      holds(
        { id: 'E1.positive-returns-higher', name: 'positive branch returns at higher current: I(down) > I(up) at each bias' },
        `I(down)/I(up) ${round(pos.min, 3)}..${round(pos.max, 3)}`,
        pos.min > 1,
      ),
      holds(
        { id: 'E1.negative-depresses', name: 'negative branch depresses: |I(return)| < |I(out)| and G falls' },
        `|I(return)/I(out)| ${round(neg.min, 3)}..${round(neg.max, 3)}; G(0 V) ${round(gBeforeNeg * 1e9, 3)} -> ${round(gAfterNeg * 1e9, 3)} nS`,
        neg.max < 1 && gAfterNeg < gBeforeNeg,
      ),
      figure('loop area, positive lobe', 'nW', round(area.positiveW * 1e9, 3)),
      figure('loop area, negative lobe', 'nW', round(area.negativeW * 1e9, 3)),
      figure(`current at +${maxV} V`, 'nA', round(s.iA[iTop] * 1e9, 3)),
    ];
    return finishScenario(ctx, fig2bIvLoop, metrics, figures, {
      notes: [
        `SMU staircase: ${stepV} V steps, ${dwellS * 1000} ms dwell, current read at the end of each dwell (iv.csv); trace.csv sampled every ${(dwellS / 5) * 1000} ms and at every level edge.`,
        'Loop area: |sum of trapezoids I dV| per lobe (V >= 0 and V <= 0 separately).',
      ],
    });
  },
};

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
