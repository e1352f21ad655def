/**
 * E4 (Fig. 3b, S3): long-term potentiation and depression. Per cycle, 25
 * pulses of +3 V then 25 of -3 V (W = 50 ms, dt = 50 ms), 5 cycles (S3: 20,
 * `--set cycles=20`). The conductance is read after every pulse at the read
 * bias, at the end of the 50 ms interval (G = I_read / V_read, see
 * src/analysis/pulse-reads.ts). The article shows step-by-step LTP and LTD
 * that repeat well from cycle to cycle. "LTD" is depression, not forgetting:
 * after the last LTP train, the -3 V train is compared with the same time at
 * the read bias alone (a control run from the same state); the article's
 * LTD must remove at least 1.5 times what the control loses.
 *
 * Optional seeded cycle-to-cycle variation (variationPct > 0): every cycle
 * runs on a freshly drawn device (src/devices/variation.ts) continuing from
 * the state the previous cycle left.
 */
import { DEFAULT_DEVICE, compileDevice, devices } from '../../src/devices/registry.ts';
import { varyMose2 } from '../../src/devices/variation.ts';
import { Rng } from '../../src/kernel/rng.ts';
import { runLtpLtd, type LtpLtdOutputs, type LtpLtdResult } from '../../src/analysis/ltp-ltd.ts';
import { PULSE_COLUMNS, traceColumns } from '../../src/devices/drive.ts';
import type { CsvStream } from '../../src/record/csv-stream.ts';
import { relativeSpread } from '../../src/analysis/pulse-reads.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { article } from '../../src/devices/targets.ts';
import { atLeast, atMost, figure, holds, strictlyIncreasing } from '../../src/harness/metrics.ts';
import { CLAIM } from '../../src/devices/claims.ts';
import { LASTING_REST_S, depressionVersusControl, lastingFraction } from '../../src/devices/experiments-e4.ts';
import { LTD_CONTROL_MIN } from '../../src/devices/calibrate/objective.ts';
import { num } from '../../src/harness/params.ts';
import { csvStreams, finishScenario, writeSVG } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import type { ParamSpec, Params, RunContext, Scenario } from '../../src/harness/types.ts';
import { streamedRows } from '../../src/harness/estimate.ts';

/** "Cycles repeat well": relative std of the per-cycle Gmax and Gmin over the cycles after the first. */
const MAX_CYCLE_SPREAD = 0.05;

const p = article.ltpLtd;
export const ltpLtdParams: readonly ParamSpec[] = [
  { key: 'cycles', type: 'integer', default: p.cycles, min: 1, max: 1000, description: `LTP/LTD cycles (Fig. S3: ${p.cyclesLong})` },
  { key: 'pulses', type: 'integer', default: p.pulsesEach, min: 3, max: 10000, description: 'pulses per LTP train and per LTD train' },
  { key: 'potentiateV', type: 'number', default: p.potentiateV, unit: 'V', min: 0.2, max: 10, description: 'LTP pulse amplitude' },
  { key: 'depressV', type: 'number', default: p.depressV, unit: 'V', min: -10, max: -0.2, description: 'LTD pulse amplitude' },
  { key: 'widthS', type: 'number', default: p.widthS, unit: 's', min: 1e-4, max: 10, description: 'pulse width' },
  { key: 'intervalS', type: 'number', default: p.intervalS, unit: 's', min: 1e-4, max: 100, description: 'interval between pulses (read at its end)' },
  { key: 'readV', type: 'number', default: 0.1, unit: 'V', min: 0.01, max: 0.15, description: 'read bias between pulses (below the device threshold)' },
  { key: 'variationPct', type: 'number', default: 0, unit: '%', min: 0, max: 50, description: 'cycle-to-cycle lognormal spread of weights and rates (seeded)' },
];

/** Most points a chart draws (the overlay: over all its cycles); longer series are drawn every k-th point (the CSV has them all). */
const MAX_CHART_POINTS = 5_000;
const MAX_OVERLAY_POINTS = 5_000;
const OVERLAY_CYCLES = 10;
const TRACE_COLUMNS = traceColumns(compileDevice(DEFAULT_DEVICE)).length;

/** Runs the E4 protocol with the parameters of `ltpLtdParams` (tables kept, or streamed to `outputs`). */
export function runLtpLtdProtocol(params: Params, seed: number, outputs?: LtpLtdOutputs): LtpLtdResult {
  const variationPct = num(params, 'variationPct');
  const entry = devices.mose2;
  const base = compileDevice(DEFAULT_DEVICE);
  const rng = new Rng(seed);
  const deviceForCycle = variationPct > 0 ? () => entry.model.compile(varyMose2(entry.preset, rng, variationPct)) : () => base;
  return runLtpLtd(deviceForCycle, {
    potentiateV: num(params, 'potentiateV'),
    depressV: num(params, 'depressV'),
    widthS: num(params, 'widthS'),
    intervalS: num(params, 'intervalS'),
    ltpPulses: num(params, 'pulses'),
    ltdPulses: num(params, 'pulses'),
    cycles: num(params, 'cycles'),
    readV: num(params, 'readV'),
    sampleIntervalS: num(params, 'widthS') / 5,
  }, outputs);
}

export const CONDUCTANCE_COLUMNS = ['pulse', 'cycle', 'branch', 't_read_s', 'g_read_S'] as const;

/** Per-read row j: pulse number, cycle, branch (1 LTP, -1 LTD, 0 initial read), read time, G. */
function conductanceRow(r: LtpLtdResult, pulsesEach: number, j: number, out: Float64Array): Float64Array {
  const inCycle = (j - 1) % (2 * pulsesEach);
  out[0] = j;
  out[1] = j === 0 ? 1 : Math.floor((j - 1) / (2 * pulsesEach)) + 1;
  out[2] = j === 0 ? 0 : inCycle < pulsesEach ? 1 : -1;
  out[3] = r.readTimesS[j];
  out[4] = r.reads[j];
  return out;
}

/** Per-read table (conductance.csv, in memory). */
export function conductanceTable(r: LtpLtdResult, pulsesEach: number): ColumnTable {
  const t = new ColumnTable(CONDUCTANCE_COLUMNS, r.reads.length);
  const row = new Float64Array(CONDUCTANCE_COLUMNS.length);
  for (let j = 0; j < r.reads.length; j++) {
    conductanceRow(r, pulsesEach, j, row);
    const k = t.addRow();
    for (let c = 0; c < row.length; c++) t.set(k, c, row[c]);
  }
  return t;
}

function writeConductance(s: CsvStream, r: LtpLtdResult, pulsesEach: number): void {
  const row = new Float64Array(CONDUCTANCE_COLUMNS.length);
  for (let j = 0; j < r.reads.length; j++) s.row(conductanceRow(r, pulsesEach, j, row));
}

/** Every k-th index of 0..n-1 so that at most `max` remain: [k, count]. */
function thinning(n: number, max: number): [number, number] {
  const k = Math.max(1, Math.ceil(n / max));
  return [k, Math.ceil(n / k)];
}

export const fig3bLtpLtd: Scenario = {
  name: 'fig3b-ltp-ltd',
  experiment: 'E4',
  figure: 'Fig. 3b, S3',
  title: 'LTP/LTD: 25 pulses +3 V then 25 pulses -3 V, repeated',
  group: 'device',
  params: ltpLtdParams,
  estimate: (p) => {
    // Samples every widthS / 5 over every pulse period, two branches per cycle; streamed to trace.csv.
    const pulses = 2 * num(p, 'cycles') * num(p, 'pulses');
    const rows = pulses * ((num(p, 'widthS') + num(p, 'intervalS')) / (num(p, 'widthS') / 5) + 2);
    // Held: the reads (time, value and the per-cycle copies) of every pulse; one cycle's waveform and pulse rows.
    return streamedRows(rows, rows, TRACE_COLUMNS, 32 * pulses + 400 * 2 * num(p, 'pulses'));
  },
  async run(ctx: RunContext) {
    const n = num(ctx.params, 'pulses');
    const cycles = num(ctx.params, 'cycles');
    // trace.csv and pulses.csv are written as the run goes (one batch of trace rows and one cycle of pulses in memory).
    const streams = csvStreams(ctx);
    let r: LtpLtdResult;
    try {
      const trace = streams.csv('trace.csv', traceColumns(compileDevice(DEFAULT_DEVICE)));
      const pulses = streams.csv('pulses.csv', PULSE_COLUMNS);
      const conductance = streams.csv('conductance.csv', CONDUCTANCE_COLUMNS);
      ctx.progress.start('fig3b-ltp-ltd');
      r = runLtpLtdProtocol(ctx.params, ctx.seed, { trace, pulses, onCycle: (c) => ctx.progress.update(c / cycles) });
      writeConductance(conductance, r, n);
      streams.finish();
    } finally {
      streams.abort();
    }

    const ltpOk = r.cycles.filter((c) => strictlyIncreasing(c.ltp)).length;
    const later = cycles > 1 ? r.cycles.slice(1) : r.cycles;
    const gMax = later.map((c) => c.ltp[c.ltp.length - 1]);
    const gMin = later.map((c) => c.ltd[c.ltd.length - 1]);
    const sMax = relativeSpread(gMax);
    const sMin = relativeSpread(gMin);
    const first = r.cycles[0];
    // Device-level control and lasting fraction at the article's protocol (the preset device).
    const preset = compileDevice(DEFAULT_DEVICE);
    const control = depressionVersusControl(preset);
    const lasting = lastingFraction(preset);

    const [overlayEvery] = thinning((2 * n + 1) * Math.min(cycles, OVERLAY_CYCLES), MAX_OVERLAY_POINTS);
    const [every, shown] = thinning(r.reads.length, MAX_CHART_POINTS);
    const x = Array.from({ length: shown }, (_, j) => j * every);
    const y = x.map((j) => r.reads[j]);
    const figures = [
      writeSVG(
        ctx,
        'fig3b-ltp-ltd.svg',
        () => lineChart({
          title: `Conductance after each pulse (${num(ctx.params, 'potentiateV')} V / ${num(ctx.params, 'depressV')} V, ${cycles} cycles${every > 1 ? `; every ${every}th pulse shown` : ''})`,
          xLabel: 'pulse number',
          yLabel: `G read at ${num(ctx.params, 'readV')} V (nS)`,
          yScale: 1e9,
          series: [{ name: 'simulated', x, y, style: 'points' }],
        }),
      ),
      writeSVG(
        ctx,
        'fig3b-cycles-overlay.svg',
        () => lineChart({
          title: `Cycles overlaid${overlayEvery > 1 ? ` (every ${overlayEvery}th pulse shown)` : ''}`,
          xLabel: 'pulse number within the cycle',
          yLabel: 'G (nS)',
          yScale: 1e9,
          series: r.cycles.slice(0, OVERLAY_CYCLES).map((c, k) => {
            const xs = Array.from({ length: Math.ceil((c.ltp.length + c.ltd.length - 1) / overlayEvery) }, (_, j) => j * overlayEvery);
            const ys = xs.map((j) => (j < c.ltp.length ? c.ltp[j] : c.ltd[j - c.ltp.length + 1]));
            return { name: `cycle ${k + 1}`, x: xs, y: ys, style: 'both' as const };
          }),
        }),
      ),
    ];
    const metrics = [
      holds({ id: CLAIM.e4LtpSteps, name: 'LTP rises step by step: G increases with every +V pulse' }, `${ltpOk} of ${cycles} cycles`, ltpOk === cycles),
      atLeast(
        { id: CLAIM.e4LtdDepression, name: `LTD: fall over the ${n} -3 V pulses of cycle ${p.cycles} / fall over the same time at the read bias` },
        LTD_CONTROL_MIN,
        round(control.ratio, 3),
        LTD_CONTROL_MIN,
      ),
      atMost({ id: CLAIM.e4CyclesRepeat, name: `cycle-to-cycle spread of Gmax (rel. std, cycles ${cycles > 1 ? 2 : 1}-${cycles})`, unit: '%' }, null, round(sMax.relStd * 100, 2), MAX_CYCLE_SPREAD * 100),
      atMost({ id: CLAIM.e4CyclesRepeat, name: `cycle-to-cycle spread of Gmin (rel. std, cycles ${cycles > 1 ? 2 : 1}-${cycles})`, unit: '%' }, null, round(sMin.relStd * 100, 2), MAX_CYCLE_SPREAD * 100),
      figure(`LTD fall over cycle ${p.cycles}'s -3 V train`, 'nS', round(control.depressionFallS * 1e9, 4)),
      figure('fall over the same time at the read bias (control)', 'nS', round(control.controlFallS * 1e9, 4)),
      figure(`lasting fraction of the first LTP train's potentiation after a ${LASTING_REST_S} s rest`, '%', round(lasting * 100, 2)),
      figure('dynamic range Gmax / Gmin (mean over those cycles)', '', round(sMax.mean / sMin.mean, 3)),
      figure(`cycle 1: G after ${n} LTP pulses / G before`, '', round(first.ltp[n] / first.ltp[0], 3)),
      figure(`cycle 1: G after ${n} LTD pulses / G after LTP`, '', round(first.ltd[n] / first.ltd[0], 3)),
    ];
    ctx.progress.done();
    return finishScenario(ctx, fig3bLtpLtd, metrics, figures, {
      notes: [
        `Conductance read at ${num(ctx.params, 'readV')} V at the end of each ${num(ctx.params, 'intervalS') * 1000} ms interval, G = I_read / V_read (conductance.csv); the first read follows a lead-in of one interval at the read bias.`,
        `trace.csv sampled every ${(num(ctx.params, 'widthS') / 5) * 1000} ms and at every pulse edge.`,
      ],
    });
  },
};

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
