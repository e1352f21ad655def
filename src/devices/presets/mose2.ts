/**
 * Preset `mose2`: parameters of the Pt/MoSe2/Pt device model (src/devices/mose2.ts).
 * Initial hand-set values; `memspike calibrate` rewrites this file.
 */
import type { Mose2Params } from '../mose2.ts';

export const mose2Preset: Mose2Params = {
  thresholdV: 0.18, // V, no component moves below this bias
  potRefV: 4, // V, reference voltage of potentiation rates
  depRefV: 3, // V, reference magnitude of depression rates
  baseConductanceS: 1.0e-9, // S, pristine device
  conductionBetaPerV: 0.8, // 1/V, I = G sinh(beta V) / beta
  sensitisationGain: 3, // 1, path-conductance gain of a full sensitisation component
  fast: {
    weightS: 4e-9, // S
    potRateRefPerS: 2, // 1/s at +4 V
    potSlopePerV: 0.6, // 1/V
    depRateRefPerS: 2, // 1/s at -3 V
    depSlopePerV: 0.6, // 1/V
    tauS: 0.5, // s
    tauSlopePerV: 0.02, // 1/V
  },
  medium: {
    weightS: 6e-9,
    potRateRefPerS: 0.5,
    potSlopePerV: 2.5,
    depRateRefPerS: 1,
    depSlopePerV: 0.6,
    tauS: 1.4,
    tauSlopePerV: 0,
  },
  slow: {
    weightS: 20e-9,
    potRateRefPerS: 0.05,
    potSlopePerV: 0.8,
    depRateRefPerS: 0.1,
    depSlopePerV: 0.8,
    tauS: 3600,
    tauSlopePerV: 0,
  },
  sens: {
    weightS: 0,
    potRateRefPerS: 1e-4,
    potSlopePerV: 2.0,
    depRateRefPerS: 0,
    depSlopePerV: 0,
    tauS: 600,
    tauSlopePerV: 0,
  },
};
