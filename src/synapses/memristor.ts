/**
 * Memristor synapses: one device (src/devices, e.g. the Pt/MoSe2/Pt model)
 * per synapse. A presynaptic spike applies a voltage pulse (amplitude V_p,
 * width W) to the device; the device current during the pulse is the
 * postsynaptic current, and the postsynaptic input is
 *   w = gain * Q,   Q = integral over the pulse of I(x(t), V_p) dt
 *     = f(V_p) * integral G(x(t)) dt,   f(V) = I / G (the conduction factor),
 * with x(t) the device state under V_p (closed form). Q is computed by
 * composite 4-point Gauss-Legendre quadrature on the closed-form state: the
 * integrand is a sum of decaying exponentials e^{-b t}; the number of panels
 * is doubled at build time until the result changes by < 1e-10 relative
 * (one panel for b W < 1; checked in test/synapses against a fine quadrature).
 * Facilitation (a second close spike gives more charge) and potentiation
 * emerge from the device: the pulse moves the state, which relaxes at 0 V
 * between spikes.
 *
 * Timing: the pulse starts when the spike arrives (t); its charge is
 * delivered at t (add W to the projection delay to deliver it at the pulse
 * end). A pulse that arrives before the previous one on the same synapse has
 * ended starts at the end of the previous one.
 *
 * Storage (bytes per synapse, mose2 stride 4): device state 4 x Float32 (16),
 * time of the stored state Float64 (8) = 24, plus the network's CSR target (4).
 * Float32 keeps x to 6e-8 relative per update (round to nearest, unbiased);
 * the arithmetic itself is in double precision on a scratch copy. The stored
 * state refers to `timeS[k]` and is brought forward lazily (exactly: the
 * device relaxes at 0 V between pulses).
 *
 * Cycle-to-cycle variation (cycleToCycle = relative sigma s > 0): the state
 * change of each pulse (spike or programming) is scaled by its own lognormal
 * factor f = exp(s z - s^2 / 2) (mean 1), z a normal deviate hashed from
 * (cycleSeed, synapse, pulse number): x -> x0 + f (x1 - x0), clipped to the
 * state bounds; the charge of that pulse is the nominal one. Deterministic
 * and independent of visiting order (a pulse counter per synapse).
 */
import type { CompiledDevice, StateVar } from '../devices/types.ts';
import { compileDeviceFor, DEFAULT_DEVICE } from '../network/devices.ts';
import { CycleVariation } from './cycle-variation.ts';

// 4-point Gauss-Legendre abscissae on [-1, 1] (ascending) and weights.
const GL_X = Float64Array.of(-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526);
const GL_W = Float64Array.of(0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538);
/** Distinct programming pulses remembered per synapse store (learning rules use a few). */
const PULSE_CACHE = 8;

export interface MemristorSynapseSpec {
  readonly device?: string;
  readonly deviceParams?: unknown;
  readonly amplitudeV: number;
  readonly widthS: number;
  /** Postsynaptic input per coulomb of pulse charge (for a LIF: V/C). */
  readonly gain: number;
  /** Cycle-to-cycle variation: relative sigma of each pulse's state change (0: none). */
  readonly cycleToCycle?: number;
  /** Seed of the per-pulse draws. */
  readonly cycleSeed?: number;
}

export class MemristorSynapses {
  readonly count: number;
  readonly stride: number;
  /** The device's state variables (names, units). */
  readonly layout: readonly StateVar[];
  /** Device states, stride values per synapse (see header on precision). */
  readonly state: Float32Array;
  /** Time (s) the stored state of each synapse refers to. */
  readonly timeS: Float64Array;
  readonly amplitudeV: number;
  readonly widthS: number;
  readonly gain: number;
  /** Charge (C) of the last pulse delivered through `transmit`/`applyPulse`. */
  lastChargeC = 0;
  /** Instance used at 0 V: its rate cache then always hits. */
  private readonly relax: CompiledDevice;
  /**
   * One instance per kind of quadrature step of the spike pulse (first node,
   * between nodes, between panels, last node to pulse end), each always
   * called with the same (V, dt), so its decay cache always hits.
   */
  private readonly stepFirst: CompiledDevice;
  private readonly stepInner: CompiledDevice[];
  private readonly stepPanel: CompiledDevice;
  private readonly stepLast: CompiledDevice;
  private readonly nodeS: Float64Array;
  /** Number of Gauss-Legendre panels of the spike pulse. */
  readonly panels: number;
  /** Instance for arbitrary programming pulses. */
  private readonly generic: CompiledDevice;
  private readonly scratch: Float64Array;
  private readonly factorSpike: number;
  /** Small cache of programming pulses seen: (V, W) -> panels, conduction factor. */
  private readonly pulseV = new Float64Array(PULSE_CACHE).fill(NaN);
  private readonly pulseW = new Float64Array(PULSE_CACHE).fill(NaN);
  private readonly pulsePanels = new Int32Array(PULSE_CACHE);
  private readonly pulseFactor = new Float64Array(PULSE_CACHE);
  private pulseNext = 0;
  /** Per-pulse variation, or null without cycle-to-cycle variation. */
  private readonly cycle: CycleVariation | null;

  constructor(count: number, spec: MemristorSynapseSpec) {
    const name = spec.device ?? DEFAULT_DEVICE;
    const make = (): CompiledDevice => compileDeviceFor(name, spec.deviceParams);
    this.count = count;
    this.relax = make();
    this.generic = make();
    this.stride = this.relax.stride;
    this.layout = this.relax.stateLayout;
    this.state = new Float32Array(count * this.stride);
    this.timeS = new Float64Array(count);
    this.amplitudeV = spec.amplitudeV;
    this.widthS = spec.widthS;
    this.gain = spec.gain;
    this.scratch = new Float64Array(this.stride);
    for (let k = 0; k < count; k++) {
      this.relax.init(this.scratch, 0);
      this.store(k);
    }
    this.panels = this.panelsFor(spec.amplitudeV, spec.widthS);
    const h = spec.widthS / this.panels;
    this.nodeS = Float64Array.from(GL_X, (x) => 0.5 * h * (1 + x));
    this.stepFirst = make();
    this.stepInner = [make(), make(), make()];
    this.stepPanel = make();
    this.stepLast = make();
    this.factorSpike = this.conductionFactor(spec.amplitudeV);
    const c2c = spec.cycleToCycle ?? 0;
    this.cycle = c2c > 0 ? new CycleVariation(count, this.stride, c2c, spec.cycleSeed ?? 0, this.layout) : null;
  }

  /** I / G at vV for this device (independent of the state by the device contract). */
  conductionFactor(vV: number): number {
    const s = new Float64Array(this.stride);
    this.relax.init(s, 0);
    const g = this.relax.conductance(s, 0);
    if (!(g > 0)) throw new Error('memristor synapse: pristine device conductance must be > 0 to derive I/G');
    return this.relax.current(s, 0, vV) / g;
  }

  private load(k: number): void {
    const o = k * this.stride;
    for (let c = 0; c < this.stride; c++) this.scratch[c] = this.state[o + c];
  }

  private store(k: number): void {
    const o = k * this.stride;
    for (let c = 0; c < this.stride; c++) this.state[o + c] = this.scratch[c];
  }

  /**
   * A spike arrives at synapse k at tS: applies the synapse's pulse and returns
   * the postsynaptic input gain * charge. Allocates nothing.
   */
  transmit(k: number, tS: number): number {
    this.load(k);
    const s = this.scratch;
    const dt = tS - this.timeS[k];
    const start = dt > 0 ? tS : this.timeS[k];
    if (dt > 0) this.relax.advance(s, 0, 0, dt);
    if (this.cycle !== null) this.cycle.before(s);
    const v = this.amplitudeV;
    const h = this.widthS / this.panels;
    const x = this.nodeS;
    let sum = 0;
    for (let m = 0; m < this.panels; m++) {
      if (m === 0) this.stepFirst.advance(s, 0, v, x[0]);
      else this.stepPanel.advance(s, 0, v, h - x[3] + x[0]);
      sum += GL_W[0] * this.relax.conductance(s, 0);
      for (let j = 1; j < 4; j++) {
        this.stepInner[j - 1].advance(s, 0, v, x[j] - x[j - 1]);
        sum += GL_W[j] * this.relax.conductance(s, 0);
      }
    }
    this.stepLast.advance(s, 0, v, h - x[3]);
    if (this.cycle !== null) this.cycle.after(s, k);
    this.store(k);
    this.timeS[k] = start + this.widthS;
    const q = this.factorSpike * sum * 0.5 * h;
    this.lastChargeC = q;
    return this.gain * q;
  }

  /**
   * Integral of G over a pulse (vV, widthS) from the state in `s` (moved to
   * the pulse end), composite Gauss-Legendre with `panels` panels.
   */
  private integrateG(s: Float64Array, vV: number, widthS: number, panels: number): number {
    const h = widthS / panels;
    let sum = 0;
    let prev = 0;
    for (let m = 0; m < panels; m++) {
      for (let j = 0; j < 4; j++) {
        const t = m * h + 0.5 * h * (1 + GL_X[j]);
        this.generic.advance(s, 0, vV, t - prev);
        prev = t;
        sum += GL_W[j] * this.relax.conductance(s, 0);
      }
    }
    this.generic.advance(s, 0, vV, widthS - prev);
    return sum * 0.5 * h;
  }

  /**
   * Panels needed for (vV, widthS): doubled from 1 until the integral from a
   * pristine state changes by < 1e-10 relative (the device rates do not depend
   * on the state in the linear model class, so this holds for every state).
   */
  private panelsFor(vV: number, widthS: number): number {
    const s = new Float64Array(this.stride);
    this.relax.init(s, 0);
    let m = 1;
    let prev = this.integrateG(Float64Array.from(s), vV, widthS, 1);
    while (m < 4096) {
      const next = this.integrateG(Float64Array.from(s), vV, widthS, 2 * m);
      m *= 2;
      if (Math.abs(next - prev) <= 1e-10 * Math.abs(next)) break;
      prev = next;
    }
    return m;
  }

  /** Cache slot of a programming pulse (computed once per distinct (V, W); allocates only then). */
  private pulseSlot(vV: number, widthS: number): number {
    for (let k = 0; k < PULSE_CACHE; k++) if (this.pulseV[k] === vV && this.pulseW[k] === widthS) return k;
    // Same voltage, other width (e.g. n unit pulses merged into one): keep the
    // panel length that reached the tolerance, so no new estimate is needed.
    let same = -1;
    for (let k = 0; k < PULSE_CACHE; k++) if (this.pulseV[k] === vV) same = k;
    const k = this.pulseNext;
    this.pulseNext = (k + 1) % PULSE_CACHE;
    if (same >= 0) {
      this.pulsePanels[k] = Math.max(1, Math.ceil((widthS * this.pulsePanels[same]) / this.pulseW[same] - 1e-9));
      this.pulseFactor[k] = this.pulseFactor[same];
    } else {
      this.pulsePanels[k] = this.panelsFor(vV, widthS);
      this.pulseFactor[k] = this.conductionFactor(vV);
    }
    this.pulseV[k] = vV;
    this.pulseW[k] = widthS;
    return k;
  }

  /**
   * Learning-rule hook: applies a programming pulse (vV for widthS) to the
   * device of synapse k starting at atTimeS (or when its previous pulse ends,
   * if later). Returns the pulse charge (C). Costs a few exponentials per
   * quadrature node; the first pulse of each distinct (vV, widthS) also
   * estimates its panel count (up to 8 kinds are remembered).
   */
  applyPulse(k: number, vV: number, widthS: number, atTimeS: number): number {
    if (!(widthS > 0)) throw new Error(`memristor synapse: pulse width must be > 0 s, got ${widthS}`);
    const slot = this.pulseSlot(vV, widthS);
    const panels = this.pulsePanels[slot];
    this.load(k);
    const s = this.scratch;
    const dt = atTimeS - this.timeS[k];
    const start = dt > 0 ? atTimeS : this.timeS[k];
    if (dt > 0) this.relax.advance(s, 0, 0, dt);
    if (this.cycle !== null) this.cycle.before(s);
    const integral = this.integrateG(s, vV, widthS, panels);
    if (this.cycle !== null) this.cycle.after(s, k);
    this.store(k);
    this.timeS[k] = start + widthS;
    const q = this.pulseFactor[slot] * integral;
    this.lastChargeC = q;
    return q;
  }

  /** Conductance (S) of synapse k's device at atTimeS (read-only: the stored state is not moved). */
  conductance(k: number, atTimeS: number): number {
    this.peek(k, atTimeS);
    return this.relax.conductance(this.scratch, 0);
  }

  /** Device state variable c (index into the device's stateLayout) of synapse k at atTimeS (read-only). */
  stateVar(k: number, c: number, atTimeS: number): number {
    this.peek(k, atTimeS);
    return this.scratch[c];
  }

  /** Overwrites the device state of synapse k (e.g. a pre-trained device), as of atTimeS. */
  setState(k: number, values: ArrayLike<number>, atTimeS: number): void {
    for (let c = 0; c < this.stride; c++) this.scratch[c] = values[c];
    this.store(k);
    this.timeS[k] = atTimeS;
  }

  private peek(k: number, atTimeS: number): void {
    this.load(k);
    const dt = atTimeS - this.timeS[k];
    if (dt > 0) this.relax.advance(this.scratch, 0, 0, dt);
  }

  /** Bytes held per synapse by this store (state + time). */
  get bytesPerSynapse(): number {
    return this.stride * 4 + 8;
  }
}
