import { calibrate, DEFAULT_ITERATIONS } from '../devices/calibrate/index.ts';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import { consoleProgress } from '../report/progress.ts';
import { UsageError, flag, intFlag, parseArgs, seedFlag } from './args.ts';
import type { Command } from './command.ts';

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'fit the mose2 device preset to the article targets and write the preset file',
  usage: `memspike calibrate [--out FILE] [--seed N] [--iterations N (objective evaluations, default ${DEFAULT_ITERATIONS})]`,
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'iterations', takesValue: true },
      ],
      'calibrate',
    );
    if (args.positional.length > 0) throw new UsageError(`calibrate: unexpected argument "${args.positional[0]}"; usage: ${calibrateCommand.usage}`);
    const out = flag(args, 'out') ?? 'src/devices/presets/mose2.ts';
    const seed = seedFlag(args, 'calibrate') ?? 1;
    const iterations = intFlag(args, 'iterations', 'calibrate', 1) ?? DEFAULT_ITERATIONS;
    // Fail before the search, not after it, when the preset cannot be written.
    ensureWritableDir(dirname(out));
    if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`calibrate: --out "${out.slice(0, 200)}" is a folder; give the preset file to write, e.g. ${out.replace(/\/$/, '')}/mose2.ts`);
    const progress = consoleProgress();
    progress.start('calibrate');
    const result = calibrate({ seed, iterations, onProgress: (f, best) => progress.update(f, `J = ${best.toFixed(4)}`) });
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
