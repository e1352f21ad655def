/**
 * What the page has received from the server: spikes, probe samples and
 * state changes in growable typed arrays (times ascending, as the kernel
 * dispatched them). Bounded: past a cap the oldest half is dropped and
 * counted, so a long run cannot exhaust the tab's memory.
 */
import type { Batch, RunInfo } from '../src/server/protocol.ts';

export const MAX_SPIKES = 2_000_000;
export const MAX_SAMPLES_PER_PROBE = 400_000;
export const MAX_STATE_CHANGES = 1_000_000;

class Series {
  t = new Float64Array(1024);
  v = new Float64Array(1024);
  n = 0;
  dropped = 0;
  push(t: number, v: number, cap: number): void {
    if (this.n === cap) {
      const half = cap >> 1;
      this.t.copyWithin(0, half, this.n);
      this.v.copyWithin(0, half, this.n);
      this.n -= half;
      this.dropped += half;
    }
    if (this.n === this.t.length) {
      const t = new Float64Array(this.t.length * 2);
      const v = new Float64Array(this.t.length * 2);
      t.set(this.t);
      v.set(this.v);
      this.t = t;
      this.v = v;
    }
    this.t[this.n] = t;
    this.v[this.n] = v;
    this.n++;
  }
}

/** First index i in a[0..n) with a[i] >= x. */
export function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RunData {
  run: RunInfo | null = null;
  /** Spikes: time and neuron (neuron stored as a float: exact below 2^53). */
  spikes = new Series();
  probes: Series[] = [];
  /** State changes: time, neuron, from, to. */
  stateT = new Float64Array(256);
  stateN = new Uint32Array(256);
  stateFrom = new Uint8Array(256);
  stateTo = new Uint8Array(256);
  nStates = 0;
  droppedStates = 0;
  /** Present state of every neuron, and spikes since the heat map last looked. */
  current = new Uint8Array(0);
  recentSpikes = new Float32Array(0);
  simTimeS = 0;
  events = 0;
  eventsPerS = 0;
  decimation = 1;
  skippedSamples = 0;
  batches = 0;
  version = 0;

  reset(run: RunInfo | null): void {
    this.run = run;
    this.spikes = new Series();
    this.probes = run ? run.probes.map(() => new Series()) : [];
    this.nStates = 0;
    this.droppedStates = 0;
    this.current = new Uint8Array(run?.neurons ?? 0);
    this.recentSpikes = new Float32Array(run?.neurons ?? 0);
    this.simTimeS = 0;
    this.events = 0;
    this.eventsPerS = 0;
    this.decimation = 1;
    this.skippedSamples = 0;
    this.batches = 0;
    this.version++;
  }

  append(b: Batch): void {
    for (let i = 0; i < b.spikeT.length; i++) {
      const n = b.spikeNeuron[i];
      this.spikes.push(b.spikeT[i], n, MAX_SPIKES);
      if (n < this.recentSpikes.length) this.recentSpikes[n] += 1;
    }
    for (let i = 0; i < b.sampleT.length; i++) {
      const s = this.probes[b.sampleProbe[i]];
      if (s) s.push(b.sampleT[i], b.sampleValue[i], MAX_SAMPLES_PER_PROBE);
    }
    for (let i = 0; i < b.stateT.length; i++) this.pushState(b.stateT[i], b.stateNeuron[i], b.stateFrom[i], b.stateTo[i]);
    this.simTimeS = b.simTimeS;
    this.events = b.events;
    this.eventsPerS = b.eventsPerS;
    this.decimation = b.decimation;
    this.skippedSamples += b.skippedSamples;
    this.batches++;
    this.version++;
  }

  private pushState(t: number, n: number, from: number, to: number): void {
    if (this.nStates === MAX_STATE_CHANGES) {
      const half = MAX_STATE_CHANGES >> 1;
      for (const a of [this.stateT, this.stateN, this.stateFrom, this.stateTo]) a.copyWithin(0, half, this.nStates);
      this.nStates -= half;
      this.droppedStates += half;
    }
    if (this.nStates === this.stateT.length) {
      const grow = <T extends Float64Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.stateT = grow(this.stateT, (k) => new Float64Array(k));
      this.stateN = grow(this.stateN, (k) => new Uint32Array(k));
      this.stateFrom = grow(this.stateFrom, (k) => new Uint8Array(k));
      this.stateTo = grow(this.stateTo, (k) => new Uint8Array(k));
    }
    const i = this.nStates++;
    this.stateT[i] = t;
    this.stateN[i] = n;
    this.stateFrom[i] = from;
    this.stateTo[i] = to;
    if (n < this.current.length) this.current[n] = to;
  }

  spikesCSV(): string {
    const s = this.spikes;
    const rows = ['t_s,neuron'];
    for (let i = 0; i < s.n; i++) rows.push(`${s.t[i]},${s.v[i]}`);
    return rows.join('\n') + '\n';
  }

  probesCSV(): string {
    const rows = ['t_s,probe,unit,value'];
    this.probes.forEach((s, p) => {
      const info = this.run?.probes[p];
      const name = (info?.name ?? String(p)).replace(/[",\n]/g, ' ');
      for (let i = 0; i < s.n; i++) rows.push(`${s.t[i]},${name},${info?.unit ?? ''},${s.v[i]}`);
    });
    return rows.join('\n') + '\n';
  }

  statesCSV(): string {
    const names = this.run?.stateNames ?? [];
    const rows = ['t_s,neuron,from,to'];
    for (let i = 0; i < this.nStates; i++) {
      rows.push(`${this.stateT[i]},${this.stateN[i]},${names[this.stateFrom[i]] ?? this.stateFrom[i]},${names[this.stateTo[i]] ?? this.stateTo[i]}`);
    }
    return rows.join('\n') + '\n';
  }
}
