/**
 * One layer of weights held as differential memristor pairs in a crossbar:
 *   w = wMax (G+ - G-) / (gMax - gMin)
 * with [gMin, gMax] the lasting programming window of src/ann/programming.ts
 * and G the conductance read after the rest that ends every programming burst
 * (the read protocol described there). A training update dw becomes one burst
 * of programming pulses on one device of the pair, chosen by the update scheme:
 *   bidirectional  (default; the LTP and LTD curves both used, as the article's
 *                  network simulator did) dw > 0 raises G+ by LTP or lowers G-
 *                  by LTD, dw < 0 raises G- or lowers G+, whichever device has
 *                  more room in the window;
 *   potentiate     standard differential scheme: dw > 0 potentiates G+,
 *                  dw < 0 potentiates G-; devices only ever go up.
 * Plain device-aware (open loop): the pulse count is n = |dw| / wStep with
 * wStep = wMax / pulsesFullRange the weight change of a nominal pulse,
 * stochastically rounded (unbiased for sub-pulse updates, Gokmen & Vlasov
 * 2016), capped at maxPulsesPerUpdate; the burst steps the device model in
 * that device's present state, so the change it leaves is the device's own
 * (LTD steps shrink toward gMin, LTP steps shrink toward saturation).
 *
 * Options, non-idealities and mitigations: crossbar-options.ts.
 */
import type { Rng } from '../kernel/rng.ts';
import type { PulseProgrammer } from './programming.ts';
import type { CrossbarOptions, CrossbarStats } from './crossbar-options.ts';

export { DEFAULT_CROSSBAR, UPDATE_SCHEMES, type CrossbarOptions, type CrossbarStats, type UpdateScheme } from './crossbar-options.ts';

export class CrossbarLayer {
  readonly nIn: number;
  readonly nOut: number;
  readonly size: number;
  readonly opts: CrossbarOptions;
  /** Weights as last read from the conductances; the network reads these. */
  readonly w: Float64Array;
  readonly stats: CrossbarStats = { pulsesLtp: 0, pulsesLtd: 0, saturated: 0, refreshes: 0 };
  private readonly prog: PulseProgrammer;
  private readonly stride: number;
  /** Device 2i is G+ of weight i, device 2i+1 its G-. */
  private readonly state: Float64Array;
  /** Noise-free model conductance of every device (S). */
  private readonly g: Float64Array;
  /** Device-to-device swing factor of every device. */
  private readonly swing: Float64Array;
  private readonly marked: Uint8Array;
  /** Update still owed to each weight (accumulate mode): requested minus measured. */
  private readonly owed: Float64Array;
  private readonly scratch: Float64Array;
  private readonly gMin: number;
  private readonly gMax: number;
  private readonly wPerS: number;
  private readonly wStep: number;

  constructor(prog: PulseProgrammer, nIn: number, nOut: number, opts: CrossbarOptions, rng: Rng) {
    if (!(opts.wMax > 0)) throw new Error(`crossbar: wMax must be > 0, got ${opts.wMax}`);
    if (!(opts.maxPulsesPerUpdate >= 1)) throw new Error(`crossbar: maxPulsesPerUpdate must be >= 1, got ${opts.maxPulsesPerUpdate}`);
    if (opts.levels !== 0 && !(Number.isInteger(opts.levels) && opts.levels >= 2)) throw new Error(`crossbar: levels must be 0 (analog) or a whole number >= 2, got ${opts.levels}`);
    for (const k of ['c2cSigma', 'd2dSigma', 'readNoise'] as const) {
      if (!(opts[k] >= 0)) throw new Error(`crossbar: ${k} must be >= 0, got ${opts[k]}`);
    }
    this.prog = prog;
    this.nIn = nIn;
    this.nOut = nOut;
    this.size = nIn * nOut;
    this.opts = opts;
    this.stride = prog.stride;
    this.gMin = prog.window.gMinS;
    this.gMax = prog.window.gMaxS;
    this.wPerS = opts.wMax / (this.gMax - this.gMin);
    this.wStep = opts.wMax / prog.scheme.pulsesFullRange;
    this.w = new Float64Array(this.size);
    this.state = new Float64Array(2 * this.size * this.stride);
    this.g = new Float64Array(2 * this.size);
    this.swing = new Float64Array(2 * this.size);
    this.marked = new Uint8Array(this.size);
    this.owed = new Float64Array(opts.accumulate ? this.size : 0);
    this.scratch = new Float64Array(this.stride);
    for (let d = 0; d < 2 * this.size; d++) {
      prog.init(this.state, d * this.stride);
      this.g[d] = prog.conductance(this.state, d * this.stride);
      this.swing[d] = opts.d2dSigma > 0 ? Math.max(0, 1 + opts.d2dSigma * rng.normal()) : 1;
    }
  }

  /** Conductance of one device as the array reads it (with its swing factor). */
  private readG(d: number): number {
    return this.gMin + this.swing[d] * (this.g[d] - this.gMin);
  }

  /**
   * One pulse on device d (LTP when up), with cycle-to-cycle variation. The
   * device is not read here: a burst ends with endBurst (rest, then read).
   */
  private pulse(d: number, up: boolean, rng: Rng): void {
    const off = d * this.stride;
    const c2c = this.opts.c2cSigma;
    if (c2c > 0) for (let k = 0; k < this.stride; k++) this.scratch[k] = this.state[off + k];
    if (up) {
      this.prog.potentiate(this.state, off);
      this.stats.pulsesLtp++;
    } else {
      this.prog.depress(this.state, off);
      this.stats.pulsesLtd++;
    }
    if (c2c > 0) {
      const f = Math.max(0, 1 + c2c * rng.normal());
      for (let k = 0; k < this.stride; k++) this.state[off + k] = this.scratch[k] + f * (this.state[off + k] - this.scratch[k]);
    }
  }

  /** The rest that ends a burst on device d, then the read of its lasting conductance. */
  private endBurst(d: number): void {
    const off = d * this.stride;
    this.prog.settle(this.state, off);
    this.g[d] = this.prog.conductance(this.state, off);
  }

  /** One pulse, the rest and the read: the unit of program-and-verify. */
  private pulseVerified(d: number, up: boolean, rng: Rng): void {
    this.pulse(d, up, rng);
    this.endBurst(d);
  }

  /** At the edge of the window for a pulse in this direction? Marks the pair. */
  private atEdge(d: number, up: boolean): boolean {
    const edge = up ? this.g[d] >= this.gMax : this.g[d] <= this.gMin;
    if (edge) this.marked[d >> 1] = 1;
    return edge;
  }

  /**
   * LTP pulses left from conductance g to the top of the window, read off the
   * lasting E4 LTP curve (rounded up: the last one may end a little past gMax).
   */
  private ltpRoom(g: number): number {
    const c = this.prog.window.ltpS;
    const n = c.length - 1;
    for (let k = 0; k < n; k++) if (g < c[k + 1]) return n - k - (g - c[k]) / (c[k + 1] - c[k]);
    return 0;
  }

  /**
   * Open loop: one burst of up to n pulses on device d, then the rest and the
   * read. LTP pulses beyond the top of the window (from the last read and the
   * E4 curve) are refused and the pair is marked.
   */
  private pulseN(d: number, up: boolean, n: number, rng: Rng): void {
    if (this.atEdge(d, up)) {
      this.stats.saturated += n;
      return;
    }
    let m = n;
    if (up) {
      const room = Math.ceil(this.ltpRoom(this.g[d]) - 1e-9);
      if (room < m) {
        this.stats.saturated += m - room;
        this.marked[d >> 1] = 1;
        m = room;
      }
    }
    if (m <= 0) return;
    for (let k = 0; k < m; k++) this.pulse(d, up, rng);
    this.endBurst(d);
  }

  /**
   * Expected conductance change (S, > 0) of the next pulse at conductance g,
   * read off the E4 curve of that direction (linear search: 26 points).
   */
  private expectedStep(g: number, up: boolean): number {
    const c = up ? this.prog.window.ltpS : this.prog.window.ltdS;
    const n = c.length - 1;
    if (up) {
      for (let k = 0; k < n; k++) if (g < c[k + 1]) return c[k + 1] - c[k];
      return c[n] - c[n - 1];
    }
    for (let k = 0; k < n; k++) if (g > c[k + 1]) return c[k] - c[k + 1];
    return c[n - 1] - c[n];
  }

  /** Closed-loop update of device d by a conductance change of magnitude dg (S). */
  private pulseToward(d: number, up: boolean, dg: number, rng: Rng): void {
    let remaining = dg;
    for (let k = 0; k < this.opts.maxPulsesPerUpdate; k++) {
      const step = this.expectedStep(this.g[d], up);
      if (remaining < step && rng.float() >= remaining / step) return;
      if (this.atEdge(d, up)) {
        this.stats.saturated++;
        return;
      }
      const before = this.g[d];
      this.pulseVerified(d, up, rng);
      const moved = up ? this.g[d] - before : before - this.g[d];
      remaining -= moved;
      if (remaining <= 0) return;
      // A device that barely answers has reached its floor or ceiling: mark it.
      if (moved < 0.1 * step) {
        this.marked[d >> 1] = 1;
        this.stats.saturated++;
        return;
      }
    }
  }

  /** Device (2i or 2i+1) and direction that carry an update of this sign on pair i. */
  private target(i: number, positive: boolean): number {
    const p = 2 * i;
    const m = p + 1;
    if (this.opts.scheme === 'potentiate') return positive ? p : m;
    // Room to raise one device against room to lower the other; encode LTD as -1 - d.
    if (positive) return this.gMax - this.g[p] >= this.g[m] - this.gMin ? p : -1 - m;
    return this.gMax - this.g[m] >= this.g[p] - this.gMin ? m : -1 - p;
  }

  private readWeight(i: number, rng: Rng | null): number {
    let gp = this.readG(2 * i);
    let gm = this.readG(2 * i + 1);
    const noise = this.opts.readNoise;
    if (noise > 0 && rng) {
      gp *= 1 + noise * rng.normal();
      gm *= 1 + noise * rng.normal();
    }
    const L = this.opts.levels;
    if (L >= 2) {
      const q = (this.gMax - this.gMin) / (L - 1);
      gp = this.gMin + Math.min(L - 1, Math.max(0, Math.round((gp - this.gMin) / q))) * q;
      gm = this.gMin + Math.min(L - 1, Math.max(0, Math.round((gm - this.gMin) / q))) * q;
    }
    return this.wPerS * (gp - gm);
  }

  /** Reads the whole array into w (noisy when readNoise > 0 and an rng is given). */
  readAll(rng: Rng | null): void {
    for (let i = 0; i < this.size; i++) this.w[i] = this.readWeight(i, rng);
  }

  /**
   * Applies dw = -lr * grad[i] to every weight by pulses, then reads the
   * changed weights (noise-free; noisy reads happen in readAll).
   */
  update(grad: Float64Array, lr: number, rng: Rng): void {
    if (this.opts.accumulate) {
      this.updateAccumulated(grad, lr, rng);
      return;
    }
    const inv = lr / this.wStep;
    const cap = this.opts.maxPulsesPerUpdate;
    const stepAware = this.opts.stepAware;
    const sPerW = 1 / this.wPerS;
    for (let i = 0; i < this.size; i++) {
      const nReal = -grad[i] * inv;
      const a = nReal < 0 ? -nReal : nReal;
      if (a < 1e-6) continue;
      const t = this.target(i, nReal > 0);
      const up = t >= 0;
      const d = up ? t : -1 - t;
      if (stepAware) {
        this.pulseToward(d, up, a * this.wStep * sPerW, rng);
      } else {
        let n = Math.floor(a);
        if (rng.float() < a - n) n++;
        if (n === 0) continue;
        this.pulseN(d, up, n > cap ? cap : n, rng);
      }
      this.w[i] = this.readWeight(i, null);
    }
  }

  /**
   * Accumulate mode: dw is added to the weight's owed update; once it is worth
   * at least one nominal pulse, floor(|owed| / wStep) pulses go out (or the
   * step-aware loop runs) and the weight change read after the rest is taken
   * off what is owed. Sub-pulse updates are kept exactly instead of rounded,
   * and whatever the device did not deliver (smaller LTD steps, saturation,
   * cycle-to-cycle spread) is asked for again at the next update. What is
   * owed is clipped to one window (±wMax) so a stuck device cannot wind it up.
   */
  private updateAccumulated(grad: Float64Array, lr: number, rng: Rng): void {
    const cap = this.opts.maxPulsesPerUpdate;
    const stepAware = this.opts.stepAware;
    const sPerW = 1 / this.wPerS;
    const wStep = this.wStep;
    const lim = this.opts.wMax;
    const owed = this.owed;
    for (let i = 0; i < this.size; i++) {
      let o = owed[i] - lr * grad[i];
      if (o > lim) o = lim;
      else if (o < -lim) o = -lim;
      const a = (o < 0 ? -o : o) / wStep;
      if (a < 1) {
        owed[i] = o;
        continue;
      }
      const t = this.target(i, o > 0);
      const up = t >= 0;
      const d = up ? t : -1 - t;
      const before = this.readWeight(i, null);
      if (stepAware) this.pulseToward(d, up, Math.floor(a) * wStep * sPerW, rng);
      else {
        const n = Math.floor(a);
        this.pulseN(d, up, n > cap ? cap : n, rng);
      }
      this.w[i] = this.readWeight(i, null);
      owed[i] = o - (this.w[i] - before);
    }
  }

  /** Writes weight target (clipped to ±wMax) into pair i: reset both devices, then program and verify one. */
  writePair(i: number, target: number, rng: Rng): void {
    const resetPulses = 4 * this.prog.scheme.pulsesFullRange;
    const floorTol = 0.02 * (this.gMax - this.gMin) / this.prog.scheme.pulsesFullRange;
    for (let s = 0; s < 2; s++) {
      const d = 2 * i + s;
      // Stop at gMin or where LTD no longer moves the device (its retained floor).
      for (let k = 0; k < resetPulses && this.g[d] > this.gMin + floorTol; k++) {
        const before = this.g[d];
        this.pulseVerified(d, false, rng);
        if (before - this.g[d] < floorTol) break;
      }
    }
    const up = target >= 0 ? 2 * i : 2 * i + 1;
    const other = up ^ 1;
    const want = Math.min(Math.abs(target), this.opts.wMax);
    const limit = 2 * this.prog.scheme.pulsesFullRange;
    // Program and verify: pulse while the read difference is more than half a nominal step short.
    for (let k = 0; k < limit && this.g[up] < this.gMax; k++) {
      const have = this.wPerS * (this.readG(up) - this.readG(other));
      if (have >= want - 0.5 * this.wStep) break;
      this.pulseVerified(up, true, rng);
    }
    this.marked[i] = 0;
    this.w[i] = this.readWeight(i, null);
  }

  /** Refreshes every pair marked as saturated since the last call; returns how many. */
  refreshPairs(rng: Rng): number {
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      if (!this.marked[i]) continue;
      this.writePair(i, this.readWeight(i, null), rng);
      count++;
    }
    this.stats.refreshes += count;
    return count;
  }

  /** Programs every pair from pristine to weights drawn uniformly in [-bound, bound]. */
  initRandom(bound: number, rng: Rng): void {
    for (let i = 0; i < this.size; i++) this.writePair(i, rng.uniform(-bound, bound), rng);
  }

  /** Copies of the device conductances (S), G+ then G- per weight: for tests and figures. */
  conductances(): Float64Array {
    return this.g.slice();
  }

  deviceState(i: number, minus: boolean): Float64Array {
    const d = 2 * i + (minus ? 1 : 0);
    return this.state.slice(d * this.stride, (d + 1) * this.stride);
  }
}
