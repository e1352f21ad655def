import { calibrate, DEFAULT_ITERATIONS } from '../devices/calibrate/index.ts';
import { existsSync, statSync } from 'node:fs';
import { CROSS_VALIDATION_FILE, CV_DEFAULT_ITERATIONS, crossValidate } from '../devices/calibrate/cross-validate.ts';
import { dirname } from 'node:path';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import { consoleProgress } from '../report/progress.ts';
import { UsageError, flag, intFlag, parseArgs, seedFlag } from './args.ts';
import type { Command } from './command.ts';
import { DATA_DEFAULT_ITERATIONS, DATA_BUDGET_STEPS, runDataCalibration } from './calibrate-data.ts';

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'fit the MoSe2 device preset to the article targets and write the preset file (or cross-validate the fit), or fit it to measured pulse responses (--data)',
  usage:
    `memspike calibrate --data measured.csv [--protocol protocol.json] [--out my-device.json] [--seed N] [--iterations N (default ${DATA_DEFAULT_ITERATIONS})] [--start PRESET] [--force (over the budget of ${DATA_BUDGET_STEPS / 1e6} M device steps)]\n` +
    `       ` +
    `memspike calibrate [--out FILE] [--seed N] [--iterations N (objective evaluations, default ${DEFAULT_ITERATIONS})]\n` +
    `       memspike calibrate --cross-validate [--out FILE (default ${CROSS_VALIDATION_FILE})] [--seed N] [--iterations N per refit (default ${CV_DEFAULT_ITERATIONS})]`,
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'iterations', takesValue: true },
        { name: 'cross-validate', takesValue: false },
        { name: 'data', takesValue: true },
        { name: 'protocol', takesValue: true },
        { name: 'start', takesValue: true },
        { name: 'force', takesValue: false },
      ],
      'calibrate',
    );
    if (args.positional.length > 0) throw new UsageError(`calibrate: unexpected argument "${args.positional[0]}"; usage: ${calibrateCommand.usage}`);
    const cv = args.flags.has('cross-validate');
    const data = flag(args, 'data');
    if (data !== undefined) {
      if (cv) throw new UsageError('calibrate: --data and --cross-validate do not go together');
      return runDataCalibration({
        data,
        protocol: flag(args, 'protocol'),
        out: flag(args, 'out'),
        start: flag(args, 'start'),
        seed: seedFlag(args, 'calibrate') ?? 1,
        iterations: intFlag(args, 'iterations', 'calibrate', 1),
        force: args.flags.has('force'),
      });
    }
    for (const f of ['protocol', 'start', 'force']) if (args.flags.has(f)) throw new UsageError(`calibrate: --${f} goes with --data (fitting measured data)`);
    const out = flag(args, 'out') ?? (cv ? CROSS_VALIDATION_FILE : 'src/devices/presets/mose2.json');
    const seed = seedFlag(args, 'calibrate') ?? 1;
    const iterations = intFlag(args, 'iterations', 'calibrate', 1) ?? (cv ? CV_DEFAULT_ITERATIONS : DEFAULT_ITERATIONS);
    // Fail before the search, not after it, when the result cannot be written.
    ensureWritableDir(dirname(out));
    if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`calibrate: --out "${out.slice(0, 200)}" is a folder; give the preset file to write, e.g. ${out.replace(/\/$/, '')}/mose2.json`);
    const progress = consoleProgress();
    if (cv) {
      const command = `memspike calibrate --cross-validate --seed ${seed} --iterations ${iterations}`;
      progress.start('cross-validate');
      const file = crossValidate({
        seed,
        iterations,
        command,
        onProgress: (done, total, f, elapsedS) => {
          const frac = (done + f) / total;
          const eta = frac > 0 ? (elapsedS / frac) * (1 - frac) : NaN;
          progress.update(frac, `refit ${Math.min(done + 1, total)}/${total}, ETA ${Number.isFinite(eta) ? Math.round(eta) + ' s' : '?'}`);
        },
      });
      progress.done(`${file.refits.length} refits in ${file.wallSeconds.toFixed(0)} s`);
      for (const r of file.refits) {
        process.stdout.write(`${r.holds ? 'holds' : 'MISS '} ${r.claim}: predicted ${r.predicted.toPrecision(4)} (article ${r.article}, ${r.tolerance}; fitted ${r.fitted.toPrecision(4)})\n`);
      }
      writeAtomic(out, JSON.stringify(file, null, 2) + '\n');
      process.stdout.write(`wrote ${out}\n`);
      return 0;
    }
    progress.start('calibrate');
    const t0 = Date.now();
    const result = calibrate({ seed, iterations, onProgress: (f, best) => {
      const s = (Date.now() - t0) / 1000;
      progress.update(f, `J = ${best.toFixed(4)}, ETA ${f > 0 ? Math.round((s / f) * (1 - f)) : '?'} s`);
    } });
    progress.done(`J = ${result.evaluation.value.toFixed(4)}`);
    for (const t of result.evaluation.terms) {
      const ok = Math.abs(t.error) <= 1 ? 'ok  ' : 'MISS';
      process.stdout.write(`${ok} ${t.name}: ${Number(t.simulated).toPrecision(4)} (target ${t.target.toPrecision(4)}, error ${t.error.toFixed(2)})\n`);
    }
    writeAtomic(out, result.presetSource);
    process.stdout.write(`objective ${result.evaluation.value.toFixed(6)} after ${result.evals} evaluations; wrote ${out}\n`);
    return 0;
  },
};
