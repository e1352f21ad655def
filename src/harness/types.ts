/**
 * What a scenario is: plain, validated description in (parameters, seed),
 * files and a summary out. Scenarios that run on the event kernel can also
 * offer a live simulation for the viewer.
 */
import type { Progress } from '../report/progress.ts';

export type ParamValue = number | boolean | string;

export interface ParamSpec {
  readonly key: string;
  readonly type: 'number' | 'integer' | 'boolean' | 'string' | 'enum';
  readonly default: ParamValue;
  readonly description: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
}

export type Params = Readonly<Record<string, ParamValue>>;

/** Which claim a row checks: its id, the row's short name, and (outside the catalogue) the article's words and panel. */
export interface ClaimRef {
  readonly id: string;
  readonly name: string;
  readonly unit?: string;
  readonly says?: string;
  readonly panel?: string;
}

/**
 * A statement of the article checked on the simulation (summary.json row,
 * schema in docs/summary-schema.md).
 */
export interface Claim {
  readonly kind: 'claim';
  /** Stable claim id (src/devices/claims.ts for the Duan article). */
  readonly id: string;
  readonly name: string;
  /** The article's words, in short, and its figure panel. */
  readonly says: string;
  readonly panel: string;
  /** `fitted`: an input of the calibration objective; `predicted`: not. */
  readonly basis: 'fitted' | 'predicted';
  readonly unit: string;
  /** The article's value (or words for a qualitative claim); null when it states a bound only. */
  readonly article: number | string | null;
  readonly simulated: number | string | boolean | null;
  /** Human-readable tolerance, e.g. "±10 %", ">= 1.5", "qualitative". */
  readonly tolerance: string;
  readonly pass: boolean;
}

/** A simulated number the article does not state: no verdict, never counted. */
export interface Figure {
  readonly kind: 'figure';
  readonly name: string;
  readonly unit: string;
  readonly simulated: number | string;
  readonly note?: string;
  /** Figures carry no verdict (typed so that `row.pass` reads undefined). */
  readonly pass?: undefined;
  readonly basis?: undefined;
}

/** One report row. */
export type Metric = Claim | Figure;

export interface ScenarioSummary {
  readonly scenario: string;
  readonly experiment: string;
  readonly figure: string;
  readonly title: string;
  readonly seed: number;
  readonly params: Params;
  readonly metrics: readonly Metric[];
  /** Parameter overrides of the device preset used by this scenario, with reasons. */
  readonly deviceOverrides?: readonly { key: string; value: number; reason: string }[];
  readonly notes?: readonly string[];
}

/**
 * Which files a run writes: `all` (the default) its tables, figures and
 * summary.json; `summary` only summary.json, the same bytes as a full run's
 * (the metrics are computed as in a full run, from the same tables where
 * they need them). CSV tables are neither formatted nor written; SVG
 * figures are not written, nor drawn where the scenario hands writeSVG a
 * function (fig3b-ltp-ltd, the STDP window).
 */
export type RunOutputs = 'all' | 'summary';

export interface RunContext {
  readonly params: Params;
  readonly seed: number;
  /** Folder for this scenario's files (already created and writable). */
  readonly outDir: string;
  /** Default `all`. */
  readonly outputs?: RunOutputs;
  /** Smaller workloads where a scenario offers them (reproduce --quick). */
  readonly quick: boolean;
  readonly progress: Progress;
}

export interface ScenarioOutput {
  readonly summary: ScenarioSummary;
  /** SVG figure files, relative to outDir (with outputs `summary`: those a full run writes; none is written). */
  readonly figures: readonly string[];
}

export type { LiveSink, ProbeInfo, LiveSimulation } from '../sinks/types.ts';
import type { LiveSimulation } from '../sinks/types.ts';

export type ScenarioGroup = 'device' | 'nociceptor' | 'circuit' | 'ann' | 'learning';

export interface Scenario {
  readonly name: string;
  /** Spec experiment id ("E10") or "circuit" for circuits beyond the article. */
  readonly experiment: string;
  /** Article panel, e.g. "Fig. 4c,d"; "" when not from the article. */
  readonly figure: string;
  readonly title: string;
  readonly group: ScenarioGroup;
  readonly params: readonly ParamSpec[];
  run(ctx: RunContext): Promise<ScenarioOutput>;
  /** Live version for the viewer, when the scenario runs on the kernel. */
  live?(params: Params, seed: number): LiveSimulation;
  /**
   * Work this run will take (kernel events, peak memory, bytes written),
   * from its parameters alone and cheaply: runs over budget are refused
   * before they start (src/harness/estimate.ts).
   */
  estimate?(params: Params, quick: boolean): WorkEstimate;
}

export interface WorkEstimate {
  readonly events: number;
  readonly memoryBytes: number;
  readonly outputBytes: number;
}
