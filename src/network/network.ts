/**
 * The network runtime (the one engine): a validated description compiled
 * into flat typed arrays and run on the event kernel. The state and hot path
 * (spikes, deliveries, stimuli) are in core.ts; here: start and run, the
 * model-declared events (onsets, periodic checks), probes and per-pulse
 * tables, and the public API; external drive (stimulus edges, stimulations
 * added while running) is in drive.ts.
 */
import type { Kernel } from '../kernel/index.ts';
import type { ColumnTable } from '../record/table.ts';
import type { LiveSink } from '../sinks/types.ts';
import type { Population, Projection } from './build.ts';
import type { OnsetListener, PlasticityHooks, SpikeListener } from './core.ts';
import { DriveNetwork } from './drive.ts';
import { sampleNeuron } from './probes.ts';
import { blockSample, writeBlockState } from './lif-block-vform.ts';

export type { OnsetListener, PlasticityHooks, Population, Projection, SpikeListener };

export class Network extends DriveNetwork {
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

  /** Bursts computed and shared (uniform regions) by the populations run burst by burst. */
  burstFigures(): { computed: number; shared: number } {
    let computed = 0;
    let shared = 0;
    for (const b of this.bursts) if (b !== null) (computed += b.computed), (shared += b.shared);
    return { computed, shared };
  }

  /** Sets where spikes, samples and state changes go (default: nowhere). */
  attach(sink: LiveSink): void {
    this.sink = sink;
  }

  /**
   * Attaches learning-rule hooks to projection `name` (one set per projection;
   * call before running): `delivered` after each arrival of a presynaptic
   * spike through it, `postSpike` at each spike of its post population.
   */
  setPlasticity(name: string, hooks: PlasticityHooks): void {
    const pr = this.projection(name);
    if (this.plastic[pr.index] !== null) throw new Error(`network: projection "${name}" already has a learning rule`);
    this.plastic[pr.index] = hooks;
    this.postHooks[pr.post.index].push(hooks);
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
      if (p.model.sourceNext !== undefined) {
        for (let i = 0; i < p.size; i++) this.scheduleSource(p, i, p.offset + i, t0);
      } else if (b !== null) {
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
    for (const p of this.populations) {
      const b = this.blocks[p.index];
      if (b !== null) writeBlockState(b, p.state, this.kernel.now);
    }
    if (this.pulses !== null && this.kernel.now >= this.durationS) this.closePulses(this.durationS);
    return stop;
  }

  /** The next spike of source neuron i of p (global g) after tS, if within the run: one kernel event. */
  protected scheduleSource(p: Population, i: number, g: number, tS: number): void {
    const t = p.model.sourceNext!(p.state, i, tS);
    if (t <= this.durationS) this.kernel.schedule(t, this.kSource, g, 0);
  }

  protected predict(p: Population, i: number, g: number, t: number): void {
    const br = this.bursts[p.index];
    if (br !== null) {
      this.crossings.set(g, br.start(i, t, this.durationS > t ? this.durationS : t + 1, -1));
      if (this.stateCode !== null && p.model.stateCode) this.checkCode(p, i, g, t);
      return;
    }
    const v = ++this.ver[g];
    const tn = t + p.model.nextSpikeDelay(p.state, i, this.crossings.time[g] - t);
    if (tn < this.crossings.time[g]) {
      this.crossings.set(g, tn);
      this.predVer[g] = v;
    }
    if (this.stateCode !== null && p.model.stateCode) this.checkCode(p, i, g, t);
  }

  protected deliverGeneric(i: number, pr: Projection, t: number): void {
    const end = pr.offsets[i + 1];
    const post = pr.post;
    const model = post.model;
    const state = post.state;
    const base = post.offset;
    const { targets, weights, memristors: mem, port } = pr;
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

  /** Source neuron g spikes: it fires now, and its next spike is scheduled. */
  protected onSource(g: number, _unused: number, t: number): void {
    const p = this.populations[this.popOf[g]];
    const i = g - p.offset;
    this.bring(p, i, g, t);
    p.model.fire(p.state, i);
    this.emit(p, i, g, t);
    if (this.stateCode !== null && p.model.stateCode && p.model.fireKeepsStateCode !== true) this.checkCode(p, i, g, t);
    this.scheduleSource(p, i, g, t);
  }

  /** Brings neuron i of p forward to t (exact free evolution). */
  protected predictOnset(p: Population, i: number, g: number, t: number, wasAbove: boolean): void {
    const v = ++this.driveVer![g];
    if (p.model.onsetAbove!(p.state, i)) {
      if (!wasAbove) this.emitOnset(g, t);
      return;
    }
    const o = p.model.onsetDelay!(p.state, i);
    if (o > 0 && o < Infinity && t + o <= this.durationS) this.kernel.schedule(t + o, this.kOnset, g, v);
  }

  protected emitOnset(g: number, t: number): void {
    for (let k = 0; k < this.onsetListeners.length; k++) this.onsetListeners[k](t, g);
  }

  protected onOnset(g: number, v: number, t: number): void {
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
  protected onCheck(pk: number, version: number, t: number): void {
    if (version !== this.checkVer[pk]) return;
    const p = this.populations[pk];
    const br = this.bursts[pk];
    for (let i = 0; i < p.size; i++) {
      const g = p.offset + i;
      if (br !== null) {
        // The state code reads the device only: it is brought to t in place and the row restored.
        br.peekDevice(i, g, t, this.keep);
        this.checkCode(p, i, g, t);
        br.undo(i, this.keep);
        continue;
      }
      this.bring(p, i, g, t);
      this.checkCode(p, i, g, t);
    }
    this.checkLastS[pk] = t;
    this.scheduleCheck(pk);
  }

  protected scheduleCheck(pk: number): void {
    const next = this.checkFromS[pk] + ++this.checkK[pk] * this.checkS[pk];
    if (next <= this.durationS) this.kernel.schedule(next, this.kCheck, pk, this.checkVer[pk]);
  }

  /** Sample k of the per-pulse probes: the peak of each open pulse. */
  protected onPulseSample(_q: number, k: number, t: number): void {
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
  protected closePulses(t: number): void {
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
  protected read(p: Population, i: number, g: number, variable: number, t: number): number {
    const cp = this.copies;
    const slot = cp.slot[g];
    const stride = p.model.stride;
    const c = cp.values;
    if (slot < 0) {
      this.sampleAt(p, i, g, t);
      return this.scratch[variable];
    }
    const o = slot * cp.stride;
    if (cp.t[slot] !== t || cp.lastT[slot] !== this.lastT[g] || cp.ver[slot] !== this.ver[g]) {
      this.sampleAt(p, i, g, t);
      for (let q = 0; q < stride; q++) c[o + q] = this.scratch[q];
      cp.t[slot] = t;
      cp.lastT[slot] = this.lastT[g];
      cp.ver[slot] = this.ver[g];
    }
    return c[o + variable];
  }

  /** Neuron i of p at t into scratch, the neuron left as it is. */
  protected sampleAt(p: Population, i: number, g: number, t: number): void {
    const br = this.bursts[p.index];
    if (br !== null) br.sample(i, g, t, this.crossings.time[g], this.scratch, this.keep);
    else sampleNeuron(p, i, t - this.lastT[g], this.scratch, this.keep);
  }

  protected onProbe(c: number, k: number, t: number): void {
    const ch = this.probes[c];
    let value: number;
    const b = ch.population !== null ? this.blocks[ch.population.index] : null;
    if (b !== null) value = blockSample(b, ch.index, ch.variable, t);
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
