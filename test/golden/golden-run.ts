/**
 * Runs a spiking scenario into a temporary folder and reduces its outputs to
 * what the golden files keep: every summary metric's simulated value and the
 * spike count per neuron (from spikes.csv).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/harness/runner.ts';
import { findScenario } from '../../scenarios/index.ts';

export interface GoldenRun {
  readonly scenario: string;
  readonly quick: boolean;
  readonly sets?: Readonly<Record<string, string>>;
}

export interface Golden {
  readonly scenario: string;
  readonly quick: boolean;
  readonly sets: Readonly<Record<string, string>>;
  readonly metrics: ReadonlyArray<{ readonly name: string; readonly simulated: number | string | boolean | null }>;
  readonly spikes: { readonly total: number; readonly perNeuron: Readonly<Record<string, number>> };
}

export const GOLDEN_RUNS: readonly GoldenRun[] = [
  { scenario: 'fig5b-innocuous', quick: false },
  { scenario: 'fig5c-noxious', quick: false },
  { scenario: 'fig5de-allodynia', quick: true },
  { scenario: 'skin-patch', quick: true },
  { scenario: 'gate-control', quick: true },
  { scenario: 'withdrawal-reflex', quick: true },
  { scenario: 'pattern-learning', quick: true },
];

export async function goldenOf(run: GoldenRun): Promise<Golden> {
  const dir = mkdtempSync(join(tmpdir(), 'memspike-golden-'));
  try {
    const out = await runScenario(findScenario(run.scenario), { outDir: dir, seed: 1, quick: run.quick, sets: run.sets ?? {} });
    const perNeuron: Record<string, number> = {};
    let total = 0;
    const file = join(out.dir, 'spikes.csv');
    if (existsSync(file)) {
      const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
      const c = head.split(',').indexOf('neuron');
      for (const r of rows) {
        if (r === '') continue;
        const n = r.split(',')[c];
        perNeuron[n] = (perNeuron[n] ?? 0) + 1;
        total++;
      }
    }
    return {
      scenario: run.scenario,
      quick: run.quick,
      sets: run.sets ?? {},
      metrics: out.summary.metrics.map((m) => ({ name: m.name, simulated: m.simulated })),
      spikes: { total, perNeuron },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
