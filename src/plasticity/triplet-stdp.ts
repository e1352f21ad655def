/**
 * Triplet STDP, minimal all-to-all model (Pfister & Gerstner 2006,
 * J. Neurosci. 26:9673).
 *
 * Presynaptic traces r1 (tau+), r2 (tau_x); postsynaptic traces o1 (tau-),
 * o2 (tau_y); each jumps by 1 at its neuron's spike and decays as
 * exp(-dt / tau) in between. At a spike the traces are read just before
 * their own increment (the paper's t - epsilon):
 *   presynaptic spike:  dw = -o1 (A2- + A3- r2);  then r1 += 1, r2 += 1
 *   postsynaptic spike: dw = +r1 (A2+ + A3+ o2);  then o1 += 1, o2 += 1
 * Defaults: the minimal all-to-all fit to visual-cortex data (Table 4 of the
 * paper): A2+ = 5e-10, A3+ = 6.2e-3, A2- = 7e-3, A3- = 0, tau+ = 16.8 ms,
 * tau- = 33.7 ms, tau_x = 101 ms, tau_y = 125 ms.
 */
import { checkParam, traceVar, type CompiledRule, type RuleModel, type RuleParams } from './types.ts';

export interface TripletStdpParams extends RuleParams {
  readonly a2Plus: number;
  readonly a3Plus: number;
  readonly a2Minus: number;
  readonly a3Minus: number;
  readonly tauPlusS: number;
  readonly tauMinusS: number;
  readonly tauXS: number;
  readonly tauYS: number;
}

const preLayout = [traceVar('r1', 'presynaptic pair trace (tau+)'), traceVar('r2', 'presynaptic triplet trace (tau_x)')];
const postLayout = [traceVar('o1', 'postsynaptic pair trace (tau-)'), traceVar('o2', 'postsynaptic triplet trace (tau_y)')];

class CompiledTripletStdp implements CompiledRule<TripletStdpParams> {
  readonly name = 'stdp-triplet';
  readonly preLayout = preLayout;
  readonly postLayout = postLayout;
  readonly synapseLayout = [];
  private readonly p: TripletStdpParams;

  constructor(readonly params: TripletStdpParams) {
    this.p = params;
  }

  decayPre(pre: Float64Array, off: number, dtS: number): void {
    pre[off] *= Math.exp(-dtS / this.p.tauPlusS);
    pre[off + 1] *= Math.exp(-dtS / this.p.tauXS);
  }

  decayPost(post: Float64Array, off: number, dtS: number): void {
    post[off] *= Math.exp(-dtS / this.p.tauMinusS);
    post[off + 1] *= Math.exp(-dtS / this.p.tauYS);
  }

  onPre(pre: Float64Array, preOff: number, post: Float64Array, postOff: number): number {
    return -post[postOff] * (this.p.a2Minus + this.p.a3Minus * pre[preOff + 1]);
  }

  onPost(pre: Float64Array, preOff: number, post: Float64Array, postOff: number): number {
    return pre[preOff] * (this.p.a2Plus + this.p.a3Plus * post[postOff + 1]);
  }

  bumpPre(pre: Float64Array, off: number): void {
    pre[off] += 1;
    pre[off + 1] += 1;
  }

  bumpPost(post: Float64Array, off: number): void {
    post[off] += 1;
    post[off + 1] += 1;
  }
}

export const tripletStdp: RuleModel<TripletStdpParams> = {
  name: 'stdp-triplet',
  description: 'triplet STDP, minimal all-to-all model (Pfister & Gerstner 2006)',
  defaults: {
    a2Plus: 5e-10,
    a3Plus: 6.2e-3,
    a2Minus: 7e-3,
    a3Minus: 0,
    tauPlusS: 0.0168,
    tauMinusS: 0.0337,
    tauXS: 0.101,
    tauYS: 0.125,
  },
  compile(params) {
    const p = { ...tripletStdp.defaults, ...params } as TripletStdpParams;
    const n = 'stdp-triplet';
    for (const k of ['a2Plus', 'a3Plus', 'a2Minus', 'a3Minus'] as const) checkParam(n, k, p[k], 0);
    for (const k of ['tauPlusS', 'tauMinusS', 'tauXS', 'tauYS'] as const) checkParam(n, k, p[k], 0, true);
    return new CompiledTripletStdp(Object.freeze(p));
  },
};
