/**
 * One client connection of the live server: its messages, its run (in a
 * worker thread from the pool) and its Outbox. The event loop only checks
 * messages and relays what the run's thread posts; nothing here simulates.
 * A run that ends (done, failed, over its limits) gives back its slot and
 * its thread at once; the client keeps what it was sent, and `reset`
 * starts the same run again at t = 0 if a slot is free.
 */
import type { WebSocket } from 'ws';
import { checkBudget, BudgetError, liveBudget } from '../harness/estimate.ts';
import { resolveParams } from '../harness/params.ts';
import type { Params, Scenario } from '../harness/types.ts';
import type { RunTuning } from './live-run.ts';
import { Outbox } from './outbox.ts';
import type { RunWorker, WorkerPool } from './pool.ts';
import type { ClientMessage, ErrorCode, ServerMessage } from './protocol.ts';
import type { FromWorker, RunStats } from './worker-messages.ts';
import type { CircuitSource } from './circuit-live.ts';
import { RateLimit, STIMULATION_BURST, STIMULATIONS_PER_S } from './interaction.ts';

export interface OfferedScenario {
  readonly scenario: Scenario;
  readonly module: string;
}

export interface ServerContext {
  readonly offered: ReadonlyMap<string, OfferedScenario>;
  /** serve --circuit: the circuit offered under its name. */
  readonly circuit: { readonly name: string; readonly source: CircuitSource } | null;
  readonly pool: WorkerPool;
  readonly tuning: RunTuning;
  readonly maxRuns: number;
  readonly runMemoryBytes: number;
  activeRuns(): number;
  nextRunId(): number;
}

/** Error replies quote at most this many characters of anything the client sent. */
export const MAX_QUOTE_CHARS = 200;
const DEFAULT_STEP_S = 0.01;
/** A stopped run's thread that has not acknowledged within this time is terminated. */
const STOP_GRACE_MS = 1000;

export function clip(text: string, max = MAX_QUOTE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

interface StartSpec {
  /** A scenario, or a circuit (serve --circuit or sent by the page). */
  offered: OfferedScenario | null;
  circuit: { name: string; source: CircuitSource; seed: number | null } | null;
  params: Params;
  seed: number;
  pace: number | null;
}

export class ActiveRun {
  received = 0;
  stats: RunStats = { simTimeS: 0, state: 'ready', pendingKept: 0, decimation: 1, spikesSent: 0 };
  lastFlow = -1;
  constructor(
    readonly runId: number,
    readonly worker: RunWorker,
    readonly spec: StartSpec,
  ) {}
}

export class Session {
  readonly out: Outbox;
  run: ActiveRun | null = null;
  private readonly allowance = new RateLimit();
  /** The last run's spec, for `reset` after it finished. */
  private last: StartSpec | null = null;
  everStarted = false;

  constructor(
    readonly ws: WebSocket,
    private readonly ctx: ServerContext,
    out: Outbox,
  ) {
    this.out = out;
  }

  send(msg: ServerMessage): void {
    this.out.send(JSON.stringify(msg));
  }

  error(code: ErrorCode, message: string): void {
    this.send({ type: 'error', code, message });
  }

  /** A start not yet launched: starts that arrive together launch only the last (each would replace the one before). */
  private pending: { spec: StartSpec; paused: boolean } | null = null;

  /** Holds a run or is about to. */
  get holdsRun(): boolean {
    return this.run !== null || this.pending !== null;
  }

  handle(msg: ClientMessage): void {
    if (msg.type === 'ping') {
      this.send({ type: 'pong', id: msg.id ?? null });
      return;
    }
    if (msg.type === 'start') {
      this.start(msg);
      return;
    }
    if (msg.type === 'start-circuit') {
      const source: CircuitSource = { file: msg.file, text: msg.text, trusted: false };
      this.startCircuit(msg.file, source, msg.seed ?? null, msg.pace, msg.paused);
      return;
    }
    this.flushLaunch();
    switch (msg.type) {
      case 'stop': {
        const run = this.run;
        if (!run) break;
        this.free();
        this.send({ type: 'stopped', runId: run.runId });
        return;
      }
      case 'reset':
        if (!this.run && this.last) {
          this.launch(this.last, true);
          return;
        }
        break;
    }
    const run = this.run;
    if (!run) {
      this.error('no-run', this.last ? `the run has finished; "${msg.type}" needs a run: send "start" or "reset"` : `"${msg.type}" needs a run; send "start" first`);
      return;
    }
    if (msg.type === 'stimulate') {
      if (!this.allowance.take()) {
        this.error('rate-limited', `at most ${STIMULATIONS_PER_S} stimulations per second (bursts of ${STIMULATION_BURST}); this one was dropped`);
        return;
      }
      run.worker.post({ op: 'stimulate', runId: run.runId, request: msg.request });
    } else if (msg.type === 'step') run.worker.post({ op: 'ctl', type: 'step', dtS: msg.dtS ?? DEFAULT_STEP_S });
    else if (msg.type === 'pace') run.worker.post({ op: 'ctl', type: 'pace', pace: msg.pace });
    else if (msg.type === 'pause' || msg.type === 'resume' || msg.type === 'reset') run.worker.post({ op: 'ctl', type: msg.type });
  }

  private startCircuit(name: string, source: CircuitSource, seed: number | null, pace: number | null | undefined, paused: boolean | undefined): void {
    if (!this.holdsRun && this.ctx.activeRuns() >= this.ctx.maxRuns) {
      this.error('capacity', `the server is running its limit of ${this.ctx.maxRuns} concurrent runs; stop another run or try again later`);
      return;
    }
    this.launch({ offered: null, circuit: { name, source, seed }, params: {}, seed: seed ?? 0, pace: pace === undefined ? 1 : pace }, paused ?? false);
  }

  private start(msg: Extract<ClientMessage, { type: 'start' }>): void {
    const c = this.ctx.circuit;
    if (c !== null && msg.scenario === c.name) {
      this.startCircuit(c.name, c.source, msg.seed ?? null, msg.pace, msg.paused);
      return;
    }
    const offered = this.ctx.offered.get(msg.scenario);
    if (!offered) {
      this.error('unknown-scenario', `no live scenario "${clip(msg.scenario)}"; live scenarios: ${[...this.ctx.offered.keys()].join(', ') || '(none)'}`);
      return;
    }
    const s = offered.scenario;
    let params: Params;
    try {
      params = resolveParams(s.name, s.params, msg.params ?? {});
      checkBudget(s, params, liveBudget(this.ctx.runMemoryBytes), false, 'Choose smaller parameters.');
    } catch (err) {
      this.error(err instanceof BudgetError ? 'budget' : 'bad-params', clip((err as Error).message, 600));
      return;
    }
    if (!this.holdsRun && this.ctx.activeRuns() >= this.ctx.maxRuns) {
      this.error('capacity', `the server is running its limit of ${this.ctx.maxRuns} concurrent runs; stop another run or try again later`);
      return;
    }
    this.launch({ offered, circuit: null, params, seed: msg.seed ?? 1, pace: msg.pace === undefined ? 1 : msg.pace }, msg.paused ?? false);
  }

  private launch(spec: StartSpec, paused: boolean): void {
    if (!this.holdsRun && this.ctx.activeRuns() >= this.ctx.maxRuns) {
      this.error('capacity', `the server is running its limit of ${this.ctx.maxRuns} concurrent runs; try again later`);
      return;
    }
    this.free();
    const first = this.pending === null;
    this.pending = { spec, paused };
    if (first) setImmediate(() => this.flushLaunch());
  }

  /** Launches the pending start, if any, in a thread from the pool. */
  private flushLaunch(): void {
    const p = this.pending;
    if (!p || this.out.closed) {
      this.pending = null;
      return;
    }
    this.pending = null;
    const { spec, paused } = p;
    const worker = this.ctx.pool.take();
    const run = new ActiveRun(this.ctx.nextRunId(), worker, spec);
    this.run = run;
    this.last = spec;
    this.everStarted = true;
    worker.handler = {
      message: (m) => this.fromWorker(run, m),
      died: (reason) => {
        if (this.run !== run) return;
        this.run = null;
        this.error('run-limit', `run ${run.runId} of "${spec.offered?.scenario.name ?? spec.circuit!.name}" was stopped: ${reason}; the server goes on`);
      },
    };
    if (spec.circuit !== null) {
      const c = spec.circuit;
      worker.post({ op: 'start-circuit', runId: run.runId, source: c.source, seed: c.seed, pace: spec.pace, paused, tuning: this.ctx.tuning, memoryBytes: this.ctx.runMemoryBytes });
      return;
    }
    const offered = spec.offered!;
    worker.post({
      op: 'start',
      runId: run.runId,
      module: offered.module,
      scenario: offered.scenario.name,
      params: { ...spec.params },
      seed: spec.seed,
      pace: spec.pace,
      paused,
      tuning: this.ctx.tuning,
    });
  }

  private fromWorker(run: ActiveRun, m: FromWorker): void {
    if (m.op === 'idle' || m.op === 'ready') return;
    if (m.runId !== run.runId) return;
    if (m.op === 'text') {
      run.received += m.text.length;
      run.stats = m.stats;
      this.out.send(m.text);
    } else if (m.op === 'frame') {
      run.received += m.buf.byteLength;
      run.stats = m.stats;
      this.out.send(Buffer.from(m.buf));
    } else if (m.op === 'finished') {
      run.stats = { ...run.stats, state: 'done' };
      if (m.error) this.error(m.code ?? 'internal', m.error);
      if (this.run === run) this.run = null;
      if (m.code === 'run-limit') this.ctx.pool.kill(run.worker);
      else this.ctx.pool.give(run.worker);
    }
  }

  /** Posts flow control to the run's thread when what it knows is stale. */
  flow(): void {
    const run = this.run;
    if (!run) return;
    const unsent = this.out.unsentBytes;
    const key = run.received * 1e9 + unsent;
    if (key === run.lastFlow) return;
    run.lastFlow = key;
    run.worker.post({ op: 'flow', runId: run.runId, received: run.received, unsent });
  }

  /** Ends this client's run, if any, and returns its thread. */
  free(): void {
    this.pending = null;
    const run = this.run;
    if (!run) return;
    this.run = null;
    const w = run.worker;
    const timer = setTimeout(() => this.ctx.pool.kill(w), STOP_GRACE_MS);
    timer.unref();
    w.handler = {
      message: (m) => {
        if (m.op === 'idle') {
          clearTimeout(timer);
          this.ctx.pool.give(w);
        }
      },
      died: () => clearTimeout(timer),
    };
    w.post({ op: 'stop' });
  }
}
