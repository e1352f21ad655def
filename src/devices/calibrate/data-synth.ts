/**
 * Synthetic measured data: pulse trains simulated on a known parameter set,
 * each response multiplied by (1 + noise x N(0, 1)) from a seeded generator,
 * written as the CSV of ./data-csv.ts (the CSV carries the train). Used by
 * the fit's tests and to make examples/measured-ltp.csv; the data is only as
 * real as the parameters it came from.
 */
import { Rng } from '../../kernel/rng.ts';
import { mose2Model, type Mose2Params } from '../mose2.ts';
import type { Quantity } from './data-csv.ts';
import { DEFAULT_READ_V, type FitCurve, type Pulse } from './data-protocol.ts';
import { simulateCurves } from './data-fit.ts';

export interface TrainSpec {
  readonly name: string;
  readonly amplitudeV: number;
  readonly widthS: number;
  readonly intervalS: number;
  readonly count: number;
  /** Time at the read bias before the first pulse (s). */
  readonly restS?: number;
}

export interface SynthOptions {
  /** Relative sigma of the multiplicative noise (0.01 = 1 %). */
  readonly noise: number;
  readonly seed: number;
  readonly quantity?: Quantity;
  /** Comment lines written at the top (without '#'). */
  readonly comment?: readonly string[];
}

/** The trains as fit curves on pristine devices, read at the end of each pulse. */
export function trainCurves(trains: readonly TrainSpec[], quantity: Quantity = 'i_A'): FitCurve[] {
  return trains.map((s) => {
    const pulses: Pulse[] = Array.from({ length: s.count }, (_v, k) => ({ tStartS: (s.restS ?? 0) + k * (s.widthS + s.intervalS), widthS: s.widthS, vV: s.amplitudeV }));
    return {
      name: s.name,
      quantity,
      pulses,
      measuredAt: Int32Array.from(pulses, (_p, k) => k),
      measured: new Float64Array(s.count).fill(1),
      lines: new Int32Array(s.count),
      readV: DEFAULT_READ_V,
      readAt: 'pulse-end' as const,
      after: -1,
    };
  });
}

/** 6 significant digits, as a measurement file would hold. */
const g6 = (x: number): string => String(Number(x.toPrecision(6)));

export function synthesizeCsv(params: Mose2Params, trains: readonly TrainSpec[], opts: SynthOptions): string {
  const quantity = opts.quantity ?? 'i_A';
  const curves = trainCurves(trains, quantity);
  const sim = simulateCurves(mose2Model.compile(params), curves);
  const rng = new Rng(opts.seed);
  const lines = (opts.comment ?? []).map((l) => `# ${l}`);
  lines.push(`curve,pulse,t_s,v_V,width_s,${quantity}`);
  curves.forEach((c, ci) => {
    c.pulses.forEach((p, k) => {
      const v = sim[ci][k] * (1 + opts.noise * rng.normal());
      lines.push(`${c.name},${k + 1},${g6(p.tStartS)},${g6(p.vV)},${g6(p.widthS)},${g6(v)}`);
    });
  });
  return lines.join('\n') + '\n';
}
