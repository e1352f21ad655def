/** What a benchmark module provides: `bench/index.ts` runs the registered ones. */
export interface BenchResult {
  /** Module name / case, e.g. "device/advance-phase-major". */
  readonly name: string;
  /** Figure measured, e.g. 12.3e6. */
  readonly value: number;
  /** Unit of the figure, e.g. "advances/s". */
  readonly unit: string;
  /** Workload size and anything else worth printing alongside. */
  readonly detail?: Readonly<Record<string, number | string>>;
}

/** Options of `npm run bench` every module may read. */
export interface BenchOptions {
  /** Shorter workloads (--quick), where a module offers them. */
  readonly quick: boolean;
}

export interface BenchModule {
  readonly name: string;
  readonly description: string;
  /** Runs only when named (--only NAME or --compare X for "compare-X"), not by default. */
  readonly optIn?: boolean;
  run(opts?: BenchOptions): BenchResult[] | Promise<BenchResult[]>;
}

/** Wall time of fn() in seconds (best of `repeats`, after one warm-up run). */
export function timeBest(fn: () => void, repeats = 3): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
