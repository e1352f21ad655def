/**
 * The network runtime: a validated description compiled into flat typed
 * arrays and run on the event kernel.
 *
 * Event kinds (registered once per network; handlers allocate nothing):
 *   net.stimulus  (phase stimulus)  edge e of stimulus s: drive of its neurons changes
 *   net.deliver   (phase delivery)  the earliest spike in flight arrives (lanes.ts; the others follow by claims)
 *   net.spike     (phase spike)     the earliest predicted threshold crossing (heap top)
 *   net.probe     (phase record)    sample k of probe channel c at start + k * interval
 *   net.onset     (phase spike)     predicted onset of neuron g (models with onsetDelay)
 *   net.check     (phase record)    periodic state check k of population p (models with checkIntervalS)
 *   net.pulses    (phase record)    sample k of per-pulse probe q (peak of its pulses)
 *   net.source    (phase stimulus)  next spike of source neuron g (models with sourceNext)
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
 * Spikes in flight wait in per-delay lanes (lanes.ts) behind one kernel event.
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
import { buildProbes, buildPulseTables, sampleCopies, type ProbeChannel, type SampleCopies } from './probes.ts';
import type { PulseTables } from './pulses.ts';
import { CrossingHeap } from './crossings.ts';
import { LifBlock } from './lif-block.ts';
import { DeliveryLanes } from './lanes.ts';
import { BurstRuns, burstModel } from './bursts.ts';
import type { OnsetListener, PlasticityHooks, SpikeListener } from './hooks.ts';
export type { OnsetListener, PlasticityHooks, SpikeListener };
const NULL_SINK: LiveSink = { spike() {}, sample() {}, stateChange() {} };

/** The engine's state and hot path; Network (network.ts) adds the model events, probes and public API. */
export abstract class NetworkCore {
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
  protected sink: LiveSink = NULL_SINK;
  protected readonly listeners: SpikeListener[] = [];
  protected readonly onsetListeners: OnsetListener[] = [];
  /** Per neuron: drive version carried by onset predictions (null without onset models). */
  protected readonly driveVer: Float64Array | null;
  /** Per population: check interval (s) and the time ticks count from. */
  protected readonly checkS: Float64Array;
  protected readonly checkFromS: Float64Array;
  protected readonly checkLastS: Float64Array;
  protected readonly checkK: Float64Array;
  protected readonly checkVer: Float64Array;
  protected readonly pulses: PulseTables | null;
  /** Per neuron: its per-pulse watch, or -1 (null without per-pulse probes). */
  protected readonly pulseOf: Int32Array | null;
  /** Probed neurons' sample copies (probes.ts). */
  protected readonly copies: SampleCopies;
  protected readonly kOnset: number;
  protected readonly kCheck: number;
  protected readonly kPulses: number;
  protected readonly popOf: Int32Array;
  protected readonly lastT: Float64Array;
  /** Keys: neuron g's crossing time, and at n + population index a LIF block's earliest crossing. */
  protected readonly crossings: CrossingHeap;
  /** Per population: its time-invariant LIF block (lif-block.ts), or null for the generic path. */
  protected readonly blocks: (LifBlock | null)[];
  /** Per population: its burst runs (bursts.ts), or null for the generic path. */
  protected readonly bursts: (BurstRuns | null)[];
  protected readonly ver: Float64Array;
  protected readonly predVer: Float64Array;
  /** Time and version of the armed crossing event. */
  protected armedT = Infinity;
  protected armVer = 0;
  /** Spikes in flight (lanes.ts); the one kernel event at the earliest: its time (Infinity: none) and version. */
  protected readonly lanes: DeliveryLanes;
  private wakeT = Infinity;
  private wakeVer = 0;
  /** True while onDeliver delivers heads itself (emissions then wait for its end to wake). */
  private draining = false;
  protected readonly stateCode: Int32Array | null;
  protected readonly coverCount: Int32Array;
  protected readonly delivery: DeliveryGroups;
  protected readonly stimuli: CompiledStimulus[];
  protected readonly scratch: Float64Array;
  protected readonly keep: Float64Array;
  protected readonly kSpike: number;
  protected readonly kDeliver: number;
  protected readonly kStimulus: number;
  protected readonly kProbe: number;
  protected readonly kSource: number;
  /** Per projection: its learning-rule hooks or null; per population: hooks of projections into it. */
  protected readonly plastic: (PlasticityHooks | null)[];
  protected readonly postHooks: PlasticityHooks[][];
  protected started = false;

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
    this.lanes = new DeliveryLanes(this.delivery.delayS);
    this.plastic = this.projections.map(() => null);
    this.postHooks = this.populations.map(() => []);

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
    const probed = this.probes.filter((ch) => ch.population !== null && this.blocks[ch.population.index] === null).map((ch) => ch.population!.offset + ch.index);
    this.copies = sampleCopies(n, [...probed, ...(this.pulses?.neuron ?? [])], this.scratch.length);
    // Per-pulse tables read the rows at edges: their populations keep the generic path.
    const watched = new Set<number>();
    if (this.pulses !== null) this.pulses.neuron.forEach((g) => watched.add(this.popOf[g]));
    this.bursts = this.populations.map((p) => {
      const m = burstModel(p.model);
      const plain = m !== null && this.blocks[p.index] === null && !watched.has(p.index) && !this.projections.some((pr) => pr.post === p);
      return plain ? new BurstRuns(p, m, this.lastT) : null;
    });
    this.driveVer = this.populations.some((p) => p.model.onsetDelay) ? new Float64Array(n) : null;
    this.checkS = Float64Array.from(this.populations, (p) => (p.model.stateCode && p.model.checkIntervalS! > 0 ? p.model.checkIntervalS! : 0));
    this.checkFromS = new Float64Array(this.populations.length);
    this.checkLastS = new Float64Array(this.populations.length);
    this.checkK = new Float64Array(this.populations.length);
    this.checkVer = new Float64Array(this.populations.length);

    this.kSpike = kernel.registerKind('net.spike', Phase.spike, (_, v, t) => this.onCrossing(v, t));
    this.kDeliver = kernel.registerKind('net.deliver', Phase.delivery, (_, v, t) => this.onDeliver(v, t));
    this.kStimulus = kernel.registerKind('net.stimulus', Phase.stimulus, (s, e, t) => this.onStimulus(s, e, t));
    this.kProbe = kernel.registerKind('net.probe', Phase.record, (c, k, t) => this.onProbe(c, k, t));
    this.kOnset = kernel.registerKind('net.onset', Phase.spike, (g, v, t) => this.onOnset(g, v, t));
    this.kCheck = kernel.registerKind('net.check', Phase.record, (p, k, t) => this.onCheck(p, k, t));
    this.kPulses = kernel.registerKind('net.pulses', Phase.record, (q, k, t) => this.onPulseSample(q, k, t));
    this.kSource = kernel.registerKind('net.source', Phase.stimulus, (g, k, t) => this.onSource(g, k, t));
  }

  protected bring(p: Population, i: number, g: number, t: number): void {
    const br = this.bursts[p.index];
    if (br !== null) return br.bring(i, g, t, this.crossings.time[g], false);
    const dt = t - this.lastT[g];
    if (dt > 0) {
      p.model.advance(p.state, i, dt);
      this.lastT[g] = t;
    }
  }

  /** Keeps one kernel event at the heap's top time (earlier tops re-arm). */
  protected arm(): void {
    const tt = this.crossings.topTime;
    if (tt < this.armedT) {
      this.armedT = tt;
      this.kernel.schedule(tt, this.kSpike, 0, ++this.armVer);
    }
  }

  protected checkCode(p: Population, i: number, g: number, t: number): void {
    const c = p.model.stateCode!(p.state, i);
    const old = this.stateCode![g];
    if (c !== old) {
      this.stateCode![g] = c;
      this.sink.stateChange(t, g, old, c);
    }
  }

  protected onCrossing(v: number, t: number): void {
    if (v !== this.armVer) return;
    this.armedT = Infinity;
    const g = this.crossings.top;
    if (g >= this.neuronCount && this.crossings.time[g] === t) this.blockCrossings(g, t);
    else if (g >= 0 && this.crossings.time[g] === t) {
      const p = this.populations[this.popOf[g]];
      const i = g - p.offset;
      const br = this.bursts[p.index];
      if (br !== null) {
        // Further crossings of the population due now, with no other event pending at this instant, fire here in heap order: the order one event each would give.
        for (let h = g; ; h = this.crossings.top) {
          const j = h - p.offset;
          if (br.hasSpike(j)) {
            this.emit(p, j, h, t);
            this.crossings.set(h, br.fired(j, h, t));
          } else this.crossings.set(h, br.resume(j, h, t, this.durationS > t ? this.durationS : t + 1));
          const nx = this.crossings.top;
          if (this.crossings.topTime !== t || nx < p.offset || nx >= p.offset + p.size || this.kernel.nextTime() <= t || this.kernel.isPaused) break;
        }
        this.arm();
        return;
      }
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

  /**
   * Block crossings from entry h (due at t), then each next one that comes
   * before every pending event, claimed from the kernel instead of armed:
   * the order one event each would give, without the events.
   */
  protected blockCrossings(h: number, t: number): void {
    for (;;) {
      const p = this.populations[h - this.neuronCount];
      const b = this.blocks[p.index]!;
      const i = b.takeTop(t);
      if (i >= 0) {
        b.fire(i, t);
        this.emit(p, i, p.offset + i, t);
      }
      this.crossings.set(h, b.topTime(t));
      h = this.crossings.top;
      if (h < this.neuronCount) return;
      const tn = this.crossings.time[h];
      // A spike in flight due at tn goes first (phase rule); during onDeliver no kernel event stands for it.
      if (!(tn < this.lanes.firstTime) || !this.kernel.claim(tn)) return;
      t = tn;
    }
  }

  /** Neuron g fires at t (its key is t): reset, emit, and its next crossing replaces the key (one heap update). */
  protected fire(p: Population, i: number, g: number, t: number): void {
    p.model.fire(p.state, i);
    this.emit(p, i, g, t);
    const v = ++this.ver[g];
    this.crossings.set(g, t + p.model.nextSpikeDelay(p.state, i));
    this.predVer[g] = v;
    if (this.stateCode !== null && p.model.stateCode && p.model.fireKeepsStateCode !== true) this.checkCode(p, i, g, t);
  }

  /** The spike of neuron i of p at t: count, report, put it in flight. */
  protected emit(p: Population, i: number, g: number, t: number): void {
    this.spikeCount++;
    if (this.pulseOf !== null && this.pulseOf[g] >= 0) this.pulses!.spike(this.pulseOf[g]);
    this.sink.spike(t, g);
    for (let k = 0; k < this.listeners.length; k++) this.listeners[k](t, g);
    const hooks = this.postHooks[p.index];
    for (let k = 0; k < hooks.length; k++) hooks[k].postSpike(i, t);
    const out = this.delivery.ofPopulation[p.index];
    for (let k = 0; k < out.length; k++) {
      const projs = this.delivery.projections[out[k]];
      for (let q = 0; q < projs.length; q++) {
        const pr = this.projections[projs[q]];
        if (pr.offsets[i + 1] > pr.offsets[i]) {
          // The sequence number an event scheduled now would get: it ties as that event would.
          this.lanes.push(out[k], t + this.delivery.delayS[out[k]], this.kernel.reserveSeq(), i);
          if (!this.draining) this.wake();
          break;
        }
      }
    }
  }

  /**
   * Keeps one kernel event at the earliest spike in flight, with the sequence
   * number it took at emission. A spike put in flight while an event is
   * pending has a later number, so only an earlier time re-wakes.
   */
  protected wake(): void {
    const L = this.lanes;
    if (L.size > 0 && L.firstTime < this.wakeT) {
      this.wakeT = L.firstTime;
      this.kernel.scheduleReserved(L.firstTime, this.kDeliver, 0, ++this.wakeVer, L.firstSeq);
    }
  }

  /**
   * The earliest spike in flight is due at t: delivers it, then each next one
   * that comes before every pending event and every threshold crossing, and
   * the block crossings between them, claimed from the kernel (the order one
   * event each would give, without the events).
   */
  protected onDeliver(v: number, t: number): void {
    if (v !== this.wakeVer) return;
    this.wakeT = Infinity;
    const L = this.lanes;
    this.draining = true;
    for (;;) {
      const i = L.firstPre;
      const group = L.firstGroup;
      L.shift();
      this.deliverGroup(i, group, t);
      // A block crossing before the next spike in flight and every pending event runs now (the armed event, if any, goes stale).
      const h = this.crossings.top;
      if (h >= this.neuronCount && this.crossings.time[h] < L.firstTime && this.kernel.claim(this.crossings.time[h])) {
        this.armedT = Infinity;
        this.armVer++;
        this.blockCrossings(h, this.kernel.now);
      }
      // Its spikes may have put an earlier head in a shorter lane: read it now. At equal times a delivery comes before a crossing (phase rule).
      const td = L.firstTime;
      if (!(td <= this.crossings.topTime) || !this.kernel.claim(td)) break;
      t = td;
    }
    this.draining = false;
    this.arm();
    this.wake();
  }

  /** The spike of pre neuron i into the projections of delivery group `group`, at t. */
  protected deliverGroup(i: number, group: number, t: number): void {
    const projs = this.delivery.projections[group];
    for (let q = 0; q < projs.length; q++) {
      this.deliver(i, this.projections[projs[q]], t);
      const h = this.plastic[projs[q]];
      if (h !== null) h.delivered(i, t);
    }
  }

  protected deliver(i: number, pr: Projection, t: number): void {
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
    this.deliverGeneric(i, pr, t);
  }

  /** The spike of pre neuron i through pr at t, into a population run neuron by neuron (network.ts). */
  protected abstract deliverGeneric(i: number, pr: Projection, t: number): void;
  /** Edge e of stimulus s at t: the drive of its neurons changes (network.ts). */
  protected abstract onStimulus(s: number, e: number, t: number): void;
  /** Edge e of stimulus s at t on a population run burst by burst (network.ts). */
  protected abstract stimulusBursts(st: CompiledStimulus, s: number, e: number, t: number): void;
  /** The state of neuron g changed at t: new version; an earlier prediction replaces the key (network.ts). */
  protected abstract predict(p: Population, i: number, g: number, t: number): void;
  protected abstract predictOnset(p: Population, i: number, g: number, t: number, wasAbove: boolean): void;
  protected abstract onOnset(g: number, v: number, t: number): void;
  protected abstract onCheck(pk: number, version: number, t: number): void;
  protected abstract onPulseSample(q: number, k: number, t: number): void;
  protected abstract onProbe(c: number, k: number, t: number): void;
  protected abstract onSource(g: number, k: number, t: number): void;
}
