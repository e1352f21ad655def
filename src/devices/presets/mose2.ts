/**
 * Preset `mose2`: parameters of the Pt/MoSe2/Pt device model (src/devices/mose2.ts).
 * Written by `memspike calibrate --seed 1 --iterations 20000` (20000 objective evaluations);
 * do not edit by hand: change the objective or the bounds and calibrate again.
 *
 * Objective J = 1.537870 (sum of weight x error^2, src/devices/calibrate/objective.ts).
 * error: tolerance-normalised log-error for targets, hinge for bounds/orderings; |error| <= 1 meets it.
 *   term | article or bound | simulated | error | weight
 *   E10 tau at 3 V (s) | 0.5120 | 0.5122 | 0.004 | 2
 *   E10 tau at 4 V (s) | 0.5400 | 0.5396 | -0.008 | 2
 *   E10 tau at 5 V (s) | 0.8260 | 0.8269 | 0.011 | 2
 *   E10 tau ordering [0->1] | 0.5173 | 0.5396 | 0.000 | 1
 *   E10 tau ordering [1->2] | 0.5450 | 0.8269 | 0.000 | 1
 *   E10 peak current ordering [0->1] | 5.335e-8 | 1.077e-7 | 0.000 | 1
 *   E10 peak current ordering [1->2] | 1.185e-7 | 4.236e-7 | 0.000 | 1
 *   E10 current after rest ordering [0->1] | 3.341e-10 | 3.399e-10 | 0.000 | 1
 *   E10 current after rest ordering [1->2] | 3.568e-10 | 4.949e-10 | 0.000 | 1
 *   E10 peak current at 5 V (A) | 0.000001000 | 4.236e-7 | 0.000 | 0.3
 *   E10 sensitisation left by the 5 V train (fraction) | 0.02000 | 0.003832 | 0.000 | 1
 *   E9 relearning pulses (fractional) | 12.50 | 12.51 | 0.008 | 2
 *   E9 increase after cycle [0->1] | 6.940e-11 | 1.181e-10 | 0.000 | 1
 *   E9 increase after cycle [1->2] | 1.240e-10 | 1.681e-10 | 0.000 | 1
 *   E9 retained increase after cycle 1 (A) | 1.369e-11 | 6.610e-11 | 0.000 | 0.3
 *   E11 innocuous max current over 60 s (A) | 6.800e-8 | 4.087e-8 | 0.000 | 3
 *   E12 first noxious pulse current (A) | 1.000e-7 | 2.208e-7 | 0.000 | 3
 *   E13 incubation after 0.5 s (s) | 27.00 | 27.48 | 0.125 | 2
 *   E13 incubation after 1 s (s) | 21.00 | 20.48 | -0.181 | 2
 *   E13 incubation after 1.5 s (s) | 13.00 | 14.50 | 0.781 | 2
 *   E13 incubation after 2 s (s) | 10.00 | 10.48 | 0.332 | 2
 *   E13 incubation ordering [0->1] | 11.00 | 14.50 | 0.000 | 1
 *   E13 incubation ordering [1->2] | 15.22 | 20.48 | 0.000 | 1
 *   E13 incubation ordering [2->3] | 21.50 | 27.48 | 0.000 | 1
 *   E13 current at the end of a 2 s noxious pulse (A) | 0.00001000 | 0.000006745 | 0.000 | 0.3
 *   E3 PPF at 10 ms (%) | 10.00 | 25.58 | 0.000 | 1
 *   E3 PPF at 3 s (%) | 0.2000 | 0.3318 | 0.000 | 0.5
 *   E3 PPF decays with interval [0->1] | 0.3351 | 0.7754 | 0.000 | 0.5
 *   E3 PPF decays with interval [1->2] | 0.7832 | 1.633 | 0.000 | 0.5
 *   E3 PPF decays with interval [2->3] | 1.649 | 3.912 | 0.000 | 0.5
 *   E3 PPF decays with interval [3->4] | 3.951 | 6.215 | 0.000 | 0.5
 *   E3 PPF decays with interval [4->5] | 6.277 | 9.971 | 0.000 | 0.5
 *   E3 PPF decays with interval [5->6] | 10.07 | 14.62 | 0.000 | 0.5
 *   E3 PPF decays with interval [6->7] | 14.77 | 17.72 | 0.000 | 0.5
 *   E3 PPF decays with interval [7->8] | 17.90 | 21.50 | 0.000 | 0.5
 *   E3 PPF decays with interval [8->9] | 21.71 | 23.68 | 0.000 | 0.5
 *   E3 PPF decays with interval [9->10] | 23.91 | 25.09 | 0.000 | 0.5
 *   E3 PPF decays with interval [10->11] | 25.34 | 25.58 | 0.000 | 0.5
 *   E3 PPF exponential fit R^2 | 0.9700 | 1.000 | 0.000 | 0.5
 *   E4 LTP gain of the last cycle (ratio) | 1.300 | 2.857 | 0.000 | 0.5
 *   E4 LTD undoes LTP in the last cycle (fraction) | 0.9000 | 0.9992 | 0.000 | 0.5
 *   E4 first LTP step (fraction of swing) | 0.3000 | 0.2334 | 0.000 | 0.5
 *   E4 first LTD step (fraction of swing) | 0.3000 | 0.2471 | 0.000 | 0.5
 *   E4 cycle-to-cycle spread of Gmax (rel. std) | 0.03500 | 0.004790 | 0.000 | 1
 *   E4 cycle-to-cycle spread of Gmin (rel. std) | 0.03500 | 0.005754 | 0.000 | 1
 */
import type { Mose2Params } from '../mose2.ts';

export const mose2Preset: Mose2Params = {
  thresholdV: 0.18, // V, no component moves below this bias (the 0.1 V read bias never drives the device)
  potRefV: 4, // V, reference voltage of the potentiation rates
  depRefV: 3, // V, reference magnitude (negative bias) of the depression rates
  baseConductanceS: 2.73551e-9, // S, conductance of the pristine device
  conductionBetaPerV: 0.668895, // 1/V, conduction nonlinearity I = G sinh(beta V) / beta
  sensitisationGain: 1.77458, // 1, factor (1 + m x_sens) on path conductance at full sensitisation
  fast: {
    // volatile, ~0.5 s, weakly voltage dependent
    weightS: 1.75669e-8, // S, conductance added when fully formed
    potRateRefPerS: 1.9819, // 1/s, potentiation rate at potRefV
    potSlopePerV: 0.108759, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 2.13431, // 1/s, depression rate at -depRefV
    depSlopePerV: 0.6, // 1/V, e-folds of the depression rate per volt
    tauS: 0.511406, // s, relaxation time at 0 V
    tauSlopePerV: 0.00248409, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
  medium: {
    // volatile, ~1-3 s, switched on steeply at 4-5 V
    weightS: 1.69195e-8, // S, conductance added when fully formed
    potRateRefPerS: 0.0568461, // 1/s, potentiation rate at potRefV
    potSlopePerV: 3.60865, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 0.0101539, // 1/s, depression rate at -depRefV
    depSlopePerV: 0.6, // 1/V, e-folds of the depression rate per volt
    tauS: 1.29385, // s, relaxation time at 0 V
    tauSlopePerV: 0, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
  slow: {
    // long-term integrator
    weightS: 1.54043e-8, // S, conductance added when fully formed
    potRateRefPerS: 0.0284342, // 1/s, potentiation rate at potRefV
    potSlopePerV: 0.302797, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 0.691486, // 1/s, depression rate at -depRefV
    depSlopePerV: 0.8, // 1/V, e-folds of the depression rate per volt
    tauS: 3600, // s, relaxation time at 0 V
    tauSlopePerV: 0, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
  sens: {
    // sensitisation, filled by noxious (7 V) pulses; heals with tauS
    weightS: 0, // S, conductance added when fully formed
    potRateRefPerS: 0.000063708, // 1/s, potentiation rate at potRefV
    potSlopePerV: 3.87706, // 1/V, e-folds of the potentiation rate per volt
    depRateRefPerS: 0, // 1/s, depression rate at -depRefV
    depSlopePerV: 0, // 1/V, e-folds of the depression rate per volt
    tauS: 800.334, // s, relaxation time at 0 V
    tauSlopePerV: 0, // 1/V, relaxation speeds up as exp(tauSlopePerV |V|)
  },
};
