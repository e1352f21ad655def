import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../src/ann/digits.ts';
import { balancedHead, stratifiedSplit } from '../../src/ann/dataset.ts';
import { PulseProgrammer } from '../../src/ann/programming.ts';
import { DEFAULT_CROSSBAR } from '../../src/ann/crossbar.ts';
import { buildNetwork, trainNetwork, type NetworkConfig, type Variant } from '../../src/ann/train.ts';

const { train, test } = stratifiedSplit(loadDigits(), 0.3, 1);
const small = balancedHead(train, 30); // 300 training images
const prog = new PulseProgrammer('mose2');
const cfg: NetworkConfig = { hidden: 24, wMaxFactor: 8, crossbar: { ...DEFAULT_CROSSBAR } };
const tcfg = { epochs: 5, batchSize: 10, learningRate: 0.2, seed: 9 };

function run(v: Variant, crossbar = cfg.crossbar, wMaxFactor = cfg.wMaxFactor) {
  const net = buildNetwork(v, 64, 10, { ...cfg, crossbar, wMaxFactor }, prog, 2);
  const res = trainNetwork(net, small, test, tcfg);
  return { net, res };
}

describe('network training on memristor pairs', () => {
  it('float baseline and device-aware network learn well above chance on 300 digits in 5 epochs', () => {
    for (const v of ['float', 'device'] as const) {
      const { res } = run(v);
      expect(res[0].testAccuracy).toBeLessThan(0.3);
      expect(res[res.length - 1].testAccuracy).toBeGreaterThan(0.6);
    }
  });

  it('is deterministic: same seed, identical weights and accuracies, with every non-ideality on', () => {
    // Read noise is relative to G, and G0 is ~7 lasting windows: 0.2 % of G is already ~1/3 of a nominal pulse.
    const noisy = { ...cfg.crossbar, c2cSigma: 0.1, d2dSigma: 0.1, readNoise: 0.002, levels: 64 };
    const a = run('mitigated', noisy);
    const b = run('mitigated', noisy);
    expect(a.res.map((r) => r.testAccuracy)).toEqual(b.res.map((r) => r.testAccuracy));
    expect(Array.from(a.net.mlp.l1.w)).toEqual(Array.from(b.net.mlp.l1.w));
    expect(Array.from(a.net.crossbars[1].conductances())).toEqual(Array.from(b.net.crossbars[1].conductances()));
    expect(a.res[a.res.length - 1].testAccuracy).toBeGreaterThan(0.5);
  });

  it('the standard potentiate-only scheme without refresh saturates; refresh keeps it learning', () => {
    const pot = { ...cfg.crossbar, scheme: 'potentiate' as const };
    // A narrow weight range (one Glorot bound per full window) fills the devices within a few epochs.
    const plain = run('device', pot, 1);
    const sat = plain.net.crossbars.reduce((s, c) => s + c.stats.saturated, 0);
    expect(sat).toBeGreaterThan(0);
    const mit = run('mitigated', pot, 1);
    expect(mit.net.crossbars.reduce((s, c) => s + c.stats.refreshes, 0)).toBeGreaterThan(0);
    const accPlain = plain.res[plain.res.length - 1].testAccuracy;
    const accMit = mit.res[mit.res.length - 1].testAccuracy;
    expect(accMit).toBeGreaterThan(accPlain + 0.1);
  });

  it('extension: on all 1258 training digits the device-dynamics network learns to 92 % or more and the mitigations add to it', () => {
    const full = { hidden: 36, wMaxFactor: 8, crossbar: { ...DEFAULT_CROSSBAR } };
    const acc = (v: Variant) => trainNetwork(buildNetwork(v, 64, 10, full, prog, 1), train, test, { epochs: 30, batchSize: 10, learningRate: 0.2, seed: 2 });
    const dev = acc('device');
    const mit = acc('mitigated');
    const bestOf = (r: typeof dev) => Math.max(...r.slice(1).map((x) => x.testAccuracy));
    expect(bestOf(dev)).toBeGreaterThanOrEqual(0.92);
    expect(mit[30].testAccuracy).toBeGreaterThan(dev[30].testAccuracy);
    expect(bestOf(mit)).toBeGreaterThan(bestOf(dev));
  });
});
