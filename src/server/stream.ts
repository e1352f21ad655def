/**
 * StreamSink: the LiveSink a run writes into between two batches. Spikes,
 * samples and state changes go into growable typed arrays (doubling, so the
 * steady state allocates nothing per event); `takeBatch` encodes them into
 * one binary frame and empties the buffers. Probe samples are decimated
 * (every n-th per probe is kept) when the client lags; spikes and state
 * changes are always kept, and the run loop stops simulating while too many
 * are pending, which bounds memory.
 */
import type { LiveSink } from '../harness/types.ts';
import { batchBytes, encodeBatch, type Batch } from './protocol.ts';

const INITIAL_CAPACITY = 1024;

function growF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function growU32(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class StreamSink implements LiveSink {
  spikeT = new Float64Array(INITIAL_CAPACITY);
  spikeN = new Uint32Array(INITIAL_CAPACITY);
  nSpikes = 0;
  sampleT = new Float64Array(INITIAL_CAPACITY);
  sampleP = new Uint32Array(INITIAL_CAPACITY);
  sampleV = new Float64Array(INITIAL_CAPACITY);
  nSamples = 0;
  stateT = new Float64Array(64);
  stateN = new Uint32Array(64);
  stateFrom = new Uint32Array(64);
  stateTo = new Uint32Array(64);
  nStates = 0;
  /** Keep every n-th sample of each probe. */
  decimation = 1;
  skippedSamples = 0;
  /** Totals since the run started (for tests and the bench). */
  totalSpikes = 0;
  totalSamples = 0;
  totalStates = 0;
  private readonly probeCounter: Uint32Array;
  private seq = 0;

  constructor(probes: number) {
    this.probeCounter = new Uint32Array(Math.max(1, probes));
  }

  spike(tS: number, neuron: number): void {
    const i = this.nSpikes;
    if (i >= this.spikeT.length) {
      this.spikeT = growF64(this.spikeT, i + 1);
      this.spikeN = growU32(this.spikeN, i + 1);
    }
    this.spikeT[i] = tS;
    this.spikeN[i] = neuron;
    this.nSpikes = i + 1;
    this.totalSpikes++;
  }

  sample(tS: number, probe: number, value: number): void {
    const c = this.probeCounter[probe]++;
    if (c % this.decimation !== 0) {
      this.skippedSamples++;
      return;
    }
    const i = this.nSamples;
    if (i >= this.sampleT.length) {
      this.sampleT = growF64(this.sampleT, i + 1);
      this.sampleP = growU32(this.sampleP, i + 1);
      this.sampleV = growF64(this.sampleV, i + 1);
    }
    this.sampleT[i] = tS;
    this.sampleP[i] = probe;
    this.sampleV[i] = value;
    this.nSamples = i + 1;
    this.totalSamples++;
  }

  stateChange(tS: number, neuron: number, from: number, to: number): void {
    const i = this.nStates;
    if (i >= this.stateT.length) {
      this.stateT = growF64(this.stateT, i + 1);
      this.stateN = growU32(this.stateN, i + 1);
      this.stateFrom = growU32(this.stateFrom, i + 1);
      this.stateTo = growU32(this.stateTo, i + 1);
    }
    this.stateT[i] = tS;
    this.stateN[i] = neuron;
    this.stateFrom[i] = from;
    this.stateTo[i] = to;
    this.nStates = i + 1;
    this.totalStates++;
  }

  /** Items waiting that must not be dropped (spikes and state changes). */
  get pendingKept(): number {
    return this.nSpikes + this.nStates;
  }

  get pendingAll(): number {
    return this.nSpikes + this.nStates + this.nSamples;
  }

  /** Encodes what is pending into one frame and empties the buffers. */
  takeBatch(simTimeS: number, events: number, eventsPerS: number): Buffer {
    const nS = this.nSpikes;
    const nP = this.nSamples;
    const nC = this.nStates;
    const batch: Batch = {
      seq: this.seq++,
      simTimeS,
      events,
      eventsPerS,
      decimation: this.decimation,
      skippedSamples: this.skippedSamples,
      spikeT: this.spikeT.subarray(0, nS),
      spikeNeuron: this.spikeN.subarray(0, nS),
      sampleT: this.sampleT.subarray(0, nP),
      sampleProbe: this.sampleP.subarray(0, nP),
      sampleValue: this.sampleV.subarray(0, nP),
      stateT: this.stateT.subarray(0, nC),
      stateNeuron: this.stateN.subarray(0, nC),
      stateFrom: this.stateFrom.subarray(0, nC),
      stateTo: this.stateTo.subarray(0, nC),
    };
    const ab = new ArrayBuffer(batchBytes(nS, nP, nC));
    encodeBatch(batch, ab);
    this.nSpikes = 0;
    this.nSamples = 0;
    this.nStates = 0;
    this.skippedSamples = 0;
    return Buffer.from(ab);
  }
}
