/**
 * Seeded device-to-device and cycle-to-cycle variation of the MoSe2 model
 * (src/devices/mose2.ts). Each drawn device multiplies the base conductance
 * and, per component, the weight and the potentiation and depression rates by
 * independent lognormal factors
 *   f = exp(sigma z),  z ~ N(0, 1),  sigma = variationPct / 100,
 * so the median device is the preset and the spread of each quantity is about
 * variationPct % for small values. Relaxation times and voltage slopes are
 * kept: they set the shape of the response, the factors its scale.
 * Off (the preset itself) when variationPct is 0.
 */
import type { Rng } from '../kernel/rng.ts';
import { COMPONENTS, type MemristorComponentParams, type Mose2Params } from './mose2.ts';

export function varyMose2(params: Mose2Params, rng: Rng, variationPct: number): Mose2Params {
  if (!Number.isFinite(variationPct) || variationPct < 0) throw new Error(`variationPct must be a finite number >= 0, got ${variationPct}`);
  if (variationPct === 0) return params;
  const sigma = variationPct / 100;
  const f = (): number => Math.exp(sigma * rng.normal());
  const out: { -readonly [K in keyof Mose2Params]: Mose2Params[K] } = { ...params, baseConductanceS: params.baseConductanceS * f() };
  for (const name of COMPONENTS) {
    const c = params[name];
    const varied: MemristorComponentParams = {
      ...c,
      weightS: c.weightS * f(),
      potRateRefPerS: c.potRateRefPerS * f(),
      depRateRefPerS: c.depRateRefPerS * f(),
    };
    out[name] = varied;
  }
  return out;
}
