import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig3eMnist } from '../../../scenarios/duan2023/fig3e-mnist.ts';

describe('fig3e-mnist (E8)', () => {
  it('a quick run on a balanced MNIST training subset learns through the E4 curve and reports the article figure beside its own', async () => {
    const out = await runScenario(fig3eMnist, { outDir: mkdtempSync(join(tmpdir(), 'e8-')), seed: 1, sets: { epochs: '2', hidden: '16', runFloat: 'false', trainPerClass: '200' }, quick: true });
    const acc = readFileSync(join(out.dir, 'accuracy.csv'), 'utf8').trim().split('\n');
    // Quick: one epoch, no extension.
    expect(acc[0]).toBe('epoch,e4curve_accuracy');
    expect(acc.length).toBe(3);
    expect(Number(acc[2].split(',')[1])).toBeGreaterThan(0.5);
    const m = out.summary.metrics.find((x) => x.kind === 'claim');
    expect(m?.name).toMatch(/accuracy/);
    expect(m?.article).toBe(85);
    expect(m?.pass).toBe(Math.abs((m?.simulated as number) - 85) <= 3);
    expect(out.figures).toContain('fig3e-mnist-accuracy.svg');
    expect(out.figures).not.toContain('fig3e-mnist-extension-accuracy.svg');
  }, 60_000);
});
