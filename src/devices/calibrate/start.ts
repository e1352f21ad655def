/**
 * Starting point of the calibration (a warm start): the best four-component
 * set (two volatile components of ~0.5 s and ~1.3-1.9 s, the second switched
 * on steeply at 4-5 V; a slow integrator; a sensitisation component only 7 V
 * fills), rounded to 2 digits, plus the fifth component of the second
 * feasibility study (a second fast volatile one of ~0.35 s switched on
 * steeply). The four-component basin does not reach linear LTP/LTD together
 * with E9 and E10; this start sits in the five-component one. Fixed
 * values (threshold, reference voltages, depression slopes, zero weight of
 * the sensitisation component itself) are kept by the calibrator.
 */
import type { Mose2Params } from '../mose2.ts';

export const CALIBRATION_START: Mose2Params = {
  thresholdV: 0.18,
  potRefV: 4,
  depRefV: 3,
  baseConductanceS: 2.7e-9,
  conductionBetaPerV: 0.67,
  sensitisationGain: 1.8,
  fast: { weightS: 17.6e-9, potRateRefPerS: 2, potSlopePerV: 0.11, depRateRefPerS: 2.1, depSlopePerV: 0.6, tauS: 0.51, tauSlopePerV: 0.0025 },
  medium: { weightS: 17e-9, potRateRefPerS: 0.057, potSlopePerV: 3.6, depRateRefPerS: 0.01, depSlopePerV: 0.6, tauS: 1.9, tauSlopePerV: 0 },
  slow: { weightS: 15.4e-9, potRateRefPerS: 0.028, potSlopePerV: 0.3, depRateRefPerS: 0.69, depSlopePerV: 0.8, tauS: 3600, tauSlopePerV: 0 },
  sens: { weightS: 0, potRateRefPerS: 6.4e-5, potSlopePerV: 3.9, depRateRefPerS: 0, depSlopePerV: 0, tauS: 800, tauSlopePerV: 0 },
  // The fifth component: ~0.35 s, ~5 e-folds per volt (at 3 V e^-5 of its 4 V rate).
  fastHigh: { weightS: 10e-9, potRateRefPerS: 20, potSlopePerV: 5, depRateRefPerS: 2, depSlopePerV: 0.6, tauS: 0.35, tauSlopePerV: 0 },
};
