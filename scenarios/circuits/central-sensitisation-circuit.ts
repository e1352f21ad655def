/**
 * The central-sensitisation circuit as data: a skin patch of afferents
 * (LIF, driven by a current: the receptors themselves never sensitise) onto a
 * dorsal-horn layer of the same size through memristor synapses with
 * overlapping receptive fields. Protocol: rounds of test touches (one small
 * touch at a time, at distances 0, 1, 2, ... from the injury centre along x),
 * once before the injury and at several times after it; the injury drives
 * the spot's afferents hard for `injuryS`, and leaves them with ongoing
 * low-rate discharge. circuits/central-sensitisation.json is this function
 * at its defaults; the scenario applies its parameters to that file.
 */
export interface CentralParams {
  readonly size: number;
  readonly rfRadius: number;
  readonly spotRadius: number;
  readonly injuryStartS: number;
  readonly injuryS: number;
  /** Start times of the test rounds (the first before the injury). */
  readonly roundsS: readonly number[];
  readonly touchS: number;
  readonly gapS: number;
  readonly touchA: number;
  readonly injuryA: number;
  readonly ongoingA: number;
  readonly gain: number;
  readonly synapseV: number;
  readonly synapseWidthS: number;
  readonly seed: number;
}

export const CENTRAL_DEFAULTS: CentralParams = {
  size: 17,
  rfRadius: 4,
  spotRadius: 1.5,
  injuryStartS: 6,
  injuryS: 2,
  roundsS: [0.5, 10, 30, 60],
  touchS: 0.25,
  gapS: 0.25,
  touchA: 3e-10,
  injuryA: 1e-9,
  ongoingA: 1.7e-10,
  gain: 1e7,
  synapseV: 3,
  synapseWidthS: 0.005,
  seed: 1,
};

const LIF = { restV: -0.065, thresholdV: -0.05, resetV: -0.065, refractoryS: 0.002, tauMS: 0.02, resistanceOhm: 1e8, initialV: -0.065 };

/** Distances (receptors) of the test touches from the injury centre: 0 .. half the patch. */
export function touchDistances(p: CentralParams): number[] {
  return Array.from({ length: Math.floor(p.size / 2) + 1 }, (_, d) => d);
}

/** Start of the touch at distance index k in round r. */
export function touchStartS(p: CentralParams, r: number, k: number): number {
  return p.roundsS[r] + p.gapS + k * (p.touchS + p.gapS);
}

export function centralCircuit(p: CentralParams): Record<string, unknown> {
  const c = Math.floor(p.size / 2);
  const n = p.size * p.size;
  const ds = touchDistances(p);
  const last = touchStartS(p, p.roundsS.length - 1, ds.length - 1) + p.touchS + p.gapS;
  const injuryEndS = p.injuryStartS + p.injuryS;
  return {
    $schema: './circuit.schema.json',
    description: 'Central sensitisation: a skin patch onto a dorsal-horn layer through memristor synapses with overlapping receptive fields; potentiation after an injury makes touch painful in a ring around the injured spot (secondary allodynia) although the receptors there were never injured',
    durationS: last,
    seed: p.seed,
    populations: [
      { name: 'skin', model: 'lif', size: n, grid: { width: p.size, height: p.size }, params: LIF, initial: { V: { uniform: [-0.065, -0.05] } } },
      { name: 'dorsal-horn', model: 'lif', size: n, grid: { width: p.size, height: p.size }, params: LIF },
    ],
    projections: [
      {
        name: 'skin->dorsal-horn',
        from: 'skin',
        to: 'dorsal-horn',
        connectivity: { kind: 'receptive-field', radius: p.rfRadius },
        synapse: { kind: 'memristor', amplitudeV: p.synapseV, widthS: p.synapseWidthS, gain: p.gain },
        delayS: 0.005,
      },
    ],
    stimuli: [
      { name: 'injury', kind: 'spot', population: 'skin', cx: c, cy: c, radius: p.spotRadius, waveform: { kind: 'points', points: [[p.injuryStartS, p.injuryA], [injuryEndS, p.ongoingA]] } },
      ...ds.map((d, k) => ({
        name: `touch-${d}`,
        kind: 'spot',
        population: 'skin',
        cx: c + d,
        cy: c,
        radius: 1,
        waveform: { kind: 'points', points: p.roundsS.flatMap((_, r) => [[touchStartS(p, r, k), p.touchA], [touchStartS(p, r, k) + p.touchS, 0]]) },
      })),
    ],
    probes: [
      { kind: 'neuron', population: 'dorsal-horn', neurons: [c * p.size + c, c * p.size + c + Math.min(c, Math.round(p.rfRadius + p.spotRadius))], variable: 'V', intervalS: 0.002 },
      { kind: 'synapse', projection: 'skin->dorsal-horn', synapses: [0], variable: 'conductance', intervalS: 0.05 },
    ],
    protocol: {
      phases: [
        ...p.roundsS.map((t, r) => ({ name: r === 0 ? 'touch before injury' : `touch round ${r}`, startS: t, endS: touchStartS(p, r, ds.length - 1) + p.touchS })),
        { name: 'injury', startS: p.injuryStartS, endS: injuryEndS },
      ],
    },
  };
}

/**
 * The same circuit without potentiation: each memristor synapse replaced by
 * a static weight equal to the input its pristine device gives to the first
 * spike (gain x the charge of one pulse), so only the plasticity is removed.
 */
export function withoutPotentiation(circuit: Record<string, unknown>, firstChargeC: number): Record<string, unknown> {
  const projections = (circuit.projections as Array<Record<string, unknown>>).map((pr) => {
    const s = pr.synapse as { kind: string; gain: number };
    return s.kind === 'memristor' ? { ...pr, synapse: { kind: 'static', weight: s.gain * firstChargeC } } : pr;
  });
  const probes = (circuit.probes as Array<{ kind: string }>).filter((pb) => pb.kind !== 'synapse');
  return { ...circuit, projections, probes };
}
