/**
 * Memristive nociceptor: a sensory neuron whose receptor is its own Pt/MoSe2/Pt
 * memristor (H. Duan et al., "Memristor based on 2D MoSe2 nanosheets as
 * artificial synapse and nociceptor for neuromorphic computing", Fig. 5; the
 * spec's "Nociceptor behaviour").
 *
 * The stimulus is a voltage V(t), piecewise constant (its edges are events),
 * applied across the device; the device current I(t) follows the device
 * model's closed form between edges. A threshold on the current turns it
 * into spikes:
 *   r(I) = r_max (I - I_nox) / (I - I_nox + I_half)  for I > I_nox, else 0
 *   d(phi)/dt = r(I(t)),  spike when phi = 1, then phi <- 0
 * with I_half = 10 uA, above every current the device reaches (6-7 uA at
 * 7 V), so the rate is graded across the noxious range instead of saturating:
 * an injured receptor, whose device passes about twice the pristine current
 * early in a 7 V pulse, fires correspondingly more (hyperalgesia in spikes).
 * The phase integral and the spike times are computed to a stated tolerance,
 * not exactly: Chebyshev interpolation of r on pieces cut at every crossing
 * of I_nox, Newton on the interpolant; spike times within 1e-9 s of a fine
 * reference (method and bounds: src/neurons/nociceptor-phase.ts).
 * Threshold: no output while I <= I_nox. Relaxation: the device relaxes
 * after the stimulus. Non-adaptation: nothing in the neuron fades under a
 * sustained stimulus; the rate follows the current, which does not fall under
 * a constant positive bias. Sensitisation comes from the device (its state
 * after a noxious stimulus); its observable classes are in nociceptor-state.ts.
 *
 * Per-neuron state (stride = device stride + 3): the device components, the
 * stimulus voltage v_V, the phase phi, and i_A, the device current at v_V
 * (derived, kept up to date by advance and setDrive so that state probes can
 * read the current).
 *
 * Cycle-to-cycle variation (params.cycleToCycle = relative sigma > 0): each
 * stimulus pulse runs the device's driven components at its own rate factor
 * (equations and method: nociceptor-cycle.ts); the row then also holds the
 * factor and the pulse count (stride = device stride + 5), so it is still
 * the receptor's whole state.
 */
import { DEFAULT_DEVICE, compileDevice } from '../devices/registry.ts';
import { article } from '../devices/targets.ts';
import type { CompiledDevice, StateVar } from '../devices/types.ts';
import type { CompiledNeurons, NeuronModel } from './types.ts';
import { firingRate, PhaseIntegrator, type RateLaw } from './nociceptor-phase.ts';
import { SENSITISATION_STATES, SensitisationTracker, sensitisationDefaults } from './nociceptor-state.ts';
import { ReceptorCycles, type ReceptorCycleSpec } from './nociceptor-cycle.ts';

export interface NociceptorParams {
  /** The receptor memristor: a compiled device, or a registered device name. Default DEFAULT_DEVICE (the registry's) with its preset. */
  readonly device?: CompiledDevice | string;
  /** Pain threshold I_nox on the device current (A). */
  readonly thresholdA: number;
  /** Saturation rate r_max (Hz). */
  readonly maxRateHz: number;
  /** Current above threshold (A) at which the rate is r_max / 2. */
  readonly halfRateA: number;
  /** Sensitisation classes reported by stateCode (see nociceptor-state.ts). */
  readonly innocuousRefV: number;
  readonly innocuousRefWidthS: number;
  readonly noxiousRefV: number;
  readonly noxiousRefWidthS: number;
  readonly hyperalgesiaMargin: number;
  readonly recoveredMargin: number;
  readonly hysteresis: number;
  /** Interval (s) of the periodic sensitisation check (the network's check event). */
  readonly checkIntervalS: number;
  /** Cycle-to-cycle variation: relative sigma of each pulse's device change (0 or absent: none; set from a population's variation). */
  readonly cycleToCycle?: number;
  /** Seed of the per-pulse draws. */
  readonly cycleSeed?: number;
  /** Receptor number of neuron 0 in the per-pulse draws (one model per device). */
  readonly cycleFirstIndex?: number;
}

/**
 * I_nox from the article (80 nA); r_max = 800 Hz and I_half = 10 uA: the rate
 * is 0.8 Hz per 10 nA just above I_nox, about 125 Hz at 1.8 uA (a pristine
 * device early in a 7 V pulse), 215 Hz at 3.7 uA (an injured one), 230 Hz at
 * the 4 uA the end of a 2 s 7 V pulse reaches; r_max is never approached.
 */
export const nociceptorDefaults: NociceptorParams = {
  thresholdA: article.painThresholdA,
  maxRateHz: 800,
  halfRateA: 10e-6,
  innocuousRefV: sensitisationDefaults.innocuousRefV,
  innocuousRefWidthS: sensitisationDefaults.innocuousRefWidthS,
  noxiousRefV: sensitisationDefaults.noxiousRefV,
  noxiousRefWidthS: sensitisationDefaults.noxiousRefWidthS,
  hyperalgesiaMargin: sensitisationDefaults.hyperalgesiaMargin,
  recoveredMargin: sensitisationDefaults.recoveredMargin,
  hysteresis: sensitisationDefaults.hysteresis,
  checkIntervalS: sensitisationDefaults.checkIntervalS,
};

export interface CompiledNociceptors extends CompiledNeurons {
  readonly device: CompiledDevice;
  readonly law: RateLaw;
  /** Offset of neuron i's device state in the population state. */
  deviceOffset(i: number): number;
  /** Stimulus voltage (V) applied to neuron i. */
  driveV(state: Float64Array, i: number): number;
  /** Device current (A) of neuron i at its present stimulus voltage. */
  currentA(state: Float64Array, i: number): number;
  /** Device current (A) of neuron i at voltage vV in its present device state. */
  currentAtA(state: Float64Array, i: number, vV: number): number;
  /** Firing rate (Hz) of neuron i now. */
  rateHz(state: Float64Array, i: number): number;
  /** Phase phi of neuron i. */
  phase(state: Float64Array, i: number): number;
  /**
   * Time (s) until neuron i's current rises above I_nox under its present
   * drive (0 if above, Infinity if never or not before horizonS). Every rise
   * is found, however brief (rigorous bound on the current between nodes).
   */
  onsetDelay(state: Float64Array, i: number, horizonS?: number): number;
  /**
   * Neuron i's spikes over the next durationS under its present drive, with
   * nothing else happening; the state is not changed. Writes the delays (s
   * from now, ascending) to out from outOffset (default 0) and returns their
   * number, at most maxSpikes (default: the room left in out). When fewer than maxSpikes: the list is complete and
   * burstEndPhase is phi at durationS (after the last spike), so the caller
   * may bring the neuron to the end with advanceWithPhase(state, i,
   * durationS, burstEndPhase) instead of advancing spike by spike. When
   * maxSpikes are returned the span may hold more: bring the neuron to the
   * last one (advanceWithPhase with phase 0) and ask again.
   */
  burst(state: Float64Array, i: number, durationS: number, out: Float64Array, maxSpikes?: number, outOffset?: number): number;
  /** Phase at the end of the span of the last complete burst (NaN after a cut-short one). */
  readonly burstEndPhase: number;
  /**
   * Advances neuron i's device and derived current by dtS under its drive
   * and sets its phase to phi (known from a burst), skipping the phase
   * integral: the cheap way through a burst's spikes.
   */
  advanceWithPhase(state: Float64Array, i: number, dtS: number, phi: number): void;
  /**
   * Sensitisation state code of neuron i (index into stateNames), updated
   * from its present device state; used by the network, which reports
   * changes after every event touching the neuron.
   */
  stateCode(state: Float64Array, i: number): number;
  readonly stateNames: readonly string[];
}

function checkParams(p: NociceptorParams): void {
  const positive: Array<keyof NociceptorParams> = ['thresholdA', 'maxRateHz', 'halfRateA'];
  for (const k of positive) {
    const v = p[k] as number;
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw new Error(`nociceptor: parameter "${k}" must be a finite number > 0, got ${String(v)}`);
    }
  }
}

class Nociceptors implements CompiledNociceptors {
  readonly stride: number;
  readonly stateLayout: readonly StateVar[];
  readonly device: CompiledDevice;
  readonly law: RateLaw;
  private readonly dStride: number;
  private readonly integrator: PhaseIntegrator;
  readonly stateNames = SENSITISATION_STATES;
  readonly checkIntervalS: number;
  /** The state code depends on the device, which a spike does not change. */
  readonly fireKeepsStateCode = true;
  private tracker: SensitisationTracker | null = null;
  /** Last onsetDelay's device state, drive and horizon (NaN: none yet), and its answer. */
  private readonly onsetMemo: Float64Array;
  private onsetLast = 0;
  private readonly params: NociceptorParams;
  /** Per-pulse variation, or null (the nominal device). */
  private readonly cycles: ReceptorCycles | null;
  /** Row offsets of the present pulse's factor and the pulse count. */
  private readonly fOff: number;
  private readonly nOff: number;

  constructor(params: NociceptorParams, readonly size: number) {
    this.params = params;
    checkParams(params);
    this.checkIntervalS = params.checkIntervalS;
    if (!Number.isInteger(size) || size < 0) throw new Error(`nociceptor: population size must be a whole number >= 0, got ${size}`);
    const d = params.device ?? DEFAULT_DEVICE;
    this.device = typeof d === 'string' ? compileDevice(d) : d;
    this.dStride = this.device.stride;
    this.law = { thresholdA: params.thresholdA, maxRateHz: params.maxRateHz, halfRateA: params.halfRateA };
    this.integrator = new PhaseIntegrator(this.device, this.law);
    const c2c = params.cycleToCycle ?? 0;
    this.cycles = c2c > 0 ? new ReceptorCycles(params as ReceptorCycleSpec, this.integrator.view) : null;
    this.fOff = this.dStride + 3;
    this.nOff = this.dStride + 4;
    this.stride = this.cycles ? this.dStride + 5 : this.dStride + 3;
    this.stateLayout = this.cycles ? [...nociceptorLayout(this.device), ...ReceptorCycles.layout] : nociceptorLayout(this.device);
    this.onsetMemo = new Float64Array(this.dStride + 2).fill(NaN);
  }

  /** Starts the interval of neuron i under its drive (at its pulse's rates with variation). */
  private begin(state: Float64Array, off: number): void {
    this.integrator.begin(state, off, state[off + this.dStride]);
    const c = this.cycles;
    if (c !== null && state[off + this.fOff] !== 1) this.integrator.view.scaleRates(state[off + this.fOff], c.rest);
  }

  /** The device of the neuron at `off` brought forward by dtS under vV. */
  private advanceDevice(state: Float64Array, off: number, vV: number, dtS: number): void {
    if (this.cycles === null || state[off + this.fOff] === 1) {
      this.device.advance(state, off, vV, dtS);
      return;
    }
    this.begin(state, off);
    this.integrator.view.advanceState(state, off, dtS);
  }

  deviceOffset(i: number): number {
    return i * this.stride;
  }

  init(state: Float64Array, i: number): void {
    const off = i * this.stride;
    this.device.init(state, off);
    state[off + this.dStride] = 0;
    state[off + this.dStride + 1] = 0;
    state[off + this.dStride + 2] = this.device.current(state, off, 0);
    if (this.cycles !== null) {
      state[off + this.fOff] = 1;
      state[off + this.nOff] = 0;
    }
  }

  advance(state: Float64Array, i: number, dtS: number): void {
    if (!(dtS > 0)) return;
    const off = i * this.stride;
    const v = state[off + this.dStride];
    this.begin(state, off);
    state[off + this.dStride + 1] += this.integrator.integral(dtS);
    if (this.cycles !== null && state[off + this.fOff] !== 1) this.integrator.view.advanceState(state, off, dtS);
    else this.device.advance(state, off, v, dtS);
    state[off + this.dStride + 2] = this.device.current(state, off, v);
  }

  /** Receptors have no synaptic input: arriving spikes are ignored. */
  receive(_state: Float64Array, _i: number, _weight: number, _port: number): void {}

  setDrive(state: Float64Array, i: number, value: number): void {
    if (!Number.isFinite(value)) throw new Error(`nociceptor ${i}: stimulus voltage must be a finite number (V), got ${value}`);
    const off = i * this.stride;
    const c = this.cycles;
    if (c !== null) state[off + this.fOff] = c.rises(state[off + this.dStride], value) ? c.start(state, off + this.nOff, i) : 1;
    state[off + this.dStride] = value;
    state[off + this.dStride + 2] = this.device.current(state, off, value);
  }

  nextSpikeDelay(state: Float64Array, i: number, horizonS?: number): number {
    const off = i * this.stride;
    const need = 1 - state[off + this.dStride + 1];
    if (need <= 0) return 0;
    this.begin(state, off);
    return this.integrator.timeToReach(need, horizonS);
  }

  burst(state: Float64Array, i: number, durationS: number, out: Float64Array, maxSpikes = Infinity, outOffset = 0): number {
    const off = i * this.stride;
    this.begin(state, off);
    return this.integrator.burst(state[off + this.dStride + 1], durationS, out, Math.min(maxSpikes, out.length - outOffset), outOffset);
  }

  get burstEndPhase(): number {
    return this.integrator.endPhase;
  }

  advanceWithPhase(state: Float64Array, i: number, dtS: number, phi: number): void {
    const off = i * this.stride;
    const v = state[off + this.dStride];
    if (dtS > 0) this.advanceDevice(state, off, v, dtS);
    state[off + this.dStride + 1] = phi;
    state[off + this.dStride + 2] = this.device.current(state, off, v);
  }

  fire(state: Float64Array, i: number): void {
    state[i * this.stride + this.dStride + 1] = 0;
  }

  driveV(state: Float64Array, i: number): number {
    return state[i * this.stride + this.dStride];
  }

  currentA(state: Float64Array, i: number): number {
    const off = i * this.stride;
    return this.device.current(state, off, state[off + this.dStride]);
  }

  currentAtA(state: Float64Array, i: number, vV: number): number {
    return this.device.current(state, i * this.stride, vV);
  }

  rateHz(state: Float64Array, i: number): number {
    return firingRate(this.law, this.currentA(state, i));
  }

  phase(state: Float64Array, i: number): number {
    return state[i * this.stride + this.dStride + 1];
  }

  stateCode(state: Float64Array, i: number): number {
    // Built on first use: the tracker reads law and device from this object.
    if (this.tracker === null) {
      const p = this.params;
      this.tracker = new SensitisationTracker(this, {
        innocuousRefV: p.innocuousRefV,
        innocuousRefWidthS: p.innocuousRefWidthS,
        noxiousRefV: p.noxiousRefV,
        noxiousRefWidthS: p.noxiousRefWidthS,
        hyperalgesiaMargin: p.hyperalgesiaMargin,
        recoveredMargin: p.recoveredMargin,
        hysteresis: p.hysteresis,
      });
    }
    const t = this.tracker;
    const to = t.next(state, i, t.code[i]);
    t.code[i] = to;
    return to;
  }

  /** Whether the current is above I_nox now (the network's onset test at stimulus edges). */
  onsetAbove(state: Float64Array, i: number): boolean {
    return this.currentA(state, i) > this.law.thresholdA;
  }

  onsetDelay(state: Float64Array, i: number, horizonS?: number): number {
    const off = i * this.stride;
    // A pure function of (device state, drive, horizon): the last answer serves receptors of a uniform region.
    const memo = this.onsetMemo;
    const d = this.dStride;
    const h = horizonS ?? -1;
    // Not with a pulse factor: it is not part of the key.
    let same = (this.cycles === null || state[off + this.fOff] === 1) && memo[d] === state[off + d] && memo[d + 1] === h;
    for (let k = 0; same && k < d; k++) same = memo[k] === state[off + k];
    if (same) return this.onsetLast;
    this.begin(state, off);
    this.onsetLast = this.integrator.timeToOnset(horizonS);
    for (let k = 0; k <= d; k++) memo[k] = state[off + k];
    memo[d + 1] = h;
    return this.onsetLast;
  }
}

function nociceptorLayout(device: CompiledDevice): readonly StateVar[] {
  return [
    ...device.stateLayout,
    { name: 'v_V', unit: 'V', description: 'stimulus voltage across the receptor memristor', initial: 0, min: -Infinity, max: Infinity },
    { name: 'phi', unit: '1', description: 'firing phase; a spike when it reaches 1', initial: 0, min: 0, max: 1 },
    { name: 'i_A', unit: 'A', description: 'device current at the stimulus voltage (derived)', initial: 0, min: -Infinity, max: Infinity },
  ];
}

export const nociceptorModel: NeuronModel<Partial<NociceptorParams>> = {
  name: 'nociceptor',
  description: 'memristive nociceptor: MoSe2 memristor receptor, current threshold I_nox, graded rate law (Duan et al., Fig. 5)',
  stateLayout: nociceptorLayout(compileDevice(DEFAULT_DEVICE)),
  compile: (params, size) => new Nociceptors({ ...nociceptorDefaults, ...params }, size),
};

/** A compiled nociceptor population (defaults overridden by `params`). */
export function compileNociceptors(size: number, params: Partial<NociceptorParams> = {}): CompiledNociceptors {
  return new Nociceptors({ ...nociceptorDefaults, ...params }, size);
}
