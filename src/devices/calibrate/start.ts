/**
 * Starting point of the calibration: the feasibility study's picture of the
 * device (two volatile components of ~0.5 s and ~1.4 s, the second
 * switched on steeply at 4-5 V; a slow integrator; a sensitisation component
 * only 7 V fills), with values rounded to 2-3 digits from an earlier
 * calibration run (a warm start: the search then needs no luck with seeds). Fixed
 * values (threshold, reference voltages, depression slopes, zero weight of
 * the sensitisation component itself) are kept by the calibrator.
 */
import type { Mose2Params } from '../mose2.ts';

export const CALIBRATION_START: Mose2Params = {
  thresholdV: 0.18,
  potRefV: 4,
  depRefV: 3,
  baseConductanceS: 1.7e-9,
  conductionBetaPerV: 0.67,
  sensitisationGain: 1.8,
  fast: { weightS: 17.6e-9, potRateRefPerS: 2, potSlopePerV: 0.12, depRateRefPerS: 0.34, depSlopePerV: 0.6, tauS: 0.51, tauSlopePerV: 0.0017 },
  medium: { weightS: 23e-9, potRateRefPerS: 0.042, potSlopePerV: 3.1, depRateRefPerS: 0.036, depSlopePerV: 0.6, tauS: 1.39, tauSlopePerV: 0 },
  slow: { weightS: 16e-9, potRateRefPerS: 0.029, potSlopePerV: 0.31, depRateRefPerS: 0.12, depSlopePerV: 0.8, tauS: 3600, tauSlopePerV: 0 },
  sens: { weightS: 0, potRateRefPerS: 6.8e-5, potSlopePerV: 3.85, depRateRefPerS: 0, depSlopePerV: 0, tauS: 1190, tauSlopePerV: 0 },
};
