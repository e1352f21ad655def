/**
 * The article's numbers: the calibration and reproduction targets.
 * Source: H. Duan, D. Wang, J. Gou, F. Guo, W. Jie, J. Hao, "Memristor based
 * on 2D MoSe2 nanosheets as artificial synapse and nociceptor for
 * neuromorphic computing" (RSC journal article), as restated with tolerances
 * in the project specification. Nothing here is read from outside the project
 * at run time.
 */

export const article = {
  citation:
    'H. Duan, D. Wang, J. Gou, F. Guo, W. Jie, J. Hao, "Memristor based on 2D MoSe2 nanosheets as artificial synapse and nociceptor for neuromorphic computing"',

  /** E1 (Fig. 2b): DC sweep vertices (V). */
  ivLoopVerticesV: [0, 5, 0, -5, 0] as const,
  /** E2 (Fig. 2c,d): consecutive positive sweeps 0 -> +5 -> 0 V. */
  consecutiveSweeps: 11,

  /** E3 (Fig. 3a): paired pulses. */
  ppf: { amplitudeV: 1.5, widthS: 0.05 },

  /** E4 (Fig. 3b, S3): LTP/LTD cycles. */
  ltpLtd: { potentiateV: 3, depressV: -3, widthS: 0.05, intervalS: 0.05, pulsesEach: 25, cycles: 5, cyclesLong: 20 },
  /** E5 (Fig. S2): pulse widths of the LTP train (s). */
  pulseWidthsS: [0.02, 0.04, 0.06, 0.08] as const,

  /** E7, E8 (Fig. 3c-e): recognition accuracy (fraction). */
  digits8x8Accuracy: 0.92,
  mnistAccuracy: 0.85,

  /** E9 (Fig. 4a,b): learning-forgetting cycles. */
  learningForgetting: { amplitudeV: 4, widthS: 0.05, intervalS: 0.05, pulses: 25, restS: 2.5, cycles: 3 },
  /** E9: pulses of cycle 2 needed to reach the current cycle 1 reached with 25. */
  relearningPulses: 13,
  relearningTolerancePulses: 2,

  /** E10 (Fig. 4c,d): decay time constants after the learning train, by amplitude. */
  forgettingTauS: [
    { amplitudeV: 3, tauS: 0.512 },
    { amplitudeV: 4, tauS: 0.54 },
    { amplitudeV: 5, tauS: 0.826 },
  ] as const,
  forgettingTauRelTol: 0.1,

  /** E11-E13 (Fig. 5b-e): nociceptor. */
  painThresholdA: 80e-9,
  innocuous: { amplitudeV: 2, widthS: 0.5, intervalS: 0.5, holdS: 60 },
  noxiousV: 7,
  /** E13: incubation time (s) of the innocuous train after a noxious pulse of each width. */
  incubation: [
    { noxiousWidthS: 0.5, incubationS: 27 },
    { noxiousWidthS: 1, incubationS: 21 },
    { noxiousWidthS: 1.5, incubationS: 13 },
    { noxiousWidthS: 2, incubationS: 10 },
  ] as const,
  incubationRelTol: 0.15,
} as const;
