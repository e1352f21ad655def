/**
 * Static synapses: a signed weight added to the target at each arriving
 * spike (a LIF: volts), one value for the projection or one per synapse
 * (pairs order). Learning rules may turn a uniform weight into an array.
 */
import type { SynapseKind } from './types.ts';

export interface StaticSynapseDesc {
  readonly kind: 'static';
  readonly weight: number | readonly number[];
}

export const staticSynapse: SynapseKind<StaticSynapseDesc> = {
  description: 'static weight: signed input added to the target',
  validate(where, s, count, c) {
    if (Array.isArray(s.weight)) {
      if (count < 0) c.fail(`${where}.weight`, 'a weight per synapse needs "one-to-one" or "pairs" connectivity');
      if (s.weight.length !== count) c.fail(`${where}.weight`, `expected ${count} weights (one per synapse), got ${s.weight.length}`);
      s.weight.forEach((x, i) => c.finite(`${where}.weight[${i}]`, x));
    } else c.finite(`${where}.weight`, s.weight);
  },
  build(s, ctx) {
    if (typeof s.weight === 'number') return { uniformWeight: s.weight, weights: null, memristors: null };
    const w = s.weight;
    const weights = new Float64Array(ctx.count);
    for (let k = 0; k < ctx.count; k++) weights[k] = w[ctx.sourceOf(k)];
    return { uniformWeight: NaN, weights, memristors: null };
  },
};
