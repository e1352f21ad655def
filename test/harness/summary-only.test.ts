/**
 * Runs with outputs `summary` (what a sweep point uses): the same summary.json
 * as a full run, byte for byte, and no other file. Scenarios cover each way
 * files are written: tables in memory (writeTable), streamed CSV
 * (CsvStreams, StreamedNetworkOutputs), figures drawn before or only when
 * written, helpers shared between scenarios, and a circuit file.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/index.ts';
import { loadCircuitSync } from '../../src/circuit/load.ts';
import { circuitScenario } from '../../src/circuit/scenario.ts';
import { runScenario } from '../../src/harness/runner.ts';
import type { RunOutputs, Scenario } from '../../src/harness/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-summary-only-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under dir, relative, sorted. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function run(scenario: Scenario, outputs: RunOutputs, sets: Record<string, string>, tag: string): Promise<string> {
  const outDir = join(root, `${tag}-${outputs}`);
  const out = await runScenario(scenario, { outDir, quick: true, sets, outputs, seed: 7 });
  return out.dir;
}

const cases: [string, () => Scenario, Record<string, string>][] = [
  ['fig2b-iv-loop', () => findScenario('fig2b-iv-loop'), {}],
  ['fig3b-ltp-ltd', () => findScenario('fig3b-ltp-ltd'), { cycles: '3', variationPct: '5' }],
  ['fig5b-innocuous', () => findScenario('fig5b-innocuous'), {}],
  ['gate-control', () => findScenario('gate-control'), {}],
  ['withdrawal-reflex', () => findScenario('withdrawal-reflex'), {}],
  ['central-sensitisation', () => findScenario('central-sensitisation'), {}],
  ['circuit file', () => circuitScenario(loadCircuitSync('circuits/withdrawal-reflex.json')), {}],
];

describe('outputs "summary"', () => {
  it.each(cases)('%s: summary.json byte-identical to the full run, no other file written', async (tag, scenario, sets) => {
    const full = await run(scenario(), 'all', sets, tag);
    const only = await run(scenario(), 'summary', sets, tag);
    const fullFiles = filesUnder(full);
    expect(fullFiles).toContain('summary.json');
    expect(fullFiles.filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(0);
    expect(fullFiles.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(0);
    expect(filesUnder(only)).toEqual(['summary.json']);
    expect(readFileSync(join(only, 'summary.json'))).toEqual(readFileSync(join(full, 'summary.json')));
  });
});
