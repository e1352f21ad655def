/**
 * Figures of the allodynia experiment (E13, Fig. 5d,e): current traces of the
 * injured nociceptors under the innocuous train, per-pulse currents, the
 * incubation time against the article's, and the hyperalgesia comparison.
 */
import { barChart } from '../../src/report/bars.ts';
import { lineChart, type Series } from '../../src/report/svg.ts';
import { writeSVG, type OutputTarget } from '../../src/harness/output.ts';
import type { NociceptorRun } from './nociceptor-run.ts';

export interface AllodyniaFigureData {
  readonly sim: NociceptorRun;
  readonly widthsS: readonly number[];
  /** Per width (= neuron index): first rising edge of the train (s). */
  readonly trainStartS: readonly number[];
  readonly incubationS: readonly number[];
  readonly articleIncubationS: readonly number[];
}

export interface HyperalgesiaData {
  /** Peak current (A) over the 0.5 s 7 V test pulse. */
  readonly pristinePeak: number;
  readonly injuredPeak: number;
  /** Noxious response (A) of the state rule (nociceptor-state.ts) just before the test pulse. */
  readonly pristineResponse: number;
  readonly injuredResponse: number;
  readonly referenceLabel: string;
}

/** A nociceptor's device current over time with the I_nox line (E11, E12 traces). */
export function currentTraceChart(title: string, trace: { column(name: string): ArrayLike<number> }, thresholdA: number): string {
  return lineChart({
    title,
    xLabel: 'time (s)',
    yLabel: 'current (nA)',
    yScale: 1e9,
    series: [{ name: 'device current', x: trace.column('t_s'), y: trace.column('i_A') }],
    hLines: [{ y: thresholdA, label: `I_nox = ${(thresholdA * 1e9).toFixed(0)} nA`, color: '#d62728' }],
  });
}

export function writeAllodyniaFigures(to: OutputTarget, d: AllodyniaFigureData, hyper: HyperalgesiaData): string[] {
  const { sim } = d;
  const th = sim.neurons.law.thresholdA;
  const trace = sim.trace;
  const t = trace.column('t_s');
  // Fig. 5d: current vs time since the start of each train.
  const traces: Series[] = d.widthsS.map((w, i) => {
    const cur = trace.column(`n${i}_i_A`);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let r = 0; r < t.length; r++) {
      const x = t[r] - d.trainStartS[i];
      if (x >= 0) {
        xs.push(x);
        ys.push(cur[r]);
      }
    }
    return { name: `noxious ${w} s`, x: xs, y: ys };
  });
  // Fig. 5e: current at the end of every innocuous pulse.
  const perPulse: Series[] = d.widthsS.map((w, i) => {
    const p = sim.pulses;
    const cn = p.colIndex('neuron');
    const xs: number[] = [];
    const ys: number[] = [];
    for (let r = 0; r < p.rows; r++) {
      if (p.get(r, cn) !== i || p.get(r, 1) < d.trainStartS[i]) continue;
      xs.push(xs.length + 1);
      ys.push(p.get(r, 5));
    }
    return { name: `noxious ${w} s`, x: xs, y: ys, style: 'both' as const };
  });
  const thLine = [{ y: th, label: `I_nox = ${(th * 1e9).toFixed(0)} nA`, color: '#d62728' }];
  return [
    writeSVG(
      to,
      'fig5d-allodynia.svg',
      lineChart({ title: 'Innocuous train after a noxious pulse (Fig. 5d)', xLabel: 'time since train start (s)', yLabel: 'current (nA)', yScale: 1e9, series: traces, hLines: thLine }),
    ),
    writeSVG(
      to,
      'fig5e-pulse-currents.svg',
      lineChart({ title: 'Current at the end of each innocuous pulse (Fig. 5e)', xLabel: 'innocuous pulse number', yLabel: 'current (nA)', yScale: 1e9, series: perPulse, hLines: thLine }),
    ),
    writeSVG(
      to,
      'fig5de-incubation.svg',
      barChart({
        title: 'Incubation time vs noxious pulse width',
        categories: d.widthsS.map((w) => `${w} s`),
        xLabel: 'noxious pulse width',
        yLabel: 'incubation time (s)',
        series: [
          { name: 'article', values: [...d.articleIncubationS], color: '#7f7f7f' },
          { name: 'simulated', values: d.incubationS.map((x) => (Number.isFinite(x) ? x : NaN)), color: '#1f77b4' },
        ],
      }),
    ),
    writeSVG(
      to,
      'fig5de-hyperalgesia.svg',
      barChart({
        title: 'Hyperalgesia: noxious response, pristine vs after injury',
        categories: [hyper.referenceLabel, 'peak over a 0.5 s 7 V pulse (nA)'],
        yLabel: 'current (nA)',
        series: [
          { name: 'pristine', values: [hyper.pristineResponse * 1e9, hyper.pristinePeak * 1e9], color: '#2ca02c' },
          { name: 'after injury', values: [hyper.injuredResponse * 1e9, hyper.injuredPeak * 1e9], color: '#d62728' },
        ],
      }),
    ),
  ];
}
