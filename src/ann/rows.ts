/**
 * Report rows of the network scenarios, in two kinds:
 *   claim   a statement of the article checked against the simulation, with
 *           PASS/MISS; every claim here is *predicted* (the device calibration
 *           never sees a network accuracy);
 *   figure  a simulated number the article does not state: shown, no verdict.
 * Both are built through the harness's metric constructors; a figure's
 * `pass` there only says it is a finite number and carries no verdict.
 */
import { measured, withinAbsolute } from '../harness/metrics.ts';
import type { Metric } from '../harness/types.ts';

/** Claim (basis: predicted): |simulated - article| <= absTol. */
export function predictedClaim(name: string, unit: string, article: number, simulated: number, absTol: number): Metric {
  return withinAbsolute(name, unit, article, simulated, absTol);
}

/** Figure (no verdict). */
export function figure(name: string, unit: string, simulated: number): Metric {
  return measured(name, unit, simulated);
}
