/**
 * Pair-based STDP with exponential windows (Bi & Poo 1998; event-driven trace
 * form of Song, Miller & Abbott 2000, Morrison, Diesmann & Gerstner 2008).
 *
 * Window for one pair, dt = t_post - t_pre:
 *   W(dt) =  A+ exp(-dt / tau+)   for dt > 0   (pre before post: potentiation)
 *   W(dt) = -A- exp( dt / tau-)   for dt < 0   (post before pre: depression)
 * Traces: x (presynaptic, tau+) and y (postsynaptic, tau-), both decaying as
 * exp(-dt / tau) between spikes.
 *   on a presynaptic spike:  dw = -A- y;  then x += 1 (all-to-all) or x = 1 (nearest)
 *   on a postsynaptic spike: dw = +A+ x;  then y += 1 (all-to-all) or y = 1 (nearest)
 * All-to-all sums W over every pre/post pair; the nearest-spike variant
 * (symmetric nearest-neighbour, Morrison et al. 2008, the one Masquelier,
 * Guyonneau & Thorpe 2008 use) pairs each spike only with the most recent
 * spike of the other side. Spikes at the same instant: whichever the caller
 * processes first sees the other's trace not yet incremented.
 */
import { checkParam, traceVar, type CompiledRule, type RuleModel, type RuleParams } from './types.ts';

export interface PairStdpParams extends RuleParams {
  /** Potentiation amplitude A+ (normalised weight units per pair at dt -> 0+). */
  readonly aPlus: number;
  /** Depression amplitude A- (> 0; the change is -A-). */
  readonly aMinus: number;
  readonly tauPlusS: number;
  readonly tauMinusS: number;
  readonly pairing: 'all-to-all' | 'nearest';
}

const preLayout = [traceVar('x', 'presynaptic trace (tau+)')];
const postLayout = [traceVar('y', 'postsynaptic trace (tau-)')];

class CompiledPairStdp implements CompiledRule<PairStdpParams> {
  readonly name = 'stdp-pair';
  readonly preLayout = preLayout;
  readonly postLayout = postLayout;
  readonly synapseLayout = [];
  private readonly aPlus: number;
  private readonly aMinus: number;
  private readonly invTauPlus: number;
  private readonly invTauMinus: number;
  private readonly nearest: boolean;

  constructor(readonly params: PairStdpParams) {
    this.aPlus = params.aPlus;
    this.aMinus = params.aMinus;
    this.invTauPlus = 1 / params.tauPlusS;
    this.invTauMinus = 1 / params.tauMinusS;
    this.nearest = params.pairing === 'nearest';
  }

  decayPre(pre: Float64Array, off: number, dtS: number): void {
    pre[off] *= Math.exp(-dtS * this.invTauPlus);
  }

  decayPost(post: Float64Array, off: number, dtS: number): void {
    post[off] *= Math.exp(-dtS * this.invTauMinus);
  }

  onPre(_pre: Float64Array, _preOff: number, post: Float64Array, postOff: number): number {
    return -this.aMinus * post[postOff];
  }

  onPost(pre: Float64Array, preOff: number): number {
    return this.aPlus * pre[preOff];
  }

  bumpPre(pre: Float64Array, off: number): void {
    pre[off] = this.nearest ? 1 : pre[off] + 1;
  }

  bumpPost(post: Float64Array, off: number): void {
    post[off] = this.nearest ? 1 : post[off] + 1;
  }
}

export const pairStdp: RuleModel<PairStdpParams> = {
  name: 'stdp-pair',
  description: 'pair-based STDP with exponential windows, all-to-all or nearest-spike pairing (Bi & Poo 1998; Song et al. 2000)',
  // Masquelier, Guyonneau & Thorpe (2008): a+ = 2^-5, a- = 0.85 a+, tau+ = 16.8 ms, tau- = 33.7 ms.
  defaults: { aPlus: 0.03125, aMinus: 0.85 * 0.03125, tauPlusS: 0.0168, tauMinusS: 0.0337, pairing: 'nearest' },
  compile(params) {
    const p = { ...pairStdp.defaults, ...params } as PairStdpParams;
    const n = 'stdp-pair';
    checkParam(n, 'aPlus', p.aPlus, 0);
    checkParam(n, 'aMinus', p.aMinus, 0);
    checkParam(n, 'tauPlusS', p.tauPlusS, 0, true);
    checkParam(n, 'tauMinusS', p.tauMinusS, 0, true);
    if (p.pairing !== 'all-to-all' && p.pairing !== 'nearest') {
      throw new Error(`plasticity rule "${n}": parameter "pairing" must be "all-to-all" or "nearest", got "${String(p.pairing)}"`);
    }
    return new CompiledPairStdp(Object.freeze(p));
  },
};
