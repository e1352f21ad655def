/**
 * Units and meaning of every parameter of the MoSe2 model (./mose2.ts): what a
 * preset file (JSON) carries beside each value, and what validates one.
 */
import type { PresetDocs } from './preset-json.ts';
import type { MemristorComponentParams } from './mose2.ts';

const FIELDS: Record<keyof MemristorComponentParams, { unit: string; comment: string }> = {
  weightS: { unit: 'S', comment: 'conductance added when fully formed' },
  potRateRefPerS: { unit: '1/s', comment: 'potentiation rate at potRefV' },
  potSlopePerV: { unit: '1/V', comment: 'e-folds of the potentiation rate per volt' },
  depRateRefPerS: { unit: '1/s', comment: 'depression rate at -depRefV' },
  depSlopePerV: { unit: '1/V', comment: 'e-folds of the depression rate per volt' },
  tauS: { unit: 's', comment: 'relaxation time at 0 V ("Infinity": non-volatile)' },
  tauSlopePerV: { unit: '1/V', comment: 'relaxation speeds up as exp(tauSlopePerV |V|)' },
};

export const mose2Docs: PresetDocs = {
  leaves: {
    thresholdV: { unit: 'V', comment: 'no component moves below this bias (the 0.1 V read bias never drives the device)' },
    potRefV: { unit: 'V', comment: 'reference voltage of the potentiation rates' },
    depRefV: { unit: 'V', comment: 'reference magnitude (negative bias) of the depression rates' },
    baseConductanceS: { unit: 'S', comment: 'conductance of the pristine device' },
    conductionBetaPerV: { unit: '1/V', comment: 'conduction nonlinearity I = G sinh(beta V) / beta' },
    sensitisationGain: { unit: '1', comment: 'factor (1 + m x_sens) on path conductance at full sensitisation' },
  },
  groups: {
    fast: { comment: 'volatile, ~0.5 s, weakly voltage dependent', fields: FIELDS },
    medium: { comment: 'volatile, ~1-2 s, switched on steeply at 4-5 V (relearning)', fields: FIELDS },
    slow: { comment: 'long-term integrator', fields: FIELDS },
    sens: { comment: 'sensitisation, filled by noxious (7 V) pulses; heals with tauS', fields: FIELDS },
    fastHigh: { comment: 'second fast volatile one, ~0.35 s, switched on steeply (nothing at 3 V, saturated at 4-7 V)', fields: FIELDS },
  },
};
