/**
 * Nociceptor grid workloads shared by the nociceptor benchmark and the Brian2
 * comparison, and a receptor-grid driver on the kernel that uses the model's
 * burst API the way an engine merges bursts into its queue.
 *
 * Workloads (side x side receptors, 10 s simulated unless asked, 0 V between pulses):
 *   noxious  the E12 noxious train on every receptor: 7 V, W = dt = 0.5 s;
 *   skin     the skin patch: a noxious spot of radius side/4 around the
 *            centre burnt at 7 V from t = 1 s for 0.5-2 s (longest at the
 *            centre, widths on a 10 ms grid so both simulators see the
 *            same edges), 0.5 s rest, then the innocuous 2 V train
 *            (W = dt = 0.5 s) on the whole patch until 9.5 s.
 *
 * Driver: per receptor, one kernel entry at a time. At a stimulus edge the
 * receptor is brought to the edge (advanceWithPhase: the phase is known
 * from its burst), its drive set, its state checked (stateCode: free where
 * the state cannot have changed), and its burst up to the next edge computed
 * in one call into a per-receptor slice of a flat buffer; each spike is then
 * one queue pop and push (the receptor's next spike or next edge), with no
 * per-spike prediction or allocation.
 */
import { Kernel, Phase } from '../src/kernel/index.ts';
import { compileNociceptors, type CompiledNociceptors } from '../src/neurons/nociceptor.ts';

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
}

/** Spike slots per receptor in the burst buffer; a longer burst is produced in chunks. */
const CHUNK = 256;

export function runGrid(wl: GridWorkload, neurons: CompiledNociceptors = compileNociceptors(wl.waveOf.length)): GridRun {
  const n = wl.waveOf.length;
  const state = new Float64Array(n * neurons.stride);
  for (let i = 0; i < n; i++) neurons.init(state, i);
  const kernel = new Kernel();
  const buf = new Float64Array(n * CHUNK);
  const len = new Int32Array(n);
  const cursor = new Int32Array(n);
  /** Time the receptor's state refers to; its phase there (after the spikes before it). */
  const tState = new Float64Array(n);
  const complete = new Uint8Array(n);
  const endPhase = new Float64Array(n);
  /** Base time of the present chunk and end of the constant-voltage interval. */
  const base = new Float64Array(n);
  const until = new Float64Array(n);
  const counts = new Float64Array(n);
  const firstS = new Float64Array(n).fill(NaN);
  const edges = wl.waveforms.map((w) => Float64Array.from(w.edgesS));
  const levels = wl.waveforms.map((w) => Float64Array.from(w.levelsV));
  let spikes = 0;
  const end = wl.durationS;
  const nextEdge = new Int32Array(n);

  const chunk = (i: number, t: number): void => {
    const m = neurons.burst(state, i, until[i] - t, buf, CHUNK, i * CHUNK);
    len[i] = m;
    cursor[i] = 0;
    base[i] = t;
    complete[i] = m < CHUNK ? 1 : 0;
    endPhase[i] = neurons.burstEndPhase;
  };
  const scheduleNext = (i: number): void => {
    if (cursor[i] < len[i]) kernel.schedule(base[i] + buf[i * CHUNK + cursor[i]], kSpike, i, 0);
    else if (nextEdge[i] >= 0) kernel.schedule(edges[wl.waveOf[i]][nextEdge[i]], kEdge, i, nextEdge[i]);
  };
  const kEdge = kernel.registerKind('edge', Phase.stimulus, (i, e, t) => {
    // The state is at tState with the burst's end phase (complete) or at its last spike (phase 0).
    neurons.advanceWithPhase(state, i, t - tState[i], complete[i] ? endPhase[i] : 0);
    tState[i] = t;
    const w = wl.waveOf[i];
    neurons.setDrive(state, i, levels[w][e]);
    neurons.stateCode(state, i);
    const next = e + 1 < edges[w].length && edges[w][e + 1] < end ? e + 1 : -1;
    nextEdge[i] = next;
    until[i] = next >= 0 ? edges[w][next] : end;
    chunk(i, t);
    scheduleNext(i);
  });
  const kSpike = kernel.registerKind('spike', Phase.spike, (i, _p, t) => {
    counts[i]++;
    spikes++;
    if (Number.isNaN(firstS[i])) firstS[i] = t;
    cursor[i]++;
    if (cursor[i] === len[i] && complete[i] === 0) {
      // The chunk was cut short: continue from this spike.
      neurons.advanceWithPhase(state, i, t - tState[i], 0);
      tState[i] = t;
      chunk(i, t);
    }
    scheduleNext(i);
  });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) kernel.schedule(edges[wl.waveOf[i]][0], kEdge, i, 0);
  kernel.run(end);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { wallS, cpuS: (cpu.user + cpu.system) / 1e6, spikes, events: kernel.eventsDispatched, counts, firstS };
}
