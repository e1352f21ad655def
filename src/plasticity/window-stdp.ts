/**
 * Simplified (post-triggered) STDP for memristive synapses (Querlioz,
 * Bichler & Gamrat 2011, IJCNN; Bichler et al. 2012, Neural Networks 32:339).
 * Only postsynaptic spikes program the devices: every synapse whose
 * presynaptic neuron fired within the last tLtpS is potentiated, every other
 * synapse of the neuron is depressed:
 *   on a postsynaptic spike at t:  dw = +A+  if t - t_pre_last <= tLtpS,  else  -A-
 * The last presynaptic spike is held as a nearest-spike trace
 * x = exp(-(t - t_pre_last) / tLtpS), so the test is x >= 1/e; presynaptic
 * spikes change no weight. A neuron that fires more depresses its
 * non-causal inputs more, so the rule cannot run away in rate, and with a
 * device whose steps shrink near its bounds each synapse settles where
 * potentiation and depression balance: near the top for inputs that reliably
 * precede the spikes, near the bottom for the others.
 */
import { checkParam, traceVar, type CompiledRule, type RuleModel, type RuleParams } from './types.ts';

export interface WindowStdpParams extends RuleParams {
  readonly aPlus: number;
  readonly aMinus: number;
  /** Potentiation window (s). */
  readonly tLtpS: number;
}

const preLayout = [traceVar('x', 'exp(-(t - last presynaptic spike) / tLtp)')];
const INV_E = Math.exp(-1);

class CompiledWindowStdp implements CompiledRule<WindowStdpParams> {
  readonly name = 'stdp-window';
  readonly preLayout = preLayout;
  readonly postLayout = [];
  readonly synapseLayout = [];
  private readonly invTau: number;
  constructor(readonly params: WindowStdpParams) {
    this.invTau = 1 / params.tLtpS;
  }
  decayPre(pre: Float64Array, off: number, dtS: number): void {
    pre[off] *= Math.exp(-dtS * this.invTau);
  }
  decayPost(): void {}
  onPre(): number {
    return 0;
  }
  onPost(pre: Float64Array, preOff: number): number {
    // Tiny tolerance: a spike exactly tLtp ago must count as inside the window despite rounding.
    return pre[preOff] >= INV_E * (1 - 1e-12) ? this.params.aPlus : -this.params.aMinus;
  }
  bumpPre(pre: Float64Array, off: number): void {
    pre[off] = 1;
  }
  bumpPost(): void {}
}

export const windowStdp: RuleModel<WindowStdpParams> = {
  name: 'stdp-window',
  description: 'post-triggered STDP: potentiate inputs that fired within tLtp before the spike, depress the rest (Querlioz et al. 2011; Bichler et al. 2012)',
  defaults: { aPlus: 0.01, aMinus: 0.005, tLtpS: 0.0168 },
  compile(params) {
    const p = { ...windowStdp.defaults, ...params } as WindowStdpParams;
    const n = 'stdp-window';
    checkParam(n, 'aPlus', p.aPlus, 0);
    checkParam(n, 'aMinus', p.aMinus, 0);
    checkParam(n, 'tLtpS', p.tLtpS, 0, true);
    return new CompiledWindowStdp(Object.freeze(p));
  },
};
