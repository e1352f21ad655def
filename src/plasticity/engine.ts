/**
 * Runs a CompiledRule over a set of synapses: owns the trace arrays, brings
 * traces forward lazily (each neuron remembers when its traces were last
 * brought forward; decay over the gap is exact), and sends weight changes to
 * a WeightActuator. Call `preSpike` / `postSpike` from the network's spike
 * handlers, in the kernel's order; as a network's learning hooks
 * (`net.setPlasticity`), presynaptic spikes come at arrival (`delivered`).
 *
 * Connectivity is given as flat arrays (synapse s: preOf[s] -> postOf[s]) and
 * indexed once into CSR lists, so a spike visits only its own synapses and
 * allocates nothing.
 */
import type { PlasticityHooks } from '../network/hooks.ts';
import type { CompiledRule, WeightActuator } from './types.ts';

export interface Connectivity {
  readonly nPre: number;
  readonly nPost: number;
  readonly preOf: Int32Array;
  readonly postOf: Int32Array;
}

/** CSR index: for node k, items idx[start[k]] .. idx[start[k + 1] - 1]. */
export function csrIndex(nodes: number, of: Int32Array, what: string): { start: Int32Array; idx: Int32Array } {
  const start = new Int32Array(nodes + 1);
  for (let s = 0; s < of.length; s++) {
    const k = of[s];
    if (!(k >= 0 && k < nodes)) throw new Error(`plasticity: synapse ${s} has ${what} neuron ${k}, expected 0..${nodes - 1}`);
    start[k + 1]++;
  }
  for (let k = 0; k < nodes; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nodes);
  const idx = new Int32Array(of.length);
  for (let s = 0; s < of.length; s++) idx[fill[of[s]]++] = s;
  return { start, idx };
}

/** Full connectivity from nPre inputs onto nPost neurons (synapse s = post * nPre + pre). */
export function allToAll(nPre: number, nPost: number): Connectivity {
  const preOf = new Int32Array(nPre * nPost);
  const postOf = new Int32Array(nPre * nPost);
  for (let i = 0; i < nPost; i++) {
    for (let j = 0; j < nPre; j++) {
      preOf[i * nPre + j] = j;
      postOf[i * nPre + j] = i;
    }
  }
  return { nPre, nPost, preOf, postOf };
}

export class PlasticityEngine implements PlasticityHooks {
  readonly pre: Float64Array;
  readonly post: Float64Array;
  readonly syn: Float64Array;
  readonly preStride: number;
  readonly postStride: number;
  readonly synStride: number;
  /** Sum of requested and of applied weight changes since reset (diagnostics). */
  requestedSum = 0;
  appliedSum = 0;
  private readonly preT: Float64Array;
  private readonly postT: Float64Array;
  private readonly out: { start: Int32Array; idx: Int32Array };
  private readonly inc: { start: Int32Array; idx: Int32Array };
  private readonly usesWeight: boolean;

  constructor(
    readonly rule: CompiledRule,
    readonly conn: Connectivity,
    readonly actuator: WeightActuator,
    /** Rules whose change depends on the weight read it through the actuator. */
    opts: { weightDependent?: boolean } = {},
  ) {
    if (conn.preOf.length !== conn.postOf.length) {
      throw new Error(`plasticity: preOf has ${conn.preOf.length} synapses but postOf has ${conn.postOf.length}`);
    }
    this.preStride = rule.preLayout.length;
    this.postStride = rule.postLayout.length;
    this.synStride = rule.synapseLayout.length;
    this.pre = new Float64Array(conn.nPre * this.preStride);
    this.post = new Float64Array(conn.nPost * this.postStride);
    this.syn = new Float64Array(conn.preOf.length * this.synStride);
    this.preT = new Float64Array(conn.nPre);
    this.postT = new Float64Array(conn.nPost);
    this.out = csrIndex(conn.nPre, conn.preOf, 'presynaptic');
    this.inc = csrIndex(conn.nPost, conn.postOf, 'postsynaptic');
    this.usesWeight = opts.weightDependent ?? false;
    this.reset();
  }

  /** Traces and synapse state back to their initial values, clocks to 0. */
  reset(): void {
    const fill = (a: Float64Array, stride: number, init: readonly { initial: number }[]): void => {
      for (let o = 0; o < a.length; o += stride) for (let k = 0; k < stride; k++) a[o + k] = init[k].initial;
    };
    fill(this.pre, this.preStride, this.rule.preLayout);
    fill(this.post, this.postStride, this.rule.postLayout);
    fill(this.syn, this.synStride, this.rule.synapseLayout);
    this.preT.fill(0);
    this.postT.fill(0);
    this.requestedSum = 0;
    this.appliedSum = 0;
  }

  private bringPre(j: number, tS: number): void {
    const dt = tS - this.preT[j];
    if (dt > 0) this.rule.decayPre(this.pre, j * this.preStride, dt);
    this.preT[j] = tS;
  }

  private bringPost(i: number, tS: number): void {
    const dt = tS - this.postT[i];
    if (dt > 0) this.rule.decayPost(this.post, i * this.postStride, dt);
    this.postT[i] = tS;
  }

  /** Network learning hook: a spike of presynaptic neuron j arrived at tS. */
  delivered(j: number, tS: number): void {
    this.preSpike(j, tS);
  }

  /** Presynaptic neuron j spiked at tS. */
  preSpike(j: number, tS: number): void {
    const rule = this.rule;
    this.bringPre(j, tS);
    const preOff = j * this.preStride;
    const { start, idx } = this.out;
    for (let k = start[j]; k < start[j + 1]; k++) {
      const s = idx[k];
      const i = this.conn.postOf[s];
      this.bringPost(i, tS);
      const w = this.usesWeight ? this.actuator.weight(s, tS) : 0;
      const dw = rule.onPre(this.pre, preOff, this.post, i * this.postStride, this.syn, s * this.synStride, w);
      if (dw !== 0) {
        this.requestedSum += dw;
        this.appliedSum += this.actuator.apply(s, dw, tS);
      }
    }
    rule.bumpPre(this.pre, preOff);
  }

  /** Postsynaptic neuron i spiked at tS. */
  postSpike(i: number, tS: number): void {
    const rule = this.rule;
    this.bringPost(i, tS);
    const postOff = i * this.postStride;
    const { start, idx } = this.inc;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const s = idx[k];
      const j = this.conn.preOf[s];
      this.bringPre(j, tS);
      const w = this.usesWeight ? this.actuator.weight(s, tS) : 0;
      const dw = rule.onPost(this.pre, j * this.preStride, this.post, postOff, this.syn, s * this.synStride, w);
      if (dw !== 0) {
        this.requestedSum += dw;
        this.appliedSum += this.actuator.apply(s, dw, tS);
      }
    }
    rule.bumpPost(this.post, postOff);
  }

  /** Trace k of presynaptic neuron j brought forward to tS (for recording). */
  preTrace(j: number, k: number, tS: number): number {
    this.bringPre(j, tS);
    return this.pre[j * this.preStride + k];
  }

  postTrace(i: number, k: number, tS: number): number {
    this.bringPost(i, tS);
    return this.post[i * this.postStride + k];
  }
}

/** Plain weights in [wMin, wMax], changed additively and clipped (a reference actuator). */
export class ClippedWeights implements WeightActuator {
  readonly w: Float64Array;
  constructor(n: number, initial: number, readonly wMin = 0, readonly wMax = 1) {
    this.w = new Float64Array(n).fill(initial);
  }
  weight(s: number): number {
    return this.w[s];
  }
  apply(s: number, dw: number): number {
    const old = this.w[s];
    const v = Math.min(this.wMax, Math.max(this.wMin, old + dw));
    this.w[s] = v;
    return v - old;
  }
}
