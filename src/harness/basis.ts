/**
 * The basis of a claim, derived from the calibration objective: `fitted` when
 * some term of the objective names the claim's id (src/devices/calibrate/
 * objective.ts), `predicted` otherwise. The objective is evaluated once on the
 * default preset to read its terms (a few milliseconds), so the labels follow
 * the objective as it is, never a hand-written list.
 */
import { evaluate } from '../devices/calibrate/objective.ts';
import { devices } from '../devices/registry.ts';

export type Basis = 'fitted' | 'predicted';

let fitted: ReadonlySet<string> | null = null;

/** Ids of the claims the calibration objective fits. */
export function fittedClaimIds(): ReadonlySet<string> {
  if (!fitted) {
    const ids = new Set<string>();
    for (const t of evaluate(devices.mose2.preset).terms) if (t.claim !== null) ids.add(t.claim);
    fitted = ids;
  }
  return fitted;
}

export function basisOf(claimId: string): Basis {
  return fittedClaimIds().has(claimId) ? 'fitted' : 'predicted';
}
