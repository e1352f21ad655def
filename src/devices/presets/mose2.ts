/**
 * Preset `mose2`: parameters of the Pt/MoSe2/Pt device model (src/devices/mose2.ts).
 * Written by `memspike calibrate --seed 1 --iterations 20000` (20000 objective evaluations);
 * do not edit by hand: change the objective or the bounds and calibrate again.
 *
 * Objective J = 1.901093 (sum of weight x error^2, src/devices/calibrate/objective.ts).
 * error: tolerance-normalised log-error for targets, hinge for bounds/orderings; |error| <= 1 meets it.
 *   term | article or bound | simulated | error | weight
 *   E10 tau at 3 V (s) | 0.5120 | 0.5121 | 0.002 | 2
 *   E10 tau at 4 V (s) | 0.5400 | 0.5400 | 0.000 | 2
 *   E10 tau at 5 V (s) | 0.8260 | 0.8270 | 0.013 | 2
 *   E10 tau ordering [0->1] | 0.5172 | 0.5400 | 0.000 | 1
 *   E10 tau ordering [1->2] | 0.5454 | 0.8270 | 0.000 | 1
 *   E10 peak current ordering [0->1] | 4.667e-8 | 8.942e-8 | 0.000 | 1
 *   E10 peak current ordering [1->2] | 9.836e-8 | 7.639e-7 | 0.000 | 1
 *   E10 current after rest ordering [0->1] | 2.607e-10 | 2.716e-10 | 0.000 | 1
 *   E10 current after rest ordering [1->2] | 2.852e-10 | 7.619e-10 | 0.000 | 1
 *   E10 peak current at 5 V (A) | 0.000001000 | 7.639e-7 | 0.000 | 0.3
 *   E9 relearning pulses (fractional) | 12.50 | 12.50 | 0.000 | 2
 *   E9 increase after cycle [0->1] | 7.039e-11 | 1.191e-10 | 0.000 | 1
 *   E9 increase after cycle [1->2] | 1.250e-10 | 1.692e-10 | 0.000 | 1
 *   E9 retained increase after cycle 1 (A) | 1.023e-11 | 6.704e-11 | 0.000 | 0.3
 *   E11 innocuous max current over 60 s (A) | 6.800e-8 | 3.781e-8 | 0.000 | 3
 *   E12 first noxious pulse current (A) | 1.000e-7 | 1.198e-7 | 0.000 | 3
 *   E13 incubation after 0.5 s (s) | 27.00 | 25.50 | -0.409 | 2
 *   E13 incubation after 1 s (s) | 21.00 | 20.49 | -0.177 | 2
 *   E13 incubation after 1.5 s (s) | 13.00 | 14.50 | 0.781 | 2
 *   E13 incubation after 2 s (s) | 10.00 | 9.488 | -0.376 | 2
 *   E13 incubation ordering [0->1] | 9.962 | 14.50 | 0.000 | 1
 *   E13 incubation ordering [1->2] | 15.22 | 20.49 | 0.000 | 1
 *   E13 incubation ordering [2->3] | 21.51 | 25.50 | 0.000 | 1
 *   E13 current at the end of a 2 s noxious pulse (A) | 0.00001000 | 0.000005933 | 0.000 | 0.3
 *   E3 PPF at 10 ms (%) | 10.00 | 32.79 | 0.000 | 1
 *   E3 PPF at 3 s (%) | 0.2000 | 0.3761 | 0.000 | 0.5
 *   E3 PPF decays with interval [0->1] | 0.3799 | 0.9439 | 0.000 | 0.5
 *   E3 PPF decays with interval [1->2] | 0.9534 | 2.042 | 0.000 | 0.5
 *   E3 PPF decays with interval [2->3] | 2.062 | 4.964 | 0.000 | 0.5
 *   E3 PPF decays with interval [3->4] | 5.014 | 7.919 | 0.000 | 0.5
 *   E3 PPF decays with interval [4->5] | 7.999 | 12.74 | 0.000 | 0.5
 *   E3 PPF decays with interval [5->6] | 12.87 | 18.71 | 0.000 | 0.5
 *   E3 PPF decays with interval [6->7] | 18.90 | 22.69 | 0.000 | 0.5
 *   E3 PPF decays with interval [7->8] | 22.92 | 27.54 | 0.000 | 0.5
 *   E3 PPF decays with interval [8->9] | 27.82 | 30.34 | 0.000 | 0.5
 *   E3 PPF decays with interval [9->10] | 30.65 | 32.16 | 0.000 | 0.5
 *   E3 PPF decays with interval [10->11] | 32.48 | 32.79 | 0.000 | 0.5
 *   E3 PPF exponential fit R^2 | 0.9700 | 1.000 | 0.000 | 0.5
 *   E4 LTP gain of the last cycle (ratio) | 1.300 | 3.876 | 0.000 | 0.5
 *   E4 LTD undoes LTP in the last cycle (fraction) | 0.9000 | 1.000 | 0.000 | 0.5
 *   E4 first LTP step (fraction of swing) | 0.3000 | 0.2379 | 0.000 | 0.5
 *   E4 first LTD step (fraction of swing) | 0.3000 | 0.2433 | 0.000 | 0.5
 *   E4 cycle-to-cycle spread of Gmax (rel. std) | 0.03500 | 0.000002443 | 0.000 | 1
 *   E4 cycle-to-cycle spread of Gmin (rel. std) | 0.03500 | 1.258e-8 | 0.000 | 1
 */
import type { Mose2Params } from '../mose2.ts';

export const mose2Preset: Mose2Params = {
  thresholdV: 0.18, // V, no component moves below this bias (the 0.1 V read bias never drives the device)
  potRefV: 4, // V, reference voltage of the potentiation rates
  depRefV: 3, // V, reference magnitude (negative bias) of the depression rates
  baseConductanceS: 2.04479e-9, // S, conductance of the pristine device
  conductionBetaPerV: 0.609917, // 1/V, conduction nonlinearity I = G sinh(beta V) / beta
  sensitisationGain: 1.83661, // 1, factor (1 + m x_sens) on path conductance at full sensitisation
  fast: {
    // volatile, ~0.5 s, weakly voltage dependent
    weightS: 1.78255e-8, // S, conductance added when fully formed
    potRateRefPerS: 2.05858, // 1/s, potentiation rate at potRefV
    potSlopePerV: 0.0857104, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 1.3167, // 1/s, depression rate at -depRefV
    depSlopePerV: 0.6, // 1/V, e-folds of the depression rate per volt
    tauS: 0.510932, // s, relaxation time at 0 V
    tauSlopePerV: 0.00150503, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
  medium: {
    // volatile, ~1-3 s, switched on steeply at 4-5 V
    weightS: 2.26379e-8, // S, conductance added when fully formed
    potRateRefPerS: 0.0438184, // 1/s, potentiation rate at potRefV
    potSlopePerV: 3.26767, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 93.5608, // 1/s, depression rate at -depRefV
    depSlopePerV: 0.6, // 1/V, e-folds of the depression rate per volt
    tauS: 1.33537, // s, relaxation time at 0 V
    tauSlopePerV: 0, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
  slow: {
    // long-term integrator
    weightS: 1.43664e-8, // S, conductance added when fully formed
    potRateRefPerS: 0.0303213, // 1/s, potentiation rate at potRefV
    potSlopePerV: 0.325357, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 9.56779, // 1/s, depression rate at -depRefV
    depSlopePerV: 0.8, // 1/V, e-folds of the depression rate per volt
    tauS: 3600, // s, relaxation time at 0 V
    tauSlopePerV: 0, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
  sens: {
    // sensitisation, filled by noxious (7 V) pulses; heals with tauS
    weightS: 0, // S, conductance added when fully formed
    potRateRefPerS: 0.00128398, // 1/s, potentiation rate at potRefV
    potSlopePerV: 6.89415, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 0, // 1/s, depression rate at -depRefV
    depSlopePerV: 0, // 1/V, e-folds of the depression rate per volt
    tauS: 1034.4, // s, relaxation time at 0 V
    tauSlopePerV: 0, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
};
