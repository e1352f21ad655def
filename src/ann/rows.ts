/**
 * Report rows of the network scenarios, in two kinds:
 *   claim   a statement of the article checked against the simulation, with
 *           PASS/MISS; every claim here is *predicted* (the device calibration
 *           never sees a network accuracy; the basis is derived all the same,
 *           src/harness/basis.ts);
 *   figure  a simulated number the article does not state: shown, no verdict.
 */
import { figure as figureRow, withinAbsolute } from '../harness/metrics.ts';
import type { Metric } from '../harness/types.ts';

/** Claim `id` (src/devices/claims.ts): |simulated - article| <= absTol. */
export function predictedClaim(id: string, name: string, unit: string, article: number, simulated: number, absTol: number): Metric {
  return withinAbsolute({ id, name, unit }, article, simulated, absTol);
}

/** Figure (no verdict). */
export function figure(name: string, unit: string, simulated: number): Metric {
  return figureRow(name, unit, simulated);
}
