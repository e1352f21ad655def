/**
 * `npm run bench [-- --only NAME[,NAME]] [-- --compare brian2|brian2-nociceptor] [-- --json] [-- --quick]`: runs the benchmark
 * modules and prints their figures (one JSON line per result with --json).
 * A new benchmark is one file exporting a BenchModule plus one line below.
 */
import type { BenchModule, BenchResult } from './types.ts';
import { deviceBench } from './device.ts';
import { annBench } from './ann.ts';
import { streamBench } from './stream.ts';
import { benchmark4Bench, cubaBench, memristorNetworkBench } from './brette.ts';
import { brian2CompareBench } from './brian2-compare.ts';
import { brian2NociceptorBench } from './brian2-nociceptor.ts';
import { nociceptorBench } from './nociceptor.ts';
import { nociceptorScaleBench } from './nociceptor-scale.ts';
import { sweepBench } from './sweep.ts';

const modules: readonly BenchModule[] = [deviceBench, annBench, streamBench, benchmark4Bench, cubaBench, memristorNetworkBench, nociceptorBench, nociceptorScaleBench, sweepBench, brian2CompareBench, brian2NociceptorBench];

function parse(argv: readonly string[]): { only: string[] | null; json: boolean; quick: boolean } {
  let only: string[] | null = null;
  let json = false;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else if (a === '--compare' || a.startsWith('--compare=')) {
      const v = a.startsWith('--compare=') ? a.slice(10) : argv[++i];
      if (!v) throw new Error('--compare needs a simulator name, e.g. brian2');
      only = [...(only ?? []), `compare-${v}`];
    }
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.startsWith('--only=') ? a.slice(7) : argv[++i];
      if (!v) throw new Error('--only needs a benchmark name');
      only = v.split(',').map((s) => s.trim()).filter(Boolean);
    } else throw new Error(`unknown option "${a}"; usage: bench [--only NAME[,NAME]] [--compare SIMULATOR] [--json] [--quick]`);
  }
  if (only) {
    for (const n of only) {
      if (!modules.some((m) => m.name === n)) throw new Error(`unknown benchmark "${n}"; known: ${modules.map((m) => m.name).join(', ')}`);
    }
  }
  return { only, json, quick };
}

function human(r: BenchResult): string {
  const v = r.value >= 1e6 ? `${(r.value / 1e6).toFixed(2)} M` : r.value >= 1e3 ? `${(r.value / 1e3).toFixed(2)} k` : r.value.toPrecision(4) + ' ';
  const detail = r.detail ? '  (' + Object.entries(r.detail).map(([k, x]) => `${k} ${x}`).join(', ') + ')' : '';
  return `${r.name.padEnd(40)} ${v}${r.unit}${detail}`;
}

async function main(): Promise<void> {
  const { only, json, quick } = parse(process.argv.slice(2));
  const selected = only ? modules.filter((m) => only.includes(m.name)) : modules.filter((m) => !m.optIn);
  if (!json) process.stdout.write(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const m of selected) {
    if (!json) process.stdout.write(`\n${m.name}: ${m.description}\n`);
    for (const r of await m.run({ quick })) process.stdout.write((json ? JSON.stringify(r) : human(r)) + '\n');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
