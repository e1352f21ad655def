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
 * Where the time goes (node --cpu-prof, benchmark 4, N = 4000, 10 s; 395 k
 * spikes, 31.6 M synaptic events). Before this round: ~40 % the LIF block's
 * delivery loop (src/network/lif-block.ts), ~11 % rescans of a group of 32
 * after each spike, ~15 % the kernel (977 k events: one delivery per spike and
 * delay group, ~1.5 crossing events per spike), ~15 % the delivery and
 * crossing handlers, ~2 % GC. Changes (spike trains byte-identical: spike
 * times and neurons hashed for benchmark 4 at N = 4000 and 2000, and CUBA):
 * groups of 16 (rescans half as long), a 16-byte hot record per neuron (x,
 * and c or a refractory mark; 4000 neurons in 64 KiB instead of 128 KiB), and
 * crossings due at one instant fired in one kernel event (849 k kernel events
 * instead of 977 k). Handling a crossing due at a delivery's instant inside
 * the delivery handler (768 k events) was tried and dropped: it ran ~10 %
 * more instructions per simulated second. After: ~30-40 % the delivery loop
 * (the random read of each target's record: ~10 ns per input alone, more in
 * the network), ~5-10 % rescans, ~10 % the kernel, ~20 % the handlers
 * (per-spike lookups of CSR offsets, the block's earliest crossing, one exp
 * per delivery), 3-5 % GC (doubles boxed for handler calls).
 * Measured (each side's best of 3 alternating runs, `npm run bench --
 * --compare brian2`):
 *   before, load ~1.3: 22.1 M/s vs Brian2 17.0 M/s, 1.30x;
 *   after, load average 6.5-9.9 (other developers' test runs on the 2 cores):
 *   22.4 M/s (1.41 s wall, 1.37 s CPU) vs Brian2 17.65 M/s (1.78 s), 1.27x
 *   wall, 1.34x CPU; dt = 0.01 ms: 11.5x wall, 11.9x CPU.
 * The same 10 s network before and after, alternating in separate processes
 * (min CPU of 4-5 pairs, load 5-10): 1.69-1.76 s before, 1.75-1.82 s after,
 * no difference measurable under that load; at load ~1.4 (2 pairs) 1.51-1.59
 * s CPU before, 1.21-1.23 s with groups of 16 alone. The 1.5x target is not
 * met: 1.27x wall, 1.34x CPU in the last run. What would close the rest: the
 * delivery loop is bound by one random read per synapse (Brian2 reads an
 * 8-byte voltage per neuron, 32 KB in L1); a per-delay delivery lane in the
 * kernel (one heap entry per delay group, fed in time order), handler calls
 * without boxed doubles and CSR offsets beside the block's record would cut
 * the per-spike share (~3 us per spike outside the delivery loop).
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
