/**
 * The network runtime: a validated description compiled into flat typed
 * arrays and run on the event kernel.
 *
 * Event kinds (registered once per network; handlers allocate nothing):
 *   net.stimulus  (phase stimulus)  edge e of stimulus s: drive of its neurons changes
 *   net.deliver   (phase delivery)  spike of pre neuron i arrives through projection p
 *   net.spike     (phase spike)     the earliest predicted threshold crossing (heap top)
 *   net.probe     (phase record)    sample k of probe channel c at start + k * interval
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
 */
import { Kernel, Phase } from '../kernel/index.ts';
import type { LiveSink } from '../harness/types.ts';
import type { NetworkDescription } from './description.ts';
import { buildPopulations, buildProjections, deliveryGroups, type DeliveryGroups, type Population, type Projection } from './build.ts';
import { compileStimuli, type CompiledStimulus } from './stimulus.ts';
import { validateNetwork } from './validate.ts';
import { buildProbes, type ProbeChannel } from './probes.ts';
import { CrossingHeap } from './crossings.ts';
import { LifBlock } from './lif-block.ts';

export type { Population, Projection };

export type SpikeListener = (tS: number, neuron: number) => void;

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

    this.kSpike = kernel.registerKind('net.spike', Phase.spike, (_, v, t) => this.onCrossing(v, t));
    this.kDeliver = kernel.registerKind('net.deliver', Phase.delivery, (i, p, t) => this.onDeliver(i, p, t));
    this.kStimulus = kernel.registerKind('net.stimulus', Phase.stimulus, (s, e, t) => this.onStimulus(s, e, t));
    this.kProbe = kernel.registerKind('net.probe', Phase.record, (c, k, t) => this.onProbe(c, k, t));
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
  }

  /** Runs to untilS (default: the description's durationS). */
  run(untilS = this.durationS, maxEvents = Infinity): ReturnType<Kernel['run']> {
    this.start();
    const stop = this.kernel.run(untilS, maxEvents);
    // LIF blocks hold their own form; population.state shows V at the stop time.
    for (const p of this.populations) this.blocks[p.index]?.writeState(p.state, this.kernel.now);
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
      this.crossings.set(g, Infinity);
      this.fire(p, i, g, t);
    }
    this.arm();
  }

  private fire(p: Population, i: number, g: number, t: number): void {
    p.model.fire(p.state, i);
    this.emit(p, i, g, t);
    this.predict(p, i, g, t);
  }

  /** The spike of neuron i of p at t: count, report, schedule its deliveries. */
  private emit(p: Population, i: number, g: number, t: number): void {
    this.spikeCount++;
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
      p.model.setDrive(p.state, i, d);
      this.predict(p, i, g, t);
    }
    if (b !== null) this.crossings.set(this.neuronCount + p.index, b.topTime(t));
    if (e + 1 < st.edgeTimesS.length) this.kernel.schedule(st.edgeTimesS[e + 1], this.kStimulus, s, e + 1);
    this.arm();
  }

  private onProbe(c: number, k: number, t: number): void {
    const ch = this.probes[c];
    let value: number;
    const b = ch.population !== null ? this.blocks[ch.population.index] : null;
    if (b !== null) value = b.sample(ch.index, ch.variable, t);
    else if (ch.population !== null) {
      const p = ch.population;
      const m = p.model;
      const s = this.scratch;
      const o = ch.index * m.stride;
      for (let q = 0; q < m.stride; q++) s[q] = p.state[o + q];
      const dt = t - this.lastT[p.offset + ch.index];
      if (dt > 0) m.advance(s, 0, dt);
      value = s[ch.variable];
    } else {
      const mem = ch.projection!.memristors!;
      value = ch.variable < 0 ? mem.conductance(ch.index, t) : mem.stateVar(ch.index, ch.variable, t);
    }
    this.sink.sample(t, c, value);
    const next = ch.startS + (k + 1) * ch.intervalS;
    if (next <= this.durationS) this.kernel.schedule(next, this.kProbe, c, k + 1);
  }
}
