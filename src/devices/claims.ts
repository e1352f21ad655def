/**
 * The article's claims about the device and the nociceptor, each with a
 * stable id, its figure panel and the article's words in short (restated in
 * the project spec). Report rows (src/harness/metrics.ts) and the
 * calibration objective's terms (./calibrate/objective.ts) refer to claims by
 * id; a claim is `fitted` when an objective term names it, `predicted`
 * otherwise (src/harness/basis.ts).
 */

export interface ArticleClaim {
  readonly id: string;
  readonly panel: string;
  /** The article's statement, in short. */
  readonly says: string;
}

const list = [
  { id: 'E1.analog', panel: 'Fig. 2b', says: 'analog switching, no abrupt jump' },
  { id: 'E1.positive-returns-higher', panel: 'Fig. 2b', says: 'positive branch returns at higher current than it went up' },
  { id: 'E1.negative-depresses', panel: 'Fig. 2b', says: 'negative branch depresses' },
  { id: 'E2.rises-every-sweep', panel: 'Fig. 2c,d', says: 'current at +5 V rises with every sweep, 1st to 11th' },
  { id: 'E3.positive', panel: 'Fig. 3a', says: 'PPF index positive' },
  { id: 'E3.decays', panel: 'Fig. 3a', says: 'PPF index decays with the interval' },
  { id: 'E4.ltp-steps', panel: 'Fig. 3b', says: 'conductance rises step by step (LTP)' },
  { id: 'E4.ltd-steps', panel: 'Fig. 3b', says: 'conductance falls step by step (LTD)' },
  { id: 'E4.ltd-depression', panel: 'Fig. 3b', says: 'LTD is depression: the -3 V train removes >= 1.5 x what the read bias alone removes' },
  { id: 'E4.cycles-repeat', panel: 'Fig. 3b, S3', says: 'cycles repeat well' },
  { id: 'E5.width', panel: 'Fig. S2', says: 'potentiation grows with pulse width' },
  { id: 'E6.ltp-nonlinearity', panel: 'Fig. S4', says: 'relatively good linearity of LTP: |NL| <= 3' },
  { id: 'E6.ltd-nonlinearity', panel: 'Fig. S4', says: 'relatively good linearity of LTD: |NL| <= 3' },
  { id: 'E9.relearning', panel: 'Fig. 4a,b', says: 'cycle 2 needs only 13 pulses to reach what cycle 1 reached with 25' },
  { id: 'E9.increase-ordering', panel: 'Fig. 4a,b', says: 'each cycle leaves the device higher (3 > 2 > 1)' },
  { id: 'E9.rises', panel: 'Fig. 4a,b', says: 'current rises during learning' },
  { id: 'E9.above-start', panel: 'Fig. 4a,b', says: 'decays during rest but not to the level before learning' },
  { id: 'E10.tau-3V', panel: 'Fig. 4c,d', says: 'decay time constant 512 ms at 3 V' },
  { id: 'E10.tau-4V', panel: 'Fig. 4c,d', says: 'decay time constant 540 ms at 4 V' },
  { id: 'E10.tau-5V', panel: 'Fig. 4c,d', says: 'decay time constant 826 ms at 5 V' },
  { id: 'E10.tau-ordering', panel: 'Fig. 4c,d', says: 'higher amplitude, slower forgetting' },
  { id: 'E10.peak-ordering', panel: 'Fig. 4c,d', says: 'higher amplitude, higher peak current' },
  { id: 'E10.after-rest-ordering', panel: 'Fig. 4c,d', says: 'higher amplitude, higher current after the rest' },
  { id: 'E11.below-threshold', panel: 'Fig. 5b', says: 'innocuous 2 V train never exceeds I_nox = 80 nA' },
  { id: 'E12.above-threshold', panel: 'Fig. 5c', says: 'noxious 7 V pulses exceed I_nox from the beginning' },
  { id: 'E13.incubation-0.5s', panel: 'Fig. 5d,e', says: 'incubation 27 s after a 0.5 s noxious pulse' },
  { id: 'E13.incubation-1s', panel: 'Fig. 5d,e', says: 'incubation 21 s after a 1 s noxious pulse' },
  { id: 'E13.incubation-1.5s', panel: 'Fig. 5d,e', says: 'incubation 13 s after a 1.5 s noxious pulse' },
  { id: 'E13.incubation-2s', panel: 'Fig. 5d,e', says: 'incubation 10 s after a 2 s noxious pulse' },
  { id: 'E13.incubation-ordering', panel: 'Fig. 5d,e', says: 'wider noxious pulse, shorter incubation' },
  { id: 'E13.hyperalgesia-spikes', panel: 'Fig. 5d,e', says: 'hyperalgesia: after injury a noxious stimulus gives a stronger response, in spikes (count and peak rate >= +25 %)' },
  { id: 'E7.accuracy', panel: 'Fig. 3c,d', says: 'recognition accuracy up to 92 % on 8 x 8 digits (best epoch, within ±3 points)' },
  { id: 'E8.accuracy', panel: 'Fig. 3e', says: 'recognition accuracy up to 85 % on MNIST (best epoch, within ±3 points)' },
] as const satisfies readonly ArticleClaim[];

export type ClaimId = (typeof list)[number]['id'];

export const ARTICLE_CLAIMS: ReadonlyMap<string, ArticleClaim> = new Map(list.map((c) => [c.id, c]));

/** The catalogue entry of a claim id (throws on an unknown id: a typo is a bug). */
export function articleClaim(id: string): ArticleClaim {
  const c = ARTICLE_CLAIMS.get(id);
  if (!c) throw new Error(`unknown article claim id "${id}"`);
  return c;
}

/** Ids the calibration objective refers to. */
export const CLAIM = {
  e3Positive: 'E3.positive',
  e3Decays: 'E3.decays',
  e4LtpSteps: 'E4.ltp-steps',
  e4LtdSteps: 'E4.ltd-steps',
  e4CyclesRepeat: 'E4.cycles-repeat',
  e4LtdDepression: 'E4.ltd-depression',
  e6Ltp: 'E6.ltp-nonlinearity',
  e6Ltd: 'E6.ltd-nonlinearity',
  e9Relearning: 'E9.relearning',
  e9IncreaseOrdering: 'E9.increase-ordering',
  e9AboveStart: 'E9.above-start',
  e10Tau: ['E10.tau-3V', 'E10.tau-4V', 'E10.tau-5V'],
  e10TauOrdering: 'E10.tau-ordering',
  e10PeakOrdering: 'E10.peak-ordering',
  e10AfterRestOrdering: 'E10.after-rest-ordering',
  e11Below: 'E11.below-threshold',
  e12Above: 'E12.above-threshold',
  e13Incubation: ['E13.incubation-0.5s', 'E13.incubation-1s', 'E13.incubation-1.5s', 'E13.incubation-2s'],
  e13Ordering: 'E13.incubation-ordering',
} as const satisfies Record<string, ClaimId | readonly ClaimId[]>;
