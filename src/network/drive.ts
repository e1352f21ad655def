/**
 * External drive on the engine: the edges of the description's stimuli and
 * stimulations added while the network runs (a touch on a receptor grid, a
 * stimulus turned up or down).
 *
 * A stimulation is one of
 *   - a drive pulse: `amplitude x scale_k` added to the drive of the listed
 *     neurons from startS to startS + widthS (addDrivePulse), on top of
 *     whatever the stimuli drive (contributions add, as between stimuli);
 *     where pulses overlap a neuron takes the one of largest magnitude (the
 *     first added among equals): pressing twice presses no harder;
 *   - a gain: from atS on, description stimulus k's levels are multiplied by
 *     `factor` (scaleStimulus; 1 = as described), the drive jumping at atS.
 * Both enter as kernel events of one kind, `net.stimulation` (phase
 * stimulus), one event per distinct edge time; the handler applies every
 * stimulation edge due at that time in the order the stimulations were added
 * (pulse start before its end).
 *
 * Tie rule (what makes a stimulation added during the run equal to the same
 * one added before it starts): a stimulation edge's effect is ordered by its
 * time, its phase, then the order of addition, never by when it was added,
 * provided (a) it is added while the kernel has not yet reached its time
 * (every edge strictly after `kernel.now`: checked) and (b) no stimulus edge
 * of the description falls at the same time (`stimulusEdgeAt`; the live
 * server picks times that avoid them). Under (b) the only other events of
 * phase stimulus at that instant are source spikes, which touch only source
 * neurons (a stimulation refuses source populations) and schedule nothing of
 * phase spike, so their order with a stimulation changes nothing. Other
 * phases order by phase. The stimulation's own kernel event exists from its
 * addition on; the burst loop looks only at events due at the current
 * instant, which by (a) exist in both cases. Hence a replay that adds the
 * whole log before the run gives the live run's spikes bit for bit.
 */
import { Phase } from '../kernel/index.ts';
import type { Population } from './build.ts';
import { NetworkCore } from './core.ts';
import type { CompiledStimulus } from './stimulus.ts';

/** A drive pulse on neurons of one population (local indices; scales default to 1). */
export interface DrivePulse {
  readonly population: string;
  readonly neurons: ArrayLike<number>;
  readonly scales?: ArrayLike<number>;
  readonly amplitude: number;
  readonly startS: number;
  readonly widthS: number;
}

interface PulseRec {
  readonly p: Population;
  readonly neurons: Int32Array;
  readonly scales: Float64Array;
  readonly amplitude: number;
  readonly startS: number;
  readonly endS: number;
  readonly order: number;
  /** Neuron -> its drive a x scale. */
  readonly at: Map<number, number>;
}

/** One pending stimulation edge: pulse start/end, or a gain change. */
interface Edge {
  readonly tS: number;
  readonly order: number;
  readonly pulse: PulseRec | null;
  readonly start: boolean;
  /** Gain edges: description stimulus index and factor. */
  readonly stimulus: number;
  readonly factor: number;
}

export abstract class DriveNetwork extends NetworkCore {
  /** Per neuron: drive added by stimulations (null until the first). */
  protected extra: Float64Array | null = null;
  private active: Int32Array | null = null;
  /** Per compiled stimulus: its gain (null until the first gain change) and its last edge applied. */
  protected gains: Float64Array | null = null;
  protected readonly lastEdge: Int32Array;
  /** Per description stimulus: its compiled stimuli [first, end). */
  private readonly compiledOf: Int32Array;
  private readonly kStim: number;
  private pending: Edge[] = [];
  /** Pulses added and not yet ended, in order of addition. */
  private pulsesOn: PulseRec[] = [];
  private pulsesAll: PulseRec[] = [];
  private readonly eventAt = new Set<number>();
  private order = 0;
  private edgeTimes: Float64Array | null = null;
  /** Stimulations added so far. */
  stimulations = 0;

  constructor(...args: ConstructorParameters<typeof NetworkCore>) {
    super(...args);
    this.lastEdge = new Int32Array(this.stimuli.length).fill(-1);
    const descs = this.description.stimuli ?? [];
    this.compiledOf = new Int32Array(descs.length + 1);
    let c = 0;
    descs.forEach((d, k) => {
      this.compiledOf[k] = c;
      c += d.kind === 'per-neuron' ? d.waveforms.length : 1;
    });
    this.compiledOf[descs.length] = c;
    this.kStim = this.kernel.registerKind('net.stimulation', Phase.stimulus, (_s, _e, t) => this.onStimulation(t));
  }

  /** Whether an edge of the description's stimuli falls at tS (a stimulation avoids those times: see the tie rule). */
  stimulusEdgeAt(tS: number): boolean {
    if (this.edgeTimes === null) {
      let n = 0;
      for (const st of this.stimuli) n += st.edgeTimesS.length;
      const all = new Float64Array(n);
      let k = 0;
      for (const st of this.stimuli) all.set(st.edgeTimesS, k), (k += st.edgeTimesS.length);
      this.edgeTimes = all.sort();
    }
    const a = this.edgeTimes;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid] < tS) lo = mid + 1;
      else hi = mid;
    }
    return lo < a.length && a[lo] === tS;
  }

  /**
   * Bounds [lo, hi] of the drive neurons of `population` may take over
   * [fromS, toS]: the description's stimuli (at their gains, or `factor` for
   * description stimulus `scaled`), added, plus the stimulation pulses
   * (one at a time) and an optional new pulse amplitude. An upper side bound,
   * for checking a stimulation before it is added.
   */
  driveBounds(population: string, neurons: ArrayLike<number>, fromS: number, toS: number, extraAmplitude = 0, scaled = -1, factor = 1): [number, number] {
    const p = this.populations.find((x) => x.name === population);
    if (!p) throw new Error(`network: unknown population "${population}"`);
    const lo = new Map<number, number>();
    const hi = new Map<number, number>();
    for (let k = 0; k < neurons.length; k++) lo.set(neurons[k], 0), hi.set(neurons[k], 0);
    this.stimuli.forEach((st, s) => {
      if (st.population !== p.index) return;
      const own = scaled >= 0 && s >= this.compiledOf[scaled] && s < this.compiledOf[scaled + 1];
      const gain = own ? factor : this.gains === null ? 1 : this.gains[s];
      let a = Infinity;
      let b = -Infinity;
      const take = (v: number): void => void ((a = Math.min(a, v)), (b = Math.max(b, v)));
      const times = st.edgeTimesS;
      let e = -1;
      while (e + 1 < times.length && times[e + 1] <= fromS) e++;
      take(e >= 0 ? st.levels[e] * gain : 0);
      for (let q = e + 1; q < times.length && times[q] <= toS; q++) take(st.levels[q] * gain);
      st.neurons.forEach((i, k) => {
        if (!lo.has(i)) return;
        const u = st.scales[k] * a;
        const w = st.scales[k] * b;
        lo.set(i, lo.get(i)! + Math.min(u, w));
        hi.set(i, hi.get(i)! + Math.max(u, w));
      });
    });
    let L = Infinity;
    let H = -Infinity;
    for (const i of lo.keys()) {
      let xl = Math.min(0, extraAmplitude);
      let xh = Math.max(0, extraAmplitude);
      for (const q of this.pulsesAll) {
        const v = q.p === p && q.endS > fromS && q.startS <= toS && q.endS > this.kernel.now ? q.at.get(i) : undefined;
        if (v !== undefined) (xl = Math.min(xl, v)), (xh = Math.max(xh, v));
      }
      L = Math.min(L, lo.get(i)! + xl);
      H = Math.max(H, hi.get(i)! + xh);
    }
    return [L, H];
  }

  /** Adds a drive pulse (see the file comment); its start must lie after the kernel's present time. */
  addDrivePulse(d: DrivePulse): void {
    const p = this.populations.find((x) => x.name === d.population);
    if (!p) throw new Error(`network: stimulation: unknown population "${d.population}"; known: ${this.populations.map((x) => x.name).join(', ')}`);
    if (p.model.sourceNext !== undefined) throw new Error(`network: stimulation: population "${p.name}" is a spike source; it takes no drive`);
    if (!Number.isFinite(d.amplitude)) throw new Error(`network: stimulation: amplitude must be finite, got ${d.amplitude}`);
    if (!(d.widthS > 0) || !Number.isFinite(d.widthS)) throw new Error(`network: stimulation: widthS must be > 0, got ${d.widthS}`);
    this.checkTime(d.startS);
    const neurons = Int32Array.from(d.neurons);
    const scales = d.scales ? Float64Array.from(d.scales) : new Float64Array(neurons.length).fill(1);
    if (scales.length !== neurons.length) throw new Error(`network: stimulation: ${scales.length} scales for ${neurons.length} neurons`);
    for (const i of neurons) if (!(i >= 0 && i < p.size)) throw new Error(`network: stimulation: neuron ${i} is outside population "${p.name}" (size ${p.size})`);
    for (const s of scales) if (!Number.isFinite(s)) throw new Error(`network: stimulation: scales must be finite`);
    if (this.extra === null) {
      this.extra = new Float64Array(this.neuronCount);
      this.active = new Int32Array(this.neuronCount);
    }
    const order = this.order++;
    const at = new Map<number, number>();
    neurons.forEach((i, k) => at.set(i, d.amplitude * scales[k]));
    const rec: PulseRec = { p, neurons, scales, amplitude: d.amplitude, startS: d.startS, endS: d.startS + d.widthS, order, at };
    this.pulsesAll.push(rec);
    this.push({ tS: d.startS, order, pulse: rec, start: true, stimulus: -1, factor: 0 });
    this.push({ tS: rec.endS, order, pulse: rec, start: false, stimulus: -1, factor: 0 });
    this.stimulations++;
  }

  /** From atS on, description stimulus `index`'s levels are multiplied by factor (1 = as described). */
  scaleStimulus(index: number, factor: number, atS: number): void {
    const n = this.compiledOf.length - 1;
    if (!Number.isInteger(index) || index < 0 || index >= n) throw new Error(`network: stimulation: no stimulus ${index} (the description has ${n})`);
    if (!Number.isFinite(factor)) throw new Error(`network: stimulation: factor must be finite, got ${factor}`);
    this.checkTime(atS);
    if (this.gains === null) this.gains = new Float64Array(this.stimuli.length).fill(1);
    this.push({ tS: atS, order: this.order++, pulse: null, start: true, stimulus: index, factor });
    this.stimulations++;
  }

  private checkTime(tS: number): void {
    if (!Number.isFinite(tS) || tS < 0) throw new Error(`network: stimulation: time must be a finite number >= 0 s, got ${tS}`);
    if (this.started && !(tS > this.kernel.now)) throw new Error(`network: stimulation at ${tS} s is not after the present simulated time ${this.kernel.now} s`);
  }

  private push(e: Edge): void {
    const a = this.pending;
    let k = a.length;
    while (k > 0 && (a[k - 1].tS > e.tS || (a[k - 1].tS === e.tS && (a[k - 1].order > e.order || (a[k - 1].order === e.order && !a[k - 1].start))))) k--;
    a.splice(k, 0, e);
    if (e.tS <= this.durationS && !this.eventAt.has(e.tS)) {
      this.eventAt.add(e.tS);
      this.kernel.schedule(e.tS, this.kStim, 0, 0);
    }
  }

  /** Every stimulation edge due at t, in order of addition. */
  private onStimulation(t: number): void {
    this.eventAt.delete(t);
    let k = 0;
    const a = this.pending;
    while (k < a.length && a[k].tS === t) {
      const e = a[k++];
      if (e.pulse !== null) this.pulseEdge(e.pulse, e.start, t);
      else this.gainEdge(e.stimulus, e.factor, t);
    }
    a.splice(0, k);
    this.arm();
  }

  private pulseEdge(r: PulseRec, start: boolean, t: number): void {
    const p = r.p;
    const extra = this.extra!;
    const active = this.active!;
    const untilS = start ? r.endS : this.durationS;
    if (start) this.pulsesOn.push(r);
    else this.pulsesOn.splice(this.pulsesOn.indexOf(r), 1);
    let prev = -1;
    for (let k = 0; k < r.neurons.length; k++) {
      const i = r.neurons[k];
      const g = p.offset + i;
      if (start) {
        active[g]++;
        const v = r.amplitude * r.scales[k];
        if (active[g] === 1 || Math.abs(v) > Math.abs(extra[g])) extra[g] = v;
      } else if (--active[g] === 0) extra[g] = 0;
      else {
        // The largest of the pulses still on (the first among equals).
        let best = 0;
        let found = false;
        for (const q of this.pulsesOn) {
          const v = q.p === p ? q.at.get(i) : undefined;
          if (v !== undefined && (!found || Math.abs(v) > Math.abs(best))) (best = v), (found = true);
        }
        extra[g] = best;
      }
      this.driveNeuron(p, i, g, p.drive[i], t, untilS, prev);
      prev = i;
    }
    const b = this.blocks[p.index];
    if (b !== null) this.crossings.set(this.neuronCount + p.index, b.topTime(t));
  }

  private gainEdge(index: number, factor: number, t: number): void {
    const gains = this.gains!;
    for (let s = this.compiledOf[index]; s < this.compiledOf[index + 1]; s++) {
      const st = this.stimuli[s];
      const p = this.populations[st.population];
      const e = this.lastEdge[s];
      const level = e >= 0 ? st.levels[e] : 0;
      const old = gains[s];
      gains[s] = factor;
      const untilS = e + 1 < st.edgeTimesS.length ? st.edgeTimesS[e + 1] : this.durationS;
      let prev = -1;
      for (let k = 0; k < st.neurons.length; k++) {
        const i = st.neurons[k];
        const g = p.offset + i;
        const d = this.coverCount[g] === 1 ? st.scales[k] * (level * factor) : p.drive[i] + st.scales[k] * (level * factor - level * old);
        p.drive[i] = d;
        this.driveNeuron(p, i, g, d, t, untilS > t ? untilS : t + 1, prev);
        prev = i;
      }
      const b = this.blocks[p.index];
      if (b !== null) this.crossings.set(this.neuronCount + p.index, b.topTime(t));
    }
  }

  /** Neuron i of p (global g) takes stimulus drive d (plus its stimulation drive) at t; bursts run to untilS. */
  private driveNeuron(p: Population, i: number, g: number, d: number, t: number, untilS: number, prev: number): void {
    const x = this.extra === null ? 0 : this.extra[g];
    const total = x === 0 ? d : d + x;
    const b = this.blocks[p.index];
    if (b !== null) {
      b.setDrive(i, total, t);
      return;
    }
    const onset = this.driveVer !== null && p.model.onsetDelay !== undefined;
    const br = this.bursts[p.index];
    if (br !== null) {
      br.bring(i, g, t, this.crossings.time[g], true);
      const wasAbove = onset && p.model.onsetAbove!(p.state, i);
      p.model.setDrive(p.state, i, total);
      this.ver[g]++;
      this.crossings.set(g, br.start(i, t, untilS, prev));
      if (this.stateCode !== null && p.model.stateCode !== undefined) this.checkCode(p, i, g, t);
      if (onset) this.predictOnset(p, i, g, t, wasAbove);
      return;
    }
    this.bring(p, i, g, t);
    const wasAbove = onset && p.model.onsetAbove!(p.state, i);
    p.model.setDrive(p.state, i, total);
    this.predict(p, i, g, t);
    if (onset) this.predictOnset(p, i, g, t, wasAbove);
  }

  /** Edge e of stimulus s at t: the drive of its neurons changes, each is brought to t first. */
  protected onStimulus(s: number, e: number, t: number): void {
    const st = this.stimuli[s];
    const p = this.populations[st.population];
    const gain = this.gains === null ? 1 : this.gains[s];
    const level = st.levels[e] * gain;
    const prev = e > 0 ? st.levels[e - 1] * gain : 0;
    const extra = this.extra;
    this.lastEdge[s] = e;
    const b = this.blocks[p.index];
    if (this.bursts[p.index] !== null) this.stimulusBursts(st, s, e, t);
    else for (let k = 0; k < st.neurons.length; k++) {
      const i = st.neurons[k];
      const g = p.offset + i;
      const d = this.coverCount[g] === 1 ? st.scales[k] * level : p.drive[i] + st.scales[k] * (level - prev);
      p.drive[i] = d;
      const x = extra === null ? 0 : extra[g];
      if (b !== null) {
        b.setDrive(i, x === 0 ? d : d + x, t);
        continue;
      }
      this.bring(p, i, g, t);
      const w = this.pulseOf !== null && this.pulses!.stimulus[this.pulseOf[g]] === s ? this.pulseOf[g] : -1;
      if (w >= 0) this.pulses!.beforeEdge(w, t, p.state[i * p.model.stride + this.pulses!.variable[w]]);
      const onset = this.driveVer !== null && p.model.onsetDelay !== undefined;
      const wasAbove = onset && p.model.onsetAbove!(p.state, i);
      p.model.setDrive(p.state, i, x === 0 ? d : d + x);
      if (w >= 0) this.pulses!.afterEdge(w, t, p.state[i * p.model.stride + this.pulses!.variable[w]]);
      this.predict(p, i, g, t);
      if (onset) this.predictOnset(p, i, g, t, wasAbove);
    }
    if (b !== null) this.crossings.set(this.neuronCount + p.index, b.topTime(t));
    if (e + 1 < st.edgeTimesS.length) this.kernel.schedule(st.edgeTimesS[e + 1], this.kStimulus, s, e + 1);
    this.arm();
  }

  /**
   * Edge e of stimulus s at t on a population run burst by burst: each
   * neuron brought to t, its drive set, its burst to the stimulus's next edge
   * computed, or copied from the neuron before it in the stimulus when their
   * rows are bit-identical.
   */
  protected stimulusBursts(st: CompiledStimulus, s: number, e: number, t: number): void {
    const p = this.populations[st.population];
    const br = this.bursts[p.index]!;
    const gain = this.gains === null ? 1 : this.gains[s];
    const level = st.levels[e] * gain;
    const prevLevel = e > 0 ? st.levels[e - 1] * gain : 0;
    const next = e + 1 < st.edgeTimesS.length ? st.edgeTimesS[e + 1] : this.durationS;
    const untilS = next > t ? next : t + 1;
    const onset = this.driveVer !== null && p.model.onsetDelay !== undefined;
    const codes = this.stateCode !== null && p.model.stateCode !== undefined;
    const extra = this.extra;
    let prev = -1;
    for (let k = 0; k < st.neurons.length; k++) {
      const i = st.neurons[k];
      const g = p.offset + i;
      const alone = this.coverCount[g] === 1;
      const d = alone ? st.scales[k] * level : p.drive[i] + st.scales[k] * (level - prevLevel);
      p.drive[i] = d;
      const x = extra === null ? 0 : extra[g];
      br.bring(i, g, t, this.crossings.time[g], true);
      const wasAbove = onset && p.model.onsetAbove!(p.state, i);
      p.model.setDrive(p.state, i, x === 0 ? d : d + x);
      this.ver[g]++;
      this.crossings.set(g, br.start(i, t, untilS, prev));
      prev = i;
      if (codes) this.checkCode(p, i, g, t);
      if (onset) this.predictOnset(p, i, g, t, wasAbove);
    }
  }
}
