/**
 * One network benchmark run in its own process (so peak RSS belongs to it):
 *   node --import tsx bench/brette-run.ts '{"model":"benchmark4","n":4000,"durationS":10,"seed":1}'
 * prints one JSON line (the fields of bench/brette.ts). Models:
 *   benchmark4   Brette et al. 2007 benchmark 4, exact event-driven
 *   cuba         Brette et al. 2007 benchmark 2 (CUBA), exact event-driven
 *   memristor    benchmark 4 topology with memristor (MoSe2) excitatory synapses:
 *                a spike applies a 1.5 V, 1 ms pulse; gain set so that a pristine
 *                synapse gives the benchmark's +0.25 mV jump
 *   clock        benchmark 4, clock-driven reference at step dtS (same network)
 */
import { Network } from '../src/network/index.ts';
import { benchmark4, BRETTE, cuba } from '../src/network/brette.ts';
import { runClockDriven } from '../test/helpers/clock-driven.ts';
import { MemristorSynapses } from '../src/synapses/memristor.ts';
import type { NetworkDescription } from '../src/network/description.ts';

export interface RunSpec {
  readonly model: 'benchmark4' | 'cuba' | 'memristor' | 'clock';
  readonly n: number;
  readonly durationS: number;
  readonly seed: number;
  readonly inputs?: number;
  readonly dtS?: number;
  /**
   * Simulated seconds of the same network (another seed) run first in this
   * process and not timed: the timed run then starts with the code already
   * compiled by V8, as Brian2's timed loop starts with its C++ compiled.
   */
  readonly warmupS?: number;
}

export const PULSE_V = 1.5;
export const PULSE_WIDTH_S = 1e-3;

function memristorNetwork(o: { n: number; durationS: number; seed: number; inputsPerNeuron?: number }): NetworkDescription {
  const base = benchmark4(o);
  const probe = new MemristorSynapses(1, { amplitudeV: PULSE_V, widthS: PULSE_WIDTH_S, gain: 1 });
  const gain = BRETTE.jumpEV / probe.transmit(0, 0);
  return {
    ...base,
    projections: base.projections!.map((pr) =>
      pr.from === 'E' ? { ...pr, synapse: { kind: 'memristor', amplitudeV: PULSE_V, widthS: PULSE_WIDTH_S, gain } } : pr,
    ),
  };
}

/** Bytes of the connectivity arrays per synapse: all, static only, memristive only. */
function connectivityBytes(net: Network): { bytes: number; synapses: number; staticB: number; memB: number } {
  let bytes = 0, synapses = 0, sBytes = 0, sCount = 0, mBytes = 0, mCount = 0;
  for (const pr of net.projections) {
    // A projection with one weight for all synapses stores it once (reading `weights` would create the array).
    const weightBytes = Number.isNaN(pr.uniformWeight) ? (pr.weights?.byteLength ?? 0) : 8;
    let b = pr.offsets.byteLength + pr.targets.byteLength + weightBytes;
    if (pr.memristors) b += pr.memristors.bytesPerSynapse * pr.memristors.count;
    bytes += b;
    synapses += pr.synapseCount;
    if (pr.memristors) { mBytes += b; mCount += pr.synapseCount; } else { sBytes += b; sCount += pr.synapseCount; }
  }
  return { bytes, synapses, staticB: sCount > 0 ? sBytes / sCount : 0, memB: mCount > 0 ? mBytes / mCount : 0 };
}

function describe(spec: RunSpec, durationS: number, seed: number): NetworkDescription {
  const o = { n: spec.n, durationS, seed, inputsPerNeuron: spec.inputs ?? 80 };
  return spec.model === 'cuba' ? cuba(o) : spec.model === 'memristor' ? memristorNetwork(o) : benchmark4(o);
}

export function runOne(spec: RunSpec): Record<string, number | string> {
  if (spec.warmupS && spec.model !== 'clock') new Network(describe(spec, spec.warmupS, spec.seed + 1)).run();
  const desc = describe(spec, spec.durationS, spec.seed);
  const b0 = performance.now();
  const net = new Network(desc);
  const buildS = (performance.now() - b0) / 1000;
  const E = net.population('E');
  const I = net.population('I');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let spikesE = 0;
  let spikesI = 0;
  let spikes = 0;
  let events = 0;
  if (spec.model === 'clock') {
    const r = runClockDriven(net, spec.dtS ?? 1e-4);
    for (let i = 0; i < E.size; i++) spikesE += r.counts[E.offset + i];
    spikes = r.spikes;
    spikesI = spikes - spikesE;
    events = r.synapticEvents;
  } else {
    net.attach({
      spike: (_t, g) => {
        if (g < E.offset + E.size) spikesE++;
        else spikesI++;
      },
      sample() {},
      stateChange() {},
    });
    net.run();
    spikes = net.spikeCount;
    events = net.synapticEvents;
  }
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const mem = connectivityBytes(net);
  return {
    name: spec.model === 'clock' ? `clock/n=${spec.n}/dt=${spec.dtS}` : `${spec.model}/n=${spec.n}`,
    n: spec.n,
    duration_s: spec.durationS,
    rate_e_hz: spikesE / E.size / spec.durationS,
    rate_i_hz: spikesI / I.size / spec.durationS,
    spikes,
    synaptic_events: events,
    wall_s: wallS,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    build_s: buildS,
    events_per_s: events / wallS,
    /** Less sensitive than wall time to other processes on a shared machine. */
    events_per_cpu_s: events / ((cpu.user + cpu.system) / 1e6),
    spikes_per_s: spikes / wallS,
    synapses: mem.synapses,
    rss_bytes: process.resourceUsage().maxRSS * 1024,
    bytes_per_synapse: mem.bytes / mem.synapses,
    bytes_per_static_synapse: mem.staticB,
    bytes_per_memristive_synapse: mem.memB,
  };
}

if (process.argv[1]?.endsWith('brette-run.ts') && process.argv[2]) {
  process.stdout.write(JSON.stringify(runOne(JSON.parse(process.argv[2]) as RunSpec)) + '\n');
}
