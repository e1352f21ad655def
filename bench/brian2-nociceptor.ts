/**
 * `npm run bench -- --compare brian2-nociceptor`: the nociceptor grid
 * workloads of bench/nociceptor-grid.ts (the E12 noxious train on every
 * receptor; the skin patch) in memspike (the one engine, Network: the
 * population run burst by burst, src/network/bursts.ts; spike times to
 * 1e-9 s) and in Brian2 (bench/brian2/nociceptor.py:
 * cpp_standalone, one thread, dt = 0.1 ms, the device components with method
 * 'exact', the same firing law and phase threshold, every parameter taken
 * from memspike's device preset and nociceptor defaults here, so the two stay
 * in sync), at 64 x 64 and 128 x 128, alternating A B A B (RUNS each), best
 * run of each side counted (the least disturbed on a shared machine).
 * Prints both sides, the spike agreement (receptors whose spike counts
 * differ; the largest first-spike time difference) and the speed ratio
 * (Brian2 wall / memspike wall: memspike's speed over Brian2's; Brian2 timed
 * on its simulation loop, compilation excluded; the CPU-time ratio beside
 * it), and memspike's wall time per spike. With --json: one line per run and
 * one `ratio memspike/brian2 <workload> <side>x<side>` line per workload and
 * size (value: the wall ratio; detail.spike_agreement and its numbers:
 * receptors whose counts differ, the largest count and first-spike
 * differences), and a `memspike cost per spike <workload> <side>x<side>` line
 * (wall and CPU ns per spike). Simulated time: 10 s per workload (the skin
 * patch's injury, rest and the whole touch train); `--quick` runs 1 s
 * (noxious) and 2 s (skin); MEMSPIKE_BRIAN2_NOXIOUS_S and
 * MEMSPIKE_BRIAN2_SKIN_S override either.
 * Skipped with a note when /usr/bin/python3 cannot import brian2.
 *
 * Sides: MEMSPIKE_BRIAN2_SIDES (comma-separated, default 64,128).
 * The Brian2 model takes every component of the preset by name (the spec's
 * `components`, in state order, and `sens`, the one that multiplies the path
 * conductance), so a component added to the device needs no edit here or in
 * the script. Brian2's 'exact' update of a component over a 0.1 ms step is
 * x exp(-b dt) + (a/b)(1 - exp(-b dt)): the steep rates at 7 V (~1e9/s, b dt
 * ~1e5) settle within the step without loss.
 *
 * Brian2's phase: trapezoidal over each 0.1 ms step (the rate at both ends
 * of the step with that step's voltage), the first spike's time interpolated
 * within its step. With Euler (the rate at the start of the step) 4 and 32
 * receptors of the skin patch (64 x 64, 128 x 128, 2 s) ended one spike apart
 * from memspike: Euler's phase error, about dt/2 times the change of the rate,
 * put receptors whose phase ends near an integer on the other side. The
 * trapezoidal rule (error O(dt^2)) gives identical counts on every receptor
 * at 10 s. The remaining first-spike difference (0.048 ms) is the step right
 * after a 7 V edge: the device settles within microseconds, and the rule
 * averages the rate before and after it over that step (half a step of phase).
 *
 * Measured at 10 s (`npm run bench -- --compare brian2-nociceptor --json`),
 * load average 5-9 (two other developers' test runs on the 2 cores; memspike's
 * runs were slowed most: 1.3x-3x its quiet times), best of 2 alternating runs:
 *   workload          spikes (both sides)  memspike wall  Brian2 wall  wall ratio  CPU ratio  memspike per spike   agreement
 *   noxious 64x64     4 505 600            1.98 s         41.1 s       20.8x       27.1x      438 ns wall, 337 CPU  all counts equal; first spikes within 0.048 ms
 *   skin 64x64        150 536              0.60 s         33.9 s       56.3x       59.5x      4.0 us wall           all counts equal; within 0.048 ms
 *   noxious 128x128   18 022 400           5.41 s         162.7 s      30.1x       29.7x      300 ns wall, 304 CPU  all counts equal; within 0.048 ms
 *   skin 128x128      600 624              1.62 s         129.0 s      79.8x       74.2x      2.7 us wall           all counts equal; within 0.048 ms
 * Targets: >= 5x on the noxious train and >= 10x on the skin patch at
 * 128 x 128: met (30x, 80x).
 * Where memspike's time goes (node --cpu-prof, noxious 128 x 128, 10 s,
 * 18.0 M spikes, 6.3 s CPU under that load): ~55 % the crossing heap's sift
 * (src/network/crossings.ts: every spike of the 16 384 receptors passes
 * through a heap of 16 384 entries, ~14 levels, two compares each), ~7 % the
 * burst cursor (next spike time of a receptor), ~5 % emission, ~4 % the
 * heap's top read per spike; bursts themselves are cheap: 32 798 computed,
 * 491 490 shared by receptors with the same device state, voltage and span.
 * The shorter runs before (1 s / 2 s, load 0.7-3, Euler phase on Brian2's
 * side): noxious 27.4x (64^2), 18.4x (128^2); skin 34.6x, 41.4x.
 * Uniform regions advanced once (one heap entry for all receptors sharing a
 * burst, fired in index order) would cut the heap share on the noxious train,
 * where all receptors share one burst; not done: the per-spike cost is
 * already ~0.3 us, and the device-to-device and cycle-to-cycle variation of
 * nociceptor devices makes receptors diverge, so shared bursts (and such
 * regions) stop existing once variation is on.
 * Before the script took the fifth component (fastHigh) it dropped it, and
 * memspike fired about 30 % more (749 568 against 573 440 spikes, noxious
 * 64 x 64, 2 s): those earlier ratios compared two different models.
 * Measured before the engine ran bursts (the private driver this file used
 * then, and the four-component device preset; load average 13-18 from other
 * work; best of 2 alternating runs each; Brian2 compilation excluded):
 *   workload (simulated)       spikes   memspike wall (CPU)  Brian2 wall   wall ratio  CPU ratio  agreement
 *   noxious 64x64 (2 s)        1.10 M   4.46 s (1.17 s)      5.69 s       1.28x       4.9x       all counts equal, first spikes within 0.016 ms
 *   noxious 128x128 (2 s)      4.41 M   12.87 s (5.43 s)     22.21 s      1.73x       4.1x       all counts equal, within 0.016 ms
 *   skin 64x64 (5 s)           225 k    1.46 s (0.39 s)      12.88 s      8.8x        33x        36 receptors differ by one spike
 *   skin 128x128 (5 s)         896 k    2.86 s (1.44 s)      51.31 s      18.0x       36x        80 receptors differ by one spike
 * memspike's cost per spike on the dense workload: 2.9-4.0 us wall, 1.1-1.2
 * us CPU; Brian2's wall time stayed close to its CPU time while memspike's
 * was 2.5-4 times its CPU time on the loaded machine, so the CPU ratio is the
 * fairer one there. The 5x target on the noxious train is met in CPU time
 * (4.1-4.9x), not in wall time under this load. The skin patch's count
 * differences (one spike, under 0.5 % of receptors) were Brian2's Euler
 * phase on its 0.1 ms grid (see above: gone with the trapezoidal rule).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devices } from '../src/devices/registry.ts';
import { COMPONENTS } from '../src/devices/mose2.ts';
import { nociceptorDefaults } from '../src/neurons/nociceptor.ts';
import { gridWorkload, runGrid, type GridRun, type GridWorkload, type WorkloadName } from './nociceptor-grid.ts';
import type { BenchModule, BenchOptions, BenchResult } from './types.ts';

const SCRIPT = fileURLToPath(new URL('./brian2/nociceptor.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const RUNS = 2;
const DT_S = 1e-4;
const STIM_DT_S = 0.01;

interface Brian2Run {
  wall_s: number;
  cpu_s: number;
  build_s: number;
  spikes: number;
  counts: number[];
  first_s: Array<number | null>;
}

function brian2Available(): boolean {
  return spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' }).status === 0;
}

/** The model as data for the Brian2 script: device preset, firing law, stimulus table. */
export function spec(wl: GridWorkload): Record<string, unknown> {
  const p = devices.mose2.preset;
  const steps = Math.round(wl.durationS / STIM_DT_S);
  const stim = wl.waveforms.map((w) => {
    const v = new Array<number>(steps).fill(0);
    w.edgesS.forEach((t, k) => {
      const from = Math.round(t / STIM_DT_S);
      if (Math.abs(from * STIM_DT_S - t) > 1e-9) throw new Error(`brian2-nociceptor: edge ${t} s is not on the ${STIM_DT_S} s stimulus grid`);
      const to = k + 1 < w.edgesS.length ? Math.round(w.edgesS[k + 1] / STIM_DT_S) : steps;
      for (let j = from; j < Math.min(to, steps); j++) v[j] = w.levelsV[k];
    });
    return v;
  });
  return {
    workload: `${wl.name}/${wl.side}x${wl.side}`,
    dt_s: DT_S,
    duration_s: wl.durationS,
    n: wl.waveOf.length,
    threshold_v: p.thresholdV,
    pot_ref_v: p.potRefV,
    dep_ref_v: p.depRefV,
    beta: p.conductionBetaPerV,
    g0: p.baseConductanceS,
    m: p.sensitisationGain,
    // Every component of the preset, by name: a component added to the device needs no edit here or in the script.
    components: COMPONENTS.map((c) => {
      const q = p[c];
      return { name: c, weight: q.weightS, pot: q.potRateRefPerS, pot_slope: q.potSlopePerV, dep: q.depRateRefPerS, dep_slope: q.depSlopePerV, inv_tau: q.tauS === Infinity ? 0 : 1 / q.tauS, tau_slope: q.tauSlopePerV };
    }),
    // The one component that multiplies the path conductance (src/devices/mose2.ts header).
    sens: 'sens',
    law: { threshold_a: nociceptorDefaults.thresholdA, max_rate_hz: nociceptorDefaults.maxRateHz, half_rate_a: nociceptorDefaults.halfRateA },
    stim_dt_s: STIM_DT_S,
    stim,
    wave_of: Array.from(wl.waveOf),
  };
}

export function brian2(wl: GridWorkload, dir: string): Brian2Run {
  const file = join(dir, `${wl.name}-${wl.side}.json`);
  writeFileSync(file, JSON.stringify(spec(wl)));
  // One build folder for every configuration: a later one recompiles only the files that changed.
  const build = join(tmpdir(), "memspike-brian2-nociceptor");
  const r = spawnSync(PYTHON, [SCRIPT, file, '--build-dir', build], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`brian2 nociceptor run failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Brian2Run;
}

export function agreement(ours: GridRun, theirs: Brian2Run): { differ: number; maxFirstMs: number; maxCountDiff: number } {
  let differ = 0;
  let maxFirst = 0;
  let maxCount = 0;
  for (let i = 0; i < ours.counts.length; i++) {
    const d = Math.abs(ours.counts[i] - theirs.counts[i]);
    if (d > 0) differ++;
    maxCount = Math.max(maxCount, d);
    const f = theirs.first_s[i];
    if (f !== null && !Number.isNaN(ours.firstS[i])) maxFirst = Math.max(maxFirst, Math.abs(ours.firstS[i] - f));
    else if ((f === null) !== Number.isNaN(ours.firstS[i])) maxFirst = Infinity;
  }
  return { differ, maxFirstMs: maxFirst * 1e3, maxCountDiff: maxCount };
}

function envS(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!(x > 0 && x <= 10)) throw new Error(`${name} must be a number of seconds in (0, 10], got "${v}"`);
  return x;
}

/** Grid sides to compare: MEMSPIKE_BRIAN2_SIDES (comma-separated, default 64,128). */
function sides(): number[] {
  const v = process.env.MEMSPIKE_BRIAN2_SIDES;
  if (v === undefined) return [64, 128];
  const out = v.split(',').map((x) => Number(x.trim()));
  if (!out.every((x) => Number.isInteger(x) && x >= 1 && x <= 512)) throw new Error(`MEMSPIKE_BRIAN2_SIDES must be comma-separated whole numbers in [1, 512], got "${v}"`);
  return out;
}

export const brian2NociceptorBench: BenchModule = {
  name: 'compare-brian2-nociceptor',
  description: 'nociceptor grids (noxious train, skin patch) at 64 x 64 and 128 x 128: memspike (Network, bursts) vs Brian2 cpp_standalone one thread, dt = 0.1 ms',
  optIn: true,
  run(opts?: BenchOptions) {
    if (!brian2Available()) {
      process.stderr.write(`compare-brian2-nociceptor: ${PYTHON} cannot import brian2; skipped\n`);
      return [];
    }
    const dir = mkdtempSync(join(tmpdir(), 'memspike-brian2-noci-spec-'));
    const out: BenchResult[] = [];
    const quick = opts?.quick === true;
    const durations: Record<WorkloadName, number> = { noxious: envS('MEMSPIKE_BRIAN2_NOXIOUS_S', quick ? 1 : 10), skin: envS('MEMSPIKE_BRIAN2_SKIN_S', quick ? 2 : 10) };
    try {
      for (const side of sides()) {
        for (const name of ['noxious', 'skin'] as const) {
          const wl = gridWorkload(name, side, durations[name]);
          runGrid(gridWorkload(name, 16, durations[name])); // JIT warm-up
          const ours: GridRun[] = [];
          const theirs: Brian2Run[] = [];
          for (let k = 0; k < RUNS; k++) {
            ours.push(runGrid(wl));
            theirs.push(brian2(wl, dir));
            const o = ours[k];
            const b = theirs[k];
            process.stderr.write(`compare-brian2-nociceptor: ${name} ${side}x${side} run ${k + 1}/${RUNS}: memspike ${o.wallS.toFixed(2)} s, Brian2 ${b.wall_s.toFixed(2)} s\n`);
            out.push({ name: `memspike/nociceptor/${name}/${side}x${side}`, value: o.wallS, unit: 's', detail: { run: k + 1, simS: wl.durationS, spikes: o.spikes, cpuS: +o.cpuS.toFixed(3), 'wall us/spike': +((o.wallS / o.spikes) * 1e6).toFixed(3), 'cpu us/spike': +((o.cpuS / o.spikes) * 1e6).toFixed(3) } });
            out.push({ name: `brian2/nociceptor/${name}/${side}x${side}`, value: b.wall_s, unit: 's', detail: { run: k + 1, simS: wl.durationS, spikes: b.spikes, cpuS: +b.cpu_s.toFixed(3), buildS: +b.build_s.toFixed(1), 'wall us/spike': +((b.wall_s / Math.max(1, b.spikes)) * 1e6).toFixed(3) } });
          }
          const o = ours.reduce((x, y) => (y.wallS < x.wallS ? y : x));
          const b = theirs.reduce((x, y) => (y.wall_s < x.wall_s ? y : x));
          const ag = agreement(o, b);
          const spikeAgreement = `${ag.differ} of ${o.counts.length} receptors differ in spike count (at most by ${ag.maxCountDiff}); largest first-spike difference ${ag.maxFirstMs.toFixed(3)} ms`;
          process.stderr.write(`compare-brian2-nociceptor: ${name} ${side}x${side}: ${spikeAgreement}\n`);
          out.push({
            name: `memspike cost per spike ${name} ${side}x${side}`,
            value: (o.wallS / o.spikes) * 1e9,
            unit: 'ns/spike (wall)',
            detail: { 'cpu ns/spike': +((o.cpuS / o.spikes) * 1e9).toFixed(1), spikes: o.spikes, wall_s: +o.wallS.toFixed(3), cpu_s: +o.cpuS.toFixed(3), simS: wl.durationS },
          });
          out.push({
            name: `ratio memspike/brian2 ${name} ${side}x${side}`,
            value: b.wall_s / o.wallS,
            unit: 'x',
            detail: {
              spike_agreement: spikeAgreement,
              receptors_differ: ag.differ,
              max_count_difference: ag.maxCountDiff,
              max_first_spike_difference_ms: +ag.maxFirstMs.toFixed(4),
              ratio_cpu: +(b.cpu_s / o.cpuS).toFixed(3),
              memspike_wall_s: +o.wallS.toFixed(3),
              brian2_wall_s: +b.wall_s.toFixed(3),
              memspike_spikes: o.spikes,
              brian2_spikes: b.spikes,
              'memspike wall us/spike': +((o.wallS / o.spikes) * 1e6).toFixed(3),
              'memspike cpu us/spike': +((o.cpuS / o.spikes) * 1e6).toFixed(3),
              simS: wl.durationS,
              runs: `${ours.length}/${theirs.length}`,
            },
          });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
