/**
 * The synthetic example of measured data (examples/measured-ltp.csv) and the
 * data of the fit's tests: the built-in MoSe2 preset with four parameters
 * changed by 20-30 % (the "true" device), three LTP trains simulated on it,
 * each response with 1.5 % multiplicative noise from seed 7.
 */
import type { Mose2Params } from '../mose2.ts';
import { synthesizeCsv, type TrainSpec } from './data-synth.ts';

/** Factors applied to the preset to make the true device. */
export const EXAMPLE_PERTURBATION: Readonly<Record<string, number>> = {
  baseConductanceS: 1.2,
  'slow.weightS': 1.25,
  'slow.potRateRefPerS': 0.75,
  'fast.tauS': 1.3,
};

/** Three potentiating trains: 3 V and 4 V at 50 ms / 50 ms (the article's LTP timing), and 3 V spaced by 0.5 s. */
export const EXAMPLE_TRAINS: readonly TrainSpec[] = [
  { name: 'ltp-3V', amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 50 },
  { name: 'ltp-4V', amplitudeV: 4, widthS: 0.05, intervalS: 0.05, count: 25 },
  { name: 'spaced-3V', amplitudeV: 3, widthS: 0.05, intervalS: 0.5, count: 20 },
  { name: 'long-4V', amplitudeV: 4, widthS: 0.05, intervalS: 0.05, count: 300 },
];

export const EXAMPLE_NOISE = 0.015;
export const EXAMPLE_SEED = 7;

/** A copy of p with each key of `factors` multiplied by its factor. */
export function perturb(p: Mose2Params, factors: Readonly<Record<string, number>>): Mose2Params {
  const out = JSON.parse(JSON.stringify(p, (_k, v) => (v === Infinity ? 'Infinity' : v)), (_k, v) => (v === 'Infinity' ? Infinity : v)) as Record<string, any>;
  for (const [key, f] of Object.entries(factors)) {
    const [a, b] = key.split('.');
    if (b === undefined) out[a] *= f;
    else out[a][b] *= f;
  }
  return out as Mose2Params;
}

export function exampleCsv(preset: Mose2Params): string {
  const changes = Object.entries(EXAMPLE_PERTURBATION).map(([k, f]) => `${k} x ${f}`).join(', ');
  return synthesizeCsv(perturb(preset, EXAMPLE_PERTURBATION), EXAMPLE_TRAINS, {
    noise: EXAMPLE_NOISE,
    seed: EXAMPLE_SEED,
    comment: [
      'SYNTHETIC data, not a measurement: made by src/devices/calibrate/data-example.ts',
      `(the built-in mose2 preset with ${changes};`,
      `${EXAMPLE_NOISE * 100} % multiplicative noise, seed ${EXAMPLE_SEED}). Fit it with:`,
      '  memspike calibrate --data examples/measured-ltp.csv --out my-device.json',
      'Columns: curve, pulse (1, 2, ...), t_s (pulse start, s), v_V (amplitude, V), width_s (s),',
      'i_A (current at the end of the pulse, at the pulse voltage, A).',
    ],
  });
}
