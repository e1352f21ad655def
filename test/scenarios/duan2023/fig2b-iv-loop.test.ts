import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig2bIvLoop } from '../../../scenarios/duan2023/fig2b-iv-loop.ts';
import type { ScenarioSummary } from '../../../src/harness/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-e1-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function csv(path: string): Record<string, number[]> {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const out: Record<string, number[]> = Object.fromEntries(cols.map((c) => [c, []]));
  for (const r of rows) r.split(',').forEach((v, i) => out[cols[i]].push(Number(v)));
  return out;
}

describe('E1 fig2b-iv-loop', async () => {
  const out = await runScenario(fig2bIvLoop, { outDir: join(root, 'a') });
  const summary = JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')) as ScenarioSummary;
  const iv = csv(join(out.dir, 'iv.csv'));
  const n = iv.v_V.length;
  const q = (n - 1) / 4;

  it('sweeps 0 -> +5 -> 0 -> -5 -> 0 V in 0.1 V steps, one SMU point per level', () => {
    expect(n).toBe(201);
    expect([iv.v_V[0], iv.v_V[q], iv.v_V[2 * q], iv.v_V[3 * q], iv.v_V[4 * q]]).toEqual([0, 5, 0, -5, 0]);
    const trace = csv(join(out.dir, 'trace.csv'));
    expect(Object.keys(trace)).toEqual(['t_s', 'v_V', 'i_A', 'g_S', 'x_fast', 'x_medium', 'x_slow', 'x_sens', 'x_fastHigh']);
  });

  it('is pinched at 0 V and the current sign follows the bias', () => {
    let maxI = 0;
    for (let j = 0; j < n; j++) {
      maxI = Math.max(maxI, Math.abs(iv.i_A[j]));
      if (iv.v_V[j] !== 0) expect(Math.sign(iv.i_A[j])).toBe(Math.sign(iv.v_V[j]));
    }
    for (let j = 0; j < n; j++) if (iv.v_V[j] === 0) expect(Math.abs(iv.i_A[j])).toBeLessThan(1e-3 * maxI);
  });

  it('positive branch returns above the way up; negative branch returns below the way out', () => {
    for (let k = 1; k < q; k++) {
      expect(iv.i_A[q + k], `+${iv.v_V[q + k]} V`).toBeGreaterThan(iv.i_A[q - k]);
      expect(Math.abs(iv.i_A[3 * q + k]), `${iv.v_V[3 * q + k]} V`).toBeLessThan(Math.abs(iv.i_A[3 * q - k]));
    }
    expect(iv.g_S[n - 1]).toBeLessThan(iv.g_S[2 * q]);
  });

  it('is analog: I/V never jumps by more than the bound between consecutive levels', () => {
    const chord = iv.v_V.map((v, j) => (v === 0 ? NaN : iv.i_A[j] / v)).filter((x) => !Number.isNaN(x));
    let worst = 0;
    for (let j = 1; j < chord.length; j++) worst = Math.max(worst, Math.abs(chord[j] - chord[j - 1]) / Math.max(chord[j], chord[j - 1]));
    const m = summary.metrics.find((x) => x.name.startsWith('analog'))!;
    expect(m.simulated as number).toBeCloseTo(worst * 100, 1);
    expect(worst).toBeLessThan(0.5);
  });

  it('every target passes and the loop areas match a trapezoid integration of iv.csv', () => {
    for (const m of summary.metrics.filter((x) => x.kind === "claim")) expect(m.pass, m.name).toBe(true);
    let pos = 0;
    for (let j = 1; j <= 2 * q; j++) pos += 0.5 * (iv.i_A[j] + iv.i_A[j - 1]) * (iv.v_V[j] - iv.v_V[j - 1]);
    const m = summary.metrics.find((x) => x.name === 'loop area, positive lobe')!;
    expect(m.simulated as number).toBeCloseTo(Math.abs(pos) * 1e9, 2);
    expect(Math.abs(pos)).toBeGreaterThan(0);
  });

  it('gives byte-identical files when run again', async () => {
    const again = await runScenario(fig2bIvLoop, { outDir: join(root, 'b') });
    const files = readdirSync(out.dir).sort();
    expect(readdirSync(again.dir).sort()).toEqual(files);
    expect(files).toEqual(expect.arrayContaining(['trace.csv', 'iv.csv', 'summary.json', 'fig2b-iv-linear.svg', 'fig2b-iv-semilog.svg']));
    for (const f of files) expect(readFileSync(join(again.dir, f)).equals(readFileSync(join(out.dir, f))), f).toBe(true);
  });
});
