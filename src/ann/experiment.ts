/**
 * The body shared by the network scenarios (E7 digits, E8 MNIST).
 *
 * Reproduction (the article's method): a float baseline and the E4-curve
 * network, whose differential pairs follow the E4 LTP/LTD lookup table built
 * at run time from the registered device (src/ann/e4-table.ts, e4-layer.ts),
 * with the cycle-to-cycle step spread the device model gives
 * (src/ann/e4-spread.ts). Its best-epoch test accuracy is the claim
 * (predicted: no network accuracy enters the device calibration).
 * Extension (optional, src/ann/extension.ts): device-dynamics training on the
 * lasting window, plain and with mitigations; figures only.
 *
 * Files: accuracy.csv (test accuracy per epoch of every network trained;
 * NaN past the last epoch of a network trained for fewer epochs),
 * confusion.csv (one block per network: variant index into ALL_VARIANTS,
 * rows = true class, columns = predicted class, after the last epoch),
 * e4-table.csv (the lookup table), the SVG figures and summary.json.
 * Wall-clock times go to the progress stream only, so the files are
 * byte-identical for the same seed.
 */
import { ColumnTable } from '../record/table.ts';
import { DEFAULT_DEVICE } from '../devices/registry.ts';
import { bool, num } from '../harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../harness/output.ts';
import type { Metric, ParamSpec, RunContext, Scenario, ScenarioOutput } from '../harness/types.ts';
import { fitNeuroSim } from '../analysis/nonlinearity.ts';
import { lineChart } from '../report/svg.ts';
import { DEFAULT_CROSSBAR, UPDATE_SCHEMES, type UpdateScheme } from './crossbar.ts';
import type { Dataset } from './dataset.ts';
import { accuracyChart, confusionChart } from './figures.ts';
import { E4Table } from './e4-table.ts';
import { DEVICE_C2C_PCT, measureStepSpread } from './e4-spread.ts';
import { PAIR_SCHEMES, type PairScheme } from './e4-layer.ts';
import { buildE4Network } from './e4-network.ts';
import { best, bestEpoch, last, fmtS, runExtension } from './extension.ts';
import { figure, predictedClaim } from './rows.ts';
import { buildNetwork, trainNetwork, type EpochResult, type Network, type NetworkVariant } from './train.ts';

export const ALL_VARIANTS: readonly NetworkVariant[] = ['float', 'e4curve', 'device', 'mitigated'];
/** The article's tolerance on E7 / E8 (accuracy points). */
export const ACCURACY_TOLERANCE_POINTS = 3;

export interface AnnDefaults {
  readonly hidden: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly wMaxFactor: number;
}

/** Parameters common to the network scenarios, with per-scenario defaults. */
export function annParams(d: AnnDefaults): ParamSpec[] {
  return [
    { key: 'hidden', type: 'integer', default: d.hidden, min: 1, max: 2000, description: 'hidden-layer size' },
    { key: 'epochs', type: 'integer', default: d.epochs, min: 1, max: 1000, description: 'training epochs (quick runs may use fewer)' },
    { key: 'batchSize', type: 'integer', default: d.batchSize, min: 1, max: 10000, description: 'minibatch size' },
    { key: 'learningRate', type: 'number', default: d.learningRate, min: 1e-6, max: 100, description: 'learning rate (per-sample gradient averaged over the minibatch)' },
    { key: 'wMaxFactor', type: 'number', default: d.wMaxFactor, min: 1, max: 100, description: 'weight of a full-window conductance difference, in Glorot bounds of the layer' },
    { key: 'pair', type: 'enum', default: 'balanced', choices: PAIR_SCHEMES, description: 'E4-curve method: balanced (G+ and G- pulsed in opposite directions) or single (one device, the one with more room)' },
    { key: 'e4Spread', type: 'enum', default: 'device', choices: ['device', 'none'], description: `E4-curve method: cycle-to-cycle step spread measured from the device model at ${DEVICE_C2C_PCT} % parameter variation, or none` },
    { key: 'extension', type: 'boolean', default: true, description: 'also train the device-dynamics extension (lasting window, plain and with mitigations)' },
    { key: 'scheme', type: 'enum', default: 'bidirectional', choices: UPDATE_SCHEMES, description: 'extension: pulse update scheme of the differential pairs' },
    { key: 'c2cSigma', type: 'number', default: 0, min: 0, max: 2, description: 'extension: cycle-to-cycle variation of each pulse (relative sigma)' },
    { key: 'd2dSigma', type: 'number', default: 0, min: 0, max: 2, description: 'extension: device-to-device variation of the conductance swing (relative sigma)' },
    { key: 'readNoise', type: 'number', default: 0, min: 0, max: 1, description: 'extension: relative read noise of every conductance read' },
    { key: 'levels', type: 'integer', default: 0, min: 0, max: 100000, description: 'extension: conductance levels the array resolves (0 = analog)' },
    { key: 'runFloat', type: 'boolean', default: true, description: 'also train the float baseline' },
  ];
}

export interface AnnExperiment {
  readonly scenario: Pick<Scenario, 'name' | 'experiment' | 'figure' | 'title'>;
  readonly train: Dataset;
  readonly test: Dataset;
  /** The article's accuracy, fraction. */
  readonly articleAccuracy: number;
  /** Epochs of the float and E4-curve networks. */
  readonly epochs: number;
  /** Epochs of the extension networks (0: extension off). */
  readonly extensionEpochs: number;
  readonly notes: readonly string[];
}

export interface TrainedCurve {
  readonly variant: NetworkVariant;
  readonly label: string;
  readonly results: readonly EpochResult[];
  readonly confusion: Uint32Array;
}

export interface Tracker {
  readonly onEpoch: (r: EpochResult) => void;
  readonly onBatch: (epochsDone: number) => void;
}

/** Progress with an ETA from the elapsed time and the fraction done. */
function makeTracker(ctx: RunContext, epochs: number): Tracker {
  const t0 = performance.now();
  let acc = '';
  const show = (f: number, what: string): void => {
    const el = (performance.now() - t0) / 1000;
    const eta = f > 0 ? (el * (1 - f)) / f : NaN;
    ctx.progress.update(f, `${what}${acc}${Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)} s` : ''}`);
  };
  return {
    onEpoch: (r) => {
      acc = `, last test accuracy ${(r.testAccuracy * 100).toFixed(2)} %`;
      show(r.epoch / epochs, `epoch ${r.epoch}/${epochs}`);
    },
    onBatch: (done) => show(done / epochs, `epoch ${Math.min(epochs, Math.floor(done) + 1)}/${epochs}`),
  };
}

const pct = (x: number): number => Number((x * 100).toFixed(2));
const round = (x: number, d: number): number => Number(x.toFixed(d));

export async function runAnnExperiment(ctx: RunContext, ex: AnnExperiment): Promise<ScenarioOutput> {
  const p = ctx.params;
  const hidden = num(p, 'hidden');
  const wMaxFactor = num(p, 'wMaxFactor');
  const pair = String(p.pair) as PairScheme;
  const tcfg = { epochs: ex.epochs, batchSize: num(p, 'batchSize'), learningRate: num(p, 'learningRate'), seed: ctx.seed + 1 };
  const C = ex.train.classes;
  const name = ex.scenario.name;

  // The lookup table and the spread, from the registered device, now.
  const table = E4Table.fromDevice(DEFAULT_DEVICE);
  const spread = measureStepSpread(ctx.seed);
  const c2cSigma = p.e4Spread === 'none' ? 0 : spread.relStepSpread;

  const curves: TrainedCurve[] = [];
  const train1 = (variant: NetworkVariant, label: string, net: Network): void => {
    ctx.progress.start(`${name} ${label}`);
    const t = makeTracker(ctx, ex.epochs);
    const res = trainNetwork(net, ex.train, ex.test, tcfg, t.onEpoch, t.onBatch);
    const cm = new Uint32Array(C * C);
    net.mlp.evaluate(ex.test, cm);
    curves.push({ variant, label, results: res, confusion: cm });
    ctx.progress.done(`best ${(best(res) * 100).toFixed(2)} % (epoch ${bestEpoch(res)})`);
  };
  // Same initial-weight seed for both: the E4-curve network starts from the float weights.
  if (bool(p, 'runFloat')) train1('float', 'float baseline', buildNetwork('float', ex.train.features, C, { hidden, wMaxFactor, crossbar: DEFAULT_CROSSBAR }, null, ctx.seed));
  const e4net = buildE4Network(ex.train.features, C, { hidden, wMaxFactor, layer: { c2cSigma, maxPulsesPerUpdate: table.n, pair } }, table, ctx.seed);
  train1('e4curve', 'E4-curve network', e4net);
  let e4Pulses = 0;
  let e4Saturated = 0;
  for (const l of e4net.layers) {
    e4Pulses += l.stats.pulsesLtp + l.stats.pulsesLtd;
    e4Saturated += l.stats.saturated;
  }
  const floatRes = curves.find((c) => c.variant === 'float')?.results ?? null;
  const e4 = curves.find((c) => c.variant === 'e4curve')!;

  const ext = ex.extensionEpochs > 0
    ? runExtension(
        ctx,
        name,
        ex.train,
        ex.test,
        { hidden, wMaxFactor, scheme: String(p.scheme) as UpdateScheme, c2cSigma: num(p, 'c2cSigma'), d2dSigma: num(p, 'd2dSigma'), readNoise: num(p, 'readNoise'), levels: num(p, 'levels') },
        { ...tcfg, epochs: ex.extensionEpochs },
        floatRes && ex.extensionEpochs === ex.epochs ? floatRes : null,
        (epochs) => makeTracker(ctx, epochs),
      )
    : null;
  if (ext) curves.push(...ext.curves);

  writeFiles(ctx, ex, curves, table);
  const articlePct = ex.articleAccuracy * 100;
  const figures = [
    writeSVG(ctx, `${name}-accuracy.svg`, accuracyChart(`${ex.scenario.title}: E4-curve network (${hidden} hidden)`, curves.filter((c) => c.variant === 'float' || c.variant === 'e4curve').map(toChart), articlePct)),
    writeSVG(ctx, `${name}-e4-table.svg`, tableChart(table)),
    writeSVG(ctx, `${name}-confusion.svg`, confusionChart(`Confusion matrix, E4-curve network, epoch ${ex.epochs}`, e4.confusion, C)),
  ];
  if (ext) {
    const extCurves = curves.filter((c) => c.variant !== 'e4curve' && (c.variant !== 'float' || ex.extensionEpochs === ex.epochs));
    figures.push(writeSVG(ctx, `${name}-extension-accuracy.svg`, accuracyChart(`Extension: device-dynamics training (${hidden} hidden)`, extCurves.map(toChart), articlePct)));
  }

  const nlLtp = fitNeuroSim(table.rawLtpS, 'ltp').label;
  const nlLtd = fitNeuroSim(table.rawLtdS, 'ltd').label;
  const e4r = e4.results;
  const balance = (table.balancePointS() - table.gMinS) / (table.gMaxS - table.gMinS);
  const metrics: Metric[] = [
    // Claim, basis predicted: the article's "up to" accuracy (best epoch), ±3 points.
    predictedClaim(`${ex.scenario.experiment}.accuracy`, `recognition accuracy of the E4-curve network, best epoch (article: up to ${articlePct} %)`, '%', articlePct, pct(best(e4r)), ACCURACY_TOLERANCE_POINTS),
    // Figures from here on.
    figure('E4-curve network: test accuracy, final epoch', '%', pct(last(e4r))),
    figure('E4-curve network: epoch of the best test accuracy', '', bestEpoch(e4r)),
    figure('E4 lookup table: NeuroSim nonlinearity label of the LTP branch', '', round(nlLtp, 2)),
    figure('E4 lookup table: NeuroSim nonlinearity label of the LTD branch', '', round(nlLtd, 2)),
    figure('E4 lookup table: largest / smallest LTP step', '', round(maxMin(table.ltpS), 1)),
    figure('E4 lookup table: where an LTP and an LTD step are equal (fraction of the window from gMin)', '', round(balance, 3)),
    figure('cycle-to-cycle spread of one E4 step used in training (rel. std)', '%', round(c2cSigma * 100, 2)),
    figure(`E4 Gmax spread over ${spread.cycles} cycles at ${spread.variationPct} % device variation (rel. std)`, '%', round(spread.gMaxSpread * 100, 2)),
    figure('E4-curve network: pulses that met the end of their branch', '%', round((100 * e4Saturated) / Math.max(1, e4Pulses), 3)),
  ];
  if (floatRes) {
    metrics.push(
      figure('float baseline: test accuracy, best epoch', '%', pct(best(floatRes))),
      figure('float baseline: test accuracy, final epoch', '%', pct(last(floatRes))),
      figure('accuracy gap float - E4-curve network, best epoch', 'points', pct(best(floatRes) - best(e4r))),
    );
  }
  if (ext) metrics.push(...ext.rows);

  const notes = [
    ...ex.notes,
    `network: ${ex.train.features}-${hidden}-${C} (sigmoid hidden, softmax output, cross-entropy), minibatch ${tcfg.batchSize}, learning rate ${tcfg.learningRate}, Glorot-uniform initial weights, wMax = ${wMaxFactor} Glorot bounds per layer; train ${ex.train.n} / test ${ex.test.n} samples; float and E4-curve networks ${ex.epochs} epochs`,
    `E4 lookup table (built now from the registered device): E4 protocol ${table.n} x +3 V then ${table.n} x -3 V, W = 50 ms, dt = 50 ms, read at 0.1 V at the end of each interval, mean of cycles 2-5; window ${fmtS(table.gMinS)} .. ${fmtS(table.gMaxS)}; first / last LTP step ${fmtS(table.ltpS[1] - table.ltpS[0])} / ${fmtS(table.ltpS[table.n] - table.ltpS[table.n - 1])}`,
    `E4-curve update: pulses = |dw| / dw_pulse stochastically rounded, capped at ${table.n}; pair scheme "${pair}"; each pulse one step along its branch at the device's position, step x max(0, 1 + ${round(c2cSigma, 4)} z); saturation at the branch ends; no refresh`,
    `why the E4-curve network falls short of float: the table's steps shrink ${round(maxMin(table.ltpS), 0)}-fold along the LTP branch (NeuroSim labels ${round(nlLtp, 2)} / ${round(nlLtd, 2)}); a balanced pair takes one LTP and one LTD step per update, so updates of either sign pull both devices toward the conductance where the two steps are equal (${round(balance, 3)} of the window), i.e. G+ - G- toward 0: a weight decay set by the curve, not by the learning rule`,
    `cycle-to-cycle spread: ${p.e4Spread === 'none' ? 'off' : `mean relative std of the E4 step sizes over cycles 2-${spread.cycles} of Fig. S3, each cycle a device drawn at ${spread.variationPct} % parameter variation (src/devices/variation.ts), the spread the calibration allows for Gmax; LTP ${round(spread.ltp * 100, 2)} %, LTD ${round(spread.ltd * 100, 2)} %`}`,
    ...(ext ? ext.notes : ['extension (device dynamics) not trained in this run']),
  ];
  return finishScenario(ctx, ex.scenario, metrics, figures, { notes });
}

function toChart(c: TrainedCurve): { name: string; epochs: number[]; accuracy: number[] } {
  return { name: c.label, epochs: c.results.map((r) => r.epoch), accuracy: c.results.map((r) => r.testAccuracy) };
}

function maxMin(c: Float64Array): number {
  let lo = Infinity;
  let hi = 0;
  for (let k = 1; k < c.length; k++) {
    const s = c[k] - c[k - 1];
    if (s > 0) lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  return hi / lo;
}

function writeFiles(ctx: RunContext, ex: AnnExperiment, curves: readonly TrainedCurve[], table: E4Table): void {
  const rows = Math.max(...curves.map((c) => c.results.length));
  const acc = new ColumnTable(['epoch', ...curves.map((c) => `${c.variant}_accuracy`)], rows);
  for (let e = 0; e < rows; e++) {
    const r = acc.addRow();
    acc.set(r, 0, e);
    curves.forEach((c, k) => acc.set(r, k + 1, e < c.results.length ? c.results[e].testAccuracy : NaN));
  }
  writeTable(ctx, 'accuracy.csv', acc);
  const C = ex.train.classes;
  const cm = new ColumnTable(['variant', 'true_class', ...Array.from({ length: C }, (_, c) => `predicted_${c}`)], curves.length * C);
  for (const c of curves) {
    for (let t = 0; t < C; t++) {
      const r = cm.addRow();
      cm.set(r, 0, ALL_VARIANTS.indexOf(c.variant));
      cm.set(r, 1, t);
      for (let q = 0; q < C; q++) cm.set(r, 2 + q, c.confusion[t * C + q]);
    }
  }
  writeTable(ctx, 'confusion.csv', cm);
  const tt = new ColumnTable(['pulse', 'ltp_S', 'ltd_S', 'ltp_unclipped_S', 'ltd_unclipped_S'], table.n + 1);
  for (let k = 0; k <= table.n; k++) {
    const r = tt.addRow();
    tt.set(r, 0, k);
    tt.set(r, 1, table.ltpS[k]);
    tt.set(r, 2, table.ltdS[k]);
    tt.set(r, 3, table.rawLtpS[k]);
    tt.set(r, 4, table.rawLtdS[k]);
  }
  writeTable(ctx, 'e4-table.csv', tt);
}

function tableChart(t: E4Table): string {
  const n = t.n;
  const x = Array.from({ length: 2 * n + 1 }, (_, k) => k);
  const y = [...t.ltpS, ...t.ltdS.subarray(1)];
  return lineChart({
    title: 'E4 lookup table: conductance vs pulse number (LTP, then LTD)',
    xLabel: 'pulse number',
    yLabel: 'G (nS)',
    yScale: 1e9,
    series: [{ name: 'lookup table', x, y, style: 'both' }],
  });
}
