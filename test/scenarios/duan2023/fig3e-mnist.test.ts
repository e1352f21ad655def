import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig3eMnist } from '../../../scenarios/duan2023/fig3e-mnist.ts';

describe('fig3e-mnist (E8)', () => {
  it('a run on a balanced MNIST training subset learns and reports the article figure beside its own', async () => {
    const out = await runScenario(fig3eMnist, { outDir: mkdtempSync(join(tmpdir(), 'e8-')), seed: 1, sets: { epochs: '1', hidden: '16', runFloat: 'false', trainPerClass: '300' }, quick: true });
    const acc = readFileSync(join(out.dir, 'accuracy.csv'), 'utf8').trim().split('\n');
    expect(acc[0]).toBe('epoch,device_accuracy,mitigated_accuracy');
    const last = acc[2].split(',').map(Number);
    expect(last[1]).toBeGreaterThan(0.6);
    expect(last[2]).toBeGreaterThan(0.6);
    const m = out.summary.metrics.find((x) => x.name.startsWith('device-aware test accuracy, best'));
    if (m?.kind !== 'claim') throw new Error('the accuracy row is a claim');
    expect(m?.article).toBe(85);
    expect(out.figures).toContain('fig3e-mnist-accuracy.svg');
  }, 60_000);
});
