/**
 * One client's run of a live scenario: the kernel advances in slices of at
 * most SLICE_MS wall milliseconds, each scheduled with setImmediate (or a
 * timer when a paced run is ahead of the wall clock), so the event loop serves
 * other clients between slices. Batches leave at most MAX_BATCHES_PER_S times
 * a second. Backpressure: while the socket holds more than HIGH_WATER_BYTES
 * unsent, or MAX_PENDING spikes and state changes wait for the next batch, the
 * run does not advance (spikes are never dropped: the run slows); probe
 * samples are thinned (decimation doubles) when the client lags or a batch
 * would carry more than SAMPLE_BUDGET of them.
 */
import type { LiveSimulation } from '../harness/types.ts';
import { MAX_BATCHES_PER_S, type RunInfo, type RunState, type ServerMessage } from './protocol.ts';
import { StreamSink } from './stream.ts';
import type { InteractiveSimulation } from './circuit-live.ts';

export interface Transport {
  send(data: string | Buffer): void;
  /** Bytes queued but not yet written to the network. */
  bufferedBytes(): number;
}

export interface RunTuning {
  sliceMs: number;
  chunkEvents: number;
  highWaterBytes: number;
  maxPending: number;
  sampleBudget: number;
  maxDecimation: number;
}

export const DEFAULT_TUNING: RunTuning = {
  sliceMs: 8,
  /** Upper bound of events per kernel.run call (the actual count adapts to the cost per event). */
  chunkEvents: 16384,
  highWaterBytes: 2 * 1024 * 1024,
  maxPending: 1 << 18,
  sampleBudget: 8192,
  maxDecimation: 4096,
};

const FLUSH_INTERVAL_MS = 1000 / MAX_BATCHES_PER_S;
const MIN_SAMPLES_PER_PROBE = 4;
/** A paced run more than this far behind the wall clock gives up catching up. */
const MAX_LAG_WALL_S = 0.25;

export interface RunSpec {
  runId: number;
  scenario: string;
  params: Readonly<Record<string, number | boolean | string>>;
  seed: number;
  pace: number | null;
  build: () => LiveSimulation;
}

export class LiveRun {
  state: RunState = 'ready';
  sim: LiveSimulation;
  sink: StreamSink;
  pace: number | null;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private timerIsImmediate = false;
  private lastFlushMs = 0;
  private anchorWallMs = 0;
  private anchorSimS = 0;
  private rateWallMs = 0;
  private rateEvents = 0;
  eventsPerS = 0;
  private disposed = false;
  /** End of the step being taken, or null when not stepping. */
  private stepUntil: number | null = null;
  /** Events per kernel.run call, adapted so that one call takes about half a slice. */
  private chunk = 64;
  /** Probe samples produced (kept or not) in the last batch. */
  private lastRawSamples = 0;

  constructor(
    readonly spec: RunSpec,
    private readonly transport: Transport,
    private readonly tuning: RunTuning = DEFAULT_TUNING,
    private readonly onFinished: (run: LiveRun) => void = () => {},
  ) {
    this.pace = spec.pace;
    this.sim = spec.build();
    this.sink = new StreamSink(this.sim.probes.length);
    this.sim.attach(this.sink);
  }

  info(): RunInfo {
    const s = this.sim;
    return {
      runId: this.spec.runId,
      scenario: this.spec.scenario,
      params: this.spec.params,
      seed: this.spec.seed,
      durationS: s.durationS,
      neurons: s.neurons,
      probes: s.probes,
      stateNames: s.stateNames,
      grid: s.grid ? { width: s.grid.width, height: s.grid.height } : null,
      pace: this.pace,
      interaction: (s as InteractiveSimulation).interaction?.info ?? null,
    };
  }

  get simTimeS(): number {
    return this.sim.kernel.now;
  }

  /** Sends a JSON message to the client through the run's transport (counted by flow control). */
  send(msg: ServerMessage): void {
    if (!this.disposed) this.transport.send(JSON.stringify(msg));
  }

  sendStatus(): void {
    this.send({
      type: 'status',
      state: this.state,
      simTimeS: this.sim.kernel.now,
      durationS: this.sim.durationS,
      events: this.sim.kernel.eventsDispatched,
      eventsPerS: this.eventsPerS,
      pace: this.pace,
      decimation: this.sink.decimation,
    });
  }

  announce(): void {
    this.send({ type: 'started', run: this.info() });
    this.sendStatus();
  }

  resume(): void {
    if (this.disposed || this.state === 'running' || this.state === 'done') {
      this.sendStatus();
      return;
    }
    this.state = 'running';
    this.stepUntil = null;
    this.anchor(performance.now());
    this.rateWallMs = performance.now();
    this.rateEvents = this.sim.kernel.eventsDispatched;
    this.sendStatus();
    this.schedule(0);
  }

  pause(): void {
    if (this.state === 'running') {
      this.cancel();
      this.state = 'paused';
      this.stepUntil = null;
      this.flush(performance.now());
    }
    this.sendStatus();
  }

  /**
   * Advances a paused (or ready) run by dtS simulated seconds, in slices like
   * a running run (a long step never blocks the event loop), then pauses.
   */
  step(dtS: number): void {
    if (this.disposed || this.state === 'done') {
      this.sendStatus();
      return;
    }
    this.cancel();
    this.state = 'running';
    this.stepUntil = Math.min(this.sim.durationS, this.sim.kernel.now + dtS);
    this.schedule(0);
  }

  setPace(pace: number | null): void {
    this.pace = pace;
    this.anchor(performance.now());
    this.sendStatus();
  }

  /** Rebuilds the simulation at t = 0, paused, and tells the client. */
  reset(): void {
    this.cancel();
    this.sim = this.spec.build();
    this.sink = new StreamSink(this.sim.probes.length);
    this.sim.attach(this.sink);
    this.state = 'ready';
    this.stepUntil = null;
    this.eventsPerS = 0;
    this.announce();
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
    this.state = 'done';
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private anchor(nowMs: number): void {
    this.anchorWallMs = nowMs;
    this.anchorSimS = this.sim.kernel.now;
  }

  private cancel(): void {
    if (this.timer !== null) {
      if (this.timerIsImmediate) clearImmediate(this.timer as NodeJS.Immediate);
      else clearTimeout(this.timer as NodeJS.Timeout);
      this.timer = null;
    }
  }

  private schedule(delayMs: number): void {
    if (this.disposed) return;
    this.cancel();
    if (delayMs <= 0) {
      this.timerIsImmediate = true;
      this.timer = setImmediate(this.tick);
    } else {
      this.timerIsImmediate = false;
      this.timer = setTimeout(this.tick, delayMs);
    }
  }

  /** Runs fn; a scenario that throws ends the run with an error reply, never the server. */
  private guard(fn: () => unknown): boolean {
    try {
      fn();
      return true;
    } catch (err) {
      this.state = 'done';
      this.cancel();
      this.send({ type: 'error', code: 'internal', message: `scenario "${this.spec.scenario}" failed at t=${this.sim.kernel.now} s: ${(err as Error).message}` });
      this.onFinished(this);
      return false;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    if (this.disposed || this.state !== 'running') return;
    const t = this.tuning;
    const nowMs = performance.now();
    const sinceFlush = nowMs - this.lastFlushMs;
    if (this.transport.bufferedBytes() > t.highWaterBytes) {
      // The client lags: thin the samples and wait for the socket to drain.
      this.thinSamples();
      this.anchor(nowMs);
      this.schedule(5);
      return;
    }
    if (this.sink.pendingKept >= t.maxPending) {
      if (sinceFlush >= FLUSH_INTERVAL_MS) this.flush(nowMs);
      this.anchor(performance.now());
      this.schedule(Math.max(1, FLUSH_INTERVAL_MS - (performance.now() - this.lastFlushMs)));
      return;
    }
    const k = this.sim.kernel;
    const duration = this.sim.durationS;
    let target = duration;
    if (this.stepUntil !== null) target = this.stepUntil;
    else if (this.pace !== null) {
      target = Math.min(duration, this.anchorSimS + (this.pace * (nowMs - this.anchorWallMs)) / 1000);
    }
    const ok = this.guard(() => {
      for (;;) {
        const c0 = performance.now();
        const e0 = k.eventsDispatched;
        const reason = k.run(target, this.chunk);
        const c1 = performance.now();
        const done = k.eventsDispatched - e0;
        if (done >= this.chunk) {
          // Scenarios differ by orders of magnitude in cost per event: keep each call near sliceMs / 2.
          const perEventMs = Math.max(1e-6, (c1 - c0) / done);
          this.chunk = Math.max(16, Math.min(t.chunkEvents, Math.round((t.sliceMs / 2) / perEventMs)));
        }
        if (reason !== 'budget') break;
        if (this.sink.pendingKept >= t.maxPending) break;
        if (c1 - nowMs > t.sliceMs) break;
      }
    });
    if (!ok) return;
    const after = performance.now();
    if (this.pace !== null && target - k.now > this.pace * MAX_LAG_WALL_S) this.anchor(after);
    const done = k.now >= duration;
    if (!done && this.stepUntil !== null && k.now >= this.stepUntil) {
      this.stepUntil = null;
      this.state = 'paused';
      this.flush(after);
      this.sendStatus();
      return;
    }
    if (done || after - this.lastFlushMs >= FLUSH_INTERVAL_MS) this.flush(after);
    if (done) {
      this.state = 'done';
      this.sendStatus();
      this.onFinished(this);
      return;
    }
    if (this.pace !== null && this.stepUntil === null && k.now >= target) {
      // Ahead of the wall clock: sleep until the next batch is due.
      this.schedule(Math.max(1, Math.min(FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS - (after - this.lastFlushMs))));
    } else this.schedule(0);
  };

  /**
   * Doubles the sample decimation, but keeps at least MIN_SAMPLES_PER_PROBE
   * samples per probe and batch (at the last batch's rate), so traces thin
   * out under load but never vanish.
   */
  private thinSamples(): void {
    const probes = Math.max(1, this.sim.probes.length);
    const cap = Math.max(1, Math.floor(this.lastRawSamples / probes / MIN_SAMPLES_PER_PROBE));
    this.sink.decimation = Math.max(1, Math.min(this.tuning.maxDecimation, cap, this.sink.decimation * 2));
  }

  /** Sends what is pending as one batch and adapts the sample decimation. */
  private flush(nowMs: number): void {
    const k = this.sim.kernel;
    if (nowMs - this.rateWallMs >= 250) {
      const rate = ((k.eventsDispatched - this.rateEvents) * 1000) / (nowMs - this.rateWallMs);
      this.eventsPerS = this.state === 'running' ? rate : 0;
      this.rateWallMs = nowMs;
      this.rateEvents = k.eventsDispatched;
    }
    const samples = this.sink.nSamples;
    this.lastRawSamples = samples + this.sink.skippedSamples;
    const frame = this.sink.takeBatch(k.now, k.eventsDispatched, this.eventsPerS);
    this.lastFlushMs = nowMs;
    if (!this.disposed) this.transport.send(frame);
    const t = this.tuning;
    const buffered = this.transport.bufferedBytes();
    if (buffered > t.highWaterBytes / 4 || samples > t.sampleBudget) {
      this.thinSamples();
    } else if (buffered < t.highWaterBytes / 16 && samples < t.sampleBudget / 4 && this.sink.decimation > 1) {
      this.sink.decimation = this.sink.decimation >>> 1;
    }
  }
}
