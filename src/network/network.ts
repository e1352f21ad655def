/**
 * The network runtime: a validated description compiled into flat typed
 * arrays and run on the event kernel.
 *
 * Event kinds (registered once per network; handlers allocate nothing):
 *   net.stimulus  (phase stimulus)  edge e of stimulus s: drive of its neurons changes
 *   net.deliver   (phase delivery)  spike of pre neuron i arrives through projection p
 *   net.spike     (phase spike)     the earliest predicted threshold crossing (heap top)
 *   net.probe     (phase record)    sample k of probe channel c at start + k * interval
 *   net.onset     (phase spike)     predicted onset of neuron g (models with onsetDelay)
 *   net.check     (phase record)    periodic state check k of population p (models with checkIntervalS)
 *   net.pulses    (phase record)    sample k of per-pulse probe q (peak of its pulses)
 *
 * Neurons are brought forward lazily (lastT) when an event touches them; after
 * each change their next crossing is predicted in closed form. Predictions
 * live in an indexed heap (crossings.ts), one entry per neuron, and one kernel
 * event is armed at its top time. Lazy invalidation: every change bumps
 * ver[g]; a prediction replaces the heap key only if it is earlier; when the
 * top is reached, the neuron fires at once if its state has not changed since
 * the prediction (predVer[g] === ver[g]), otherwise its crossing is
 * recomputed from the current state (it fires if at threshold, else its key
 * moves later). Same-time crossings fire in ascending neuron index.
 *
 * Onsets (e.g. a nociceptor's current rising above I_nox) depend on the drive
 * only: they are predicted at stimulus edges, carry the drive version
 * (driveVer[g]) and are dropped when an edge has made them stale; a step up
 * that puts the neuron above at the edge itself is an onset at the edge.
 */
import { Kernel, Phase } from '../kernel/index.ts';
import type { LiveSink } from '../sinks/types.ts';
import type { NetworkDescription } from './description.ts';
import { buildPopulations, buildProjections, deliveryGroups, type DeliveryGroups, type Population, type Projection } from './build.ts';
import { compileStimuli, type CompiledStimulus } from './stimulus.ts';
import { validateNetwork } from './validate.ts';
import { buildProbes, buildPulseTables, sampleNeuron, type ProbeChannel } from './probes.ts';
import type { PulseTables } from './pulses.ts';
import type { ColumnTable } from '../record/table.ts';
import { CrossingHeap } from './crossings.ts';
import { LifBlock } from './lif-block.ts';

export type { Population, Projection };

export type SpikeListener = (tS: number, neuron: number) => void;
/** Called at each onset (time, global neuron index). */
export type OnsetListener = SpikeListener;

const NULL_SINK: LiveSink = { spike() {}, sample() {}, stateChange() {} };

export class Network {
  readonly kernel: Kernel;
  readonly description: NetworkDescription;
  readonly populations: readonly Population[];
  readonly projections: readonly Projection[];
  readonly probes: readonly ProbeChannel[];
  readonly neuronCount: number;
  readonly durationS: number;
  /** Spikes emitted and synaptic events delivered so far. */
  spikeCount = 0;
  synapticEvents = 0;
  private sink: LiveSink = NULL_SINK;
  private readonly listeners: SpikeListener[] = [];
  private readonly onsetListeners: OnsetListener[] = [];
  /** Per neuron: drive version carried by onset predictions (null without onset models). */
  private readonly driveVer: Float64Array | null;
  /** Per population: check interval (s) and the time ticks count from. */
  private readonly checkS: Float64Array;
  private readonly checkFromS: Float64Array;
  private readonly checkLastS: Float64Array;
  private readonly checkK: Float64Array;
  private readonly checkVer: Float64Array;
  private readonly pulses: PulseTables | null;
  /** Per neuron: its per-pulse watch, or -1 (null without per-pulse probes). */
  private readonly pulseOf: Int32Array | null;
  /** Probed neurons: slot of their sample copy (or -1), the copies and what each refers to. */
  private readonly copySlot: Int32Array;
  private readonly copies: Float64Array;
  private readonly copyStride: number;
  private readonly copyT: Float64Array;
  private readonly copyLastT: Float64Array;
  private readonly copyVer: Float64Array;
  private readonly kOnset: number;
  private readonly kCheck: number;
  private readonly kPulses: number;
  private readonly popOf: Int32Array;
  private readonly lastT: Float64Array;
  /** Keys: neuron g's crossing time, and at n + population index a LIF block's earliest crossing. */
  private readonly crossings: CrossingHeap;
  /** Per population: its time-invariant LIF block (lif-block.ts), or null for the generic path. */
  private readonly blocks: (LifBlock | null)[];
  private readonly ver: Float64Array;
  private readonly predVer: Float64Array;
  /** Time and version of the armed crossing event. */
  private armedT = Infinity;
  private armVer = 0;
  private readonly stateCode: Int32Array | null;
  private readonly coverCount: Int32Array;
  private readonly delivery: DeliveryGroups;
  private readonly stimuli: CompiledStimulus[];
  private readonly scratch: Float64Array;
  private readonly keep: Float64Array;
  private readonly kSpike: number;
  private readonly kDeliver: number;
  private readonly kStimulus: number;
  private readonly kProbe: number;
  private started = false;

  constructor(desc: NetworkDescription, kernel = new Kernel()) {
    validateNetwork(desc);
    this.description = desc;
    this.kernel = kernel;
    this.durationS = desc.durationS;
    this.populations = buildPopulations(desc);
    const last = this.populations[this.populations.length - 1];
    this.neuronCount = last ? last.offset + last.size : 0;
    const n = this.neuronCount;
    this.popOf = new Int32Array(n);
    for (const p of this.populations) this.popOf.fill(p.index, p.offset, p.offset + p.size);
    this.lastT = new Float64Array(n);
    this.crossings = new CrossingHeap(n + this.populations.length);
    this.blocks = this.populations.map((p) => {
      // The block runs the closed form alone: a model adding state codes or checks runs neuron by neuron.
      const m = p.model;
      const plain = m.lifBlock !== undefined && m.stateCode === undefined && m.checkIntervalS === undefined && m.onsetDelay === undefined;
      return plain ? new LifBlock(p.size, m.lifBlock!) : null;
    });
    this.ver = new Float64Array(n);
    this.predVer = new Float64Array(n).fill(-1);
    this.coverCount = new Int32Array(n);
    this.scratch = new Float64Array(Math.max(1, ...this.populations.map((p) => p.model.stride)));
    this.keep = new Float64Array(this.scratch.length);
    this.stateCode = this.populations.some((p) => p.model.stateCode) ? new Int32Array(n) : null;
    if (this.stateCode) {
      for (const p of this.populations) {
        if (p.model.stateCode) for (let i = 0; i < p.size; i++) this.stateCode[p.offset + i] = p.model.stateCode(p.state, i);
      }
    }

    const popByName = new Map(this.populations.map((p) => [p.name, p]));
    this.projections = buildProjections(desc, popByName);
    this.delivery = deliveryGroups(this.populations, this.projections);

    this.stimuli = compileStimuli(
      desc.stimuli ?? [],
      (name) => popByName.get(name)!.index,
      (k) => this.populations[k].size,
      (k) => this.populations[k].grid,
    );
    for (const st of this.stimuli) {
      const off = this.populations[st.population].offset;
      for (let j = 0; j < st.neurons.length; j++) this.coverCount[off + st.neurons[j]]++;
    }
    this.probes = buildProbes(desc, this.populations, this.projections);
    this.pulses = buildPulseTables(desc, this.populations, this.stimuli);
    if (this.pulses !== null) {
      this.pulseOf = new Int32Array(n).fill(-1);
      this.pulses.neuron.forEach((g, w) => (this.pulseOf![g] = w));
    } else this.pulseOf = null;
    this.copySlot = new Int32Array(n).fill(-1);
    let slots = 0;
    const probed = (g: number): void => {
      if (this.copySlot[g] < 0) this.copySlot[g] = slots++;
    };
    for (const ch of this.probes) if (ch.population !== null && this.blocks[ch.population.index] === null) probed(ch.population.offset + ch.index);
    if (this.pulses !== null) this.pulses.neuron.forEach(probed);
    this.copyStride = this.scratch.length;
    this.copies = new Float64Array(slots * this.copyStride);
    this.copyT = new Float64Array(slots).fill(NaN);
    this.copyLastT = new Float64Array(slots);
    this.copyVer = new Float64Array(slots);
    this.driveVer = this.populations.some((p) => p.model.onsetDelay) ? new Float64Array(n) : null;
    this.checkS = Float64Array.from(this.populations, (p) => (p.model.stateCode && p.model.checkIntervalS! > 0 ? p.model.checkIntervalS! : 0));
    this.checkFromS = new Float64Array(this.populations.length);
    this.checkLastS = new Float64Array(this.populations.length);
    this.checkK = new Float64Array(this.populations.length);
    this.checkVer = new Float64Array(this.populations.length);

    this.kSpike = kernel.registerKind('net.spike', Phase.spike, (_, v, t) => this.onCrossing(v, t));
    this.kDeliver = kernel.registerKind('net.deliver', Phase.delivery, (i, p, t) => this.onDeliver(i, p, t));
    this.kStimulus = kernel.registerKind('net.stimulus', Phase.stimulus, (s, e, t) => this.onStimulus(s, e, t));
    this.kProbe = kernel.registerKind('net.probe', Phase.record, (c, k, t) => this.onProbe(c, k, t));
    this.kOnset = kernel.registerKind('net.onset', Phase.spike, (g, v, t) => this.onOnset(g, v, t));
    this.kCheck = kernel.registerKind('net.check', Phase.record, (p, k, t) => this.onCheck(p, k, t));
    this.kPulses = kernel.registerKind('net.pulses', Phase.record, (q, k, t) => this.onPulseSample(q, k, t));
  }

  /** Called synchronously at every onset (t, global neuron index); register at build time. */
  addOnsetListener(fn: OnsetListener): void {
    this.onsetListeners.push(fn);
  }

  /** The per-pulse table (rows in pulse-start order), or null without per-pulse probes. */
  get pulseTable(): ColumnTable | null {
    return this.pulses?.table ?? null;
  }

  /**
   * Sets the periodic check interval of population `name` (e.g. coarse during
   * a long recovery): the pending tick is dropped and ticks count anew from
   * the last one (or the start).
   */
  setCheckInterval(name: string, intervalS: number): void {
    const p = this.population(name);
    const k = p.index;
    if (!(intervalS > 0)) throw new Error(`network: check interval must be > 0 s, got ${intervalS}`);
    if (this.checkS[k] === 0) throw new Error(`network: population "${name}" has no periodic check`);
    this.checkS[k] = intervalS;
    if (!this.started) return;
    this.checkVer[k]++;
    this.checkFromS[k] = this.checkLastS[k];
    this.checkK[k] = 0;
    this.scheduleCheck(k);
  }

  /**
   * Brings every neuron run neuron by neuron forward to tS (not before its
   * last event), so its state can be read; exact, changes nothing that follows.
   */
  settle(tS: number): void {
    for (const p of this.populations) {
      if (this.blocks[p.index] !== null) continue;
      for (let i = 0; i < p.size; i++) this.bring(p, i, p.offset + i, tS);
    }
  }

  /** Sets where spikes, samples and state changes go (default: nowhere). */
  attach(sink: LiveSink): void {
    this.sink = sink;
  }

  /** Called synchronously at every spike (t, global neuron index); register at build time. */
  addSpikeListener(fn: SpikeListener): void {
    this.listeners.push(fn);
  }

  population(name: string): Population {
    const p = this.populations.find((x) => x.name === name);
    if (!p) throw new Error(`network: unknown population "${name}"; known: ${this.populations.map((x) => x.name).join(', ')}`);
    return p;
  }

  projection(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new Error(`network: unknown projection "${name}"; known: ${this.projections.map((x) => x.name).join(', ')}`);
    return p;
  }

  /** Schedules the initial events (first predictions, stimulus edges, probes at t = now). Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const t0 = this.kernel.now;
    this.lastT.fill(t0);
    this.stimuli.forEach((st, s) => {
      if (st.edgeTimesS.length > 0) this.kernel.schedule(Math.max(t0, st.edgeTimesS[0]), this.kStimulus, s, 0);
    });
    for (const p of this.populations) {
      const b = this.blocks[p.index];
      if (b !== null) {
        b.start(p.state, t0);
        this.crossings.set(this.neuronCount + p.index, b.topTime(t0));
      } else for (let i = 0; i < p.size; i++) this.predict(p, i, p.offset + i, t0);
    }
    this.arm();
    this.probes.forEach((ch, c) => {
      if (ch.startS >= t0) this.kernel.schedule(ch.startS, this.kProbe, c, 0);
    });
    this.checkS.forEach((dt, k) => {
      this.checkFromS[k] = t0;
      this.checkLastS[k] = t0;
      if (dt > 0) this.scheduleCheck(k);
    });
    if (this.pulses !== null) this.kernel.schedule(t0, this.kPulses, 0, 0);
  }

  /** Runs to untilS (default: the description's durationS). */
  run(untilS = this.durationS, maxEvents = Infinity): ReturnType<Kernel['run']> {
    this.start();
    const stop = this.kernel.run(untilS, maxEvents);
    // LIF blocks hold their own form; population.state shows V at the stop time.
    for (const p of this.populations) this.blocks[p.index]?.writeState(p.state, this.kernel.now);
    if (this.pulses !== null && this.kernel.now >= this.durationS) this.closePulses(this.durationS);
    return stop;
  }

  /** Brings neuron i of p forward to t (exact free evolution). */
  private bring(p: Population, i: number, g: number, t: number): void {
    const dt = t - this.lastT[g];
    if (dt > 0) {
      p.model.advance(p.state, i, dt);
      this.lastT[g] = t;
    }
  }

  /** The state of neuron g changed at t: new version; an earlier prediction replaces the key. */
  private predict(p: Population, i: number, g: number, t: number): void {
    const v = ++this.ver[g];
    const tn = t + p.model.nextSpikeDelay(p.state, i, this.crossings.time[g] - t);
    if (tn < this.crossings.time[g]) {
      this.crossings.set(g, tn);
      this.predVer[g] = v;
    }
    if (this.stateCode !== null && p.model.stateCode) this.checkCode(p, i, g, t);
  }

  /** Keeps one kernel event at the heap's top time (earlier tops re-arm). */
  private arm(): void {
    const tt = this.crossings.topTime;
    if (tt < this.armedT) {
      this.armedT = tt;
      this.kernel.schedule(tt, this.kSpike, 0, ++this.armVer);
    }
  }

  private checkCode(p: Population, i: number, g: number, t: number): void {
    const c = p.model.stateCode!(p.state, i);
    const old = this.stateCode![g];
    if (c !== old) {
      this.stateCode![g] = c;
      this.sink.stateChange(t, g, old, c);
    }
  }

  private onCrossing(v: number, t: number): void {
    if (v !== this.armVer) return;
    this.armedT = Infinity;
    const g = this.crossings.top;
    if (g >= this.neuronCount && this.crossings.time[g] === t) {
      const p = this.populations[g - this.neuronCount];
      const b = this.blocks[p.index]!;
      const i = b.takeTop(t);
      if (i >= 0) {
        b.fire(i, t);
        this.emit(p, i, p.offset + i, t);
      }
      this.crossings.set(g, b.topTime(t));
    } else if (g >= 0 && this.crossings.time[g] === t) {
      const p = this.populations[this.popOf[g]];
      const i = g - p.offset;
      this.bring(p, i, g, t);
      if (this.predVer[g] !== this.ver[g]) {
        // The state changed since this prediction and the crossing moved later (or stayed).
        const d = p.model.nextSpikeDelay(p.state, i);
        if (d > 0) {
          this.crossings.set(g, t + d);
          this.predVer[g] = this.ver[g];
          this.arm();
          return;
        }
      }
      this.fire(p, i, g, t);
    }
    this.arm();
  }

  /** Neuron g fires at t (its key is t): reset, emit, and its next crossing replaces the key (one heap update). */
  private fire(p: Population, i: number, g: number, t: number): void {
    p.model.fire(p.state, i);
    this.emit(p, i, g, t);
    const v = ++this.ver[g];
    this.crossings.set(g, t + p.model.nextSpikeDelay(p.state, i));
    this.predVer[g] = v;
    if (this.stateCode !== null && p.model.stateCode) this.checkCode(p, i, g, t);
  }

  /** The spike of neuron i of p at t: count, report, schedule its deliveries. */
  private emit(p: Population, i: number, g: number, t: number): void {
    this.spikeCount++;
    if (this.pulseOf !== null && this.pulseOf[g] >= 0) this.pulses!.spike(this.pulseOf[g]);
    this.sink.spike(t, g);
    for (let k = 0; k < this.listeners.length; k++) this.listeners[k](t, g);
    const out = this.delivery.ofPopulation[p.index];
    for (let k = 0; k < out.length; k++) {
      const projs = this.delivery.projections[out[k]];
      for (let q = 0; q < projs.length; q++) {
        const pr = this.projections[projs[q]];
        if (pr.offsets[i + 1] > pr.offsets[i]) {
          this.kernel.schedule(t + this.delivery.delayS[out[k]], this.kDeliver, i, out[k]);
          break;
        }
      }
    }
  }

  private onDeliver(i: number, group: number, t: number): void {
    const projs = this.delivery.projections[group];
    for (let q = 0; q < projs.length; q++) this.deliver(i, this.projections[projs[q]], t);
    this.arm();
  }

  private deliver(i: number, pr: Projection, t: number): void {
    const from = pr.offsets[i];
    const end = pr.offsets[i + 1];
    this.synapticEvents += end - from;
    const post = pr.post;
    const block = this.blocks[post.index];
    if (block !== null) {
      const w = pr.uniformWeight;
      if (!Number.isNaN(w)) block.deliverUniform(pr.targets, from, end, w, t);
      else block.deliver(pr.targets, from, end, pr.weights, pr.memristors, t);
      this.crossings.set(this.neuronCount + post.index, block.topTime(t));
      return;
    }
    const model = post.model;
    const state = post.state;
    const base = post.offset;
    const targets = pr.targets;
    const weights = pr.weights;
    const mem = pr.memristors;
    const port = pr.port;
    const delays = model.negativeInputDelaysSpike === true;
    const lastT = this.lastT;
    if (model.input !== undefined) {
      const key = this.crossings.time;
      for (let k = pr.offsets[i]; k < end; k++) {
        const j = targets[k];
        const g = base + j;
        const w = weights !== null ? weights[k] : mem!.transmit(k, t);
        const tn = t + model.input(state, j, t - lastT[g], w, port, key[g] - t);
        lastT[g] = t;
        const v = ++this.ver[g];
        if (tn < key[g]) {
          this.crossings.set(g, tn);
          this.predVer[g] = v;
        }
        if (this.stateCode !== null && model.stateCode) this.checkCode(post, j, g, t);
      }
    } else {
      for (let k = pr.offsets[i]; k < end; k++) {
        const j = targets[k];
        const g = base + j;
        const dt = t - lastT[g];
        if (dt > 0) {
          model.advance(state, j, dt);
          lastT[g] = t;
        }
        const w = weights !== null ? weights[k] : mem!.transmit(k, t);
        model.receive(state, j, w, port);
        if (w < 0 && delays) {
          this.ver[g]++;
          if (this.stateCode !== null && model.stateCode) this.checkCode(post, j, g, t);
        } else this.predict(post, j, g, t);
      }
    }
  }

  private onStimulus(s: number, e: number, t: number): void {
    const st = this.stimuli[s];
    const p = this.populations[st.population];
    const level = st.levels[e];
    const prev = e > 0 ? st.levels[e - 1] : 0;
    const b = this.blocks[p.index];
    for (let k = 0; k < st.neurons.length; k++) {
      const i = st.neurons[k];
      const g = p.offset + i;
      const d = this.coverCount[g] === 1 ? st.scales[k] * level : p.drive[i] + st.scales[k] * (level - prev);
      p.drive[i] = d;
      if (b !== null) {
        b.setDrive(i, d, t);
        continue;
      }
      this.bring(p, i, g, t);
      const w = this.pulseOf !== null && this.pulses!.stimulus[this.pulseOf[g]] === s ? this.pulseOf[g] : -1;
      if (w >= 0) this.pulses!.beforeEdge(w, t, p.state[i * p.model.stride + this.pulses!.variable[w]]);
      const onset = this.driveVer !== null && p.model.onsetDelay !== undefined;
      const wasAbove = onset && p.model.onsetAbove!(p.state, i);
      p.model.setDrive(p.state, i, d);
      if (w >= 0) this.pulses!.afterEdge(w, t, p.state[i * p.model.stride + this.pulses!.variable[w]]);
      this.predict(p, i, g, t);
      if (onset) this.predictOnset(p, i, g, t, wasAbove);
    }
    if (b !== null) this.crossings.set(this.neuronCount + p.index, b.topTime(t));
    if (e + 1 < st.edgeTimesS.length) this.kernel.schedule(st.edgeTimesS[e + 1], this.kStimulus, s, e + 1);
    this.arm();
  }

  /** Onset prediction after a drive change at t (wasAbove: above before the change). */
  private predictOnset(p: Population, i: number, g: number, t: number, wasAbove: boolean): void {
    const v = ++this.driveVer![g];
    if (p.model.onsetAbove!(p.state, i)) {
      if (!wasAbove) this.emitOnset(g, t);
      return;
    }
    const o = p.model.onsetDelay!(p.state, i);
    if (o > 0 && o < Infinity && t + o <= this.durationS) this.kernel.schedule(t + o, this.kOnset, g, v);
  }

  private emitOnset(g: number, t: number): void {
    for (let k = 0; k < this.onsetListeners.length; k++) this.onsetListeners[k](t, g);
  }

  private onOnset(g: number, v: number, t: number): void {
    if (v !== this.driveVer![g]) return;
    const p = this.populations[this.popOf[g]];
    const i = g - p.offset;
    this.bring(p, i, g, t);
    this.emitOnset(g, t);
    if (this.stateCode !== null && p.model.stateCode) this.checkCode(p, i, g, t);
  }

  /**
   * Periodic check of population pk (payload: its schedule version): every
   * neuron brought forward, its state code re-evaluated. Tick k of a schedule
   * is at checkFromS + k * checkS (absolute times, never accumulated).
   */
  private onCheck(pk: number, version: number, t: number): void {
    if (version !== this.checkVer[pk]) return;
    const p = this.populations[pk];
    for (let i = 0; i < p.size; i++) {
      const g = p.offset + i;
      this.bring(p, i, g, t);
      this.checkCode(p, i, g, t);
    }
    this.checkLastS[pk] = t;
    this.scheduleCheck(pk);
  }

  private scheduleCheck(pk: number): void {
    const next = this.checkFromS[pk] + ++this.checkK[pk] * this.checkS[pk];
    if (next <= this.durationS) this.kernel.schedule(next, this.kCheck, pk, this.checkVer[pk]);
  }

  /** Sample k of the per-pulse probes: the peak of each open pulse. */
  private onPulseSample(_q: number, k: number, t: number): void {
    const pt = this.pulses!;
    for (let w = 0; w < pt.neuron.length; w++) {
      if (!pt.isOpen(w)) continue;
      const g = pt.neuron[w];
      const p = this.populations[this.popOf[g]];
      pt.sample(w, this.read(p, g - p.offset, g, pt.variable[w], t));
    }
    const next = (k + 1) * pt.intervalS;
    if (next <= this.durationS) this.kernel.schedule(next, this.kPulses, 0, k + 1);
  }

  /** End of the run: pulses still open close at t. */
  private closePulses(t: number): void {
    const pt = this.pulses!;
    for (let w = 0; w < pt.neuron.length; w++) {
      if (!pt.isOpen(w)) continue;
      const g = pt.neuron[w];
      const p = this.populations[this.popOf[g]];
      const i = g - p.offset;
      this.bring(p, i, g, t);
      pt.finish(w, t, p.state[i * p.model.stride + pt.variable[w]]);
    }
  }

  /**
   * State variable `variable` of neuron i of p at t, read from a copy brought
   * forward (probing never perturbs the run). Probed neurons keep their copy:
   * several reads at one instant (variables, per-pulse peaks) advance it once.
   */
  private read(p: Population, i: number, g: number, variable: number, t: number): number {
    const slot = this.copySlot[g];
    const stride = p.model.stride;
    const c = this.copies;
    if (slot < 0) {
      sampleNeuron(p, i, t - this.lastT[g], this.scratch, this.keep);
      return this.scratch[variable];
    }
    const o = slot * this.copyStride;
    if (this.copyT[slot] !== t || this.copyLastT[slot] !== this.lastT[g] || this.copyVer[slot] !== this.ver[g]) {
      sampleNeuron(p, i, t - this.lastT[g], this.scratch, this.keep);
      for (let q = 0; q < stride; q++) c[o + q] = this.scratch[q];
      this.copyT[slot] = t;
      this.copyLastT[slot] = this.lastT[g];
      this.copyVer[slot] = this.ver[g];
    }
    return c[o + variable];
  }

  private onProbe(c: number, k: number, t: number): void {
    const ch = this.probes[c];
    let value: number;
    const b = ch.population !== null ? this.blocks[ch.population.index] : null;
    if (b !== null) value = b.sample(ch.index, ch.variable, t);
    else if (ch.population !== null) {
      const p = ch.population;
      value = this.read(p, ch.index, p.offset + ch.index, ch.variable, t);
    } else {
      const mem = ch.projection!.memristors!;
      value = ch.variable < 0 ? mem.conductance(ch.index, t) : mem.stateVar(ch.index, ch.variable, t);
    }
    this.sink.sample(t, c, value);
    const next = ch.startS + (k + 1) * ch.intervalS;
    if (next <= this.durationS) this.kernel.schedule(next, this.kProbe, c, k + 1);
  }
}
