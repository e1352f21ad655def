/**
 * Metric constructors: `pass` is always computed from the numbers, never
 * written by hand.
 */
import type { Metric } from './types.ts';

/** |simulated - article| <= relTol * |article|. */
export function withinRelative(name: string, unit: string, article: number, simulated: number, relTol: number): Metric {
  const pass = Number.isFinite(simulated) && Math.abs(simulated - article) <= relTol * Math.abs(article) + 1e-12;
  return { name, unit, article, simulated, tolerance: `±${round(relTol * 100)} %`, pass };
}

/** |simulated - article| <= absTol. */
export function withinAbsolute(name: string, unit: string, article: number, simulated: number, absTol: number): Metric {
  const pass = Number.isFinite(simulated) && Math.abs(simulated - article) <= absTol + 1e-12;
  return { name, unit, article, simulated, tolerance: `±${absTol} ${unit}`.trim(), pass };
}

export function atLeast(name: string, unit: string, article: number | null, simulated: number, bound: number): Metric {
  return { name, unit, article, simulated, tolerance: `>= ${bound}${unit ? ' ' + unit : ''}`, pass: simulated >= bound };
}

export function atMost(name: string, unit: string, article: number | null, simulated: number, bound: number): Metric {
  return { name, unit, article, simulated, tolerance: `<= ${bound}${unit ? ' ' + unit : ''}`, pass: simulated <= bound };
}

/** A qualitative statement of the article checked on the simulation. */
export function holds(name: string, article: string, simulated: number | string | boolean, pass: boolean): Metric {
  return { name, unit: '', article, simulated, tolerance: 'qualitative', pass };
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

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A measured figure the article gives no number for: passes when it is a finite number. */
export function measured(name: string, unit: string, simulated: number): Metric {
  return { name, unit, article: null, simulated, tolerance: null, pass: Number.isFinite(simulated) };
}
