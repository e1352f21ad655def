/**
 * `npm run bench -- --compare brian2`: the same benchmark-4 network (N = 4000,
 * 10 s) in memspike (exact event-driven) and in Brian2 (cpp_standalone, one
 * thread, dt = 0.1 ms and 0.01 ms), run one after the other; prints both
 * sides and the throughput ratio (memspike synaptic events per wall second /
 * Brian2's, Brian2 timed on its simulation loop only, compilation excluded),
 * and the same ratio per CPU second (fairer on a shared, loaded machine).
 * At dt = 0.1 ms each side runs REPEATS times, alternating, and the best run
 * counts (one run each at dt = 0.01 ms, where the gap is wide).
 * Needs /usr/bin/python3 with brian2; skipped with a note otherwise.
 *
 * Where the time goes (node --cpu-prof, benchmark 4, N = 4000, share of the
 * simulation): ~46 % the delivery loop of the LIF block (src/network/lif-block.ts:
 * per input a refractoriness check, x -= w E, r = x c and a compare with the
 * group's bound, ~10 ns), ~16 % exact rescans of a group of 32 after each
 * spike, ~17 % the kernel queue and handler calls (~1 M kernel events: one
 * delivery per spike and delay group, ~1.5 crossing events per spike), ~5 %
 * spike emission, ~4 % GC (boxed doubles in the kernel's queue comparator and
 * handler calls), the rest exp/log (one exp per delivery and per spike, one
 * log per new earliest crossing). Brian2 at dt = 0.1 ms pays one add per
 * synaptic event and a vectorised update per neuron per step, with spike
 * times on the grid; memspike's spike times are the exact closed-form ones.
 * What would close more of it: a kernel queue without a comparator closure
 * (typed-array heap with inlined (time, phase, seq) compare, no boxing), and
 * fewer rescans (a second bound per group).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchModule, BenchResult } from './types.ts';
import { asResult, runIsolated } from './brette.ts';

/** Runs per simulator at dt = 0.1 ms. */
const REPEATS = 3;

/** The run with the most events per wall second, with the best events per CPU second of all runs. */
function best(runs: Record<string, number | string>[]): Record<string, number | string> {
  const top = runs.reduce((a, b) => (Number(b.events_per_s) > Number(a.events_per_s) ? b : a));
  return { ...top, events_per_cpu_s: Math.max(...runs.map((r) => Number(r.events_per_cpu_s))) };
}

const SCRIPT = fileURLToPath(new URL('./brian2/brette4.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

function brian2Available(): boolean {
  const r = spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' });
  return r.status === 0;
}

function brian2(model: string, n: number, durationS: number, dtS: number, seed: number): Record<string, number | string> {
  // A fixed build folder per configuration: later runs recompile only what changed.
  const buildDir = join(tmpdir(), `memspike-brian2-${model}-n${n}-dt${dtS}`);
  const args = [SCRIPT, '--model', model, '--n', String(n), '--duration', String(durationS), '--dt', String(dtS), '--seed', String(seed), '--build-dir', buildDir];
  const r = spawnSync(PYTHON, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`brian2 run failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number | string>;
}

export const brian2CompareBench: BenchModule = {
  name: 'compare-brian2',
  description: 'benchmark 4 (N = 4000, 10 s): memspike exact event-driven vs Brian2 cpp_standalone one thread (dt 0.1 ms, 0.01 ms)',
  optIn: true,
  run() {
    if (!brian2Available()) {
      process.stderr.write(`compare-brian2: ${PYTHON} cannot import brian2; skipped\n`);
      return [];
    }
    const n = 4000;
    const durationS = 10;
    // Alternate the two simulators (dt = 0.1 ms is the close race) and keep each
    // side's best run: on a shared machine the best run is the least disturbed.
    const oursRuns: Record<string, number | string>[] = [];
    const brianRuns: Record<string, number | string>[][] = [[], []];
    [1e-4, 1e-5].forEach((dtS, d) => {
      for (let k = 0; k < (d === 0 ? REPEATS : 1); k++) {
        if (d === 0) oursRuns.push(runIsolated({ model: 'benchmark4', n, durationS, seed: 1 }));
        brianRuns[d].push(brian2('benchmark4', n, durationS, dtS, 1));
      }
    });
    const ours = best(oursRuns);
    const out: BenchResult[] = [asResult({ ...ours, name: `memspike/benchmark4/n=${n}`, runs: oursRuns.length })];
    for (const [d, dtS] of [1e-4, 1e-5].entries()) {
      const b = best(brianRuns[d]);
      const ratio = Number(ours.events_per_s) / Number(b.events_per_s);
      const ratioCpu = Number(ours.events_per_cpu_s) / Number(b.events_per_cpu_s);
      out.push({ ...asResult(b), name: String(b.name) });
      out.push({
        name: `ratio memspike/brian2 dt=${dtS}`,
        value: ratio,
        unit: 'x',
        detail: {
          memspike_events_per_s: Number(ours.events_per_s).toPrecision(4),
          brian2_events_per_s: Number(b.events_per_s).toPrecision(4),
          ratio_cpu: ratioCpu.toPrecision(3),
          memspike_events_per_cpu_s: Number(ours.events_per_cpu_s).toPrecision(4),
          brian2_events_per_cpu_s: Number(b.events_per_cpu_s).toPrecision(4),
          memspike_rates_hz: `${Number(ours.rate_e_hz).toFixed(3)}/${Number(ours.rate_i_hz).toFixed(3)}`,
          brian2_rates_hz: `${Number(b.rate_e_hz).toFixed(3)}/${Number(b.rate_i_hz).toFixed(3)}`,
          brian2_build_s: Number(b.build_s).toFixed(1),
          runs: `${oursRuns.length}/${brianRuns[d].length}`,
        },
      } as BenchResult);
    }
    return out;
  },
};
