/**
 * A population run burst by burst (models declaring burst and
 * advanceWithPhase, receiving no projections, no per-pulse probes): at each change of
 * a neuron's drive its spikes up to the next edge of its stimulus are
 * computed in one call into its slice of a flat buffer (CHUNK delays; a longer
 * burst is produced in chunks), and the neuron's one entry in the network's
 * crossing heap holds its next buffered spike, so a spike costs a cursor step
 * and one heap update: no prediction, no allocation.
 *
 * The state is lazy: a neuron's row holds its state at lastT[g] (device and
 * phase there); the buffer holds absolute spike times (base + delay).
 * Bringing it to t: from its last emitted spike (phase 0 there) the device is
 * advanced without the phase integral, then the model's own advance covers
 * the rest; past the end of a complete burst the burst's end phase is used.
 *
 * Uniform regions: a receptor whose row is bit-identical at an edge to the
 * one before it in the stimulus (same device state, drive, phase and
 * horizon), or at the end of a chunk to its neighbour i - 1, copies that
 * burst instead of computing it. A burst is a pure function of the row and
 * the span, so sharing gives the same spikes, bit for bit, as computing each.
 */
import type { CompiledNeurons } from '../neurons/types.ts';
import type { Population } from './build.ts';

/** Spike slots per neuron in the burst buffer. */
export const CHUNK = 64;

type BurstModel = CompiledNeurons & Required<Pick<CompiledNeurons, 'burst' | 'advanceWithPhase'>>;

export function burstModel(m: CompiledNeurons): BurstModel | null {
  return typeof m.burst === 'function' && typeof m.advanceWithPhase === 'function' ? (m as BurstModel) : null;
}

export class BurstRuns {
  private readonly buf: Float64Array;
  private readonly len: Int32Array;
  private readonly cursor: Int32Array;
  private readonly base: Float64Array;
  private readonly untilS: Float64Array;
  private readonly endPhase: Float64Array;
  private readonly complete: Uint8Array;
  private readonly pending: Uint8Array;
  private readonly lastSpikeS: Float64Array;
  /** Bursts computed and bursts shared (figures for benchmarks). */
  computed = 0;
  shared = 0;
  private readonly stride: number;

  constructor(
    private readonly p: Population,
    private readonly m: BurstModel,
    /** The network's lastT (global neuron index). */
    private readonly lastT: Float64Array,
  ) {
    const n = p.size;
    this.buf = new Float64Array(n * CHUNK);
    this.len = new Int32Array(n);
    this.cursor = new Int32Array(n);
    this.base = new Float64Array(n);
    this.untilS = new Float64Array(n);
    this.endPhase = new Float64Array(n);
    this.complete = new Uint8Array(n);
    this.pending = new Uint8Array(n);
    this.lastSpikeS = new Float64Array(n).fill(-Infinity);
    this.stride = m.stride;
  }

  /**
   * Brings neuron i (global g) to t (device and phase); atEdge: a buffered
   * spike due at t itself is kept as pending for the next burst (an edge
   * comes before a spike at the same instant).
   */
  bring(i: number, g: number, t: number, keyT: number, atEdge: boolean): void {
    const last = this.lastT[g];
    const state = this.p.state;
    this.pending[i] = atEdge && keyT === t && this.cursor[i] < this.len[i] ? 1 : 0;
    const m = this.m;
    if (!(t > last)) {
      if (this.pending[i] === 1) m.fire(state, i);
      return;
    }
    const until = this.untilS[i];
    if (this.complete[i] === 1 && this.cursor[i] === this.len[i] && t >= until && last <= until) {
      m.advanceWithPhase(state, i, until - last, this.endPhase[i]);
      if (t > until) m.advance(state, i, t - until);
    } else {
      const ls = this.lastSpikeS[i];
      let from = last;
      if (ls > last) {
        m.advanceWithPhase(state, i, ls - last, 0);
        from = ls;
      }
      if (t > from) m.advance(state, i, t - from);
    }
    if (this.pending[i] === 1) m.fire(state, i);
    this.lastT[g] = t;
  }

  /**
   * A new burst for neuron i from t (its state at t) to untilS; prev: a
   * neuron of the same stimulus that may share (or -1). Returns the key: the
   * first spike, or untilS (resume) when there is none.
   */
  start(i: number, t: number, untilS: number, prev: number): number {
    this.base[i] = t;
    this.untilS[i] = untilS;
    this.cursor[i] = 0;
    this.lastSpikeS[i] = -Infinity;
    if (prev >= 0 && this.sameAs(i, prev, t, untilS)) {
      this.buf.copyWithin(i * CHUNK, prev * CHUNK, prev * CHUNK + this.len[prev]);
      this.len[i] = this.len[prev];
      this.complete[i] = this.complete[prev];
      this.endPhase[i] = this.endPhase[prev];
      this.shared++;
    } else {
      const off = i * CHUNK;
      const lead = this.pending[i];
      if (lead === 1) this.buf[off] = 0;
      const m = this.m.burst(this.p.state, i, untilS - t, this.buf, CHUNK - lead, off + lead);
      this.len[i] = m + lead;
      this.complete[i] = m < CHUNK - lead ? 1 : 0;
      this.endPhase[i] = this.m.burstEndPhase!;
      this.computed++;
    }
    this.pending[i] = 0;
    return this.len[i] > 0 ? t + this.buf[i * CHUNK] : untilS;
  }

  /** Whether neuron i can take prev's burst just computed at t: bit-identical rows, same span and pending spike. */
  private sameAs(i: number, prev: number, t: number, untilS: number): boolean {
    if (this.base[prev] !== t || this.untilS[prev] !== untilS || this.cursor[prev] !== 0 || this.pending[prev] !== this.pending[i]) return false;
    const s = this.p.state;
    const a = i * this.stride;
    const b = prev * this.stride;
    for (let k = 0; k < this.stride; k++) if (s[a + k] !== s[b + k]) return false;
    return true;
  }

  /** Whether neuron i's entry is a buffered spike (else: the resume point at the end of its burst). */
  hasSpike(i: number): boolean {
    return this.cursor[i] < this.len[i];
  }

  /**
   * Neuron i (global g) has emitted its buffered spike at t: the key of what
   * follows (its next spike; the end of a complete burst; or, when the chunk
   * ran out, the first spike of the next chunk, computed from t).
   */
  fired(i: number, g: number, t: number): number {
    this.lastSpikeS[i] = t;
    const c = ++this.cursor[i];
    if (c < this.len[i]) return this.base[i] + this.buf[i * CHUNK + c];
    if (this.complete[i] === 1) return this.untilS[i];
    this.m.advanceWithPhase(this.p.state, i, t - this.lastT[g], 0);
    this.lastT[g] = t;
    // Ties fire in ascending index: a uniform neighbour i - 1 has just started its next chunk.
    return this.start(i, t, this.untilS[i], i - 1);
  }

  /** End of a complete burst reached at t with no edge: a new burst to untilS. */
  resume(i: number, g: number, t: number, untilS: number): number {
    this.bring(i, g, t, Infinity, false);
    return this.start(i, t, untilS, -1);
  }

  /** Neuron i's state at t written to out (a probe's read); the row and lastT are left as they were. */
  sample(i: number, g: number, t: number, keyT: number, out: Float64Array, keep: Float64Array): void {
    const s = this.p.state;
    const off = i * this.stride;
    for (let k = 0; k < this.stride; k++) keep[k] = s[off + k];
    const last = this.lastT[g];
    this.bring(i, g, t, keyT, false);
    for (let k = 0; k < this.stride; k++) out[k] = s[off + k];
    this.undo(i, keep);
    this.lastT[g] = last;
  }

  /**
   * Neuron i's device brought to t in its row for a state check, the phase
   * left as it is; undo() restores the row (keep: a scratch of the stride).
   */
  peekDevice(i: number, g: number, t: number, keep: Float64Array): void {
    const s = this.p.state;
    const off = i * this.stride;
    for (let k = 0; k < this.stride; k++) keep[k] = s[off + k];
    const dt = t - this.lastT[g];
    if (dt > 0) this.m.advanceWithPhase(s, i, dt, 0);
  }

  undo(i: number, keep: Float64Array): void {
    const s = this.p.state;
    const off = i * this.stride;
    for (let k = 0; k < this.stride; k++) s[off + k] = keep[k];
  }
}
