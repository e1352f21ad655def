import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig3dDigits } from '../../../scenarios/duan2023/fig3d-digits.ts';

describe('fig3d-digits (E7)', () => {
  it('writes accuracy, confusion, lookup table, figures and summary; same seed gives byte-identical files', async () => {
    const sets = { epochs: '4', hidden: '24' };
    const a = await runScenario(fig3dDigits, { outDir: mkdtempSync(join(tmpdir(), 'e7a-')), seed: 5, sets, quick: true });
    const b = await runScenario(fig3dDigits, { outDir: mkdtempSync(join(tmpdir(), 'e7b-')), seed: 5, sets, quick: true });
    expect(a.figures).toEqual(['fig3d-digits-accuracy.svg', 'fig3d-digits-e4-table.svg', 'fig3d-digits-confusion.svg', 'fig3d-digits-extension-accuracy.svg']);
    for (const f of ['accuracy.csv', 'confusion.csv', 'e4-table.csv', 'summary.json', ...a.figures]) {
      expect(readFileSync(join(a.dir, f), 'utf8')).toBe(readFileSync(join(b.dir, f), 'utf8'));
    }
    const acc = readFileSync(join(a.dir, 'accuracy.csv'), 'utf8').trim().split('\n');
    expect(acc[0]).toBe('epoch,float_accuracy,e4curve_accuracy,device_accuracy,mitigated_accuracy');
    expect(acc.length).toBe(1 + 5);
    const lastRow = acc[acc.length - 1].split(',').map(Number);
    expect(lastRow[1]).toBeGreaterThan(0.8); // float
    expect(lastRow[2]).toBeGreaterThan(0.5); // E4 curve
    expect(lastRow[3]).toBeGreaterThan(0.6); // device dynamics (extension)
    // Confusion rows of the E4-curve network sum to the 539 test images (30 % of 1797, stratified).
    const cm = readFileSync(join(a.dir, 'confusion.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const e4 = cm.filter((r) => r[0] === 1);
    expect(e4.length).toBe(10);
    expect(e4.reduce((s, r) => s + r.slice(2).reduce((x, y) => x + y, 0), 0)).toBe(539);
    // The lookup table: 26 reads per branch, LTP rising, LTD falling.
    const tab = readFileSync(join(a.dir, 'e4-table.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expect(tab.length).toBe(26);
    for (let k = 1; k < 26; k++) {
      expect(tab[k][3]).toBeGreaterThan(tab[k - 1][3]);
      expect(tab[k][4]).toBeLessThan(tab[k - 1][4]);
    }
    // One claim (predicted): the article's 92 % within ±3 points; the rest are figures.
    const claims = a.summary.metrics.filter((m) => m.kind === 'claim');
    expect(claims.length).toBe(1);
    const c = claims[0];
    expect(c.name).toMatch(/accuracy/);
    expect(c.article).toBe(92);
    expect(c.pass).toBe(Math.abs((c.simulated as number) - 92) <= 3);
    for (const m of a.summary.metrics) if (m !== c) expect(m.kind).toBe('figure');
    expect(a.summary.metrics.some((m) => m.name.startsWith('extension, device dynamics'))).toBe(true);
  });
});
