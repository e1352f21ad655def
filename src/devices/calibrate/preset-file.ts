/**
 * Renders a calibrated parameter set as the TypeScript preset file
 * src/devices/presets/mose2.ts: one line per parameter with its unit and
 * meaning, and a header with the objective value and every target's error.
 * Numbers are written with 6 significant digits; the header's figures are
 * those of the rounded values, i.e. of the file itself.
 */
import { COMPONENTS, type MemristorComponentParams, type Mose2Params } from '../mose2.ts';
import type { Evaluation } from './objective.ts';

const GLOBAL_DOC: Record<string, string> = {
  thresholdV: 'V, no component moves below this bias (the 0.1 V read bias never drives the device)',
  potRefV: 'V, reference voltage of the potentiation rates',
  depRefV: 'V, reference magnitude (negative bias) of the depression rates',
  baseConductanceS: 'S, conductance of the pristine device',
  conductionBetaPerV: '1/V, conduction nonlinearity I = G sinh(beta V) / beta',
  sensitisationGain: '1, factor (1 + m x_sens) on path conductance at full sensitisation',
};

const FIELD_DOC: Record<keyof MemristorComponentParams, string> = {
  weightS: 'S, conductance added when fully formed',
  potRateRefPerS: '1/s, potentiation rate at potRefV',
  potSlopePerV: '1/V, e-folds of the potentiation rate per volt',
  depRateRefPerS: '1/s, depression rate at -depRefV',
  depSlopePerV: '1/V, e-folds of the depression rate per volt',
  tauS: 's, relaxation time at 0 V',
  tauSlopePerV: '1/V, relaxation speeds up as exp(tauSlopePerV |V|)',
};

const ROLE: Record<string, string> = {
  fast: 'volatile, ~0.5 s, weakly voltage dependent',
  medium: 'volatile, ~1-3 s, switched on steeply at 4-5 V',
  slow: 'long-term integrator',
  sens: 'sensitisation, filled by noxious (7 V) pulses; heals with tauS',
};

/** Rounds to 6 significant digits (Infinity and 0 unchanged). */
export function round6(v: number): number {
  return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(6)) : v;
}

export function roundParams(p: Mose2Params): Mose2Params {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'number') out[k] = round6(v);
    else out[k] = Object.fromEntries(Object.entries(v as Record<string, number>).map(([f, x]) => [f, round6(x)]));
  }
  return out as unknown as Mose2Params;
}

function num(v: number): string {
  return v === Infinity ? 'Infinity' : String(v);
}

function fmtErr(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : String(x);
}

export function renderPreset(p: Mose2Params, ev: Evaluation, how: { seed: number; iterations: number; evals: number }): string {
  const lines: string[] = [];
  lines.push('/**');
  lines.push(' * Preset `mose2`: parameters of the Pt/MoSe2/Pt device model (src/devices/mose2.ts).');
  lines.push(` * Written by \`memspike calibrate --seed ${how.seed} --iterations ${how.iterations}\` (${how.evals} objective evaluations);`);
  lines.push(' * do not edit by hand: change the objective or the bounds and calibrate again.');
  lines.push(' *');
  lines.push(` * Objective J = ${ev.value.toFixed(6)} (sum of weight x error^2, src/devices/calibrate/objective.ts).`);
  lines.push(' * error: tolerance-normalised log-error for targets, hinge for bounds/orderings; |error| <= 1 meets it.');
  lines.push(' *   term | article or bound | simulated | error | weight');
  for (const t of ev.terms) {
    lines.push(` *   ${t.name} | ${t.target.toPrecision(4)} | ${Number(t.simulated).toPrecision(4)} | ${fmtErr(t.error)} | ${t.weight}`);
  }
  lines.push(' */');
  lines.push("import type { Mose2Params } from '../mose2.ts';");
  lines.push('');
  lines.push('export const mose2Preset: Mose2Params = {');
  for (const k of Object.keys(GLOBAL_DOC)) {
    lines.push(`  ${k}: ${num((p as unknown as Record<string, number>)[k])}, // ${GLOBAL_DOC[k]}`);
  }
  for (const c of COMPONENTS) {
    lines.push(`  ${c}: {`);
    lines.push(`    // ${ROLE[c]}`);
    const comp = p[c];
    for (const f of Object.keys(FIELD_DOC) as (keyof MemristorComponentParams)[]) {
      lines.push(`    ${f}: ${num(comp[f])}, // ${FIELD_DOC[f]}`);
    }
    lines.push('  },');
  }
  lines.push('};');
  lines.push('');
  return lines.join('\n');
}
