/**
 * Skin patch: a sheet of memristive nociceptors (default 16 x 16) on the
 * network layer. A noxious spot injures the middle of the patch: every
 * receptor within `spotRadius` of the centre gets one 7 V pulse, longest at
 * the centre (noxiousWidthS) and shorter towards the rim (down to
 * minNoxiousWidthS), like a burn that lasted longest where it was hottest.
 * After a rest, gentle touch (the innocuous 2 V train of E11) is applied to
 * the whole patch. Expected, from the nociceptor's physics (spec, "Nociceptor
 * behaviour"; Duan et al., Fig. 5d,e): touch is painful only where the skin
 * was injured (allodynia confined to the spot, after an incubation time that
 * is shortest at the centre), and once touch stops the allodynia fades
 * (recovery).
 *
 * Since a wider noxious pulse gives a shorter incubation (E13), pain under
 * touch starts at the centre and spreads to the rim.
 *
 * Regions: inside = receptors within `spotRadius` of the centre (injured);
 * ring = up to 2 radii; outside = beyond.
 */
import { NOXIOUS_REST_S } from '../../src/devices/experiments.ts';
import { article } from '../../src/devices/targets.ts';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { liveWithThreshold } from '../../src/network/index.ts';
import { circuitNetwork, inStateDuring, stateCountOverTime } from './shared.ts';
import { StreamedNetworkOutputs } from '../../src/harness/stream-outputs.ts';
import { RasterKeep } from '../../src/sinks/raster-keep.ts';
import type { SpikeTally } from '../../src/sinks/spike-tally.ts';
import { ALLODYNIA, HYPERALGESIA, RECOVERY, SENSITISATION_STATES } from '../../src/neurons/nociceptor-state.ts';
import { heatmap } from '../../src/report/heatmap.ts';
import { raster } from '../../src/report/raster.ts';
import { lineChart } from '../../src/report/svg.ts';
import { figure } from '../../src/harness/metrics.ts';
import { finishScenario, writeSVG, writeTable, type OutputTarget } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { networkRun } from '../../src/harness/estimate.ts';

export interface SkinPatchTiming {
  readonly injuryStartS: number;
  readonly injuryEndS: number;
  readonly touchStartS: number;
  readonly touchEndS: number;
  /** End of the main window (live view, raster). */
  readonly windowS: number;
  /** End of the simulation: the window plus the recovery tail when asked. */
  readonly durationS: number;
}

export function skinPatchTiming(params: Params, withRecovery = false): SkinPatchTiming {
  const injuryStartS = 1;
  const injuryEndS = injuryStartS + Math.max(num(params, 'noxiousWidthS'), num(params, 'minNoxiousWidthS'));
  const touchStartS = injuryEndS + num(params, 'restS');
  const period = article.innocuous.widthS + article.innocuous.intervalS;
  const touchEndS = touchStartS + Math.round(num(params, 'touchS') / period) * period;
  const windowS = Math.max(num(params, 'durationS'), touchEndS);
  const durationS = windowS + (withRecovery ? num(params, 'recoveryS') : 0);
  return { injuryStartS, injuryEndS, touchStartS, touchEndS, windowS, durationS };
}

/** Distance (grid units) of receptor i from the spot centre. */
export function spotDistance(params: Params, i: number): number {
  const w = num(params, 'gridWidth');
  const h = num(params, 'gridHeight');
  const x = i % w;
  const y = Math.floor(i / w);
  return Math.hypot(x - (w - 1) / 2, y - (h - 1) / 2);
}

/** circuits/skin-patch.json with the scenario's parameters (the file holds the defaults). */
export function skinPatchNetwork(params: Params, seed: number, withRecovery = false): NetworkDescription {
  const w = num(params, 'gridWidth');
  const h = num(params, 'gridHeight');
  const t = skinPatchTiming(params, withRecovery);
  const count = Math.round((t.touchEndS - t.touchStartS) / (article.innocuous.widthS + article.innocuous.intervalS));
  const centre = Math.floor(h / 2) * w + Math.floor(w / 2);
  return circuitNetwork('skin-patch', [
    ['durationS', t.durationS],
    ['seed', seed],
    ['populations.skin.size', w * h],
    ['populations.skin.grid', { width: w, height: h }],
    // The periodic sensitisation check; the recovery tail uses a coarser one (setCheckInterval).
    ['populations.skin.params', { thresholdA: num(params, 'thresholdNA') * 1e-9, checkIntervalS: num(params, 'checkIntervalS') }],
    ['stimuli.injury.cx', (w - 1) / 2],
    ['stimuli.injury.cy', (h - 1) / 2],
    ['stimuli.injury.radius', num(params, 'spotRadius')],
    ['stimuli.injury.amplitudeV', num(params, 'noxiousV')],
    ['stimuli.injury.startS', t.injuryStartS],
    ['stimuli.injury.widthS', num(params, 'noxiousWidthS')],
    ['stimuli.injury.rimWidthS', num(params, 'minNoxiousWidthS')],
    ['stimuli.touch.waveform', { kind: 'pulse-train', amplitudeV: num(params, 'touchV'), widthS: article.innocuous.widthS, intervalS: article.innocuous.intervalS, count, startS: t.touchStartS, readV: 0 }],
    // The recovery run has no probes: hours of samples would say nothing new.
    ['probes', withRecovery ? [] : [{ kind: 'neuron', population: 'skin', neurons: [centre, 0], variable: 'i_A', intervalS: num(params, 'probeIntervalS') }]],
    ['protocol.phases', [{ name: 'injury', startS: t.injuryStartS, endS: t.injuryEndS }, { name: 'touch', startS: t.touchStartS, endS: t.touchEndS }]],
  ]);
}

export const skinPatch: Scenario = {
  name: 'skin-patch',
  experiment: 'circuit',
  figure: '',
  title: 'Skin patch of nociceptors: injury, then touch; allodynia confined to the injured spot, then recovery',
  group: 'circuit',
  params: [
    { key: 'gridWidth', type: 'integer', default: 16, min: 2, max: 128, description: 'receptors across' },
    { key: 'gridHeight', type: 'integer', default: 16, min: 2, max: 128, description: 'receptors down' },
    { key: 'spotRadius', type: 'number', default: 4.5, unit: 'receptors', min: 0.5, max: 64, description: 'radius of the noxious spot' },
    { key: 'noxiousV', type: 'number', default: article.noxiousV, unit: 'V', min: 0.5, max: 12, description: 'noxious pulse amplitude' },
    { key: 'noxiousWidthS', type: 'number', default: 2, unit: 's', min: 0.05, max: 30, description: 'noxious pulse width at the spot centre' },
    { key: 'minNoxiousWidthS', type: 'number', default: 0.5, unit: 's', min: 0.05, max: 30, description: 'noxious pulse width at the rim of the spot' },
    { key: 'restS', type: 'number', default: NOXIOUS_REST_S, unit: 's', min: 0, max: 600, description: 'rest between injury and touch' },
    { key: 'touchV', type: 'number', default: article.innocuous.amplitudeV, unit: 'V', min: 0.2, max: 12, description: 'gentle touch (innocuous) pulse amplitude' },
    { key: 'touchS', type: 'number', default: 50, unit: 's', min: 1, max: 3600, description: 'how long the whole patch is touched' },
    { key: 'durationS', type: 'number', default: 120, unit: 's', min: 1, max: 7200, description: 'main window: simulated time of the live view and the raster' },
    { key: 'recoveryS', type: 'number', default: 14400, unit: 's', min: 0, max: 1e6, description: 'further time followed after the window for recovery (run only)' },
    { key: 'recoveryCheckS', type: 'number', default: 10, unit: 's', min: 0.1, max: 3600, description: 'sensitisation check interval during the recovery tail' },
    { key: 'thresholdNA', type: 'number', default: article.painThresholdA * 1e9, unit: 'nA', min: 1, max: 1e5, description: 'pain threshold I_nox' },
    { key: 'checkIntervalS', type: 'number', default: 0.25, unit: 's', min: 0.01, max: 10, description: 'periodic sensitisation check interval' },
    { key: 'probeIntervalS', type: 'number', default: 0.05, unit: 's', min: 0.001, max: 10, description: 'current probe sample interval' },
  ],
  estimate: (p) => {
    const cells = num(p, 'gridWidth') * num(p, 'gridHeight');
    const windowS = Math.max(num(p, 'durationS'), num(p, 'touchS') + num(p, 'noxiousWidthS') + num(p, 'restS'));
    const checks = windowS / num(p, 'checkIntervalS') + num(p, 'recoveryS') / num(p, 'recoveryCheckS');
    const rows = (4 * windowS) / num(p, 'probeIntervalS') + cells * 4;
    return networkRun(cells, 4096, cells * checks, rows, 4);
  },
  async run(ctx) {
    const p = ctx.params;
    const w = num(p, 'gridWidth');
    const h = num(p, 'gridHeight');
    const n = w * h;
    const r0 = num(p, 'spotRadius');
    const t = skinPatchTiming(p, true);
    // The window with current probes (what the live view shows): its samples kept, its spikes only for the raster ...
    const rasterW = new RasterKeep(n, 0, t.windowS);
    const recW = new SpikeRecorder(null, { spikes: [rasterW] });
    // ... and the same patch followed for hours, probes off, for recovery: spikes.csv and states.csv written as it runs.
    const streamed = new StreamedNetworkOutputs(ctx, { neurons: n, durationS: t.durationS, windows: [{ fromS: t.touchStartS, toS: t.touchEndS }], files: { samples: false } });
    try {
      ctx.progress.start('skin-patch');
      const win = new Network(skinPatchNetwork(p, ctx.seed));
      win.attach(recW);
      win.run();
      recW.flush();
      ctx.progress.update(0.3);
      const net = new Network(skinPatchNetwork(p, ctx.seed, true));
      net.attach(streamed.rec);
      net.run(t.windowS);
      net.setCheckInterval('skin', num(p, 'recoveryCheckS'));
      const slices = 20;
      for (let s = 1; s <= slices; s++) {
        net.run(t.windowS + ((t.durationS - t.windowS) * s) / slices);
        ctx.progress.update(0.3 + (0.7 * s) / slices);
      }
      streamed.finish();
    } finally {
      streamed.abort();
    }
    writeTable(ctx, 'probes.csv', recW.samples);
    const rec = { stateChanges: streamed.states };
    const touched = streamed.tally;

    const region = new Uint8Array(n); // 0 inside the spot, 1 ring, 2 outside
    for (let i = 0; i < n; i++) {
      const d = spotDistance(p, i);
      region[i] = d <= r0 ? 0 : d <= 2 * r0 ? 1 : 2;
    }
    const allodynic = inStateDuring(rec.stateChanges, 0, n, ALLODYNIA, t.touchStartS, t.touchEndS);
    const byRegion = [0, 0, 0];
    const sizes = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      sizes[region[i]]++;
      if (allodynic[i]) byRegion[region[i]]++;
    }
    // Sensitised at any time of the window (any state but normal), by region: touch alone must not sensitise.
    const sensitisedByRegion = [0, 0, 0];
    const everSensitised = new Uint8Array(n);
    for (const code of [ALLODYNIA, HYPERALGESIA, RECOVERY]) {
      const hit = inStateDuring(rec.stateChanges, 0, n, code, 0, t.windowS);
      for (let i = 0; i < n; i++) if (hit[i]) everSensitised[i] = 1;
    }
    for (let i = 0; i < n; i++) if (everSensitised[i]) sensitisedByRegion[region[i]]++;
    const hyperBeforeTouch = inStateDuring(rec.stateChanges, 0, n, HYPERALGESIA, t.injuryEndS, t.touchStartS);
    let hyperInside = 0;
    for (let i = 0; i < n; i++) if (region[i] === 0 && hyperBeforeTouch[i]) hyperInside++;
    // First pain spike of each receptor while touched (s after touch start).
    const onset = touched.firstInWindowOf(0, 0, n).map((x) => x - t.touchStartS);
    let centreOnset = Infinity;
    let rimOnset = -Infinity;
    let dMin = Infinity;
    let dMax = -Infinity;
    for (let i = 0; i < n; i++) {
      if (region[i] !== 0 || Number.isNaN(onset[i])) continue;
      const d = spotDistance(p, i);
      if (d < dMin) [dMin, centreOnset] = [d, onset[i]];
      if (d > dMax) [dMax, rimOnset] = [d, onset[i]];
    }
    // State counts over time: fine in the window, coarse in the recovery tail.
    const grid: number[] = [];
    const dc = num(p, 'checkIntervalS');
    for (let k = 0; k * dc <= t.windowS; k++) grid.push(k * dc);
    const dr = num(p, 'recoveryCheckS');
    for (let k = 1; t.windowS + k * dr <= t.durationS; k++) grid.push(t.windowS + k * dr);
    const perState = SENSITISATION_STATES.map((_, c) => stateCountOverTime(rec.stateChanges, 0, n, c, grid));
    const counts = new ColumnTable(['t_s', ...SENSITISATION_STATES], grid.length);
    grid.forEach((tt, k) => {
      const r = counts.addRow();
      counts.set(r, 0, tt);
      perState.forEach((c, j) => counts.set(r, j + 1, c[k]));
    });
    writeTable(ctx, 'state-counts.csv', counts);
    const allo = perState[ALLODYNIA];
    let peak = 0;
    let peakAt = NaN;
    grid.forEach((tt, k) => {
      if (tt >= t.touchStartS && tt <= t.touchEndS && allo[k] > peak) [peak, peakAt] = [allo[k], tt - t.touchStartS];
    });
    const firstAfter = (pred: (k: number) => boolean): number => {
      for (let k = 0; k < grid.length; k++) if (grid[k] >= t.touchEndS && pred(k)) return grid[k] - t.touchEndS;
      return Infinity;
    };
    const allodyniaGoneS = firstAfter((k) => allo[k] === 0);
    const allNormalS = firstAfter((k) => perState[0][k] === n);
    const figures = skinPatchFigures(ctx, { p, t, n, w, h, r0, touched, rasterW, recW, onset, grid, perState });
    ctx.progress.done();
    const metrics = [
      figure('allodynic receptors inside the spot while touched', 'receptors', byRegion[0]),
      figure('allodynic receptors in the ring (1-2 radii) while touched', 'receptors', byRegion[1]),
      figure('allodynic receptors outside the ring while touched', 'receptors', byRegion[2], `of ${sizes[2]}`),
      figure('hyperalgesic receptors inside the spot before touch', 'receptors', hyperInside, `of ${sizes[0]}`),
      figure('receptors sensitised in the ring / outside it (window)', 'receptors', `${sensitisedByRegion[1]} of ${sizes[1]} / ${sensitisedByRegion[2]} of ${sizes[2]}`),
      figure('peak allodynic count while touched', 'receptors', peak),
      figure('time of the peak after touch start', 's', peakAt),
      figure('first pain spike after touch start, centre / rim of the spot', 's', `${round(centreOnset)} / ${round(rimOnset)}`),
      figure('time after touch until no receptor is allodynic', 's', allodyniaGoneS),
      figure('time after touch until every receptor is normal', 's', allNormalS),
    ];
    return finishScenario(ctx, skinPatch, metrics, figures, {
      notes: [
        `Timing: noxious spot ${t.injuryStartS}-${t.injuryEndS} s (centre), touch ${t.touchStartS}-${t.touchEndS} s, window ${t.windowS} s, recovery followed to ${t.durationS} s.`,
        ...(rasterW.binned ? [`The raster shows one tick per occupied cell of ${rasterW.timeBins} time bins x receptor rows (more than ${rasterW.limit} spikes in the window).`] : []),
        `Regions: ${sizes[0]} receptors inside the spot radius, ${sizes[1]} in the ring, ${sizes[2]} outside.`,
        `states.csv codes: ${SENSITISATION_STATES.map((s, i) => `${i} = ${s}`).join(', ')}; probes.csv: channel 0 the centre receptor's current, 1 a corner receptor's (window run).`,
        'Touch alone raises the noxious spike response of uninjured receptors too (the slow component potentiates under 2 V, the gradual growth of E11): by about 30-46 % after 60 s, below the hyperalgesia margin (60 %); about ten minutes of continuous touch would reach it.',
      ],
    });
  },
  live(params, seed) {
    return liveWithThreshold(new Network(skinPatchNetwork(params, seed)), num(params, 'thresholdNA') * 1e-9);
  },
};

interface FigureInput {
  p: Params;
  t: SkinPatchTiming;
  n: number;
  w: number;
  h: number;
  r0: number;
  /** Spikes per receptor while touched (window 0). */
  touched: SpikeTally;
  rasterW: RasterKeep;
  recW: SpikeRecorder;
  onset: Float64Array;
  grid: number[];
  perState: Float64Array[];
}

function skinPatchFigures(to: OutputTarget, f: FigureInput): string[] {
  const { t, n, w, h, recW } = f;
  const shown = f.rasterW.spikes();
  const thA = num(f.p, 'thresholdNA') * 1e-9;
  const spot = { cx: (w - 1) / 2, cy: (h - 1) / 2, r: f.r0, label: 'noxious spot' };
  const [pt, pv] = recW.probe(0);
  const [qt, qv] = recW.probe(1);
  const inWindow = f.grid.filter((x) => x <= t.windowS).length;
  const minutes = f.grid.map((x) => x / 60);
  return [
    writeSVG(to, 'skin-patch-allodynia-map.svg', heatmap({ title: 'First pain spike under touch (s after touch start; grey: none)', width: w, height: h, values: f.onset, colorLabel: 'onset (s)', palette: 'heat', circles: [spot] })),
    writeSVG(to, 'skin-patch-spike-map.svg', heatmap({ title: 'Spikes per receptor while touched', width: w, height: h, values: Float64Array.from(f.touched.countsInWindow(0, 0, n)), colorLabel: 'spikes', circles: [spot] })),
    writeSVG(
      to,
      'skin-patch-allodynic-count.svg',
      lineChart({
        title: 'Receptors by sensitisation state (window)',
        xLabel: 'time (s)',
        yLabel: 'receptors',
        series: SENSITISATION_STATES.map((name, c) => ({ name, x: f.grid.slice(0, inWindow), y: f.perState[c].slice(0, inWindow) })),
      }),
    ),
    writeSVG(
      to,
      'skin-patch-recovery.svg',
      lineChart({ title: 'Recovery: receptors by state over hours', xLabel: 'time (min)', yLabel: 'receptors', series: SENSITISATION_STATES.map((name, c) => ({ name, x: minutes, y: f.perState[c] })) }),
    ),
    writeSVG(
      to,
      'skin-patch-currents.svg',
      lineChart({
        title: 'Device current: spot centre vs patch corner',
        xLabel: 'time (s)',
        yLabel: 'current (nA)',
        yScale: 1e9,
        series: [
          { name: 'centre', x: pt, y: pv },
          { name: 'corner', x: qt, y: qv },
        ],
        hLines: [{ y: thA, label: 'I_nox', color: '#d62728' }],
      }),
    ),
    writeSVG(
      to,
      'skin-patch-raster.svg',
      raster({
        title: 'Skin patch spikes (row = receptor y * width + x)',
        timesS: shown.timesS,
        neurons: shown.neurons,
        rows: n,
        xDomain: [0, t.windowS],
        groups: [{ name: 'nociceptors', first: 0, count: n, color: '#d62728' }],
        spans: [
          { from: t.injuryStartS, to: t.injuryEndS, label: 'noxious spot', color: '#ff9896' },
          { from: t.touchStartS, to: t.touchEndS, label: 'touch', color: '#c7e9c0' },
        ],
      }),
    ),
  ];
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

