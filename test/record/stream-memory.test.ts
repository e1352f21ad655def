/**
 * Streamed outputs: memory does not grow with the size of the CSV files.
 * The same run at two output sizes (10x more rows), each in its own process,
 * compared by peak resident set size; and the streamed files are the bytes
 * the in-memory tables give.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli } from '../helpers/cli.ts';
import { runScenario } from '../../src/harness/runner.ts';
import { findScenario } from '../../scenarios/index.ts';
import { conductanceTable, runLtpLtdProtocol } from '../../scenarios/duan2023/fig3b-ltp-ltd.ts';
import { resolveParams } from '../../src/harness/params.ts';
import { circuitScenario } from '../../src/circuit/scenario.ts';
import { loadCircuitSync } from '../../src/circuit/load.ts';
import { Network, SpikeRecorder } from '../../src/network/index.ts';

const MB = 1024 * 1024;
const PRELOAD = join(REPO, 'test/record/fixtures/peak-rss.mjs');
/**
 * The child's V8 heap is kept small (1 MB young generation, 128 MB old), so
 * that its peak RSS follows what the run holds rather than how much garbage
 * V8 lets pile up before it collects (with default flags a longer run's peak
 * drifts up by tens of MB while what it holds stays the same).
 */
const NODE_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=128'];

interface Measured {
  readonly peakRssB: number;
  readonly outputB: number;
}

function bytesUnder(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) if (f.isFile() && f.name.endsWith('.csv')) n += statSync(join(f.parentPath, f.name)).size;
  return n;
}

async function measure(args: readonly string[], out: string): Promise<Measured> {
  const r = await runCli([...args, '--out', out, '--force'], out, undefined, { nodeArgs: [...NODE_FLAGS, '--import', PRELOAD] });
  expect(r.code, r.stderr).toBe(0);
  const m = /peak-rss-kb (\d+)/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return { peakRssB: Number(m![1]) * 1024, outputB: bytesUnder(out) };
}

/** A circuit whose spike count grows with its duration: 1000 Poisson neurons at 50 Hz. */
function poissonCircuit(durationS: number): object {
  return {
    durationS,
    seed: 3,
    populations: [{ name: 'input', model: 'poisson', size: 1000, params: { rateHz: 50 } }],
    probes: [{ kind: 'neuron', population: 'input', neurons: [0], variable: 'level', intervalS: 1 }],
  };
}

/** About 10x the output (at least moreMB more) and peak memory up by less than 20 MB. */
function flat(label: string, small: Measured, big: Measured, moreMB: number): void {
  console.log(`${label}: output ${(small.outputB / MB).toFixed(1)} -> ${(big.outputB / MB).toFixed(1)} MB, peak RSS ${(small.peakRssB / MB).toFixed(0)} -> ${(big.peakRssB / MB).toFixed(0)} MB`);
  expect(big.outputB / small.outputB).toBeGreaterThan(9);
  expect(big.outputB - small.outputB).toBeGreaterThan(moreMB * MB);
  expect(big.peakRssB - small.peakRssB).toBeLessThan(20 * MB);
}

describe('streamed outputs', () => {
  const root = mkdtempSync(join(tmpdir(), 'memspike-stream-'));

  it('fig3b-ltp-ltd: 10x the rows written, peak memory grows by less than 20 MB', async () => {
    const small = await measure(['run', 'fig3b-ltp-ltd', '--set', 'pulses=1000', '--set', 'cycles=2'], mkdtempSync(join(root, 'a-')));
    const big = await measure(['run', 'fig3b-ltp-ltd', '--set', 'pulses=1000', '--set', 'cycles=20'], mkdtempSync(join(root, 'b-')));
    flat('fig3b', small, big, 80);
  }, 120_000);

  it('a circuit run: 10x the spikes, peak memory grows by less than 20 MB', async () => {
    const run = async (durationS: number, tag: string): Promise<Measured> => {
      const dir = mkdtempSync(join(root, `${tag}-`));
      const file = join(dir, `poisson-${tag}.json`);
      writeFileSync(file, JSON.stringify(poissonCircuit(durationS)));
      return measure(['run', file], dir);
    };
    const small = await run(6, 'short');
    const big = await run(60, 'long');
    flat('circuit', small, big, 50);
  }, 120_000);

  it('SIGINT while the files are being streamed leaves nothing: no staging folder, no temporary file, no output', async () => {
    const out = mkdtempSync(join(root, 'sigint-'));
    let partial = 0;
    const r = await runCli(['run', 'fig3b-ltp-ltd', '--set', 'pulses=1000', '--set', 'cycles=20', '--out', out, '--force'], out, (kill) => {
      const poll = setInterval(() => {
        // Wait until the temporary trace.csv in the staging folder holds rows.
        for (const d of readdirSync(out).filter((n) => n.includes('.staging-'))) {
          for (const f of readdirSync(join(out, d)).filter((n) => n.endsWith('.tmp') && n.startsWith('.trace.csv'))) {
            partial = Math.max(partial, statSync(join(out, d, f)).size);
          }
        }
        if (partial > 1 << 20) {
          clearInterval(poll);
          kill('SIGINT');
        }
      }, 20);
    });
    expect(partial).toBeGreaterThan(1 << 20);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(SIGINT\); partial outputs removed/);
    expect(readdirSync(out)).toEqual([]);
  }, 120_000);

  it('the streamed CSV files are byte-identical to the in-memory tables', async () => {
    const s = findScenario('fig3b-ltp-ltd');
    const sets = ['cycles=3', 'pulses=300', 'variationPct=5'];
    const out = await runScenario(s, { outDir: mkdtempSync(join(root, 'fig3b-')), sets, seed: 4 });
    const r = runLtpLtdProtocol(resolveParams(s.name, s.params, sets), 4);
    expect(readFileSync(join(out.dir, 'trace.csv'), 'utf8')).toBe(r.trace.toCSV());
    expect(readFileSync(join(out.dir, 'pulses.csv'), 'utf8')).toBe(r.pulses.toCSV());
    expect(readFileSync(join(out.dir, 'conductance.csv'), 'utf8')).toBe(conductanceTable(r, 300).toCSV());
    expect(r.trace.rows).toBeGreaterThan(10_000);

    const lc = loadCircuitSync(join(REPO, 'circuits/withdrawal-reflex.json'));
    const c = await runScenario(circuitScenario(lc), { outDir: mkdtempSync(join(root, 'circuit-')) });
    const net = new Network(lc.network);
    const rec = new SpikeRecorder();
    net.attach(rec);
    net.run(lc.network.durationS);
    expect(rec.count).toBeGreaterThan(100);
    expect(readFileSync(join(c.dir, 'spikes.csv'), 'utf8')).toBe(rec.spikesTable().toCSV());
    expect(readFileSync(join(c.dir, 'probes.csv'), 'utf8')).toBe(rec.samples.toCSV());
    expect(readFileSync(join(c.dir, 'states.csv'), 'utf8')).toBe(rec.stateChanges.toCSV());
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});
