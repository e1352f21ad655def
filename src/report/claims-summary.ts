/**
 * Counting claims (never figures): the headline of REPORT.md, the README and
 * `memspike reproduce`'s last line, and the fitted/predicted split per
 * experiment.
 */
import type { Claim, Metric, ScenarioSummary } from '../harness/types.ts';

export interface ClaimCounts {
  readonly claims: number;
  readonly fitted: number;
  readonly predicted: number;
  readonly hold: number;
  readonly miss: number;
  readonly figures: number;
}

export function isClaim(m: Metric): m is Claim {
  return m.kind === 'claim';
}

export function countClaims(rows: readonly Metric[]): ClaimCounts {
  const claims = rows.filter(isClaim);
  const fitted = claims.filter((c) => c.basis === 'fitted').length;
  const hold = claims.filter((c) => c.pass).length;
  return { claims: claims.length, fitted, predicted: claims.length - fitted, hold, miss: claims.length - hold, figures: rows.length - claims.length };
}

/** "N claims: F fitted, P predicted; X hold, Y miss". */
export function headline(c: ClaimCounts): string {
  return `${c.claims} claims: ${c.fitted} fitted, ${c.predicted} predicted; ${c.hold} hold, ${c.miss} miss`;
}

export interface ExperimentSplit {
  readonly experiment: string;
  readonly fittedHold: number;
  readonly fitted: number;
  readonly predictedHold: number;
  readonly predicted: number;
  readonly figures: number;
}

/** Per experiment id (scenario order): fitted and predicted claims held, and figures shown. */
export function splitByExperiment(summaries: readonly ScenarioSummary[]): ExperimentSplit[] {
  const order: string[] = [];
  const acc = new Map<string, { fh: number; f: number; ph: number; p: number; fig: number }>();
  for (const s of summaries) {
    if (!acc.has(s.experiment)) {
      acc.set(s.experiment, { fh: 0, f: 0, ph: 0, p: 0, fig: 0 });
      order.push(s.experiment);
    }
    const a = acc.get(s.experiment)!;
    for (const m of s.metrics) {
      if (!isClaim(m)) a.fig++;
      else if (m.basis === 'fitted') { a.f++; if (m.pass) a.fh++; }
      else { a.p++; if (m.pass) a.ph++; }
    }
  }
  return order.map((e) => {
    const a = acc.get(e)!;
    return { experiment: e, fittedHold: a.fh, fitted: a.f, predictedHold: a.ph, predicted: a.p, figures: a.fig };
  });
}
