/**
 * Extension beyond the article: device-dynamics training. The weights are
 * differential pairs whose every programming pulse steps the calibrated
 * device model itself, and every burst ends with a 5 s rest before the read
 * (src/ann/programming.ts, crossbar.ts), so a weight is what lasts of the
 * potentiation (the lasting window), not the E4 pulse-read curve the article
 * trained on. Two networks: plain (open-loop bursts) and with mitigations
 * (mixed-precision accumulation, program-and-verify, refresh). Their rows are
 * figures, never claims: the article reports nothing of the kind.
 */
import { DEFAULT_DEVICE } from '../devices/registry.ts';
import type { Metric, RunContext } from '../harness/types.ts';
import type { UpdateScheme } from './crossbar.ts';
import type { Dataset } from './dataset.ts';
import { PulseProgrammer } from './programming.ts';
import { figure } from './rows.ts';
import { MITIGATIONS, buildNetwork, trainNetwork, type EpochResult, type NetworkConfig, type TrainConfig } from './train.ts';
import type { Tracker, TrainedCurve } from './experiment.ts';

export const EXTENSION_VARIANTS = ['device', 'mitigated'] as const;
export const EXTENSION_LABEL = { device: 'device dynamics (extension)', mitigated: 'device dynamics + mitigations (extension)' } as const;

export interface ExtensionOptions {
  readonly hidden: number;
  readonly wMaxFactor: number;
  readonly scheme: UpdateScheme;
  readonly c2cSigma: number;
  readonly d2dSigma: number;
  readonly readNoise: number;
  readonly levels: number;
}

export interface ExtensionResult {
  readonly curves: TrainedCurve[];
  readonly rows: Metric[];
  readonly notes: string[];
}

export function runExtension(
  ctx: RunContext,
  name: string,
  train: Dataset,
  test: Dataset,
  opts: ExtensionOptions,
  tcfg: TrainConfig,
  floatCurve: readonly EpochResult[] | null,
  tracker: (epochs: number) => Tracker,
): ExtensionResult {
  const cfg: NetworkConfig = {
    hidden: opts.hidden,
    wMaxFactor: opts.wMaxFactor,
    crossbar: { c2cSigma: opts.c2cSigma, d2dSigma: opts.d2dSigma, readNoise: opts.readNoise, levels: opts.levels, maxPulsesPerUpdate: 25, scheme: opts.scheme },
  };
  const prog = new PulseProgrammer(DEFAULT_DEVICE);
  const curves: TrainedCurve[] = [];
  const notes: string[] = [];
  for (const v of EXTENSION_VARIANTS) {
    const label = `${name} ${EXTENSION_LABEL[v]}`;
    ctx.progress.start(label);
    const net = buildNetwork(v, train.features, train.classes, cfg, prog, ctx.seed);
    const t = tracker(tcfg.epochs);
    const res = trainNetwork(net, train, test, tcfg, t.onEpoch, t.onBatch);
    const cm = new Uint32Array(train.classes * train.classes);
    net.mlp.evaluate(test, cm);
    curves.push({ variant: v, label: EXTENSION_LABEL[v], results: res, confusion: cm });
    ctx.progress.done(`best ${(best(res) * 100).toFixed(2)} %`);
    for (const c of net.crossbars) {
      notes.push(`${EXTENSION_LABEL[v]}, ${c.nIn} x ${c.nOut} pairs: ${c.stats.pulsesLtp} LTP and ${c.stats.pulsesLtd} LTD pulses, ${c.stats.saturated} refused at the window edge, ${c.stats.refreshes} refreshes`);
    }
  }
  const dev = curves[0].results;
  const mit = curves[1].results;
  const pct = (x: number): number => Number((x * 100).toFixed(2));
  // Figures (no verdict): the extension is not the article's method.
  const rows: Metric[] = [
    figure('extension, device dynamics: test accuracy, best epoch', '%', pct(best(dev))),
    figure('extension, device dynamics: test accuracy, final epoch', '%', pct(last(dev))),
    figure('extension, device dynamics + mitigations: test accuracy, best epoch', '%', pct(best(mit))),
    figure('extension, device dynamics + mitigations: test accuracy, final epoch', '%', pct(last(mit))),
    figure('extension: accuracy won back by mitigations, final epoch', 'points', pct(last(mit) - last(dev))),
  ];
  if (floatCurve && floatCurve.length === dev.length) {
    rows.push(figure('extension: accuracy gap float - device dynamics, final epoch', 'points', pct(last(floatCurve) - last(dev))));
  }
  const w = prog.window;
  const sc = prog.scheme;
  notes.unshift(
    `extension (device dynamics): every programming burst (${sc.potentiateV} V / ${sc.depressV} V, ${sc.widthS * 1000} ms, ${sc.intervalS * 1000} ms apart) steps the device model and ends with a ${sc.readDelayS} s rest before the read; lasting window ${fmtS(w.gMinS)} .. ${fmtS(w.gMaxS)}; update scheme "${opts.scheme}"; mitigations = ${MITIGATIONS.accumulate ? 'mixed-precision accumulation + ' : ''}${MITIGATIONS.stepAware ? 'program-and-verify bursts + ' : ''}${MITIGATIONS.refresh ? 'refresh of saturated pairs' : ''}; ${tcfg.epochs} epochs`,
  );
  return { curves, rows, notes };
}

export function best(r: readonly EpochResult[]): number {
  let b = 0;
  for (const x of r) if (x.epoch > 0 && x.testAccuracy > b) b = x.testAccuracy;
  return b;
}

export function bestEpoch(r: readonly EpochResult[]): number {
  const b = best(r);
  for (const x of r) if (x.epoch > 0 && x.testAccuracy === b) return x.epoch;
  return 0;
}

export function last(r: readonly EpochResult[]): number {
  return r[r.length - 1].testAccuracy;
}

export function fmtS(g: number): string {
  return `${(g * 1e9).toPrecision(4)} nS`;
}
