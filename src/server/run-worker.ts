/**
 * A worker thread that runs live simulations, one at a time, for the server:
 * the scenario is built and advanced here, so however heavy it is, the
 * server's event loop only relays the frames this thread posts. Frames are
 * transferred, not copied. Flow control: the event loop reports how many of
 * this run's bytes it has taken and how many its client has not yet been
 * sent; the run stalls (LiveRun's backpressure) while that exceeds its high
 * water mark. The heap is capped by the Worker's resourceLimits; typed-array
 * memory, which that cap does not see, is checked here every 100 ms.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../harness/types.ts';
import { collectScenarios } from './modules.ts';
import { LiveRun, type RunSpec, type RunTuning } from './live-run.ts';
import { CircuitError } from '../circuit/load.ts';
import { LiveStimulationError, liveCircuit, loadCircuitSource, type InteractiveSimulation } from './circuit-live.ts';
import type { FromWorker, RunStats, ToWorker, WorkerInit } from './worker-messages.ts';

/**
 * Runs are niced below the event loop: on a busy machine the thread that
 * relays everyone's replies is scheduled first. (Linux: a thread's id is
 * where /proc/thread-self points; elsewhere the thread keeps its priority.)
 */
export const RUN_THREAD_NICE = 10;
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, RUN_THREAD_NICE);
} catch {
  // Not Linux, or not allowed: run at normal priority.
}

const port = parentPort!;
const init = workerData as WorkerInit;
const loaded = new Map<string, Promise<Map<string, Scenario>>>();
/** How the thread loads a module: tsx's hook when run from source (set by the pool's boot code), else import(). */
const loadModule: (url: string) => Promise<Record<string, unknown>> =
  (globalThis as { __memspikeLoadModule?: (url: string) => Promise<Record<string, unknown>> }).__memspikeLoadModule ?? ((url) => import(url));

function load(url: string): Promise<Map<string, Scenario>> {
  let p = loaded.get(url);
  if (!p) {
    p = loadModule(url).then((m) => collectScenarios(m));
    loaded.set(url, p);
  }
  return p;
}
const warm = Promise.all(init.preload.map(load));

let run: LiveRun | null = null;
let runId = 0;
let postedBytes = 0;
let takenBytes = 0;
let unsentBytes = 0;

function post(m: FromWorker, transfer?: ArrayBuffer[]): void {
  port.postMessage(m, transfer);
}

function stats(): RunStats {
  const r = run!;
  return { simTimeS: r.simTimeS, state: r.state, pendingKept: r.sink.pendingKept, decimation: r.sink.decimation, spikesSent: r.sink.totalSpikes - r.sink.nSpikes };
}

function finish(error: string | null, code: 'internal' | 'run-limit' | 'bad-params' | 'bad-circuit' | null): void {
  const id = runId;
  run?.dispose();
  run = null;
  post({ op: 'finished', runId: id, error, code });
}

async function start(m: Extract<ToWorker, { op: 'start' }>): Promise<void> {
  const scenarios = await load(m.module);
  const scenario = scenarios.get(m.scenario);
  if (!scenario?.live) {
    runId = m.runId;
    finish(`scenario "${m.scenario}" is not offered by ${m.module}`, 'internal');
    return;
  }
  const liveFn = scenario.live.bind(scenario);
  begin(m, { runId: m.runId, scenario: m.scenario, params: m.params, seed: m.seed, pace: m.pace, build: () => liveFn(m.params, m.seed) }, 'bad-params');
}

/** A circuit file: validated and compiled here (off the event loop); a bad one ends with the errors `memspike run` prints. */
function startCircuit(m: Extract<ToWorker, { op: 'start-circuit' }>): void {
  runId = m.runId;
  let lc;
  try {
    lc = loadCircuitSource(m.source, m.seed, m.memoryBytes);
  } catch (err) {
    finish((err as Error).message, err instanceof CircuitError ? 'bad-circuit' : 'internal');
    return;
  }
  begin(m, { runId: m.runId, scenario: lc.name, params: {}, seed: lc.circuit.seed, pace: m.pace, build: () => liveCircuit(lc) }, 'bad-circuit');
}

function begin(m: { runId: number; tuning: RunTuning; paused: boolean }, spec: RunSpec, failCode: 'bad-params' | 'bad-circuit'): void {
  runId = m.runId;
  postedBytes = 0;
  takenBytes = 0;
  unsentBytes = 0;
  const id = m.runId;
  try {
    run = new LiveRun(
      spec,
      {
        send(d) {
          if (runId !== id || !run) return;
          if (typeof d === 'string') {
            postedBytes += d.length;
            post({ op: 'text', runId: id, text: d, stats: stats() });
          } else {
            const ab = d.byteOffset === 0 && d.byteLength === d.buffer.byteLength ? (d.buffer as ArrayBuffer) : (d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer);
            postedBytes += ab.byteLength;
            post({ op: 'frame', runId: id, buf: ab, stats: stats() }, [ab]);
          }
        },
        bufferedBytes: () => postedBytes - takenBytes + unsentBytes,
      },
      m.tuning,
      () => {
        if (runId === id) finish(null, null);
      },
    );
  } catch (err) {
    finish(`scenario "${spec.scenario}" could not be built: ${(err as Error).message}`, failCode);
    return;
  }
  run.announce();
  if (!m.paused) run.resume();
}

function stimulate(m: Extract<ToWorker, { op: 'stimulate' }>): void {
  if (!run || m.runId !== runId) return;
  const it = (run.sim as InteractiveSimulation).interaction;
  if (!it) {
    run.send({ type: 'error', code: 'not-interactive', message: `run "${run.spec.scenario}" takes no stimulations: circuit runs do (memspike serve --circuit FILE, or a circuit file opened in the page)` });
    return;
  }
  if (run.state === 'done') {
    run.send({ type: 'error', code: 'bad-stimulation', message: `the run has ended at ${run.sim.durationS} s; reset it to stimulate again` });
    return;
  }
  try {
    const { entry, receptors } = it.stimulate(m.request, run.sim.kernel.now);
    run.send({ type: 'stimulation', runId, index: it.log.length - 1, receptors, entry });
  } catch (err) {
    run.send({ type: 'error', code: err instanceof LiveStimulationError ? err.code : 'internal', message: (err as Error).message });
  }
}

function control(m: Extract<ToWorker, { op: 'ctl' }>): void {
  if (!run) return;
  if (m.type === 'pause') run.pause();
  else if (m.type === 'resume') run.resume();
  else if (m.type === 'reset') run.reset();
  else if (m.type === 'step') run.step(m.dtS);
  else if (m.type === 'pace') run.setPace(m.pace);
}

// Messages are handled in arrival order, each once the preloaded modules are in.
let chain: Promise<void> = warm.then(
  () => post({ op: 'ready' }),
  (err: unknown) => {
    // A module that cannot load is a broken installation: fail the thread loudly.
    setImmediate(() => {
      throw err;
    });
  },
);
port.on('message', (m: ToWorker) => {
  if (m.op === 'flow') {
    if (m.runId === runId) {
      takenBytes = m.received;
      unsentBytes = m.unsent;
    }
    return;
  }
  chain = chain.then(async () => {
    if (m.op === 'start') {
      try {
        await start(m);
      } catch (err) {
        runId = m.runId;
        finish(`scenario "${m.scenario}" could not be loaded: ${(err as Error).message}`, 'internal');
      }
    }
    else if (m.op === 'start-circuit') startCircuit(m);
    else if (m.op === 'stimulate') stimulate(m);
    else if (m.op === 'ctl') control(m);
    else if (m.op === 'stop') {
      run?.dispose();
      run = null;
      runId = 0;
      post({ op: 'idle' });
    }
  });
});

setInterval(() => {
  if (!run) return;
  const h = getHeapStatistics();
  const used = h.used_heap_size + h.external_memory;
  if (used > init.memoryLimitBytes) {
    const mb = (x: number) => Math.round(x / 1048576);
    finish(`run stopped: it holds ${mb(used)} MB, over its limit of ${mb(init.memoryLimitBytes)} MB`, 'run-limit');
  }
}, 100).unref();
