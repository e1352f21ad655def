/**
 * Runs a scenario into DIR/<scenario>/: the scenario writes into a staging
 * folder beside it (unique per run), which replaces the old folder only once
 * the run has finished, so a failed or interrupted run leaves nothing
 * half-written. Staging folders are removed on SIGINT/SIGTERM (a signal
 * during a stretch of computation that does not yield takes effect when it
 * ends, and the run's output is then not kept), and those
 * left by a process that no longer exists (killed hard) are removed at the
 * next run into the same folder. Runs into the same DIR at the same time
 * each land whole; the last to finish is the one kept.
 * The scenario's work estimate is checked against CLI_BUDGET first.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWritableDir } from '../record/write.ts';
import { silentProgress, type Progress } from '../report/progress.ts';
import { CLI_BUDGET, checkBudget, type WorkBudget, type WorkEstimate } from './estimate.ts';
import { resolveParams } from './params.ts';
import type { ParamValue, RunOutputs, Scenario, ScenarioOutput } from './types.ts';

export interface RunOptions {
  outDir: string;
  seed?: number;
  sets?: readonly string[] | Readonly<Record<string, string | ParamValue>>;
  quick?: boolean;
  progress?: Progress;
  /** Run even when the estimate exceeds the budget. */
  force?: boolean;
  budget?: WorkBudget;
  /** The files the run writes (RunContext.outputs; default `all`). */
  outputs?: RunOutputs;
}

export const DEFAULT_SEED = 1;
export const MAX_SEED = 2 ** 32 - 1;
const LAND_ATTEMPTS = 8;

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new Error(`seed must be a whole number 0 <= seed < 2^32, got ${String(seed).slice(0, 200)}`);
  }
  return seed;
}

// ---- staging folders: removed on signals, stale ones at the next run -------

const active = new Set<string>();
let handlersInstalled = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const dir of active) rmSync(dir, { recursive: true, force: true });
  active.clear();
  process.stderr.write(`\nmemspike: interrupted (${signal}); partial outputs removed\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(dir: string): void {
  active.add(dir);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

function untrack(dir: string): void {
  active.delete(dir);
  if (active.size === 0 && handlersInstalled) {
    handlersInstalled = false;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const STAGING = /^\.(.+)\.(staging|old)-(\d+)(-[0-9a-f]+)?$/;

/** Removes staging and replaced folders in outDir left by processes that have ended. */
export function cleanStale(outDir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = STAGING.exec(n);
    if (!m) continue;
    const pid = Number(m[3]);
    if (pid === process.pid ? active.has(join(outDir, n)) : alive(pid)) continue;
    if (pid === process.pid && m[2] === 'old') continue;
    rmSync(join(outDir, n), { recursive: true, force: true });
    removed.push(n);
  }
  return removed;
}

/** Moves staging into place as dir; a concurrent run that lands in between is moved aside again. */
function land(staging: string, dir: string, outDir: string, name: string): void {
  for (let attempt = 0; attempt < LAND_ATTEMPTS; attempt++) {
    const old = join(outDir, `.${name}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      if (existsSync(dir)) renameSync(dir, old);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw err;
    }
    try {
      renameSync(staging, dir);
      rmSync(old, { recursive: true, force: true });
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      rmSync(old, { recursive: true, force: true });
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`another run kept writing "${dir}" at the same time; this run's output was not kept (run one at a time into one --out)`);
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioOutput & { dir: string; estimate: WorkEstimate | null; elapsedS: number }> {
  const t0 = performance.now();
  const params = resolveParams(scenario.name, scenario.params, opts.sets ?? []);
  const seed = checkSeed(opts.seed ?? DEFAULT_SEED);
  const quick = opts.quick ?? false;
  const estimate = opts.force
    ? null
    : checkBudget(scenario, params, opts.budget ?? CLI_BUDGET, quick, 'Choose smaller parameters, or pass --force to run it anyway.');
  ensureWritableDir(opts.outDir);
  cleanStale(opts.outDir);
  const dir = join(opts.outDir, scenario.name);
  const staging = join(opts.outDir, `.${scenario.name}.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  track(staging);
  try {
    const out = await scenario.run({ params, seed, outDir: staging, outputs: opts.outputs ?? 'all', quick, progress: opts.progress ?? silentProgress });
    // A signal that came during a synchronous stretch of the run is handled here, before anything lands.
    // (libuv reads pending signals in a later loop iteration than the next immediate: give it a few ms.)
    await new Promise((r) => setTimeout(r, 20));
    land(staging, dir, opts.outDir, scenario.name);
    return { ...out, dir, estimate, elapsedS: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    untrack(staging);
  }
}
