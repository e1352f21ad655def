import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig2cConsecutiveSweeps } from '../../../scenarios/duan2023/fig2c-consecutive-sweeps.ts';
import type { ScenarioSummary } from '../../../src/harness/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-e2-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('E2 fig2c-consecutive-sweeps', async () => {
  const out = await runScenario(fig2cConsecutiveSweeps, { outDir: root });
  const summary = JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')) as ScenarioSummary;
  const rows = readFileSync(join(out.dir, 'sweeps.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));

  it('the current at +5 V rises with every one of the 11 sweeps', () => {
    expect(rows.length).toBe(11);
    for (let k = 1; k < rows.length; k++) expect(rows[k][1], `sweep ${k + 1}`).toBeGreaterThan(rows[k - 1][1]);
    for (const m of summary.metrics.filter((x) => x.kind === "claim")) expect(m.pass, m.name).toBe(true);
  });

  it('reports the increase from the 1st to the 11th sweep computed from sweeps.csv', () => {
    const pct = ((rows[10][1] - rows[0][1]) / rows[0][1]) * 100;
    const m = summary.metrics.find((x) => x.name.startsWith('increase'))!;
    expect(m.simulated as number).toBeCloseTo(pct, 1);
    expect(pct).toBeGreaterThan(0);
  });

  it('the first sweep matches the positive half of the E1 loop (same fresh device, same staircase)', async () => {
    const { fig2bIvLoop } = await import('../../../scenarios/duan2023/fig2b-iv-loop.ts');
    const e1 = await runScenario(fig2bIvLoop, { outDir: join(root, 'e1') });
    const iv = readFileSync(join(e1.dir, 'iv.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expect(iv[50][1]).toBe(5);
    expect(iv[50][2]).toBe(rows[0][1]);
  });
});
