/**
 * What a sweep is, as plain data: the validated sweep file, the points it
 * expands to, the job that runs one point anywhere (a worker process here or a
 * worker on another machine), and the record a finished point leaves in the
 * journal.
 */
import type { ParamValue, RunOutputs } from '../harness/types.ts';

/**
 * What is run at every point. A job carries this whole record, never a path,
 * so a worker on another machine needs no shared disk. A circuit target will
 * carry the circuit file's text in `content`.
 */
export type SweepTarget =
  | { readonly kind: 'scenario'; readonly name: string }
  | { readonly kind: 'circuit'; readonly path: string; readonly content: string };

export interface MetricColumn {
  /** `name` of a summary.json row. */
  readonly name: string;
  /** Column name in the tables (defaults to the row name). */
  readonly column: string;
}

export interface Axis {
  readonly key: string;
  readonly values: readonly ParamValue[];
}

/** A figure across several metrics: each metric placed at its own x (e.g. one metric per noxious width). */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: readonly number[];
  /** Metric columns, one per x. */
  readonly columns: readonly string[];
}

export interface SweepSpec {
  /** The sweep file as given (for messages). */
  readonly file: string;
  readonly target: SweepTarget;
  /** Fixed parameter overrides for every point. */
  readonly set: Readonly<Record<string, ParamValue>>;
  readonly axes: readonly Axis[];
  readonly combine: 'grid' | 'zip';
  /** The Monte-Carlo axis. */
  readonly seeds: readonly number[];
  readonly metrics: readonly MetricColumn[];
  readonly quick: boolean;
  /** `points`: the files each point's run writes (RunContext.outputs). */
  readonly outputs: { readonly figures: boolean; readonly keep: boolean; readonly points: RunOutputs };
  readonly charts: readonly ChartSpec[];
}

/** One (parameter point, seed) of a sweep. */
export interface SweepPoint {
  /** Hash of (target content, parameters, seed, quick, memspike version). */
  readonly key: string;
  /** Position in the sweep's own order (axes as written, then seeds). */
  readonly index: number;
  /** Values of the swept axes at this point. */
  readonly axisValues: Readonly<Record<string, ParamValue>>;
  /** Every parameter the run gets (defaults, fixed overrides, axis values). */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly seed: number;
}

/** Everything a worker needs to run one point (JSON-serialisable). */
export interface PointJob {
  readonly key: string;
  readonly version: string;
  readonly target: SweepTarget;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly seed: number;
  readonly quick: boolean;
  /** Keep the point's scenario folder here (local engine only). */
  readonly keepDir?: string;
  /** The files the point's run writes (default `all`: a job from an earlier version). */
  readonly outputs?: RunOutputs;
}

export type MetricValue = number | string | boolean | null;

/** What running a point gives back; a failing point is a result too. */
export interface PointResult {
  readonly key: string;
  readonly status: 'ok' | 'failed';
  /** Every summary.json row's simulated value, by row name (ok points). */
  readonly metrics: Readonly<Record<string, MetricValue>>;
  readonly error: string | null;
  /** Wall time of the run (goes to timings.csv only). */
  readonly wallS: number;
  /** Who ran it, e.g. host/pid (timings.csv only). */
  readonly worker: string;
}
