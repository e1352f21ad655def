/**
 * One layer of weights held as differential pairs of devices that follow the
 * E4 LTP/LTD lookup table pulse by pulse (src/ann/e4-table.ts):
 *   w = wMax (G+ - G-) / (gMax - gMin),   w in [-wMax, wMax].
 *
 * Update of weight i by dw = -lr dL/dw (the method of a lookup-table crossbar
 * simulator):
 *   - pulse count from the gradient magnitude: n = |dw| / dwPulse, with
 *     dwPulse the weight change of one pulse of mean size (window / N) on each
 *     device it drives, stochastically rounded (unbiased for sub-pulse
 *     updates, Gokmen & Vlasov 2016) and capped at maxPulsesPerUpdate;
 *   - pair scheme `balanced` (default; the balanced core of CrossSim, whose
 *     two devices start at the middle of their range and each take half of
 *     every update, the negative one with the sign flipped): dw > 0 sends n
 *     potentiating pulses to G+ and n depressing pulses to G- (dw < 0 the
 *     reverse), so both branches are used on every update and
 *     dwPulse = 2 wMax / N (each device carries dw / 2);
 *     `single`: the n pulses go to one device, the one with more room for its
 *     direction (raise G+ or lower G-, and so on), dwPulse = wMax / N;
 *   - each pulse moves its device one step along the branch of its sign at the
 *     device's present position, scaled by max(0, 1 + c2cSigma z), z ~ N(0, 1)
 *     (cycle-to-cycle spread, measured in e4-spread.ts), and saturates at the
 *     table ends (a pulse past the end leaves the device at gMax / gMin and is
 *     counted as saturated);
 *   - no refresh or reset of pairs: the weight is what the pair holds.
 * Initial weights are written exactly (an ideal program-and-verify): G+ and
 * G- symmetric about the middle of the window, w = 0 at the middle for both.
 * Reads are exact.
 */
import type { Rng } from '../kernel/rng.ts';
import type { WeightLayer } from './mlp.ts';
import type { E4Table } from './e4-table.ts';

export const PAIR_SCHEMES = ['balanced', 'single'] as const;
export type PairScheme = (typeof PAIR_SCHEMES)[number];

export interface E4LayerOptions {
  /** Weight of a full-window conductance difference. */
  readonly wMax: number;
  /** Relative spread of one pulse's step (cycle to cycle). */
  readonly c2cSigma: number;
  readonly maxPulsesPerUpdate: number;
  readonly pair: PairScheme;
}

export interface E4LayerStats {
  pulsesLtp: number;
  pulsesLtd: number;
  /** Pulses that met the end of their branch (device saturated). */
  saturated: number;
}

export class E4CurveLayer implements WeightLayer {
  readonly nIn: number;
  readonly nOut: number;
  readonly size: number;
  readonly w: Float64Array;
  readonly opts: E4LayerOptions;
  readonly stats: E4LayerStats = { pulsesLtp: 0, pulsesLtd: 0, saturated: 0 };
  /** Conductance of every device (S): 2i is G+ of weight i, 2i+1 its G-. */
  private readonly g: Float64Array;
  private readonly table: E4Table;
  private readonly wPerS: number;
  private readonly dwPulse: number;

  constructor(table: E4Table, nIn: number, nOut: number, opts: E4LayerOptions) {
    if (!(opts.wMax > 0)) throw new Error(`E4 layer: wMax must be > 0, got ${opts.wMax}`);
    if (!(opts.c2cSigma >= 0)) throw new Error(`E4 layer: c2cSigma must be >= 0, got ${opts.c2cSigma}`);
    if (!(Number.isInteger(opts.maxPulsesPerUpdate) && opts.maxPulsesPerUpdate >= 1)) throw new Error(`E4 layer: maxPulsesPerUpdate must be a whole number >= 1, got ${opts.maxPulsesPerUpdate}`);
    if (!PAIR_SCHEMES.includes(opts.pair)) throw new Error(`E4 layer: pair scheme must be one of ${PAIR_SCHEMES.join(', ')}, got "${opts.pair}"`);
    this.table = table;
    this.nIn = nIn;
    this.nOut = nOut;
    this.size = nIn * nOut;
    this.opts = opts;
    this.w = new Float64Array(this.size);
    this.g = new Float64Array(2 * this.size);
    this.wPerS = opts.wMax / (table.gMaxS - table.gMinS);
    this.dwPulse = ((opts.pair === 'balanced' ? 2 : 1) * opts.wMax) / table.n;
    const mid = 0.5 * (table.gMinS + table.gMaxS);
    this.g.fill(mid);
  }

  /** Writes weight target (clipped to ±wMax) into pair i exactly. */
  program(i: number, target: number): void {
    const t = Math.max(-1, Math.min(1, target / this.opts.wMax));
    const half = 0.5 * t * (this.table.gMaxS - this.table.gMinS);
    const mid = 0.5 * (this.table.gMinS + this.table.gMaxS);
    this.g[2 * i] = mid + half;
    this.g[2 * i + 1] = mid - half;
    this.w[i] = this.wPerS * (this.g[2 * i] - this.g[2 * i + 1]);
  }

  initRandom(bound: number, rng: Rng): void {
    for (let i = 0; i < this.size; i++) this.program(i, rng.uniform(-bound, bound));
  }

  /** n pulses on device d along the branch of direction up. */
  private pulses(d: number, up: boolean, n: number, rng: Rng): void {
    const t = this.table;
    const N = t.n;
    if (up) this.stats.pulsesLtp += n;
    else this.stats.pulsesLtd += n;
    const sigma = this.opts.c2cSigma;
    let g = this.g[d];
    if (sigma === 0) {
      // Without spread n pulses are n steps along the branch: one lookup.
      const p = up ? t.ltpPosition(g) : t.ltdPosition(g);
      // Pulse k (0-based) starts at position p + k: saturated once that is the end.
      const free = Math.max(0, Math.ceil(N - p - 1e-9));
      if (n > free) this.stats.saturated += n - free;
      this.g[d] = t.at(up, p + n);
      return;
    }
    for (let k = 0; k < n; k++) {
      const p = up ? t.ltpPosition(g) : t.ltdPosition(g);
      if (p >= N - 1e-9) {
        this.stats.saturated += n - k;
        break;
      }
      const f = 1 + sigma * rng.normal();
      g += (f > 0 ? f : 0) * (t.at(up, p + 1) - g);
      if (g > t.gMaxS) g = t.gMaxS;
      else if (g < t.gMinS) g = t.gMinS;
    }
    this.g[d] = g;
  }

  update(grad: Float64Array, lr: number, rng: Rng): void {
    const inv = lr / this.dwPulse;
    const cap = this.opts.maxPulsesPerUpdate;
    const balanced = this.opts.pair === 'balanced';
    const g = this.g;
    const t = this.table;
    for (let i = 0; i < this.size; i++) {
      const x = -grad[i] * inv;
      const a = x < 0 ? -x : x;
      if (a < 1e-9) continue;
      let n = Math.floor(a);
      if (rng.float() < a - n) n++;
      if (n === 0) continue;
      if (n > cap) n = cap;
      const p = 2 * i;
      const m = p + 1;
      const positive = x > 0;
      if (balanced) {
        this.pulses(positive ? p : m, true, n, rng);
        this.pulses(positive ? m : p, false, n, rng);
      } else if (positive) {
        // Raise G+ or lower G-, whichever device has more room that way.
        if (t.gMaxS - g[p] >= g[m] - t.gMinS) this.pulses(p, true, n, rng);
        else this.pulses(m, false, n, rng);
      } else if (t.gMaxS - g[m] >= g[p] - t.gMinS) this.pulses(m, true, n, rng);
      else this.pulses(p, false, n, rng);
      this.w[i] = this.wPerS * (g[p] - g[m]);
    }
  }

  /** Copies of the device conductances (S), G+ then G- per weight. */
  conductances(): Float64Array {
    return this.g.slice();
  }

  /** Sets one device's conductance (tests, figures). */
  setConductance(i: number, minus: boolean, gS: number): void {
    this.g[2 * i + (minus ? 1 : 0)] = Math.min(this.table.gMaxS, Math.max(this.table.gMinS, gS));
    this.w[i] = this.wPerS * (this.g[2 * i] - this.g[2 * i + 1]);
  }
}
