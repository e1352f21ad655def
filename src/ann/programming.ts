/**
 * Programming a memristor synapse by pulses, stepping the calibrated device
 * model itself (no lookup table): one LTP pulse is advance(+V_p, W) followed
 * by advance(0 V, dt) at rest, one LTD pulse the same with -V_d, with the
 * E4 protocol of the article (Fig. 3b: +3 V / -3 V, W = 50 ms, dt = 50 ms).
 * The rest at 0 V stands for the read bias, which lies below the model's
 * threshold and so does not move the state.
 *
 * The conductance change per pulse is therefore whatever the model gives in
 * the device's present (four-component) state: state-dependent, nonlinear,
 * asymmetric between LTP and LTD, bounded. Programming is treated as one
 * continuous E4 train (the time between training steps is not simulated), so
 * the conductance a weight sees is the one on the E4 LTP/LTD curves, which is
 * what the article imported into its network simulator.
 *
 * Programming window: gMin = the pristine conductance, gMax = the conductance
 * after `pulsesFullRange` LTP pulses from pristine (25, as in E4). Pulses that
 * would push a device past gMax are refused (the device counts as saturated),
 * so every weight stays inside the measured range.
 */
import { compileDevice } from '../devices/registry.ts';
import type { CompiledDevice } from '../devices/types.ts';
import { article } from '../devices/targets.ts';

export interface PulseScheme {
  readonly potentiateV: number;
  readonly depressV: number;
  readonly widthS: number;
  readonly intervalS: number;
  /** LTP pulses from pristine that span the programming window. */
  readonly pulsesFullRange: number;
}

/** The article's E4 programming pulses. */
export const E4_SCHEME: PulseScheme = {
  potentiateV: article.ltpLtd.potentiateV,
  depressV: article.ltpLtd.depressV,
  widthS: article.ltpLtd.widthS,
  intervalS: article.ltpLtd.intervalS,
  pulsesFullRange: article.ltpLtd.pulsesEach,
};

export interface ProgrammingWindow {
  readonly gMinS: number;
  readonly gMaxS: number;
  /** Conductance after each of the LTP pulses from pristine (length pulsesFullRange + 1, [0] = pristine). */
  readonly ltpS: Float64Array;
  /** Conductance after each LTD pulse that follows (length pulsesFullRange + 1, [0] = top of LTP). */
  readonly ltdS: Float64Array;
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

  constructor(deviceName = 'mose2', params?: unknown, scheme: PulseScheme = E4_SCHEME) {
    if (!(scheme.potentiateV > 0) || !(scheme.depressV < 0)) throw new Error(`pulse scheme: potentiateV must be > 0 and depressV < 0, got ${scheme.potentiateV}, ${scheme.depressV}`);
    if (!(scheme.widthS > 0) || !(scheme.intervalS >= 0)) throw new Error(`pulse scheme: widthS must be > 0 and intervalS >= 0 s`);
    if (!Number.isInteger(scheme.pulsesFullRange) || scheme.pulsesFullRange < 1) throw new Error(`pulse scheme: pulsesFullRange must be a whole number >= 1, got ${scheme.pulsesFullRange}`);
    this.scheme = scheme;
    this.pot = compileDevice(deviceName, params);
    this.dep = compileDevice(deviceName, params);
    this.rest = compileDevice(deviceName, params);
    this.stride = this.pot.stride;
    this.window = this.characterise();
    if (!(this.window.gMaxS > this.window.gMinS)) {
      throw new Error(`device "${deviceName}": ${scheme.pulsesFullRange} LTP pulses of ${scheme.potentiateV} V do not raise the conductance (${this.window.gMinS} -> ${this.window.gMaxS} S)`);
    }
  }

  init(state: Float64Array, off: number): void {
    this.pot.init(state, off);
  }

  /** One LTP pulse and the rest interval after it. */
  potentiate(state: Float64Array, off: number): void {
    this.pot.advance(state, off, this.scheme.potentiateV, this.scheme.widthS);
    this.rest.advance(state, off, 0, this.scheme.intervalS);
  }

  /** One LTD pulse and the rest interval after it. */
  depress(state: Float64Array, off: number): void {
    this.dep.advance(state, off, this.scheme.depressV, this.scheme.widthS);
    this.rest.advance(state, off, 0, this.scheme.intervalS);
  }

  conductance(state: Float64Array, off: number): number {
    return this.pot.conductance(state, off);
  }

  /** E4 from pristine: pulsesFullRange LTP pulses then as many LTD pulses. */
  private characterise(): ProgrammingWindow {
    const n = this.scheme.pulsesFullRange;
    const s = new Float64Array(this.stride);
    this.init(s, 0);
    const ltpS = new Float64Array(n + 1);
    const ltdS = new Float64Array(n + 1);
    ltpS[0] = this.conductance(s, 0);
    for (let k = 1; k <= n; k++) {
      this.potentiate(s, 0);
      ltpS[k] = this.conductance(s, 0);
    }
    ltdS[0] = ltpS[n];
    for (let k = 1; k <= n; k++) {
      this.depress(s, 0);
      ltdS[k] = this.conductance(s, 0);
    }
    return { gMinS: ltpS[0], gMaxS: ltpS[n], ltpS, ltdS };
  }
}
