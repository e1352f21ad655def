/**
 * The body shared by the network scenarios (E7 digits, E8 MNIST): trains the
 * float baseline, the device-aware network and the device-aware network with
 * mitigations on the same data, and writes accuracy.csv, confusion.csv,
 * the figures and summary.json with the article's accuracy beside ours.
 * confusion.csv: one block of rows per variant (variant 0 = float, 1 = device,
 * 2 = mitigated), rows = true class, columns = predicted class.
 * Wall-clock times go to the progress stream only, never into files, so the
 * files are byte-identical for the same seed.
 */
import { ColumnTable } from '../record/table.ts';
import { atLeast, figure } from '../harness/metrics.ts';
import { bool, num } from '../harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../harness/output.ts';
import type { Metric, ParamSpec, RunContext, Scenario, ScenarioOutput } from '../harness/types.ts';
import { UPDATE_SCHEMES, type UpdateScheme } from './crossbar.ts';
import type { Dataset } from './dataset.ts';
import { accuracyChart, confusionChart } from './figures.ts';
import { PulseProgrammer } from './programming.ts';
import { MITIGATIONS, VARIANTS, buildNetwork, trainNetwork, type EpochResult, type NetworkConfig, type Variant } from './train.ts';
import { DEFAULT_DEVICE } from '../devices/registry.ts';

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
    { key: 'epochs', type: 'integer', default: d.epochs, min: 1, max: 1000, description: 'training epochs (quick runs use fewer)' },
    { key: 'batchSize', type: 'integer', default: d.batchSize, min: 1, max: 10000, description: 'minibatch size' },
    { key: 'learningRate', type: 'number', default: d.learningRate, min: 1e-6, max: 100, description: 'learning rate (per-sample gradient averaged over the minibatch)' },
    { key: 'wMaxFactor', type: 'number', default: d.wMaxFactor, min: 0.1, max: 100, description: 'weight of a full-window conductance difference, in Glorot bounds of the layer' },
    { key: 'scheme', type: 'enum', default: 'bidirectional', choices: UPDATE_SCHEMES, description: 'pulse update scheme of the differential pairs' },
    { key: 'c2cSigma', type: 'number', default: 0, min: 0, max: 2, description: 'cycle-to-cycle variation of each pulse (relative sigma)' },
    { key: 'd2dSigma', type: 'number', default: 0, min: 0, max: 2, description: 'device-to-device variation of the conductance swing (relative sigma)' },
    { key: 'readNoise', type: 'number', default: 0, min: 0, max: 1, description: 'relative read noise of every conductance read' },
    { key: 'levels', type: 'integer', default: 0, min: 0, max: 100000, description: 'conductance levels the array resolves (0 = analog)' },
    { key: 'runFloat', type: 'boolean', default: true, description: 'also train the float baseline' },
  ];
}

export interface AnnExperiment {
  readonly scenario: Pick<Scenario, 'name' | 'experiment' | 'figure' | 'title'>;
  readonly train: Dataset;
  readonly test: Dataset;
  /** The article's accuracy, fraction. */
  readonly articleAccuracy: number;
  /** Epochs actually trained (quick runs pass fewer). */
  readonly epochs: number;
  /** Wall-time budget (s) of the device-aware training, printed against the run. */
  readonly budgetS: number;
  readonly notes: readonly string[];
}

const LABEL: Record<Variant, string> = { float: 'float baseline', device: 'device-aware', mitigated: 'device-aware, mitigations on' };

export async function runAnnExperiment(ctx: RunContext, ex: AnnExperiment): Promise<ScenarioOutput> {
  const p = ctx.params;
  const cfg: NetworkConfig = {
    hidden: num(p, 'hidden'),
    wMaxFactor: num(p, 'wMaxFactor'),
    crossbar: {
      c2cSigma: num(p, 'c2cSigma'),
      d2dSigma: num(p, 'd2dSigma'),
      readNoise: num(p, 'readNoise'),
      levels: num(p, 'levels'),
      maxPulsesPerUpdate: 25,
      scheme: String(p.scheme) as UpdateScheme,
    },
  };
  const train = { epochs: ex.epochs, batchSize: num(p, 'batchSize'), learningRate: num(p, 'learningRate'), seed: ctx.seed + 1 };
  const prog = new PulseProgrammer(DEFAULT_DEVICE);
  const variants = VARIANTS.filter((v) => v !== 'float' || bool(p, 'runFloat'));
  const curves = new Map<Variant, EpochResult[]>();
  const confusion = new Map<Variant, Uint32Array>();
  const stats: string[] = [];
  for (const v of variants) {
    const label = `${ex.scenario.name} ${LABEL[v]}`;
    ctx.progress.start(label);
    const t0 = performance.now();
    // Same initial-weight seed for every variant: the device networks start from the float weights as written by pulses.
    const net = buildNetwork(v, ex.train.features, ex.train.classes, cfg, v === 'float' ? null : prog, ctx.seed);
    const res = trainNetwork(net, ex.train, ex.test, train, (r) => {
      ctx.progress.update(r.epoch / ex.epochs, `epoch ${r.epoch}/${ex.epochs}, test accuracy ${(r.testAccuracy * 100).toFixed(2)} %`);
    });
    const wallS = (performance.now() - t0) / 1000;
    // Training time up to the epoch whose accuracy is reported (the best one).
    let toBestS = 0;
    for (const r of res) {
      toBestS += r.seconds;
      if (r.epoch > 0 && r.testAccuracy === best(res)) break;
    }
    const cm = new Uint32Array(ex.train.classes * ex.train.classes);
    net.mlp.evaluate(ex.test, cm);
    curves.set(v, res);
    confusion.set(v, cm);
    const budget = v === 'float' ? '' : ` (budget ${ex.budgetS} s: ${wallS <= ex.budgetS ? 'met' : 'MISSED'})`;
    ctx.progress.done(`${LABEL[v]}: best ${(best(res) * 100).toFixed(2)} % (reached after ${toBestS.toFixed(1)} s of training), final ${(res[res.length - 1].testAccuracy * 100).toFixed(2)} %, ${wallS.toFixed(1)} s in all${budget}`);
    for (const c of net.crossbars) {
      stats.push(`${LABEL[v]}, ${c.nIn} x ${c.nOut} pairs: ${c.stats.pulsesLtp} LTP and ${c.stats.pulsesLtd} LTD pulses, ${c.stats.saturated} refused at the window edge, ${c.stats.refreshes} refreshes`);
    }
  }

  const table = new ColumnTable(['epoch', ...variants.map((v) => `${v}_accuracy`)], ex.epochs + 1);
  for (let e = 0; e <= ex.epochs; e++) {
    const r = table.addRow();
    table.set(r, 0, e);
    variants.forEach((v, k) => table.set(r, k + 1, curves.get(v)![e].testAccuracy));
  }
  writeTable(ctx.outDir, 'accuracy.csv', table);
  const C = ex.train.classes;
  const cmTable = new ColumnTable(['variant', 'true_class', ...Array.from({ length: C }, (_, c) => `predicted_${c}`)], variants.length * C);
  variants.forEach((v, k) => {
    const cm = confusion.get(v)!;
    for (let t = 0; t < C; t++) {
      const r = cmTable.addRow();
      cmTable.set(r, 0, VARIANTS.indexOf(v));
      cmTable.set(r, 1, t);
      for (let q = 0; q < C; q++) cmTable.set(r, 2 + q, cm[t * C + q]);
    }
    void k;
  });
  writeTable(ctx.outDir, 'confusion.csv', cmTable);

  const articlePct = ex.articleAccuracy * 100;
  const figures = [
    writeSVG(
      ctx.outDir,
      `${ex.scenario.name}-accuracy.svg`,
      accuracyChart(
        `${ex.scenario.title} (${cfg.hidden} hidden)`,
        variants.map((v) => ({ name: LABEL[v], epochs: curves.get(v)!.map((r) => r.epoch), accuracy: curves.get(v)!.map((r) => r.testAccuracy) })),
        articlePct,
      ),
    ),
    writeSVG(ctx.outDir, `${ex.scenario.name}-confusion.svg`, confusionChart(`Confusion matrix, device-aware network, epoch ${ex.epochs}`, confusion.get('device')!, C)),
  ];

  const pct = (x: number): number => Number((x * 100).toFixed(2));
  const dev = curves.get('device')!;
  const mit = curves.get('mitigated')!;
  const fl = curves.get('float');
  const metrics: Metric[] = [
    atLeast({ id: 'ann.1', name: 'device-aware test accuracy, best epoch ("up to")', unit: '%', says: 'device-aware test accuracy, best epoch ("up to")', panel: ex.scenario.figure }, articlePct, pct(best(dev)), articlePct),
    atLeast({ id: 'ann.2', name: 'device-aware test accuracy with mitigations, best epoch', unit: '%', says: 'device-aware test accuracy with mitigations, best epoch', panel: ex.scenario.figure }, articlePct, pct(best(mit)), articlePct),
    figure('device-aware test accuracy, final epoch', '%', pct(last(dev))),
    figure('device-aware with mitigations, final epoch', '%', pct(last(mit))),
  ];
  if (fl) {
    metrics.push(
      figure('float baseline test accuracy, best epoch', '%', pct(best(fl))),
      figure('float baseline test accuracy, final epoch', '%', pct(last(fl))),
      figure('accuracy gap float - device-aware, final epoch', 'points', pct(last(fl) - last(dev))),
      figure('accuracy gap float - mitigated, final epoch', 'points', pct(last(fl) - last(mit))),
    );
    // The share is defined only when the devices lose accuracy against float.
    if (last(fl) > last(dev)) metrics.push(figure('share of the float - device-aware gap won back by mitigations, final epoch', '%', pct((last(mit) - last(dev)) / (last(fl) - last(dev)))));
  }
  metrics.push(
    figure('accuracy won back by mitigations, final epoch', 'points', pct(last(mit) - last(dev))),
    figure('accuracy won back by mitigations, best epoch', 'points', pct(best(mit) - best(dev))),
  );
  const w = prog.window;
  const sc = prog.scheme;
  const lastStep = w.ltpS[w.ltpS.length - 1] - w.ltpS[w.ltpS.length - 2];
  const notes = [
    ...ex.notes,
    `network: ${ex.train.features}-${cfg.hidden}-${C} (sigmoid hidden, softmax output, cross-entropy), minibatch ${train.batchSize}, learning rate ${train.learningRate}, ${ex.epochs} epochs; train ${ex.train.n} / test ${ex.test.n} samples`,
    `read protocol: every programming burst (E4 pulses ${sc.potentiateV} V / ${sc.depressV} V, ${sc.widthS * 1000} ms, ${sc.intervalS * 1000} ms apart) ends with a ${sc.readDelayS} s rest at 0 V stepped through the device model, then the weight is read; a read right after one LTP pulse from pristine would see ${fmtS(w.immediateStepS)} more, of which ${fmtS(w.ltpS[1] - w.ltpS[0])} lasts; what is still volatile at the read is at most ${(w.residueAtRead * 100).toFixed(2)} % of that lasting step`,
    `lasting window (${sc.pulsesFullRange} LTP pulses from pristine, each read after the rest): gMin ${fmtS(w.gMinS)}, gMax ${fmtS(w.gMaxS)}; LTP steps ${fmtS(w.ltpS[1] - w.ltpS[0])} first, ${fmtS(lastStep)} last; LTD steps from the top ${fmtS(w.ltdS[0] - w.ltdS[1])} first, ${fmtS(w.ltdS[w.ltdS.length - 2] - w.ltdS[w.ltdS.length - 1])} after ${sc.pulsesFullRange} (LTD shrinks toward gMin)`,
    `update scheme "${cfg.crossbar.scheme}"; device-aware = open-loop bursts of stochastically rounded nominal pulse counts; mitigations on = ${mitigationList()}`,
    ...stats,
  ];
  return finishScenario(ctx, ex.scenario, metrics, figures, { notes });
}

function mitigationList(): string {
  const parts: string[] = [];
  if (MITIGATIONS.accumulate) parts.push('mixed-precision accumulation of sub-pulse updates with the measured change taken off');
  if (MITIGATIONS.stepAware) parts.push('closed-loop (program and verify) bursts with pulse sizes from the lasting E4 curves');
  if (MITIGATIONS.refresh) parts.push('refresh of saturated pairs after every minibatch');
  return parts.join(' + ');
}

function best(r: readonly EpochResult[]): number {
  let b = 0;
  for (const x of r) if (x.epoch > 0 && x.testAccuracy > b) b = x.testAccuracy;
  return b;
}

function last(r: readonly EpochResult[]): number {
  return r[r.length - 1].testAccuracy;
}

function fmtS(g: number): string {
  return `${(g * 1e9).toPrecision(4)} nS`;
}
