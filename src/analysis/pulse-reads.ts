/**
 * Conductance read between pulses, as a pulse-read-pulse measurement does it:
 * after pulse k, the small read bias is held for the interval and the current
 * at its end (just before the next pulse rises) gives G_read = I_read / V_read.
 * With V_read below the device threshold the read does not move the state; the
 * conduction nonlinearity makes G_read exceed the state conductance by
 * sinh(beta V_read) / (beta V_read) - 1, well under 1 % at 0.1 V.
 */
import type { ColumnTable } from '../record/table.ts';
import type { PulseInfo } from '../protocols/waveform.ts';

/** Times (s) a read is taken after each pulse: end of the pulse plus the interval. */
export function readTimesAfterPulses(pulses: readonly PulseInfo[], intervalsS: ArrayLike<number>): Float64Array {
  if (intervalsS.length !== pulses.length) throw new Error(`readTimesAfterPulses: ${pulses.length} pulses but ${intervalsS.length} intervals`);
  const out = new Float64Array(pulses.length);
  pulses.forEach((p, k) => {
    out[k] = p.tStartS + p.widthS + intervalsS[k];
  });
  return out;
}

/**
 * Reads the trace of `driveDevice` at the given ascending times: the first row
 * at or after each time (within tolMS of it) that is still at the read bias,
 * i.e. the row recorded just before the next edge switches the level.
 * Returns I / readV per time (or the state conductance g_S when readV is 0).
 */
export function conductanceReads(trace: ColumnTable, timesS: ArrayLike<number>, readV: number, tolS = 1e-9): Float64Array {
  const t = trace.column('t_s');
  const v = trace.column('v_V');
  const i = trace.column('i_A');
  const g = trace.column('g_S');
  const out = new Float64Array(timesS.length);
  let r = 0;
  for (let k = 0; k < timesS.length; k++) {
    const want = timesS[k];
    while (r < t.length && !(t[r] >= want - tolS && v[r] === readV)) r++;
    if (r >= t.length || t[r] > want + tolS) {
      throw new Error(`conductanceReads: no trace row at the read bias ${readV} V near t = ${want} s (read ${k})`);
    }
    out[k] = readV !== 0 ? i[r] / readV : g[r];
  }
  return out;
}

/**
 * conductanceReads for a trace that arrives in batches (driveDevice's
 * onTraceBatch): the same rows are picked, batch after batch, without the
 * trace ever being held whole.
 */
export class ConductanceReadPicker {
  readonly reads: Float64Array;
  private k = 0;

  constructor(
    private readonly timesS: ArrayLike<number>,
    private readonly readV: number,
    private readonly tolS = 1e-9,
  ) {
    this.reads = new Float64Array(timesS.length);
  }

  feed(trace: ColumnTable): void {
    const t = trace.raw(trace.colIndex('t_s'));
    const v = trace.raw(trace.colIndex('v_V'));
    const i = trace.raw(trace.colIndex('i_A'));
    const g = trace.raw(trace.colIndex('g_S'));
    const { timesS, readV, tolS } = this;
    for (let r = 0; r < trace.rows; r++) {
      // One row may serve several reads, as in conductanceReads.
      while (this.k < timesS.length && t[r] >= timesS[this.k] - tolS && v[r] === readV) {
        if (t[r] > timesS[this.k] + tolS) this.missing();
        this.reads[this.k++] = readV !== 0 ? i[r] / readV : g[r];
      }
    }
  }

  /** The reads, once the whole trace was fed; throws naming the first read without its row. */
  finish(): Float64Array {
    if (this.k < this.timesS.length) this.missing();
    return this.reads;
  }

  private missing(): never {
    throw new Error(`conductanceReads: no trace row at the read bias ${this.readV} V near t = ${this.timesS[this.k]} s (read ${this.k})`);
  }
}

/** Mean and relative standard deviation (population) of a list of numbers. */
export function relativeSpread(xs: ArrayLike<number>): { mean: number; relStd: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, relStd: NaN };
  let s = 0;
  for (let k = 0; k < n; k++) s += xs[k];
  const mean = s / n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (xs[k] - mean) ** 2;
  return { mean, relStd: Math.sqrt(ss / n) / Math.abs(mean) };
}
