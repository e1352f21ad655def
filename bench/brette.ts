/**
 * Network benchmarks (Brette et al. 2007, J. Comput. Neurosci. 23:349):
 *
 * benchmark4: 4000 LIF with voltage jumps, exact event-driven, 10 s simulated;
 *   a scaling series at 80 inputs per neuron (N = 1000 ... 64000); and the
 *   correctness check: the same network (same connectivity and initial V)
 *   simulated clock-driven at decreasing dt converges to the exact rates.
 * cuba: benchmark 2 (exponential currents), exact event-driven (lif_cuba).
 * network-memristor: 10 000 LIF, excitatory synapses are MoSe2 memristors.
 * compare-brian2 (opt-in, `--compare brian2`): see bench/brian2-compare.ts.
 *
 * Each run is its own process (bench/brette-run.ts) so its peak RSS is its
 * own. Figures: mean rates (E, I), spikes, synaptic events, synaptic events
 * per wall second, wall and CPU time, peak RSS, bytes per synapse (CSR
 * offsets + targets + weights, or + device state and time for memristors).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchModule, BenchResult } from './types.ts';
import type { RunSpec } from './brette-run.ts';

const RUNNER = fileURLToPath(new URL('./brette-run.ts', import.meta.url));

export function runIsolated(spec: RunSpec): Record<string, number | string> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`network bench run ${JSON.stringify(spec)} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number | string>;
}

const fmt = (x: number | string): string => (typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toPrecision(4)) : x);

/** A run as a bench result: value = synaptic events per wall second; all figures at top level (JSON) and in detail. */
export function asResult(r: Record<string, number | string>): BenchResult & Record<string, unknown> {
  const detail: Record<string, string> = {};
  for (const k of ['rate_e_hz', 'rate_i_hz', 'spikes', 'synaptic_events', 'wall_s', 'cpu_s', 'events_per_cpu_s', 'rss_bytes', 'bytes_per_synapse', 'bytes_per_memristive_synapse']) {
    if (r[k] !== undefined) detail[k] = fmt(r[k]);
  }
  return { ...r, name: String(r.name), value: Number(r.events_per_s), unit: 'syn events/s', detail };
}

export const benchmark4Bench: BenchModule = {
  name: 'benchmark4',
  description: 'Brette et al. 2007 benchmark 4 (LIF, voltage jumps), exact event-driven; scaling at 80 inputs; clock-driven convergence',
  run() {
    const out: BenchResult[] = [];
    out.push(asResult(runIsolated({ model: 'benchmark4', n: 4000, durationS: 10, seed: 1 })));
    for (const [n, d] of [[1000, 2], [4000, 2], [16000, 1], [64000, 0.5]] as const) {
      const r = runIsolated({ model: 'benchmark4', n, durationS: d, seed: 2 });
      out.push(asResult({ ...r, name: `benchmark4/scaling/n=${n}` }));
    }
    const exact = runIsolated({ model: 'benchmark4', n: 4000, durationS: 1, seed: 3 });
    out.push(asResult({ ...exact, name: 'benchmark4/reference/exact' }));
    for (const dtS of [1e-4, 5e-5, 2.5e-5, 1e-5]) {
      const r = runIsolated({ model: 'clock', n: 4000, durationS: 1, seed: 3, dtS });
      out.push(asResult({ ...r, name: `benchmark4/reference/clock-dt=${dtS}` }));
    }
    return out;
  },
};

export const cubaBench: BenchModule = {
  name: 'cuba',
  description: 'Brette et al. 2007 benchmark 2 (CUBA, exponential currents), exact propagation + bracketed crossing search',
  run: () => [asResult(runIsolated({ model: 'cuba', n: 4000, durationS: 2, seed: 1 }))],
};

export const memristorNetworkBench: BenchModule = {
  name: 'network-memristor',
  description: '10 000 LIF (benchmark 4 topology), excitatory synapses are MoSe2 memristors (1.5 V, 1 ms pulse per spike)',
  run: () => [asResult(runIsolated({ model: 'memristor', n: 10000, durationS: 1, seed: 1 }))],
};
