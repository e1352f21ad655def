/**
 * Validation of a network description: the first problem found is thrown as a
 * one-line error naming the field (e.g. `projections[1] "E->I".delayS`) and
 * what was expected. Build calls this first; callers may call it alone.
 */
import { neuronModels } from '../neurons/registry.ts';
import { devicePresetNames, hasDevicePreset } from './devices.ts';
import { synapseKinds } from '../synapses/registry.ts';
import type { Checks } from '../synapses/types.ts';
import type { VariationDesc } from './description.ts';
import type { NetworkDescription, WaveformDesc } from './description.ts';

const fail = (where: string, msg: string): never => {
  throw new Error(`network: ${where}: ${msg}`);
};

function finite(where: string, v: unknown, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, `expected a finite number, got ${String(v)}`);
  const x = v as number;
  if (x < min || x > max) fail(where, `expected a number in [${min}, ${max}], got ${x}`);
  return x;
}

const CHECKS: Checks = { fail, finite };

function index(where: string, v: unknown, size: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= size) {
    fail(where, `expected a neuron index in 0..${size - 1}, got ${String(v)}`);
  }
  return v as number;
}

export function validateWaveform(where: string, w: WaveformDesc): void {
  if (!w || typeof w !== 'object') fail(where, 'expected a waveform object');
  switch (w.kind) {
    case 'constant':
      finite(`${where}.value`, w.value);
      if (w.startS !== undefined) finite(`${where}.startS`, w.startS, 0);
      return;
    case 'points': {
      if (!Array.isArray(w.points) || w.points.length === 0) fail(`${where}.points`, 'expected a non-empty array of [timeS, value]');
      let last = -Infinity;
      w.points.forEach((p, i) => {
        if (!Array.isArray(p) || p.length !== 2) fail(`${where}.points[${i}]`, 'expected [timeS, value]');
        const t = finite(`${where}.points[${i}][0]`, p[0], 0);
        finite(`${where}.points[${i}][1]`, p[1]);
        if (!(t > last)) fail(`${where}.points[${i}][0]`, `times must be strictly ascending, got ${t} after ${last}`);
        last = t;
      });
      if (w.endS !== undefined) finite(`${where}.endS`, w.endS, last);
      if (w.pulses !== undefined) {
        if (!Array.isArray(w.pulses)) fail(`${where}.pulses`, 'expected an array of { tStartS, widthS, level }');
        let end = -Infinity;
        w.pulses.forEach((q, i) => {
          const t0 = finite(`${where}.pulses[${i}].tStartS`, q?.tStartS, 0);
          if (t0 < end) fail(`${where}.pulses[${i}].tStartS`, `pulses must not overlap, got ${t0} before the previous end ${end}`);
          end = t0 + finite(`${where}.pulses[${i}].widthS`, q.widthS, Number.MIN_VALUE);
          finite(`${where}.pulses[${i}].level`, q.level);
        });
      }
      return;
    }
    case 'pulse-train':
      finite(`${where}.amplitudeV`, w.amplitudeV);
      finite(`${where}.widthS`, w.widthS, Number.MIN_VALUE);
      finite(`${where}.intervalS`, w.intervalS, 0);
      if (!Number.isInteger(w.count) || w.count < 0) fail(`${where}.count`, `expected a whole number >= 0, got ${w.count}`);
      if (w.startS !== undefined) finite(`${where}.startS`, w.startS, 0);
      if (w.readV !== undefined) finite(`${where}.readV`, w.readV);
      if (w.endS !== undefined) finite(`${where}.endS`, w.endS, 0);
      return;
    default:
      fail(`${where}.kind`, `expected "constant", "points" or "pulse-train", got "${String((w as { kind?: unknown }).kind)}"`);
  }
}

export function validateNetwork(desc: NetworkDescription): void {
  if (!desc || typeof desc !== 'object') fail('description', 'expected an object');
  finite('durationS', desc.durationS, 0);
  finite('seed', desc.seed);
  if (!Array.isArray(desc.populations) || desc.populations.length === 0) fail('populations', 'expected a non-empty array');
  const sizes = new Map<string, number>();
  const grids = new Map<string, boolean>();
  const layouts = new Map<string, readonly string[]>();
  desc.populations.forEach((p, k) => {
    const w = `populations[${k}]${p?.name ? ` "${p.name}"` : ''}`;
    if (typeof p.name !== 'string' || p.name === '') fail(`${w}.name`, 'expected a non-empty name');
    if (sizes.has(p.name)) fail(`${w}.name`, `duplicate population name "${p.name}"`);
    const entry = neuronModels[p.model];
    if (!entry) fail(`${w}.model`, `unknown neuron model "${p.model}"; known: ${Object.keys(neuronModels).join(', ')}`);
    if (!Number.isInteger(p.size) || p.size < 1) fail(`${w}.size`, `expected a whole number >= 1, got ${String(p.size)}`);
    for (const [key, v] of Object.entries(p.params ?? {})) {
      const def = (entry.defaults as Record<string, unknown>)[key];
      if (def === undefined) fail(`${w}.params.${key}`, `unknown parameter of model "${p.model}"; known: ${Object.keys(entry.defaults as object).join(', ')}`);
      if (typeof def === 'number') finite(`${w}.params.${key}`, v);
    }
    if (p.device !== undefined || p.variation !== undefined) {
      if (!entry.device) fail(`${w}.device`, `neuron model "${p.model}" has no device`);
      if (p.device !== undefined) devicePreset(`${w}.device`, p.device);
      if (p.variation !== undefined) variation(`${w}.variation`, p.variation);
    }
    if (p.grid) {
      const gw = p.grid.width, gh = p.grid.height;
      if (!Number.isInteger(gw) || gw < 1 || !Number.isInteger(gh) || gh < 1) fail(`${w}.grid`, `expected whole width and height >= 1, got ${gw} x ${gh}`);
      if (gw * gh !== p.size) fail(`${w}.grid`, `width * height = ${gw * gh} does not match size ${p.size}`);
    }
    const names = entry.model.stateLayout.map((s) => s.name);
    for (const [key, v] of Object.entries(p.initial ?? {})) {
      if (!names.includes(key)) fail(`${w}.initial.${key}`, `unknown state variable; model "${p.model}" has ${names.join(', ')}`);
      if (typeof v === 'number') finite(`${w}.initial.${key}`, v);
      else if (!v || !Array.isArray(v.uniform) || v.uniform.length !== 2) fail(`${w}.initial.${key}`, 'expected a number or { uniform: [lo, hi] }');
      else {
        const lo = finite(`${w}.initial.${key}.uniform[0]`, v.uniform[0]);
        finite(`${w}.initial.${key}.uniform[1]`, v.uniform[1], lo);
      }
    }
    sizes.set(p.name, p.size);
    grids.set(p.name, !!p.grid);
    layouts.set(p.name, names);
  });
  const pop = (where: string, name: unknown): number => {
    const n = sizes.get(name as string);
    if (n === undefined) fail(where, `unknown population "${String(name)}"; known: ${[...sizes.keys()].join(', ')}`);
    return n as number;
  };
  const projNames = new Set<string>();
  (desc.projections ?? []).forEach((pr, k) => {
    const name = projectionName(pr, k);
    const w = `projections[${k}] "${name}"`;
    if (projNames.has(name)) fail(`${w}.name`, `duplicate projection name "${name}"`);
    projNames.add(name);
    const nPre = pop(`${w}.from`, pr.from);
    const nPost = pop(`${w}.to`, pr.to);
    finite(`${w}.delayS`, pr.delayS, 0);
    if (pr.port !== undefined && pr.port !== 'excitatory' && pr.port !== 'inhibitory') fail(`${w}.port`, `expected "excitatory" or "inhibitory", got "${String(pr.port)}"`);
    const c = pr.connectivity;
    let count = -1;
    switch (c?.kind) {
      case 'one-to-one':
        if (nPre !== nPost) fail(`${w}.connectivity`, `one-to-one needs equal sizes, got ${nPre} ("${pr.from}") and ${nPost} ("${pr.to}")`);
        count = nPre;
        break;
      case 'all-to-all':
        break;
      case 'fixed-probability':
        finite(`${w}.connectivity.p`, c.p, 0, 1);
        break;
      case 'pairs':
        if (!Array.isArray(c.pairs)) fail(`${w}.connectivity.pairs`, 'expected an array of [pre, post]');
        c.pairs.forEach((pp, i) => {
          if (!Array.isArray(pp) || pp.length !== 2) fail(`${w}.connectivity.pairs[${i}]`, 'expected [pre, post]');
          index(`${w}.connectivity.pairs[${i}][0] (pre, "${pr.from}")`, pp[0], nPre);
          index(`${w}.connectivity.pairs[${i}][1] (post, "${pr.to}")`, pp[1], nPost);
        });
        count = c.pairs.length;
        break;
      default:
        fail(`${w}.connectivity.kind`, `expected "one-to-one", "all-to-all", "fixed-probability" or "pairs", got "${String((c as { kind?: unknown })?.kind)}"`);
    }
    const s = pr.synapse;
    const kind = synapseKinds[(s as { kind?: string } | undefined)?.kind ?? ''];
    if (!kind) fail(`${w}.synapse.kind`, `expected one of ${Object.keys(synapseKinds).map((k) => `"${k}"`).join(', ')}, got "${String((s as { kind?: unknown })?.kind)}"`);
    kind.validate(`${w}.synapse`, s, count, CHECKS);
  });
  (desc.stimuli ?? []).forEach((st, k) => {
    const w = `stimuli[${k}]`;
    const n = pop(`${w}.population`, st.population);
    if ('scale' in st && st.scale !== undefined) finite(`${w}.scale`, st.scale);
    switch (st.kind) {
      case 'uniform':
        validateWaveform(`${w}.waveform`, st.waveform);
        break;
      case 'neurons':
        if (!Array.isArray(st.neurons)) fail(`${w}.neurons`, 'expected an array of neuron indices');
        st.neurons.forEach((i, j) => index(`${w}.neurons[${j}]`, i, n));
        validateWaveform(`${w}.waveform`, st.waveform);
        break;
      case 'per-neuron':
        if (!Array.isArray(st.waveforms) || st.waveforms.length !== n) fail(`${w}.waveforms`, `expected ${n} waveforms (one per neuron of "${st.population}"), got ${Array.isArray(st.waveforms) ? st.waveforms.length : typeof st.waveforms}`);
        st.waveforms.forEach((wf, j) => validateWaveform(`${w}.waveforms[${j}]`, wf));
        break;
      case 'spot':
        if (!grids.get(st.population)) fail(`${w}.population`, `a spot needs a population with a grid; "${st.population}" has none`);
        finite(`${w}.cx`, st.cx);
        finite(`${w}.cy`, st.cy);
        finite(`${w}.radius`, st.radius, 0);
        if (st.profile !== undefined && st.profile !== 'disc' && st.profile !== 'gaussian') fail(`${w}.profile`, `expected "disc" or "gaussian", got "${String(st.profile)}"`);
        validateWaveform(`${w}.waveform`, st.waveform);
        break;
      default:
        fail(`${w}.kind`, `expected "uniform", "neurons", "per-neuron" or "spot", got "${String((st as { kind?: unknown }).kind)}"`);
    }
  });
  (desc.probes ?? []).forEach((pb, k) => {
    const w = `probes[${k}]`;
    finite(`${w}.intervalS`, pb.intervalS, Number.MIN_VALUE);
    if (pb.kind === 'neuron') {
      const n = pop(`${w}.population`, pb.population);
      if (!Array.isArray(pb.neurons) || pb.neurons.length === 0) fail(`${w}.neurons`, 'expected a non-empty array of neuron indices');
      pb.neurons.forEach((i, j) => index(`${w}.neurons[${j}]`, i, n));
      const names = layouts.get(pb.population) ?? [];
      if (!names.includes(pb.variable)) fail(`${w}.variable`, `unknown state variable "${pb.variable}"; population "${pb.population}" has ${names.join(', ')}`);
    } else if (pb.kind === 'synapse') {
      const pk = (desc.projections ?? []).findIndex((pr, i) => projectionName(pr, i) === pb.projection);
      if (pk < 0) fail(`${w}.projection`, `unknown projection "${pb.projection}"; known: ${[...projNames].join(', ')}`);
      const pr = (desc.projections ?? [])[pk];
      if (pr.synapse.kind !== 'memristor') fail(`${w}.projection`, `projection "${pb.projection}" has static synapses; synapse probes read memristor devices`);
      if (!Array.isArray(pb.synapses) || pb.synapses.length === 0) fail(`${w}.synapses`, 'expected a non-empty array of synapse indices');
      pb.synapses.forEach((i, j) => {
        if (!Number.isInteger(i) || i < 0) fail(`${w}.synapses[${j}]`, `expected a synapse index >= 0, got ${i}`);
      });
      if (typeof pb.variable !== 'string' || pb.variable === '') fail(`${w}.variable`, 'expected "conductance" or a device state name');
    } else if (pb.kind === 'pulses') {
      const n = pop(`${w}.population`, pb.population);
      if (!Array.isArray(pb.neurons) || pb.neurons.length === 0) fail(`${w}.neurons`, 'expected a non-empty array of neuron indices');
      pb.neurons.forEach((i, j) => index(`${w}.neurons[${j}]`, i, n));
      const names = layouts.get(pb.population) ?? [];
      if (!names.includes(pb.variable)) fail(`${w}.variable`, `unknown state variable "${pb.variable}"; population "${pb.population}" has ${names.join(', ')}`);
      const first = (desc.probes ?? []).find((q) => q.kind === 'pulses')!;
      if (first.variable !== pb.variable || first.intervalS !== pb.intervalS) fail(`${w}`, `all per-pulse probes share one table: expected variable "${first.variable}" and intervalS ${first.intervalS}`);
    } else fail(`${w}.kind`, `expected "neuron", "synapse" or "pulses", got "${String((pb as { kind?: unknown }).kind)}"`);
  });
}

function devicePreset(where: string, name: unknown): void {
  if (typeof name !== 'string' || !hasDevicePreset(name)) fail(where, `unknown device preset "${String(name)}"; known: ${devicePresetNames().join(', ')}`);
}

function variation(where: string, v: VariationDesc): void {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(where, 'expected { deviceToDevice: relative sigma, cycleToCycle: relative sigma }');
  for (const key of Object.keys(v)) if (key !== 'deviceToDevice' && key !== 'cycleToCycle' && key !== 'sameDevice') fail(`${where}.${key}`, 'unknown field; expected deviceToDevice, cycleToCycle or sameDevice');
  if (v.deviceToDevice !== undefined) finite(`${where}.deviceToDevice`, v.deviceToDevice, 0, 1);
  if (v.cycleToCycle !== undefined) finite(`${where}.cycleToCycle`, v.cycleToCycle, 0, 1);
  if (v.sameDevice !== undefined && typeof v.sameDevice !== 'boolean') fail(`${where}.sameDevice`, `expected true or false, got ${String(v.sameDevice)}`);
}

export function projectionName(pr: { name?: string; from: string; to: string }, k: number): string {
  return pr.name ?? `${pr.from}->${pr.to}#${k}`;
}
