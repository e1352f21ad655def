/**
 * Renders a calibrated parameter set as the device preset JSON file
 * (src/devices/presets/mose2.json, format in ../preset-json.ts): every
 * parameter with its unit and meaning, and a `calibration` record with the
 * command, the objective value and every term's error. Numbers are written
 * with 6 significant digits; the recorded figures are those of the rounded
 * values, i.e. of the file itself.
 */
import { mose2Model, type Mose2Params } from '../mose2.ts';
import { renderPresetJson } from '../preset-json.ts';
import type { Evaluation } from './objective.ts';

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

function sig(x: number): number | string {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : String(x);
}

/** The preset is named after its model (the registry's default device). */
export const PRESET_NAME = mose2Model.name;

export function renderPreset(p: Mose2Params, ev: Evaluation, how: { seed: number; iterations: number; evals: number }): string {
  return renderPresetJson(
    {
      name: PRESET_NAME,
      model: mose2Model.name,
      description: 'Pt/MoSe2/Pt lateral memristor (Duan et al.), fitted to the article targets; do not edit by hand: change the objective or the bounds and calibrate again',
      generatedBy: `memspike calibrate --seed ${how.seed} --iterations ${how.iterations}`,
      calibration: {
        evaluations: how.evals,
        objective: Number(ev.value.toFixed(6)),
        objectiveDefinition: 'J = sum of weight x error^2 (src/devices/calibrate/objective.ts); |error| <= 1 meets a target or bound',
        terms: ev.terms.map((t) => ({ term: t.name, claim: t.claim, target: sig(t.target), simulated: sig(t.simulated), error: Number(t.error.toFixed(3)), weight: t.weight })),
      },
    },
    p as unknown as Record<string, unknown>,
    mose2Model.parameters,
  );
}
