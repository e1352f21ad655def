import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig3dDigits } from '../../../scenarios/duan2023/fig3d-digits.ts';

describe('fig3d-digits (E7)', () => {
  it('writes accuracy, confusion, figures and summary; same seed gives byte-identical files', async () => {
    const sets = { epochs: '4', hidden: '24' };
    const a = await runScenario(fig3dDigits, { outDir: mkdtempSync(join(tmpdir(), 'e7a-')), seed: 5, sets, quick: true });
    const b = await runScenario(fig3dDigits, { outDir: mkdtempSync(join(tmpdir(), 'e7b-')), seed: 5, sets, quick: true });
    for (const f of ['accuracy.csv', 'confusion.csv', 'summary.json', ...a.figures]) {
      expect(readFileSync(join(a.dir, f), 'utf8')).toBe(readFileSync(join(b.dir, f), 'utf8'));
    }
    const acc = readFileSync(join(a.dir, 'accuracy.csv'), 'utf8').trim().split('\n');
    expect(acc[0]).toBe('epoch,float_accuracy,device_accuracy,mitigated_accuracy');
    expect(acc.length).toBe(1 + 5);
    const lastRow = acc[acc.length - 1].split(',').map(Number);
    expect(lastRow[1]).toBeGreaterThan(0.8); // float
    expect(lastRow[2]).toBeGreaterThan(0.6); // device-aware
    // Confusion rows of the device network sum to the 539 test images (30 % of 1797, stratified).
    const cm = readFileSync(join(a.dir, 'confusion.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const dev = cm.filter((r) => r[0] === 1);
    expect(dev.length).toBe(10);
    expect(dev.reduce((s, r) => s + r.slice(2).reduce((x, y) => x + y, 0), 0)).toBe(539);
    const m = a.summary.metrics.find((x) => x.name.startsWith('device-aware test accuracy, best'));
    if (m?.kind !== 'claim') throw new Error('the accuracy row is a claim');
    expect(m?.article).toBe(92);
    expect(m?.pass).toBe((m?.simulated as number) >= 92);
  });
});
