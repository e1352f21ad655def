/**
 * What a fit to measured data writes: the preset JSON (the registry's format,
 * ../preset-json.ts) with the fit's record (data, objective, residuals per
 * curve, free and held parameters), the overlay figure (measured points and
 * fitted lines per curve, SVG) and the point table (CSV).
 */
import { basename } from 'node:path';
import { mose2Model, type Mose2Params } from '../mose2.ts';
import { renderPresetJson } from '../preset-json.ts';
import { lineChart, PALETTE, type Series } from '../../report/svg.ts';
import type { FitCurve } from './data-protocol.ts';
import type { DataFit } from './data-fit.ts';

const sig = (x: number, d = 4): number => Number(x.toPrecision(d));

export interface DataFitMeta {
  readonly name: string;
  readonly command: string;
  readonly dataFile: string;
  readonly protocolFile?: string;
  readonly start: string;
  readonly seed: number;
  readonly iterations: number;
}

export function renderDataPreset(fit: DataFit, meta: DataFitMeta): string {
  return renderPresetJson(
    {
      name: meta.name,
      model: mose2Model.name,
      description: `MoSe2 model fitted to the measured pulse responses in ${basename(meta.dataFile)}`,
      generatedBy: meta.command,
      calibration: {
        data: meta.dataFile,
        protocol: meta.protocolFile ?? null,
        start: meta.start,
        seed: meta.seed,
        iterations: meta.iterations,
        evaluations: fit.evals,
        objective: sig(fit.objective, 6),
        startObjective: sig(fit.startObjective, 6),
        objectiveDefinition: 'J = sum over curves of the mean squared relative residual (simulated - measured) / |measured| (src/devices/calibrate/data-fit.ts)',
        conductanceScaleOfStart: sig(fit.conductanceScale, 6),
        free: fit.free,
        held: fit.held,
        curves: fit.curves.map((c) => ({ curve: c.curve, quantity: c.quantity, points: c.points, rmsRelResidual: sig(c.rmsRelResidual), maxAbsRelResidual: sig(c.maxAbsRelResidual), meanRelResidual: sig(c.meanRelResidual) })),
      },
    },
    fit.params as unknown as Record<string, unknown>,
    mose2Model.parameters,
  );
}

/** Measured (points) and fitted (line) response against pulse number, one colour per curve. */
export function overlaySvg(curves: readonly FitCurve[], fit: DataFit, title: string): string {
  const quantity = curves[0]?.quantity ?? 'i_A';
  let max = 0;
  let min = Infinity;
  for (const c of curves) for (const v of c.measured) {
    max = Math.max(max, Math.abs(v));
    min = Math.min(min, Math.abs(v));
  }
  const [unit, k] = quantity === 'i_A' ? (max < 1e-6 ? ['nA', 1e9] : max < 1e-3 ? ['uA', 1e6] : ['mA', 1e3]) : max < 1e-6 ? ['nS', 1e9] : ['uS', 1e6];
  const series: Series[] = [];
  curves.forEach((c, ci) => {
    const color = PALETTE[ci % PALETTE.length];
    const x = Float64Array.from(c.measuredAt, (p) => p + 1);
    series.push({ name: c.name.length > 14 ? c.name.slice(0, 13) + '…' : c.name, x, y: c.measured.map(Math.abs), color, style: 'points' });
    series.push({ name: `  fit, RMS ${(fit.curves[ci].rmsRelResidual * 100).toFixed(1)} %`, x, y: fit.simulated[ci].map(Math.abs), color });
  });
  const what = quantity === 'i_A' ? '|current|' : 'conductance';
  return lineChart({ title, xLabel: 'pulse', yLabel: `${what} (${unit})`, series, yScale: k, logY: max / min > 30, width: 760, height: 420 });
}

/** curve,pulse,line,measured,fitted,rel_residual */
export function fitTableCsv(curves: readonly FitCurve[], fit: DataFit): string {
  const rows = ['curve,pulse,line,measured,fitted,rel_residual'];
  curves.forEach((c, ci) => {
    for (let k = 0; k < c.measured.length; k++) {
      const m = c.measured[k];
      const s = fit.simulated[ci][k];
      rows.push(`${c.name},${c.measuredAt[k] + 1},${c.lines[k]},${sig(m, 6)},${sig(s, 6)},${sig((s - m) / Math.abs(m), 4)}`);
    }
  });
  return rows.join('\n') + '\n';
}

/** The fitted parameters beside the start, for the console: key, start, fitted. */
export function parameterChanges(start: Mose2Params, fit: DataFit, get: (p: Mose2Params, k: string) => number): string[] {
  return fit.free.map((k) => `${k}: ${sig(get(start, k))} -> ${sig(get(fit.params, k))}`);
}
