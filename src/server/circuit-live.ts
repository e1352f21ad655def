/**
 * A circuit file run live (in a run's worker thread): its network as a live
 * simulation that also takes stimulations. Each request is validated against
 * the circuit (src/circuit/stimulation.ts), given the next free simulated
 * time after the present one (stimulationTime: the next STIMULATION_LIMITS.stepS
 * multiple that meets no stimulus edge), added to the running network and
 * kept in the run's log; the log replays with `memspike run --stimulation`.
 */
import { CircuitError, prepareCircuit, type LoadedCircuit } from '../circuit/load.ts';
import { estimateNetwork } from '../circuit/scenario.ts';
import { STIMULATION_LIMITS, StimulationError, applyStimulation, checkStimulation, namedStimuli, stimulationNeurons, stimulationTime, type Stimulation } from '../circuit/stimulation.ts';
import { describeEstimate, liveBudget, overBudget } from '../harness/estimate.ts';
import { Network, liveNetwork, liveWithThreshold } from '../network/index.ts';
import { neuronModels } from '../neurons/registry.ts';
import type { LiveSimulation } from '../sinks/types.ts';
import type { InteractionInfo, StimulationEntry } from './interaction.ts';

/** A circuit as the server passes it to a run's thread. */
export interface CircuitSource {
  /** The file name (page uploads) or path (serve --circuit) errors name; device preset paths resolve against it. */
  readonly file: string;
  /** The file's JSON text (page uploads) or its parsed content (serve --circuit, .json or .ts). */
  readonly text?: string;
  readonly raw?: unknown;
  /** serve --circuit: device presets may be files; a page upload may name registered presets only. */
  readonly trusted: boolean;
  readonly sets?: readonly string[];
}

export class LiveStimulationError extends Error {
  constructor(
    readonly code: 'bad-stimulation' | 'stimulation-limit',
    message: string,
  ) {
    super(message);
  }
}

export interface LiveInteraction {
  readonly info: InteractionInfo;
  readonly log: StimulationEntry[];
  /** Validates a request, schedules it after nowS, logs it; returns the entry and the receptors it covers. */
  stimulate(request: unknown, nowS: number): { entry: StimulationEntry; receptors: number };
}

export type InteractiveSimulation = LiveSimulation & { readonly interaction?: LiveInteraction };

/** Cuts every line of a message (they quote the file's content) to MAX_LINE characters. */
function clipLines(message: string, max = 200): string {
  return message
    .split('\n')
    .map((l) => (l.length > max ? `${l.slice(0, max)}...` : l))
    .join('\n');
}

function refuseDeviceFiles(raw: unknown, file: string): void {
  const o = raw as { populations?: { device?: unknown }[]; projections?: { synapse?: { device?: unknown } }[] } | null;
  const bad: string[] = [];
  (Array.isArray(o?.populations) ? o!.populations : []).forEach((p, k) => typeof p?.device === 'string' && p.device.endsWith('.json') && bad.push(`populations.${k}.device`));
  (Array.isArray(o?.projections) ? o!.projections : []).forEach((p, k) => typeof p?.synapse?.device === 'string' && (p.synapse.device as string).endsWith('.json') && bad.push(`projections.${k}.synapse.device`));
  if (bad.length) throw new CircuitError(bad.map((w) => `${file}: ${w}: expected a registered device preset name; a circuit sent from the page may not name preset files (run it with memspike serve --circuit)`).join('\n'));
}

/** Loads a circuit source (parse, validate, compile, budget); every problem is a CircuitError with the file, JSON path and what was expected. */
export function loadCircuitSource(src: CircuitSource, seed: number | null, memoryBytes: number): LoadedCircuit {
  let raw = src.raw;
  if (src.text !== undefined) {
    try {
      raw = JSON.parse(src.text);
    } catch (e) {
      throw new CircuitError(clipLines(`${src.file}: not valid JSON (${(e as Error).message})`));
    }
  }
  try {
    if (!src.trusted) refuseDeviceFiles(raw, src.file);
    const lc = prepareCircuit(raw, src.file, { sets: src.sets ?? [], seed: seed ?? undefined });
    // Events are checked before the start; memory is watched while it runs (the estimate counts the tables `memspike run` keeps, which a live run streams instead).
    const est = estimateNetwork(lc.network);
    const over = overBudget({ ...est, memoryBytes: 0, outputBytes: 0 }, liveBudget(memoryBytes));
    if (over) throw new CircuitError(`${src.file}: the circuit would need ${over} to run live; estimate: ${describeEstimate(est)}. Make it smaller (fewer neurons, shorter durationS).`);
    return lc;
  } catch (e) {
    // A page upload's errors are cut (they quote its content); serve --circuit prints them as `memspike run` does.
    if (e instanceof CircuitError && !src.trusted) throw new CircuitError(clipLines(e.message));
    throw e;
  }
}

function threshold(lc: LoadedCircuit): number | null {
  const p = lc.circuit.populations.find((q) => q.model === 'nociceptor');
  if (!p) return null;
  const v = Number(p.params?.thresholdA ?? (neuronModels.nociceptor?.defaults as { thresholdA?: unknown } | undefined)?.thresholdA);
  return Number.isFinite(v) ? v : null;
}

/**
 * Whether population pd's model takes a constant drive of vV: one neuron of
 * it driven so for a moment (a device model refuses voltages outside the
 * class it was fitted in; better a refused stimulation than a failed run).
 */
function driveRefusal(lc: LoadedCircuit, population: string, vV: number, cache: Map<string, string | null>): string | null {
  const key = `${population}:${vV}`;
  if (cache.has(key)) return cache.get(key)!;
  const pd = lc.network.populations.find((p) => p.name === population)!;
  let why: string | null = null;
  try {
    const one = { ...pd, name: 'trial', size: 1, grid: undefined };
    new Network({ durationS: 0.01, seed: 1, populations: [one], stimuli: [{ kind: 'uniform', population: 'trial', waveform: { kind: 'constant', value: vV } }] }).run();
  } catch (e) {
    why = (e as Error).message;
  }
  cache.set(key, why);
  return why;
}

/** The circuit's network, started, as a live simulation that takes stimulations. */
export function liveCircuit(lc: LoadedCircuit): InteractiveSimulation {
  const c = lc.circuit;
  const net = new Network(lc.network);
  const thr = threshold(lc);
  const sim = thr !== null ? liveWithThreshold(net, thr) : liveNetwork(net);
  const L = STIMULATION_LIMITS;
  const info: InteractionInfo = {
    circuit: lc.name,
    grids: net.populations.filter((p) => p.grid).map((p) => ({ name: p.name, width: p.grid!.width, height: p.grid!.height, offset: p.offset })),
    stimuli: namedStimuli(c).map((s) => s.name),
    limits: { maxStimulations: L.maxStimulations, maxAmplitudeV: L.maxAmplitudeV, maxWidthS: L.maxWidthS, maxRadius: L.maxRadius, maxFactor: L.maxFactor, stepS: L.stepS },
  };
  const log: StimulationEntry[] = [];
  const trials = new Map<string, string | null>();
  /** Refuses a stimulation whose drive bounds the population's model does not take. */
  const checkDrive = (population: string, bounds: [number, number], what: string): void => {
    for (const v of bounds) {
      const why = Number.isFinite(v) ? driveRefusal(lc, population, v, trials) : null;
      if (why !== null) throw new LiveStimulationError('bad-stimulation', `stimulation: ${what} would drive receptors of "${population}" at up to ${+v.toPrecision(6)} (the circuit's stimuli and the stimulations together), which the model refuses: ${why}`);
    }
  };
  const interaction: LiveInteraction = {
    info,
    log,
    stimulate(request, nowS) {
      if (log.length >= L.maxStimulations) throw new LiveStimulationError('stimulation-limit', `the run's stimulation log holds its limit of ${L.maxStimulations} entries; reset the run to start a new log`);
      let req;
      try {
        req = checkStimulation(request, c, 'stimulation', false);
      } catch (e) {
        if (e instanceof StimulationError) throw new LiveStimulationError('bad-stimulation', e.message);
        throw e;
      }
      const widthS = req.kind === 'amplitude' ? 0 : req.widthS;
      const tS = stimulationTime(net, nowS, widthS);
      if (tS >= c.durationS) throw new LiveStimulationError('bad-stimulation', `the run ends at ${c.durationS} s; a stimulation now would start at ${tS} s`);
      const entry = { tS, ...req } as Stimulation;
      const receptors = entry.kind === 'amplitude' ? 0 : stimulationNeurons(c, entry).length;
      if (entry.kind !== 'amplitude' && receptors === 0) throw new LiveStimulationError('bad-stimulation', `stimulation: the spot at (${entry.cx}, ${entry.cy}) with radius ${entry.radius} covers no receptor of "${entry.population}"`);
      if (entry.kind === 'amplitude') {
        const k = namedStimuli(c).find((x) => x.name === entry.stimulus)!.index;
        const pop = lc.network.stimuli![k].population;
        const all = Array.from({ length: net.population(pop).size }, (_, i) => i);
        checkDrive(pop, net.driveBounds(pop, all, tS, c.durationS, 0, k, entry.factor), `"${entry.stimulus}" x ${entry.factor}`);
      } else checkDrive(entry.population, net.driveBounds(entry.population, stimulationNeurons(c, entry), tS, tS + entry.widthS, entry.amplitudeV), `this ${entry.kind} pulse`);
      applyStimulation(net, c, entry);
      log.push(entry as StimulationEntry);
      return { entry: entry as StimulationEntry, receptors };
    },
  };
  return { ...sim, interaction };
}
