/**
 * The E4 LTP/LTD curve of the device as a lookup table of conductance vs
 * pulse number, both directions, the way a crossbar simulator that trains on
 * measured device data (CrossSim's lookup-table device, Agarwal et al., Sandia
 * 2016-2019) builds one from a measured pulse-read sequence:
 *
 *   1. The E4 protocol (Fig. 3b: N = 25 pulses of +3 V then N of -3 V,
 *      W = 50 ms, dt = 50 ms, 5 cycles) is run on the registered device model,
 *      read as the E4 scenario reads it (G = I_read / V_read at the 0.1 V read
 *      bias at the end of each 50 ms interval, src/analysis/ltp-ltd.ts). The
 *      table is built at run time, so it follows whatever preset is registered.
 *   2. Branches: the potentiation branch ltp[k] (k = 0 .. N, conductance after
 *      k +3 V pulses) and the depression branch ltd[k] (after k -3 V pulses
 *      from the top) are the means over cycles 2 .. 5; cycle 1 starts from the
 *      pristine device, below the cycling range, and is left out.
 *   3. Window: [gMin, gMax] = [max(ltp[0], ltd[N]), min(ltp[N], ltd[0])], the
 *      range both branches cover; each branch is clipped into it.
 *
 * Use in training (src/ann/e4-layer.ts). A device's state is its conductance G,
 * equivalently its position on each branch: p = ltp^-1(G) on the potentiation
 * branch, q = ltd^-1(G) on the depression branch (the branches are piecewise
 * linear in the pulse number, so the inverse is exact). One potentiating pulse
 * moves the device one step along its branch, G -> ltp(p + 1); one depressing
 * pulse G -> ltd(q + 1). Past the end of a branch (p + 1 > N) the device stays
 * at the end (saturation at the table ends: gMax for LTP, gMin for LTD).
 * Between updates the state does not relax: like the measured curve a
 * lookup table is fed, the table holds what the pulse-read shows 50 ms after
 * each pulse.
 */
import { DEFAULT_DEVICE } from '../devices/registry.ts';
import { compileDevice } from '../devices/registry.ts';
import type { CompiledDevice } from '../devices/types.ts';
import { article } from '../devices/targets.ts';
import { runLtpLtd, type LtpLtdSpec } from '../analysis/ltp-ltd.ts';
import { READ_BIAS_V } from '../devices/experiments.ts';

/** The E4 protocol of the article, read as the E4 scenario reads it. */
export const E4_PROTOCOL: LtpLtdSpec = {
  potentiateV: article.ltpLtd.potentiateV,
  depressV: article.ltpLtd.depressV,
  widthS: article.ltpLtd.widthS,
  intervalS: article.ltpLtd.intervalS,
  ltpPulses: article.ltpLtd.pulsesEach,
  ltdPulses: article.ltpLtd.pulsesEach,
  cycles: article.ltpLtd.cycles,
  readV: READ_BIAS_V,
  sampleIntervalS: article.ltpLtd.widthS / 5,
};

/** Branches of every cycle of one E4 run: [cycle][k]. */
export interface E4Cycles {
  readonly ltp: readonly Float64Array[];
  readonly ltd: readonly Float64Array[];
}

/** Runs the E4 protocol, one (possibly freshly drawn) device per cycle. */
export function measureE4(deviceForCycle: (cycle: number) => CompiledDevice, spec: LtpLtdSpec = E4_PROTOCOL): E4Cycles {
  const r = runLtpLtd(deviceForCycle, spec);
  return { ltp: r.cycles.map((c) => c.ltp), ltd: r.cycles.map((c) => c.ltd) };
}

export class E4Table {
  /** Pulses per branch. */
  readonly n: number;
  readonly gMinS: number;
  readonly gMaxS: number;
  /** Potentiation branch, ascending, clipped into the window (length n + 1). */
  readonly ltpS: Float64Array;
  /** Depression branch, descending, clipped into the window (length n + 1). */
  readonly ltdS: Float64Array;
  /** The unclipped mean branches (for figures and tests). */
  readonly rawLtpS: Float64Array;
  readonly rawLtdS: Float64Array;

  constructor(ltp: Float64Array, ltd: Float64Array) {
    const n = ltp.length - 1;
    if (n < 2 || ltd.length !== n + 1) throw new Error(`E4 table: branches of ${ltp.length} and ${ltd.length} reads, expected the same length >= 3`);
    for (let k = 1; k <= n; k++) {
      if (!(ltp[k] > ltp[k - 1])) throw new Error(`E4 table: the potentiation branch must rise with every pulse; read ${k} is ${ltp[k]} S after ${ltp[k - 1]} S`);
      if (!(ltd[k] < ltd[k - 1])) throw new Error(`E4 table: the depression branch must fall with every pulse; read ${k} is ${ltd[k]} S after ${ltd[k - 1]} S`);
    }
    this.n = n;
    this.rawLtpS = ltp.slice();
    this.rawLtdS = ltd.slice();
    this.gMinS = Math.max(ltp[0], ltd[n]);
    this.gMaxS = Math.min(ltp[n], ltd[0]);
    if (!(this.gMaxS > this.gMinS)) throw new Error(`E4 table: the branches share no conductance range (${this.gMinS} .. ${this.gMaxS} S)`);
    const clip = (g: number): number => Math.min(this.gMaxS, Math.max(this.gMinS, g));
    this.ltpS = ltp.map(clip);
    this.ltdS = ltd.map(clip);
  }

  /** Mean branches over cycles 2 .. end of one E4 run (cycle 1 too when it is the only one). */
  static fromCycles(c: E4Cycles): E4Table {
    const from = c.ltp.length > 1 ? 1 : 0;
    const mean = (rows: readonly Float64Array[]): Float64Array => {
      const out = new Float64Array(rows[0].length);
      for (let r = from; r < rows.length; r++) for (let k = 0; k < out.length; k++) out[k] += rows[r][k];
      for (let k = 0; k < out.length; k++) out[k] /= rows.length - from;
      return out;
    };
    return new E4Table(mean(c.ltp), mean(c.ltd));
  }

  /** The table of a registered device, built by running E4 on it now. */
  static fromDevice(deviceName = DEFAULT_DEVICE, params?: unknown): E4Table {
    const device = compileDevice(deviceName, params);
    return E4Table.fromCycles(measureE4(() => device));
  }

  /** Mean conductance step of one pulse over the window (S). */
  get meanStepS(): number {
    return (this.gMaxS - this.gMinS) / this.n;
  }

  /** Position (pulse number, fractional) of conductance g on the potentiation branch. */
  ltpPosition(g: number): number {
    const c = this.ltpS;
    const n = this.n;
    if (g >= c[n]) return n;
    // Largest k with c[k] <= g (binary search; flat clipped segments are skipped).
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (c[mid] <= g) lo = mid;
      else hi = mid;
    }
    return lo + (g - c[lo]) / (c[lo + 1] - c[lo]);
  }

  /** Position of g on the depression branch. */
  ltdPosition(g: number): number {
    const c = this.ltdS;
    const n = this.n;
    if (g <= c[n]) return n;
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (c[mid] >= g) lo = mid;
      else hi = mid;
    }
    return lo + (c[lo] - g) / (c[lo] - c[lo + 1]);
  }

  /** Conductance at position p (clamped to [0, n]) of a branch. */
  at(up: boolean, p: number): number {
    const c = up ? this.ltpS : this.ltdS;
    if (p >= this.n) return c[this.n];
    if (p <= 0) return c[0];
    const k = Math.floor(p);
    return c[k] + (p - k) * (c[k + 1] - c[k]);
  }

  /**
   * Conductance (S) where one potentiating and one depressing pulse move the
   * device by the same amount (bisection on the step difference). Updates of
   * random sign on a device drift toward it: below it LTP steps are larger,
   * above it LTD steps are.
   */
  balancePointS(): number {
    const diff = (g: number): number => this.afterPulses(g, true, 1) - g - (g - this.afterPulses(g, false, 1));
    let lo = this.gMinS;
    let hi = this.gMaxS;
    if (diff(lo) <= 0) return lo;
    if (diff(hi) >= 0) return hi;
    for (let k = 0; k < 60; k++) {
      const mid = 0.5 * (lo + hi);
      if (diff(mid) > 0) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  /** Conductance after k pulses (no spread) from g in the direction up: k steps along the branch. */
  afterPulses(g: number, up: boolean, k: number): number {
    return this.at(up, (up ? this.ltpPosition(g) : this.ltdPosition(g)) + k);
  }
}
