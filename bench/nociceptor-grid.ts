/**
 * Nociceptor grid workloads shared by the nociceptor benchmark and the Brian2
 * comparison, run on the one engine (Network): one nociceptor population,
 * one stimulus per distinct waveform.
 *
 * Workloads (side x side receptors, 10 s simulated unless asked, 0 V between pulses):
 *   noxious  the E12 noxious train on every receptor: 7 V, W = dt = 0.5 s;
 *   skin     the skin patch: a noxious spot of radius side/4 around the
 *            centre burnt at 7 V from t = 1 s for 0.5-2 s (longest at the
 *            centre, widths on a 10 ms grid so both simulators see the
 *            same edges), 0.5 s rest, then the innocuous 2 V train
 *            (W = dt = 0.5 s) on the whole patch until 9.5 s.
 *
 * The population receives no projections and is not probed, so the engine
 * runs it burst by burst (src/network/bursts.ts): at each edge every
 * receptor's burst to the next edge is computed (or shared by the receptors
 * of a uniform region), its spikes merged through the crossing heap; the
 * periodic sensitisation check reads the device only.
 */
import { Network } from '../src/network/index.ts';
import type { NetworkDescription } from '../src/network/description.ts';

export type WorkloadName = 'noxious' | 'skin';

export interface GridWorkload {
  readonly name: WorkloadName;
  readonly side: number;
  readonly durationS: number;
  /** Distinct waveforms: edge times (s, from 0) and the level held from each. */
  readonly waveforms: ReadonlyArray<{ readonly edgesS: number[]; readonly levelsV: number[] }>;
  /** Per receptor: its waveform. */
  readonly waveOf: Int32Array;
}

const DURATION_S = 10;

function train(edges: number[], levels: number[], startS: number, endS: number, v: number): void {
  for (let t = startS; t + 0.5 <= endS + 1e-9; t += 1) {
    edges.push(t, t + 0.5);
    levels.push(v, 0);
  }
}

export function gridWorkload(name: WorkloadName, side: number, durationS = DURATION_S): GridWorkload {
  const n = side * side;
  if (name === 'noxious') {
    const edges: number[] = [];
    const levels: number[] = [];
    train(edges, levels, 0, durationS, 7);
    return { name, side, durationS, waveforms: [{ edgesS: edges, levelsV: levels }], waveOf: new Int32Array(n) };
  }
  const r0 = side / 4;
  const byWidth = new Map<number, number>();
  const waveforms: Array<{ edgesS: number[]; levelsV: number[] }> = [];
  const waveOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = Math.hypot((i % side) - (side - 1) / 2, Math.floor(i / side) - (side - 1) / 2);
    // Width in 10 ms steps (0 outside the spot).
    const steps = d > r0 ? 0 : Math.round((0.5 + 1.5 * (1 - d / r0)) * 100);
    let w = byWidth.get(steps);
    if (w === undefined) {
      const edges = [0];
      const levels = [0];
      if (steps > 0) {
        edges.push(1, 1 + steps / 100);
        levels.push(7, 0);
      }
      train(edges, levels, 3.5, Math.min(9.5, durationS), 2);
      w = waveforms.length;
      waveforms.push({ edgesS: edges, levelsV: levels });
      byWidth.set(steps, w);
    }
    waveOf[i] = w;
  }
  return { name, side, durationS, waveforms, waveOf };
}

export interface GridRun {
  readonly wallS: number;
  /** CPU time of the run (user + system): less sensitive to other load on a shared machine. */
  readonly cpuS: number;
  readonly spikes: number;
  readonly events: number;
  readonly counts: Float64Array;
  /** First spike time per receptor (NaN if none). */
  readonly firstS: Float64Array;
  /** Bursts computed and bursts shared within uniform regions. */
  readonly bursts: { readonly computed: number; readonly shared: number };
}

/** The workload as a network description: population "skin", one stimulus per distinct waveform. */
export function gridDescription(wl: GridWorkload): NetworkDescription {
  const members = wl.waveforms.map(() => [] as number[]);
  wl.waveOf.forEach((w, i) => members[w].push(i));
  return {
    durationS: wl.durationS,
    seed: 1,
    populations: [{ name: 'skin', model: 'nociceptor', size: wl.waveOf.length, grid: { width: wl.side, height: wl.side } }],
    stimuli: wl.waveforms.map((w, k) => ({
      kind: 'neurons' as const,
      population: 'skin',
      neurons: members[k],
      waveform: { kind: 'points' as const, points: w.edgesS.map((t, j) => [t, w.levelsV[j]] as const) },
    })),
  };
}

export function runGrid(wl: GridWorkload): GridRun {
  const n = wl.waveOf.length;
  const counts = new Float64Array(n);
  const firstS = new Float64Array(n).fill(NaN);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const net = new Network(gridDescription(wl));
  net.addSpikeListener((t, g) => {
    if (counts[g]++ === 0) firstS[g] = t;
  });
  net.run();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { wallS, cpuS: (cpu.user + cpu.system) / 1e6, spikes: net.spikeCount, events: net.kernel.eventsDispatched, counts, firstS, bursts: net.burstFigures() };
}
