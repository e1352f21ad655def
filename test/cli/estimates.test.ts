/** Work estimates: every scenario offers one, defaults fit the budget, and an estimate is near what a run writes. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarios, findScenario } from '../../scenarios/index.ts';
import { CLI_BUDGET, estimateOf, overBudget } from '../../src/harness/estimate.ts';
import { resolveParams } from '../../src/harness/params.ts';
import { runScenario } from '../../src/harness/runner.ts';

function bytesUnder(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) n += statSync(join(dir, f)).size;
  return n;
}

describe('work estimates', () => {
  it('every scenario estimates its work, and its defaults fit the budget', () => {
    for (const s of scenarios) {
      const e = estimateOf(s, resolveParams(s.name, s.params, []));
      expect(e, s.name).not.toBeNull();
      expect(e!.events, s.name).toBeGreaterThan(0);
      expect(overBudget(e!, CLI_BUDGET), s.name).toBeNull();
    }
  });

  it('grows with the work asked for, and is within a factor 3 of the bytes a run writes', async () => {
    const s = findScenario('fig3b-ltp-ltd');
    const small = estimateOf(s, resolveParams(s.name, s.params, ['cycles=2', 'pulses=400']))!;
    const big = estimateOf(s, resolveParams(s.name, s.params, ['cycles=20', 'pulses=400']))!;
    expect(big.outputBytes / small.outputBytes).toBeGreaterThan(5);
    const out = mkdtempSync(join(tmpdir(), 'memspike-estimate-'));
    try {
      const r = await runScenario(s, { outDir: out, sets: ['cycles=2', 'pulses=400'] });
      const written = bytesUnder(r.dir);
      expect(small.outputBytes / written).toBeGreaterThan(1 / 3);
      expect(small.outputBytes / written).toBeLessThan(3);
      // Refused before any work: nothing is created.
      await expect(runScenario(s, { outDir: join(out, 'never'), sets: ['cycles=1000', 'pulses=10000'] })).rejects.toThrow(/would need .* \(budget .*\); estimate: /);
      expect(readdirSync(out)).toEqual(['fig3b-ltp-ltd']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
