/**
 * Probe samples a figure draws, bounded per channel: every sample up to
 * `limit` per channel; when a channel fills, every other kept sample is
 * dropped and from then on only every 2^k-th sample of that channel is kept,
 * so a long trace is drawn from evenly spaced samples (deterministic).
 * Memory: at most `limit` samples per channel.
 */
import type { ColumnTable } from '../record/table.ts';
import type { BatchSink } from './types.ts';

interface Channel {
  t: Float64Array;
  v: Float64Array;
  n: number;
  seen: number;
  stride: number;
}

export class TraceKeep implements BatchSink {
  private readonly channels: (Channel | undefined)[] = [];
  constructor(readonly limit = 20_000) {}

  rows(cols: readonly ArrayLike<number>[], from: number, to: number): void {
    const [t, p, v] = cols;
    for (let r = from; r < to; r++) {
      const ch = this.channels[p[r]] ?? this.open(p[r]);
      if (ch.seen++ % ch.stride !== 0) continue;
      if (ch.n === ch.t.length) {
        if (ch.n < this.limit) this.grow(ch);
        else this.halve(ch);
        if ((ch.seen - 1) % ch.stride !== 0) continue;
      }
      ch.t[ch.n] = t[r];
      ch.v[ch.n++] = v[r];
    }
  }

  /** Samples of one channel as [times, values] (as SpikeRecorder.probe). */
  probe(channel: number): [Float64Array, Float64Array] {
    const ch = this.channels[channel];
    if (!ch) return [new Float64Array(0), new Float64Array(0)];
    return [ch.t.slice(0, ch.n), ch.v.slice(0, ch.n)];
  }

  /** Whether any channel was thinned out. */
  get thinned(): boolean {
    return this.channels.some((c) => c !== undefined && c.stride > 1);
  }

  private open(p: number): Channel {
    const cap = Math.min(this.limit, 256);
    const ch = { t: new Float64Array(cap), v: new Float64Array(cap), n: 0, seen: 0, stride: 1 };
    this.channels[p] = ch;
    return ch;
  }

  private grow(ch: Channel): void {
    const cap = Math.min(this.limit, ch.n * 2);
    const t = new Float64Array(cap);
    t.set(ch.t);
    const v = new Float64Array(cap);
    v.set(ch.v);
    ch.t = t;
    ch.v = v;
  }

  private halve(ch: Channel): void {
    let j = 0;
    for (let k = 0; k < ch.n; k += 2) {
      ch.t[j] = ch.t[k];
      ch.v[j++] = ch.v[k];
    }
    ch.n = j;
    ch.stride *= 2;
  }
}

/** Keeps every row handed over in a column table (for outputs that are both streamed and needed whole, e.g. state changes). */
export class TableKeep implements BatchSink {
  constructor(readonly table: ColumnTable) {}

  rows(cols: readonly ArrayLike<number>[], from: number, to: number): void {
    const t = this.table;
    const nc = t.columns.length;
    for (let r = from; r < to; r++) {
      const row = t.addRow();
      for (let c = 0; c < nc; c++) t.set(row, c, cols[c][r]);
    }
  }
}
