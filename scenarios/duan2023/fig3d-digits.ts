/**
 * E7 (Fig. 3c,d): a three-layer network (64 inputs, hidden, 10 outputs)
 * trained by backpropagation on the 8 x 8 handwritten digits (UCI Optical
 * Recognition of Handwritten Digits, 1797 images, seeded stratified 70/30
 * train/test split). The article trained it in CrossSim on the measured
 * LTP/LTD curve and reports recognition accuracy up to 92 %.
 *
 * Reproduction: the E4-curve network (weights as differential pairs that
 * follow the E4 lookup table built from the device, src/ann/e4-table.ts)
 * beside a float baseline; the claim is its best-epoch accuracy, 92 ± 3 %.
 * Extension: device-dynamics training on the lasting window (figures only).
 * The full run takes seconds, so a quick run is the full run.
 */
import { article } from '../../src/devices/targets.ts';
import { loadDigits } from '../../src/ann/digits.ts';
import { stratifiedSplit } from '../../src/ann/dataset.ts';
import { annParams, runAnnExperiment } from '../../src/ann/experiment.ts';
import { bool, num } from '../../src/harness/params.ts';
import type { Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

const TEST_FRACTION = 0.3;

export const fig3dDigits: Scenario = {
  name: 'fig3d-digits',
  experiment: 'E7',
  figure: 'Fig. 3c,d',
  title: '8x8 digits: test accuracy vs epoch',
  group: 'ann',
  params: annParams({ hidden: 36, epochs: 30, batchSize: 10, learningRate: 0.2, wMaxFactor: 8 }),
  estimate: () => recordedRows(5e7, 1e4, 4),
  async run(ctx) {
    const all = loadDigits();
    const { train, test } = stratifiedSplit(all, TEST_FRACTION, ctx.seed);
    const epochs = num(ctx.params, 'epochs');
    return runAnnExperiment(ctx, {
      scenario: fig3dDigits,
      train,
      test,
      articleAccuracy: article.digits8x8Accuracy,
      epochs,
      extensionEpochs: bool(ctx.params, 'extension') ? epochs : 0,
      notes: [
        `data: ${all.n} 8x8 digits (data/optdigits-8x8.csv.gz, UCI, CC BY 4.0), stratified ${Math.round((1 - TEST_FRACTION) * 100)}/${Math.round(TEST_FRACTION * 100)} train/test split seeded with the run seed`,
        `${epochs} epochs (a quick run is the full run: it takes seconds)`,
      ],
    });
  },
};
