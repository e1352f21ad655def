/**
 * Runs a scenario into DIR/<scenario>/: the scenario writes into a staging
 * folder beside it, which replaces the old folder only once the run has
 * finished, so a failed or interrupted run leaves nothing half-written.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWritableDir } from '../record/write.ts';
import { silentProgress, type Progress } from '../report/progress.ts';
import { resolveParams } from './params.ts';
import type { ParamValue, Scenario, ScenarioOutput } from './types.ts';

export interface RunOptions {
  outDir: string;
  seed?: number;
  sets?: readonly string[] | Readonly<Record<string, string | ParamValue>>;
  quick?: boolean;
  progress?: Progress;
}

export const DEFAULT_SEED = 1;

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioOutput & { dir: string }> {
  const params = resolveParams(scenario.name, scenario.params, opts.sets ?? []);
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number >= 0, got ${seed}`);
  ensureWritableDir(opts.outDir);
  const dir = join(opts.outDir, scenario.name);
  const staging = join(opts.outDir, `.${scenario.name}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const out = await scenario.run({ params, seed, outDir: staging, quick: opts.quick ?? false, progress: opts.progress ?? silentProgress });
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return { ...out, dir };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
