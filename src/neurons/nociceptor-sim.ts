/**
 * A population of memristive nociceptors under piecewise-constant stimulus
 * voltages, on the event kernel. Each neuron has its own waveform; only its
 * edges, its own spikes and threshold onsets, the periodic sensitisation check
 * and probe samples are events, so neurons are visited only when something
 * happens to them. Spike and onset predictions carry a version number and are
 * ignored once a stimulus edge has made them stale.
 *
 * Event kinds and phases (ties at one instant: the kernel's (time, phase, seq)):
 *   edge   (stimulus)  neuron's stimulus changes; state checked
 *   spike  (spike)     predicted phase crossing: spike, phase reset
 *   onset  (spike)     predicted rise of the current above I_nox; state checked
 *   check  (record)    every checkIntervalS: all neurons brought forward and checked
 *   sample (record)    every sampleIntervalS: probe currents to trace and sink
 */
import { Kernel, Phase } from '../kernel/index.ts';
import { ColumnTable } from '../record/table.ts';
import type { Waveform } from '../protocols/waveform.ts';
import type { LiveSimulation, LiveSink, ProbeInfo } from '../harness/types.ts';
import type { CompiledNociceptors } from './nociceptor.ts';
import { SENSITISATION_STATES, SensitisationTracker, type SensitisationParams } from './nociceptor-state.ts';

export interface NociceptorSimSpec {
  readonly neurons: CompiledNociceptors;
  /** Distinct stimulus waveforms. */
  readonly waveforms: readonly Waveform[];
  /** Per neuron: index into `waveforms`. */
  readonly stimulusOf: ArrayLike<number>;
  readonly durationS: number;
  /** Neurons whose current is traced and streamed as probes. */
  readonly probes?: readonly number[];
  /** Names of the probes (default "nociceptor <i>"). */
  readonly probeNames?: readonly string[];
  /** Trace sample interval (s); 0: edges only. */
  readonly sampleIntervalS?: number;
  readonly sensitisation?: Partial<SensitisationParams>;
  /** Keep the trace table (default true). */
  readonly recordTrace?: boolean;
  readonly grid?: { readonly width: number; readonly height: number };
}

export const SPIKE_COLUMNS = ['t_s', 'neuron'] as const;
/** Per probe and pulse, like the device's pulses.csv, plus the neuron and its spikes during the pulse. */
export const NOCI_PULSE_COLUMNS = ['index', 't_start_s', 'width_s', 'v_V', 'i_start_A', 'i_end_A', 'i_peak_A', 'g_end_S', 'neuron', 'spikes'] as const;

export class NociceptorSim {
  readonly kernel = new Kernel();
  readonly neurons: CompiledNociceptors;
  readonly state: Float64Array;
  readonly tracker: SensitisationTracker;
  readonly durationS: number;
  readonly spikes = new ColumnTable([...SPIKE_COLUMNS], 4096);
  /** Rises of the current above I_nox: t_s,neuron. */
  readonly onsets = new ColumnTable(['t_s', 'neuron'], 256);
  readonly trace: ColumnTable;
  readonly pulses = new ColumnTable([...NOCI_PULSE_COLUMNS], 256);
  readonly probes: readonly number[];
  readonly probeInfo: readonly ProbeInfo[];
  /** Spikes emitted so far, per neuron. */
  readonly spikeCount: Float64Array;
  private readonly waveforms: readonly Waveform[];
  private readonly stimulusOf: Int32Array;
  private readonly tLast: Float64Array;
  /** Bumped at every spike and drive change: spike predictions carry it. */
  private readonly version: Float64Array;
  /** Bumped at every drive change only: onset predictions carry it. */
  private readonly driveVersion: Float64Array;
  private readonly probeSlot: Int32Array;
  private readonly pulseRow: Int32Array;
  private readonly nextPulse: Int32Array;
  private readonly pulseSpikes0: Float64Array;
  private readonly kEdge: number;
  private readonly kSpike: number;
  private readonly kOnset: number;
  private readonly kCheck: number;
  private readonly kSample: number;
  private readonly sampleIntervalS: number;
  private readonly recordTrace: boolean;
  private sink: LiveSink | null = null;
  private readonly grid?: { readonly width: number; readonly height: number };

  constructor(spec: NociceptorSimSpec) {
    const n = spec.neurons.size;
    this.neurons = spec.neurons;
    if (spec.stimulusOf.length !== n) throw new Error(`nociceptor sim: stimulusOf has ${spec.stimulusOf.length} entries, expected one per neuron (${n})`);
    if (!(spec.durationS > 0 && Number.isFinite(spec.durationS))) throw new Error(`nociceptor sim: durationS must be a finite number > 0 (s), got ${spec.durationS}`);
    this.durationS = spec.durationS;
    this.waveforms = spec.waveforms;
    this.stimulusOf = Int32Array.from(spec.stimulusOf);
    this.stimulusOf.forEach((w, i) => {
      if (!(w >= 0 && w < spec.waveforms.length)) throw new Error(`nociceptor sim: neuron ${i} refers to waveform ${w}; have ${spec.waveforms.length}`);
    });
    this.state = new Float64Array(n * spec.neurons.stride);
    for (let i = 0; i < n; i++) spec.neurons.init(this.state, i);
    this.tracker = new SensitisationTracker(spec.neurons, spec.sensitisation);
    this.tracker.listener = (t, i, from, to) => this.sink?.stateChange(t, i, from, to);
    this.tLast = new Float64Array(n);
    this.version = new Float64Array(n);
    this.driveVersion = new Float64Array(n);
    this.spikeCount = new Float64Array(n);
    this.probes = spec.probes ?? [];
    this.probes.forEach((p) => {
      if (!(Number.isInteger(p) && p >= 0 && p < n)) throw new Error(`nociceptor sim: probe ${p} is not a neuron index (0..${n - 1})`);
    });
    this.probeInfo = this.probes.map((p, k) => ({
      name: spec.probeNames?.[k] ?? `nociceptor ${p} current`,
      unit: 'A',
      threshold: spec.neurons.law.thresholdA,
    }));
    this.probeSlot = new Int32Array(n).fill(-1);
    this.probes.forEach((p, k) => (this.probeSlot[p] = k));
    this.pulseRow = new Int32Array(this.probes.length).fill(-1);
    this.nextPulse = new Int32Array(this.probes.length);
    this.pulseSpikes0 = new Float64Array(this.probes.length);
    this.sampleIntervalS = spec.sampleIntervalS ?? 0;
    this.recordTrace = spec.recordTrace ?? true;
    this.grid = spec.grid;
    const single = this.probes.length === 1;
    const cols = ['t_s'];
    for (const p of this.probes) {
      const pre = single ? '' : `n${p}_`;
      cols.push(`${pre}v_V`, `${pre}i_A`, `${pre}g_S`, `${pre}rate_Hz`);
    }
    this.trace = new ColumnTable(cols, 1024);

    const k = this.kernel;
    this.kEdge = k.registerKind('stimulus-edge', Phase.stimulus, (i, edge, t) => this.onEdge(i, edge, t));
    this.kSpike = k.registerKind('nociceptor-spike', Phase.spike, (i, ver, t) => this.onSpike(i, ver, t));
    this.kOnset = k.registerKind('nociceptor-onset', Phase.spike, (i, ver, t) => this.onOnset(i, ver, t));
    this.kCheck = k.registerKind('sensitisation-check', Phase.record, (j, _p, t) => this.onCheck(j, t));
    this.kSample = k.registerKind('probe-sample', Phase.record, (j, _p, t) => this.onSample(j, t));
    for (let i = 0; i < n; i++) {
      const w = this.waveforms[this.stimulusOf[i]];
      if (w.edgeTimesS.length > 0) k.schedule(w.edgeTimesS[0], this.kEdge, i, 0);
    }
    const dc = this.tracker.params.checkIntervalS;
    if (dc <= this.durationS) k.schedule(dc, this.kCheck, 1);
    if (this.sampleIntervalS > 0 && this.probes.length > 0) k.schedule(0, this.kSample, 0);
  }

  /** Brings neuron i to time t. */
  private bring(i: number, t: number): void {
    const dt = t - this.tLast[i];
    if (dt > 0) this.neurons.advance(this.state, i, dt);
    this.tLast[i] = t;
  }

  /** Predicts neuron i's next spike and onset under its present drive. */
  private predict(i: number, t: number): void {
    const ver = ++this.version[i];
    const dver = ++this.driveVersion[i];
    const d = this.neurons.nextSpikeDelay(this.state, i);
    if (t + d <= this.durationS) this.kernel.schedule(t + d, this.kSpike, i, ver);
    if (this.neurons.currentA(this.state, i) <= this.neurons.law.thresholdA) {
      const o = this.neurons.onsetDelay(this.state, i);
      if (o > 0 && t + o <= this.durationS) this.kernel.schedule(t + o, this.kOnset, i, dver);
    }
  }

  private onEdge(i: number, edge: number, t: number): void {
    this.bring(i, t);
    const slot = this.probeSlot[i];
    if (slot >= 0) this.traceRow(t);
    const w = this.waveforms[this.stimulusOf[i]];
    if (slot >= 0) this.closePulse(slot, i, t);
    const wasAbove = this.neurons.currentA(this.state, i) > this.neurons.law.thresholdA;
    this.neurons.setDrive(this.state, i, w.levelsV[edge]);
    if (slot >= 0) {
      this.openPulse(slot, i, t, w);
      this.traceRow(t);
    }
    this.tracker.check(this.state, i, t);
    // A step up can put the current above I_nox at the edge itself: that is an onset too.
    if (!wasAbove && this.neurons.currentA(this.state, i) > this.neurons.law.thresholdA) this.recordOnset(i, t);
    this.predict(i, t);
    if (edge + 1 < w.edgeTimesS.length && w.edgeTimesS[edge + 1] <= this.durationS) {
      this.kernel.schedule(w.edgeTimesS[edge + 1], this.kEdge, i, edge + 1);
    }
  }

  private onSpike(i: number, ver: number, t: number): void {
    if (ver !== this.version[i]) return;
    this.bring(i, t);
    this.neurons.fire(this.state, i);
    this.spikeCount[i]++;
    const r = this.spikes.addRow();
    this.spikes.set(r, 0, t);
    this.spikes.set(r, 1, i);
    this.sink?.spike(t, i);
    const ver2 = ++this.version[i];
    const d = this.neurons.nextSpikeDelay(this.state, i);
    if (t + d <= this.durationS) this.kernel.schedule(t + d, this.kSpike, i, ver2);
  }

  private recordOnset(i: number, t: number): void {
    const r = this.onsets.addRow();
    this.onsets.set(r, 0, t);
    this.onsets.set(r, 1, i);
  }

  private onOnset(i: number, ver: number, t: number): void {
    if (ver !== this.driveVersion[i]) return;
    this.bring(i, t);
    this.recordOnset(i, t);
    this.tracker.check(this.state, i, t);
  }

  private onCheck(j: number, t: number): void {
    const n = this.neurons.size;
    for (let i = 0; i < n; i++) {
      this.bring(i, t);
      this.tracker.check(this.state, i, t);
    }
    const next = (j + 1) * this.tracker.params.checkIntervalS;
    if (next <= this.durationS) this.kernel.schedule(next, this.kCheck, j + 1);
  }

  private onSample(j: number, t: number): void {
    for (let k = 0; k < this.probes.length; k++) {
      const i = this.probes[k];
      this.bring(i, t);
      this.sink?.sample(t, k, this.neurons.currentA(this.state, i));
      this.updatePeak(k, i);
    }
    if (this.recordTrace) this.traceRow(t);
    const next = (j + 1) * this.sampleIntervalS;
    if (next <= this.durationS) this.kernel.schedule(next, this.kSample, j + 1);
  }

  private traceRow(t: number): void {
    if (!this.recordTrace) return;
    const r = this.trace.addRow();
    this.trace.set(r, 0, t);
    let c = 1;
    const probes = this.probes;
    for (let k = 0; k < probes.length; k++) {
      const i = probes[k];
      this.bring(i, t);
      this.trace.set(r, c++, this.neurons.driveV(this.state, i));
      this.trace.set(r, c++, this.neurons.currentA(this.state, i));
      this.trace.set(r, c++, this.neurons.device.conductance(this.state, this.neurons.deviceOffset(i)));
      this.trace.set(r, c++, this.neurons.rateHz(this.state, i));
    }
  }

  private openPulse(slot: number, i: number, t: number, w: Waveform): void {
    const p = w.pulses[this.nextPulse[slot]];
    if (p === undefined || p.tStartS !== t) return;
    this.nextPulse[slot]++;
    const r = this.pulses.addRow();
    const i0 = this.neurons.currentA(this.state, i);
    const tab = this.pulses;
    tab.set(r, 0, p.index);
    tab.set(r, 1, p.tStartS);
    tab.set(r, 2, p.widthS);
    tab.set(r, 3, p.vV);
    tab.set(r, 4, i0);
    tab.set(r, 5, NaN);
    tab.set(r, 6, i0);
    tab.set(r, 7, NaN);
    tab.set(r, 8, i);
    tab.set(r, 9, 0);
    this.pulseRow[slot] = r;
    this.pulseSpikes0[slot] = this.spikeCount[i];
  }

  private updatePeak(slot: number, i: number): void {
    const r = this.pulseRow[slot];
    if (r < 0) return;
    const cur = this.neurons.currentA(this.state, i);
    if (cur > this.pulses.get(r, 6)) this.pulses.set(r, 6, cur);
  }

  private closePulse(slot: number, i: number, t: number): void {
    const r = this.pulseRow[slot];
    if (r < 0) return;
    if (t < this.pulses.get(r, 1) + this.pulses.get(r, 2) - 1e-12) return;
    this.updatePeak(slot, i);
    this.pulses.set(r, 5, this.neurons.currentA(this.state, i));
    this.pulses.set(r, 7, this.neurons.device.conductance(this.state, this.neurons.deviceOffset(i)));
    this.pulses.set(r, 9, this.spikeCount[i] - this.pulseSpikes0[slot]);
    this.pulseRow[slot] = -1;
  }

  attach(sink: LiveSink): void {
    this.sink = sink;
  }

  /** Runs to the end (or untilS), in slices reporting progress; closes open pulses at the end. */
  run(untilS = this.durationS, onProgress?: (fraction: number) => void): void {
    const slices = onProgress ? 20 : 1;
    for (let s = 1; s <= slices; s++) {
      this.kernel.run((untilS * s) / slices);
      onProgress?.(s / slices);
    }
    if (untilS >= this.durationS) this.finish();
  }

  /**
   * Brings every neuron to tS (at or after the last event handled, before the
   * next one), so its device state can be probed, e.g. with the tracker's
   * reference responses. The device advances exactly, so this changes nothing
   * that follows.
   */
  settle(tS: number): void {
    for (let i = 0; i < this.neurons.size; i++) this.bring(i, tS);
  }

  /** Brings every neuron to the end time and closes probe pulses. */
  finish(): void {
    const t = this.durationS;
    for (let i = 0; i < this.neurons.size; i++) this.bring(i, t);
    for (let k = 0; k < this.probes.length; k++) this.closePulse(k, this.probes[k], t);
    this.traceRow(t);
  }

  /** This simulation as a live simulation for the viewer. */
  live(): LiveSimulation {
    return {
      kernel: this.kernel,
      durationS: this.durationS,
      neurons: this.neurons.size,
      probes: this.probeInfo,
      stateNames: SENSITISATION_STATES,
      grid: this.grid,
      attach: (sink) => this.attach(sink),
    };
  }
}
