/**
 * Starting point of the calibration: the feasibility study's picture of the
 * device (two volatile components of ~0.5 s and ~1.4-2.6 s, the second
 * switched on at 4-5 V; a slow integrator; a sensitisation component only
 * 7 V fills) with rounded values from an earlier, shorter calibration. Fixed
 * values (threshold, reference voltages, depression slopes, zero weight of
 * the sensitisation component itself) are kept by the calibrator.
 */
import type { Mose2Params } from '../mose2.ts';

export const CALIBRATION_START: Mose2Params = {
  thresholdV: 0.18,
  potRefV: 4,
  depRefV: 3,
  baseConductanceS: 0.42e-9,
  conductionBetaPerV: 0.9,
  sensitisationGain: 1.4,
  fast: { weightS: 4.2e-9, potRateRefPerS: 95, potSlopePerV: 0.18, depRateRefPerS: 0.09, depSlopePerV: 0.6, tauS: 0.43, tauSlopePerV: 0.011 },
  medium: { weightS: 7e-9, potRateRefPerS: 0.55, potSlopePerV: 1.3, depRateRefPerS: 0.65, depSlopePerV: 0.6, tauS: 2.6, tauSlopePerV: 0 },
  slow: { weightS: 19e-9, potRateRefPerS: 0.045, potSlopePerV: 0.31, depRateRefPerS: 4, depSlopePerV: 0.8, tauS: 3600, tauSlopePerV: 0 },
  sens: { weightS: 0, potRateRefPerS: 1.2e-5, potSlopePerV: 4.3, depRateRefPerS: 0, depSlopePerV: 0, tauS: 3580, tauSlopePerV: 0 },
};
