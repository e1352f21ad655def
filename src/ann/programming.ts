/**
 * Programming a memristor synapse by pulses, stepping the calibrated device
 * model itself (no lookup table). One LTP pulse is advance(+V_p, W) followed
 * by advance(0 V, dt), one LTD pulse the same with -V_d, with the E4 protocol
 * of the article (Fig. 3b: +3 V / -3 V, W = 50 ms, dt = 50 ms). The rests at
 * 0 V stand for the read bias, which lies below the model's threshold and so
 * does not move the state.
 *
 * Read protocol. A conductance read right after a pulse is mostly volatile:
 * with the calibrated preset one +3 V pulse raises G by about 1.3 nS at once,
 * but only about 16 pS of it lasts (the fast component relaxes with
 * tau ~ 0.5 s, the medium one with ~1.3 s). A weight must be what lasts, so
 * every programming burst (the pulses one update sends to one device, at the
 * E4 spacing) ends with a rest of `readDelayS` at 0 V, stepped through the
 * model, and the weight is read after it. The default 5 s is about 10 fast and
 * 4 medium relaxation times; the slow component (tau = 1 h) loses ~0.14 % of
 * its state in that rest, which the model applies too. Only the rest after a
 * burst is simulated: the time between training steps is not (retention over
 * the whole training, hours against tau = 1 h, is outside this experiment).
 *
 * The conductance change a burst leaves is therefore whatever the model gives
 * in the device's present (four-component) state: state-dependent, nonlinear,
 * asymmetric between LTP and LTD, bounded.
 *
 * Programming window: gMin = the pristine conductance, gMax = the lasting
 * conductance after `pulsesFullRange` LTP pulses from pristine (25, as in E4),
 * each read after the rest. Pulses that would push a device past gMax are
 * refused (the device counts as saturated), so every weight stays inside the
 * window.
 */
import { DEFAULT_DEVICE, compileDevice } from '../devices/registry.ts';
import type { CompiledDevice } from '../devices/types.ts';
import { article } from '../devices/targets.ts';

export interface PulseScheme {
  readonly potentiateV: number;
  readonly depressV: number;
  readonly widthS: number;
  readonly intervalS: number;
  /** LTP pulses from pristine that span the programming window. */
  readonly pulsesFullRange: number;
  /** Rest at 0 V between the last pulse of a burst and the read (s). */
  readonly readDelayS: number;
}

/** Default rest before a read: lets the volatile components relax (see the header). */
export const READ_DELAY_S = 5;

/** The article's E4 programming pulses, read after READ_DELAY_S. */
export const E4_SCHEME: PulseScheme = {
  potentiateV: article.ltpLtd.potentiateV,
  depressV: article.ltpLtd.depressV,
  widthS: article.ltpLtd.widthS,
  intervalS: article.ltpLtd.intervalS,
  pulsesFullRange: article.ltpLtd.pulsesEach,
  readDelayS: READ_DELAY_S,
};

export interface ProgrammingWindow {
  readonly gMinS: number;
  readonly gMaxS: number;
  /** Lasting conductance after each LTP pulse from pristine, each read after the rest (length pulsesFullRange + 1, [0] = pristine). */
  readonly ltpS: Float64Array;
  /** The same for the LTD pulses that follow (length pulsesFullRange + 1, [0] = top of LTP). */
  readonly ltdS: Float64Array;
  /** Conductance change read right after the first LTP pulse from pristine (S): lasting plus volatile. */
  readonly immediateStepS: number;
  /**
   * Upper bound of the volatile part still present at the read, as a fraction
   * of the first lasting LTP step: how much more the conductance falls in a
   * further 4 read delays (this includes the slow component's own decay).
   */
  readonly residueAtRead: number;
}

export class PulseProgrammer {
  readonly stride: number;
  readonly scheme: PulseScheme;
  readonly window: ProgrammingWindow;
  // One compiled instance per fixed (voltage, duration) keeps each model's
  // rate and decay caches warm: no exp() per pulse in steady state.
  private readonly pot: CompiledDevice;
  private readonly dep: CompiledDevice;
  private readonly rest: CompiledDevice;
  private readonly settleDev: CompiledDevice;

  constructor(deviceName = DEFAULT_DEVICE, params?: unknown, scheme: PulseScheme = E4_SCHEME) {
    if (!(scheme.potentiateV > 0) || !(scheme.depressV < 0)) throw new Error(`pulse scheme: potentiateV must be > 0 and depressV < 0, got ${scheme.potentiateV}, ${scheme.depressV}`);
    if (!(scheme.widthS > 0) || !(scheme.intervalS >= 0)) throw new Error(`pulse scheme: widthS must be > 0 and intervalS >= 0 s`);
    if (!(scheme.readDelayS >= 0)) throw new Error(`pulse scheme: readDelayS must be >= 0 s, got ${scheme.readDelayS}`);
    if (!Number.isInteger(scheme.pulsesFullRange) || scheme.pulsesFullRange < 1) throw new Error(`pulse scheme: pulsesFullRange must be a whole number >= 1, got ${scheme.pulsesFullRange}`);
    this.scheme = scheme;
    this.pot = compileDevice(deviceName, params);
    this.dep = compileDevice(deviceName, params);
    this.rest = compileDevice(deviceName, params);
    this.settleDev = compileDevice(deviceName, params);
    this.stride = this.pot.stride;
    this.window = this.characterise();
    if (!(this.window.gMaxS > this.window.gMinS)) {
      throw new Error(`device "${deviceName}": ${scheme.pulsesFullRange} LTP pulses of ${scheme.potentiateV} V do not raise the lasting conductance (${this.window.gMinS} -> ${this.window.gMaxS} S after ${scheme.readDelayS} s)`);
    }
  }

  init(state: Float64Array, off: number): void {
    this.pot.init(state, off);
  }

  /** One LTP pulse and the E4 interval after it. */
  potentiate(state: Float64Array, off: number): void {
    this.pot.advance(state, off, this.scheme.potentiateV, this.scheme.widthS);
    this.rest.advance(state, off, 0, this.scheme.intervalS);
  }

  /** One LTD pulse and the E4 interval after it. */
  depress(state: Float64Array, off: number): void {
    this.dep.advance(state, off, this.scheme.depressV, this.scheme.widthS);
    this.rest.advance(state, off, 0, this.scheme.intervalS);
  }

  /** The rest that ends a burst: after it the conductance is the lasting one the array reads. */
  settle(state: Float64Array, off: number): void {
    this.settleDev.advance(state, off, 0, this.scheme.readDelayS);
  }

  conductance(state: Float64Array, off: number): number {
    return this.pot.conductance(state, off);
  }

  /** E4 from pristine, every pulse read after the rest: pulsesFullRange LTP pulses then as many LTD pulses. */
  private characterise(): ProgrammingWindow {
    const n = this.scheme.pulsesFullRange;
    const s = new Float64Array(this.stride);
    this.init(s, 0);
    const ltpS = new Float64Array(n + 1);
    const ltdS = new Float64Array(n + 1);
    ltpS[0] = this.conductance(s, 0);
    for (let k = 1; k <= n; k++) {
      this.potentiate(s, 0);
      this.settle(s, 0);
      ltpS[k] = this.conductance(s, 0);
    }
    ltdS[0] = ltpS[n];
    for (let k = 1; k <= n; k++) {
      this.depress(s, 0);
      this.settle(s, 0);
      ltdS[k] = this.conductance(s, 0);
    }
    // One pulse from pristine: immediate read, read after the rest, and 4 rests later.
    const one = new Float64Array(this.stride);
    this.init(one, 0);
    this.potentiate(one, 0);
    const immediate = this.conductance(one, 0);
    this.settle(one, 0);
    const atRead = this.conductance(one, 0);
    for (let k = 0; k < 4; k++) this.settle(one, 0);
    const later = this.conductance(one, 0);
    const lasting = atRead - ltpS[0];
    return {
      gMinS: ltpS[0],
      gMaxS: ltpS[n],
      ltpS,
      ltdS,
      immediateStepS: immediate - ltpS[0],
      residueAtRead: lasting > 0 ? (atRead - later) / lasting : NaN,
    };
  }
}
