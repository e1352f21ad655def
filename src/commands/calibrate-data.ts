/**
 * `memspike calibrate --data measured.csv`: fits the MoSe2 model to a user's
 * measured pulse responses (src/devices/calibrate/data-*.ts) and writes the
 * preset JSON, the overlay figure (.svg) and the point table (.fit.csv)
 * beside it. Everything that can fail is checked before the search: the
 * data and protocol, the start preset, the output folder and the budget.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseMeasuredCsv, MAX_DATA_BYTES } from '../devices/calibrate/data-csv.ts';
import { fitCurves, parseProtocol, type Protocol } from '../devices/calibrate/data-protocol.ts';
import { fitData, stepsPerEvaluation } from '../devices/calibrate/data-fit.ts';
import { fitTableCsv, overlaySvg, parameterChanges, renderDataPreset } from '../devices/calibrate/data-output.ts';
import { FREE, getParam } from '../devices/calibrate/space.ts';
import { mose2Model, type Mose2Params } from '../devices/mose2.ts';
import { DEFAULT_DEVICE, getDevice } from '../devices/registry.ts';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import { consoleProgress } from '../report/progress.ts';
import { UsageError, quote } from './args.ts';

export const DATA_DEFAULT_ITERATIONS = 5000;
/**
 * Budget of one fit in device steps (closed-form advances, two per pulse per
 * evaluation): about ten minutes at the ~1 us a step that a fit evaluation
 * costs on one core of the development machine (compile and bookkeeping included).
 */
export const DATA_BUDGET_STEPS = 6e8;
const SECONDS_PER_STEP = 1e-6;

export interface DataCalibrateArgs {
  readonly data: string;
  readonly protocol?: string;
  readonly out?: string;
  readonly start?: string;
  readonly seed: number;
  readonly iterations?: number;
  readonly force: boolean;
}

function readText(path: string, what: string): string {
  try {
    if (statSync(path).size > MAX_DATA_BYTES) throw new UsageError(`${path}: ${what} larger than ${MAX_DATA_BYTES / 1024 / 1024} MB`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** my-device.json -> my-device.svg, my-device.fit.csv */
export function companions(out: string): { svg: string; table: string } {
  const stem = out.replace(/\.json$/, '');
  return { svg: `${stem}.svg`, table: `${stem}.fit.csv` };
}

export async function runDataCalibration(a: DataCalibrateArgs): Promise<number> {
  const out = a.out ?? a.data.replace(/\.csv$/i, '') + '-device.json';
  if (!out.endsWith('.json')) throw new UsageError(`calibrate: --out ${quote(out)} must name a .json preset file (the figure and the table go beside it)`);
  const name = basename(out, '.json');
  // The registry also registers a preset file under its own name: a fit named after the built-in would replace it.
  if (name === DEFAULT_DEVICE) throw new UsageError(`calibrate: --out ${quote(out)} would name the preset "${name}", the built-in device; choose another file name`);
  const curves = fitCurves(
    parseMeasuredCsv(readText(a.data, 'measured data'), a.data),
    a.protocol ? parseProtocol(readText(a.protocol, 'protocol'), a.protocol) : ({} as Protocol),
    a.protocol ?? 'protocol',
  );
  const startName = a.start ?? DEFAULT_DEVICE;
  const entry = getDevice(startName);
  if (entry.model !== (mose2Model as unknown)) throw new UsageError(`calibrate: --start ${quote(startName)} is a preset of another model; the fit is of the ${mose2Model.name} model`);
  const start = entry.preset as Mose2Params;
  const iterations = a.iterations ?? DATA_DEFAULT_ITERATIONS;
  const steps = iterations * stepsPerEvaluation(curves) * (1 + (FREE.length + 3) / iterations);
  const estimate = `${(steps / 1e6).toPrecision(3)} M device steps (${iterations} evaluations x ${stepsPerEvaluation(curves)}), about ${Math.ceil(steps * SECONDS_PER_STEP)} s`;
  if (steps > DATA_BUDGET_STEPS && !a.force) {
    throw new UsageError(`calibrate: the fit would take ${estimate}, over the budget of ${DATA_BUDGET_STEPS / 1e6} M steps; lower --iterations or pass --force`);
  }
  // Fail before the search, not after it, when the results cannot be written.
  ensureWritableDir(dirname(out));
  const files = companions(out);
  for (const f of [out, files.svg, files.table]) {
    if (existsSync(f) && statSync(f).isDirectory()) throw new UsageError(`calibrate: ${quote(f)} is a folder; give the preset file to write, e.g. my-device.json`);
  }
  process.stderr.write(`calibrate: ${curves.length} curves, ${curves.reduce((n, c) => n + c.measured.length, 0)} measured points; estimate ${estimate}\n`);
  const progress = consoleProgress();
  progress.start('fit');
  const t0 = Date.now();
  const fit = fitData(curves, {
    seed: a.seed,
    iterations,
    start,
    onProgress: (f, best) => {
      const s = (Date.now() - t0) / 1000;
      progress.update(f, `J + pull = ${best.toPrecision(4)}, ETA ${f > 0 ? Math.round((s / f) * (1 - f)) : '?'} s`);
    },
  });
  const seconds = (Date.now() - t0) / 1000;
  progress.done(`J = ${fit.objective.toPrecision(4)} (start ${fit.startObjective.toPrecision(4)})`);
  const command = ['memspike calibrate --data', a.data, ...(a.protocol ? ['--protocol', a.protocol] : []), '--out', out, '--seed', String(a.seed), '--iterations', String(iterations), ...(a.start ? ['--start', a.start] : [])].join(' ');
  const preset = renderDataPreset(fit, { name, command, dataFile: a.data, protocolFile: a.protocol, start: startName, seed: a.seed, iterations });
  for (const c of fit.curves) process.stdout.write(`${c.curve}: ${c.points} points, RMS relative residual ${(c.rmsRelResidual * 100).toFixed(2)} %, max ${(c.maxAbsRelResidual * 100).toFixed(2)} %\n`);
  for (const line of parameterChanges(start, fit, getParam)) process.stdout.write(`  ${line}\n`);
  if (fit.held.length) process.stdout.write(`  held (no effect on these curves): ${fit.held.join(', ')}\n`);
  writeAtomic(files.table, fitTableCsv(curves, fit));
  writeAtomic(files.svg, overlaySvg(curves, fit, `${name}: measured (points) and fitted (lines)`));
  writeAtomic(out, preset);
  process.stdout.write(`objective ${fit.objective.toPrecision(4)} after ${fit.evals} evaluations in ${seconds.toFixed(1)} s; wrote ${out}, ${files.svg}, ${files.table}\n`);
  return 0;
}
