/** Messages between the server's event loop and a run's worker thread (structured-clone plain data). */
import type { ParamValue } from '../harness/types.ts';
import type { RunTuning } from './live-run.ts';
import type { RunState } from './protocol.ts';
import type { CircuitSource } from './circuit-live.ts';

export interface WorkerInit {
  /** Scenario modules to load before the first run (warm spares). */
  readonly preload: readonly string[];
  /** Heap plus typed-array memory a run may hold before it is stopped. */
  readonly memoryLimitBytes: number;
}

export type ToWorker =
  | {
      op: 'start';
      runId: number;
      module: string;
      scenario: string;
      params: Record<string, ParamValue>;
      seed: number;
      pace: number | null;
      paused: boolean;
      tuning: RunTuning;
    }
  /** A circuit file (validated in the thread, errors as `memspike run` gives them); seed null: the circuit's own. */
  | { op: 'start-circuit'; runId: number; source: CircuitSource; seed: number | null; pace: number | null; paused: boolean; tuning: RunTuning; memoryBytes: number }
  /** A stimulation request for the run (validated in the thread against its circuit). */
  | { op: 'stimulate'; runId: number; request: Record<string, unknown> }
  | { op: 'ctl'; type: 'pause' | 'resume' | 'reset' }
  | { op: 'ctl'; type: 'step'; dtS: number }
  | { op: 'ctl'; type: 'pace'; pace: number | null }
  /** Flow control: bytes of this run the event loop has taken, and what its client has not yet been sent. */
  | { op: 'flow'; runId: number; received: number; unsent: number }
  | { op: 'stop' };

export interface RunStats {
  simTimeS: number;
  state: RunState;
  pendingKept: number;
  decimation: number;
  spikesSent: number;
}

export type FromWorker =
  | { op: 'ready' }
  | { op: 'text'; runId: number; text: string; stats: RunStats }
  | { op: 'frame'; runId: number; buf: ArrayBuffer; stats: RunStats }
  /** The run ended (done, failed or over its memory): the worker is free again. */
  | { op: 'finished'; runId: number; error: string | null; code: 'internal' | 'run-limit' | 'bad-params' | 'bad-circuit' | null }
  | { op: 'idle' };
