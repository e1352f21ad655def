/**
 * Weights held as memristor conductances and changed by programming pulses,
 * never by writing conductances: a requested change dw (normalised weight
 * units) becomes n = trunc(carry + dw / step) identical pulses through the
 * device model, so the device's nonlinearity (rates proportional to 1 - x for
 * potentiation and to x for depression) and its bounds decide what actually
 * happens. The fractional remainder is carried per synapse, so small changes
 * add up deterministically instead of being lost or randomised.
 *
 *   w = (G - gMinS) / (gMaxS - gMinS)          normalised weight read from the device
 *   step = lasting |dw| of one pulse at the reference state (measured at build time)
 *
 * n pulses of one polarity are applied back to back, which for a constant
 * amplitude is exactly one pulse of n * width. Programming takes no time on
 * the network's clock (a separate write path); between events every device
 * relaxes at the read bias, exactly, brought forward lazily per synapse.
 */
import type { CompiledDevice, StateVar } from '../devices/types.ts';
import type { MemristorStore } from '../synapses/varied.ts';
import { PulseCarry } from './pulse-carry.ts';
import type { WeightActuator } from './types.ts';

export interface ProgrammingPulse {
  readonly amplitudeV: number;
  readonly widthS: number;
}

export interface MemristiveWeightsSpec {
  readonly device: CompiledDevice;
  readonly synapses: number;
  readonly potentiation: ProgrammingPulse;
  readonly depression: ProgrammingPulse;
  /** Bias between events (V); 0 by default. */
  readonly readV?: number;
  /** Largest number of pulses one event may apply (protects against runaway requests). */
  readonly maxPulsesPerEvent?: number;
  /** Normalised initial weight; every device starts from the same programmed state. */
  readonly initialWeight: number;
  /**
   * 'open-loop' (default): the pulse count uses the step measured once at
   * w = 0.5, so the device's state dependence shows in the result.
   * 'state-aware': the count uses the lasting step of one pulse from the
   * synapse's present state (predicted with the device model, as a
   * write-verify programmer would), which makes the lasting change close to
   * the request until the device's bounds or maxPulsesPerEvent stop it.
   */
  readonly programming?: 'open-loop' | 'state-aware';
  /**
   * As a network synapse store (synapse kind "memristor_read"): the input a
   * spike delivers through a device at gMaxS; input = inputAtGMax * G / gMaxS.
   */
  readonly inputAtGMax?: number;
}

export interface DeviceCalibration {
  /** Conductance of the pristine device (w = 0). */
  gMinS: number;
  /** Relaxed conductance after potentiation to saturation (w = 1). */
  gMaxS: number;
  /** Lasting |dw| of one potentiation / depression pulse at w ~ 0.5. */
  potStep: number;
  depStep: number;
  /** Pulses that program a pristine device to the initial weight. */
  initialPulses: number;
  /** State every synapse starts from. */
  initialState: Float64Array;
}

/** Rest after programming before a change counts as lasting (volatile parts have decayed). */
const SETTLE_S = 10;

function checkPulse(what: string, p: ProgrammingPulse, sign: number): void {
  if (!Number.isFinite(p.amplitudeV) || Math.sign(p.amplitudeV) !== sign) {
    throw new Error(`memristive weights: ${what}.amplitudeV must be a finite ${sign > 0 ? 'positive' : 'negative'} voltage, got ${p.amplitudeV}`);
  }
  if (!(p.widthS > 0 && Number.isFinite(p.widthS))) throw new Error(`memristive weights: ${what}.widthS must be > 0 s, got ${p.widthS}`);
}

/**
 * Measures, through the device model itself, the weight range and the
 * lasting change of one pulse. Run at build time: the device preset may be
 * recalibrated, so nothing here is a constant.
 */
export function calibrateDevice(spec: MemristiveWeightsSpec): DeviceCalibration {
  const d = spec.device;
  const readV = spec.readV ?? 0;
  const { potentiation: pot, depression: dep } = spec;
  const s = new Float64Array(d.stride);
  const ref = new Float64Array(d.stride);
  d.init(s, 0);
  const gMinS = d.conductance(s, 0);
  // w = 1: potentiate in blocks until the relaxed conductance stops rising.
  let gRelaxed = gMinS;
  for (let block = 0; block < 200; block++) {
    d.advance(s, 0, pot.amplitudeV, 100 * pot.widthS);
    ref.set(s);
    d.advance(ref, 0, readV, SETTLE_S);
    const g = d.conductance(ref, 0);
    if (g - gRelaxed < 1e-4 * (g - gMinS)) {
      gRelaxed = g;
      break;
    }
    gRelaxed = g;
  }
  const gMaxS = gRelaxed;
  if (!(gMaxS > gMinS)) throw new Error(`memristive weights: potentiation pulse ${pot.amplitudeV} V / ${pot.widthS} s does not raise the device conductance`);
  const wOf = (g: number): number => (g - gMinS) / (gMaxS - gMinS);
  const relaxedW = (st: Float64Array): number => {
    ref.set(st);
    d.advance(ref, 0, readV, SETTLE_S);
    return wOf(d.conductance(ref, 0));
  };
  // Program a pristine device with a train (gap = width) until its relaxed weight reaches the target.
  const programTo = (target: number, out: Float64Array): number => {
    d.init(out, 0);
    let n = 0;
    while (relaxedW(out) < target && n < 1_000_000) {
      d.advance(out, 0, pot.amplitudeV, pot.widthS);
      d.advance(out, 0, readV, pot.widthS);
      n++;
    }
    d.advance(out, 0, readV, SETTLE_S);
    return n;
  };
  const mid = new Float64Array(d.stride);
  programTo(0.5, mid);
  const base = relaxedW(mid);
  const p = mid.slice();
  d.advance(p, 0, pot.amplitudeV, pot.widthS);
  const potStep = relaxedW(p) - base;
  const q = mid.slice();
  d.advance(q, 0, dep.amplitudeV, dep.widthS);
  const depStep = base - relaxedW(q);
  if (!(potStep > 0) || !(depStep > 0)) {
    throw new Error(`memristive weights: one pulse must change the relaxed weight (potentiation step ${potStep}, depression step ${depStep})`);
  }
  const initialState = new Float64Array(d.stride);
  const initialPulses = programTo(spec.initialWeight, initialState);
  return { gMinS, gMaxS, potStep, depStep, initialPulses, initialState };
}

/**
 * Also a network synapse store (MemristorStore): a spike reads the device at
 * the read bias without moving it (input = gain * G(t)); programming pulses
 * (applyPulse, apply) take no time on the network clock.
 */
export class MemristiveWeights implements WeightActuator, MemristorStore {
  /** Device states, stride = device.stride per synapse. */
  readonly state: Float64Array;
  readonly cal: DeviceCalibration;
  /** Pulses applied since reset (potentiation, depression). */
  get potPulses(): number {
    return this.pulseCount.potPulses;
  }
  get depPulses(): number {
    return this.pulseCount.depPulses;
  }
  private readonly d: CompiledDevice;
  readonly stride: number;
  private readonly tDev: Float64Array;
  private readonly pulseCount: PulseCarry;
  private readonly readV: number;
  private readonly potV: number;
  private readonly potW: number;
  private readonly depV: number;
  private readonly depW: number;
  private readonly span: number;
  private readonly stateAware: boolean;
  private readonly probe: Float64Array;
  private readonly control: Float64Array;
  readonly count: number;
  readonly layout: readonly StateVar[];
  readonly amplitudeV: number;
  readonly widthS = 0;
  /** Input per siemens of conductance (inputAtGMax / gMaxS; 0 without inputAtGMax). */
  readonly gain: number;
  readonly lastChargeC = NaN;

  constructor(spec: MemristiveWeightsSpec, cal?: DeviceCalibration) {
    checkPulse('potentiation', spec.potentiation, 1);
    checkPulse('depression', spec.depression, -1);
    if (!(spec.initialWeight >= 0 && spec.initialWeight <= 1)) {
      throw new Error(`memristive weights: initialWeight must be in [0, 1], got ${spec.initialWeight}`);
    }
    if (!Number.isInteger(spec.synapses) || spec.synapses < 0) throw new Error(`memristive weights: synapses must be a whole number >= 0, got ${spec.synapses}`);
    this.d = spec.device;
    this.stride = spec.device.stride;
    this.cal = cal ?? calibrateDevice(spec);
    this.readV = spec.readV ?? 0;
    this.potV = spec.potentiation.amplitudeV;
    this.potW = spec.potentiation.widthS;
    this.depV = spec.depression.amplitudeV;
    this.depW = spec.depression.widthS;
    this.span = this.cal.gMaxS - this.cal.gMinS;
    const mode = spec.programming ?? 'open-loop';
    if (mode !== 'open-loop' && mode !== 'state-aware') throw new Error(`memristive weights: programming must be "open-loop" or "state-aware", got "${String(mode)}"`);
    this.stateAware = mode === 'state-aware';
    this.probe = new Float64Array(this.stride);
    this.control = new Float64Array(this.stride);
    this.state = new Float64Array(spec.synapses * this.stride);
    this.tDev = new Float64Array(spec.synapses);
    this.pulseCount = new PulseCarry(spec.synapses, spec.maxPulsesPerEvent ?? 1000);
    this.count = spec.synapses;
    this.layout = spec.device.stateLayout;
    this.amplitudeV = this.readV;
    this.gain = (spec.inputAtGMax ?? 0) / this.cal.gMaxS;
    this.reset();
  }

  /** A spike arrives at synapse k: the device is read at the read bias (not disturbed). */
  transmit(k: number, tS: number): number {
    return this.gain * this.conductance(k, tS);
  }

  /** A programming pulse on synapse k at atTimeS (no time on the clock); the charge is not integrated (NaN). */
  applyPulse(k: number, vV: number, widthS: number, atTimeS: number): number {
    if (!(widthS > 0)) throw new Error(`memristive weights: pulse width must be > 0 s, got ${widthS}`);
    this.bring(k, atTimeS);
    this.d.advance(this.state, k * this.stride, vV, widthS);
    return NaN;
  }

  stateVar(k: number, c: number, atTimeS: number): number {
    this.bring(k, atTimeS);
    return this.state[k * this.stride + c];
  }

  setState(k: number, values: ArrayLike<number>, atTimeS: number): void {
    for (let c = 0; c < this.stride; c++) this.state[k * this.stride + c] = values[c];
    this.tDev[k] = atTimeS;
  }

  get bytesPerSynapse(): number {
    return this.stride * 8 + 16;
  }

  reset(): void {
    for (let s = 0; s < this.tDev.length; s++) this.state.set(this.cal.initialState, s * this.stride);
    this.tDev.fill(0);
    this.pulseCount.reset();
  }

  private bring(s: number, tS: number): void {
    const dt = tS - this.tDev[s];
    if (dt > 0) this.d.advance(this.state, s * this.stride, this.readV, dt);
    this.tDev[s] = tS;
  }

  /** Device conductance (S) of synapse s at tS. */
  conductance(s: number, tS: number): number {
    this.bring(s, tS);
    return this.d.conductance(this.state, s * this.stride);
  }

  weight(s: number, tS: number): number {
    return (this.conductance(s, tS) - this.cal.gMinS) / this.span;
  }

  /** Lasting |dw| of one pulse from synapse s's present state (device model, scratch copies). */
  private localStep(s: number, potentiate: boolean): number {
    const off = s * this.stride;
    for (let c = 0; c < this.stride; c++) {
      this.probe[c] = this.state[off + c];
      this.control[c] = this.state[off + c];
    }
    if (potentiate) this.d.advance(this.probe, 0, this.potV, this.potW);
    else this.d.advance(this.probe, 0, this.depV, this.depW);
    this.d.advance(this.probe, 0, this.readV, SETTLE_S);
    this.d.advance(this.control, 0, this.readV, SETTLE_S);
    return Math.abs(this.d.conductance(this.probe, 0) - this.d.conductance(this.control, 0)) / this.span;
  }

  apply(s: number, dw: number, tS: number): number {
    this.bring(s, tS);
    let step = dw > 0 ? this.cal.potStep : this.cal.depStep;
    if (this.stateAware) step = Math.max(this.localStep(s, dw > 0), 1e-6 * step);
    const n = this.pulseCount.pulses(s, dw, step);
    if (n === 0) return 0;
    const off = s * this.stride;
    const g0 = this.d.conductance(this.state, off);
    if (n > 0) this.d.advance(this.state, off, this.potV, n * this.potW);
    else this.d.advance(this.state, off, this.depV, -n * this.depW);
    return (this.d.conductance(this.state, off) - g0) / this.span;
  }
}
