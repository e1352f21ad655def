/**
 * Report rows. A row is a `claim` of an article (PASS/MISS computed here from
 * the numbers, never written by hand; basis derived from the calibration
 * objective, ./basis.ts) or a `figure` the article does not state (a number
 * with its unit, no verdict). Checks that hold by construction belong in the
 * tests, not here.
 *
 * Claim constructors take a ClaimRef: the claim's id (src/devices/claims.ts
 * for the Duan article; any stable id for other sources), a short row name,
 * and optionally the article's words and panel (taken from the catalogue when
 * the id is in it).
 */
import { ARTICLE_CLAIMS } from '../devices/claims.ts';
import { basisOf } from './basis.ts';
import type { Claim, ClaimRef, Figure } from './types.ts';

function make(c: ClaimRef, article: Claim['article'], simulated: Claim['simulated'], tolerance: string, pass: boolean): Claim {
  const cat = ARTICLE_CLAIMS.get(c.id);
  const says = c.says ?? cat?.says;
  const panel = c.panel ?? cat?.panel;
  if (says === undefined || panel === undefined) throw new Error(`claim "${c.id}": not in the article catalogue, so it needs its own "says" and "panel"`);
  return { kind: 'claim', id: c.id, name: c.name, says, panel, basis: basisOf(c.id), unit: c.unit ?? '', article, simulated, tolerance, pass };
}

/** |simulated - article| <= relTol * |article|. */
export function withinRelative(c: ClaimRef, article: number, simulated: number, relTol: number): Claim {
  const pass = Math.abs(simulated - article) <= relTol * Math.abs(article) * (1 + 1e-12);
  return make(c, article, simulated, `±${round(relTol * 100)} %`, pass);
}

/** |simulated - article| <= absTol. */
export function withinAbsolute(c: ClaimRef, article: number, simulated: number, absTol: number): Claim {
  const pass = Math.abs(simulated - article) <= absTol * (1 + 1e-12);
  return make(c, article, simulated, `±${absTol} ${c.unit ?? ''}`.trim(), pass);
}

/** simulated >= bound (NaN fails). */
export function atLeast(c: ClaimRef, article: number | string | null, simulated: number, bound: number): Claim {
  return make(c, article, simulated, `>= ${bound}${c.unit ? ' ' + c.unit : ''}`, simulated >= bound);
}

/** simulated <= bound (NaN fails). */
export function atMost(c: ClaimRef, article: number | string | null, simulated: number, bound: number): Claim {
  return make(c, article, simulated, `<= ${bound}${c.unit ? ' ' + c.unit : ''}`, simulated <= bound);
}

/** A qualitative statement of the article checked on the simulation (`pass` from the caller's comparison). */
export function holds(c: ClaimRef, simulated: number | string | boolean, pass: boolean): Claim {
  return make(c, null, simulated, 'qualitative', pass);
}

/** A simulated number the article does not state: shown with its unit, never PASS/MISS, never counted. */
export function figure(name: string, unit: string, simulated: number | string, note?: string): Figure {
  return note === undefined ? { kind: 'figure', name, unit, simulated } : { kind: 'figure', name, unit, simulated, note };
}

/** True when every element is strictly larger than the one before. */
export function strictlyIncreasing(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) return false;
  return true;
}

export function strictlyDecreasing(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i] < xs[i - 1])) return false;
  return true;
}

/** The claim rows of a list of rows. */
export function claimsOf(rows: readonly (Claim | Figure)[]): Claim[] {
  return rows.filter((m): m is Claim => m.kind === 'claim');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
