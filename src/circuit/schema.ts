/**
 * The circuit file format: one zod definition that both validates a circuit
 * file and generates its JSON Schema (`memspike schema`). A circuit is a
 * network description (src/network/description.ts) plus a small layer on
 * top: named stimuli, waveform and stimulus kinds that compile to the
 * network's own (sweeps, graded spots), protocol phases (named time windows:
 * injury, touch, ...) and outputs. Registry-driven fields (neuron models,
 * synapse kinds, device presets) are checked against the registries as they
 * are when the schema is built; validateNetwork still runs on the compiled
 * description. SI units throughout (s, V, A, S).
 */
import { z } from 'zod';
import { neuronModels } from '../neurons/registry.ts';
import { synapseKinds } from '../synapses/registry.ts';
import { devicePresetNames } from '../network/devices.ts';

const finite = () => z.number();
const nonNeg = () => z.number().min(0);
const positive = () => z.number().positive();
const whole = (min = 0) => z.number().int().min(min);
const index = () => z.number().int().min(0);

/** A piecewise-constant waveform (level unit: A for LIF drive, V for receptors). */
export function waveformSchema() {
  const pulse = z.strictObject({ tStartS: nonNeg(), widthS: positive(), level: finite() });
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), value: finite().describe('level held from startS on'), startS: nonNeg().optional() }).describe('a constant level'),
    z
      .strictObject({
        kind: z.literal('points'),
        points: z.array(z.tuple([nonNeg(), finite()])).min(1).describe('[timeS, level] pairs, times strictly ascending; each level is held until the next point'),
        endS: nonNeg().optional(),
        pulses: z.array(pulse).optional().describe('the pulses these points form (for per-pulse probes)'),
      })
      .describe('a piecewise waveform from (time, level) points'),
    z
      .strictObject({
        kind: z.literal('pulse-train'),
        amplitudeV: finite(),
        widthS: positive(),
        intervalS: nonNeg().describe('gap from the end of one pulse to the start of the next (s)'),
        count: whole(),
        startS: nonNeg().optional(),
        readV: finite().optional().describe('bias between pulses (V)'),
        endS: nonNeg().optional(),
      })
      .describe('rectangular pulses of one amplitude'),
    z
      .strictObject({
        kind: z.literal('sweep'),
        fromV: finite().describe('amplitude of the first pulse'),
        toV: finite().describe('amplitude of the last pulse'),
        steps: whole(1).describe('number of pulses; amplitudes evenly spaced from fromV to toV'),
        widthS: positive(),
        intervalS: nonNeg(),
        startS: nonNeg().optional(),
      })
      .describe('an amplitude sweep: one pulse per step (compiles to points with pulses)'),
  ]);
}

const nameField = () => z.string().min(1).optional().describe('a name the protocol and scripts refer to (e.g. "touch"); not passed to the network');

export function stimulusSchema() {
  const wf = waveformSchema();
  const pop = z.string().min(1).describe('population name');
  const scale = finite().optional().describe('factor on the waveform levels');
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('uniform'), name: nameField(), population: pop, waveform: wf, scale }).describe('every neuron of the population'),
    z.strictObject({ kind: z.literal('neurons'), name: nameField(), population: pop, neurons: z.array(index()), waveform: wf, scale }).describe('listed neurons, one waveform'),
    z.strictObject({ kind: z.literal('per-neuron'), name: nameField(), population: pop, waveforms: z.array(wf) }).describe('one waveform per neuron (length = size)'),
    z
      .strictObject({
        kind: z.literal('spot'),
        name: nameField(),
        population: pop,
        cx: finite().describe('centre x (grid units; receptor x = index % width)'),
        cy: finite().describe('centre y (grid units)'),
        radius: nonNeg(),
        waveform: wf,
        profile: z.enum(['disc', 'gaussian']).optional().describe('disc: scale 1 within radius; gaussian: exp(-d^2 / (2 radius^2)) out to 3 radius'),
        scale,
      })
      .describe('a spatial field on a grid population: one waveform, scaled by the profile'),
    z
      .strictObject({
        kind: z.literal('graded-spot'),
        name: nameField(),
        population: pop,
        cx: finite(),
        cy: finite(),
        radius: nonNeg().describe('receptors within this distance (grid units) get a pulse'),
        amplitudeV: finite(),
        startS: nonNeg(),
        widthS: positive().describe('pulse width at the centre'),
        rimWidthS: positive().describe('pulse width at the rim; linear in the distance in between'),
      })
      .describe('a spot whose single pulse is longest at the centre (a burn hottest in the middle); compiles to per-neuron waveforms'),
  ]);
}

export function probeSchema() {
  const interval = positive().describe('sample interval (s)');
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('neuron'), population: z.string(), neurons: z.array(index()).min(1), variable: z.string().describe('state variable of the neuron model'), intervalS: interval }),
    z.strictObject({ kind: z.literal('synapse'), projection: z.string(), synapses: z.array(index()).min(1), variable: z.string().describe('"conductance" or a device state name'), intervalS: interval }),
    z.strictObject({ kind: z.literal('pulses'), population: z.string(), neurons: z.array(index()).min(1), variable: z.string(), intervalS: interval }),
  ]);
}

/** A device preset: a registered name or a path (relative to the circuit file) of a preset .json. */
export function deviceSchema() {
  const names = devicePresetNames();
  return z
    .union([z.enum(names as [string, ...string[]]), z.string().regex(/\.json$/, `expected a registered device preset (${names.join(', ')}) or a path to a preset .json file`)])
    .describe(`a registered device preset (${names.join(', ')}) or a path to a preset .json file, relative to the circuit file`);
}

const variationSchema = () =>
  z.strictObject({
    deviceToDevice: z.number().min(0).max(1).optional().describe('relative sigma of the lognormal device-to-device factors'),
    cycleToCycle: z.number().min(0).max(1).optional().describe("relative sigma of each stimulus pulse's lognormal factor on the device change"),
    sameDevice: z.boolean().optional().describe('populations: one drawn device shared by every neuron'),
  });

export function synapseSchema() {
  const kinds = Object.keys(synapseKinds);
  const known = [
    z.strictObject({ kind: z.literal('static'), weight: z.union([finite(), z.array(finite())]).describe('one weight or one per synapse (V for LIF targets; signed)') }),
    z.strictObject({
      kind: z.literal('memristor'),
      device: deviceSchema().optional(),
      deviceParams: z.unknown().optional(),
      amplitudeV: finite().describe('pulse each presynaptic spike applies to the device'),
      widthS: positive(),
      gain: finite().describe('postsynaptic input per coulomb of pulse charge (LIF: V/C)'),
      variation: z.strictObject({ deviceToDevice: z.number().min(0).max(1).optional(), cycleToCycle: z.number().min(0).max(1).optional() }).optional(),
    }),
  ];
  // Further registered kinds: checked by their own validate in validateNetwork.
  const others = kinds.filter((k) => k !== 'static' && k !== 'memristor').map((k) => z.looseObject({ kind: z.literal(k) }));
  return z.discriminatedUnion('kind', [...known, ...others] as unknown as [typeof known[0], typeof known[1]]);
}

export function populationSchema() {
  const models = Object.keys(neuronModels);
  const level = z.union([finite(), z.strictObject({ uniform: z.tuple([finite(), finite()]) })]);
  return z.strictObject({
    name: z.string().min(1),
    model: z.enum(models as [string, ...string[]]).describe('neuron model from the registry'),
    size: whole(1),
    params: z.record(z.string(), z.union([finite(), z.string(), z.boolean()])).optional().describe("overrides of the model's default parameters"),
    grid: z.strictObject({ width: whole(1), height: whole(1) }).optional().describe('receptor sheet: index = y * width + x; width * height = size'),
    initial: z.record(z.string(), level).optional().describe('initial state variables: a value or { uniform: [lo, hi] } per neuron (seeded)'),
    device: deviceSchema().optional().describe('models with a device (nociceptor): the device preset'),
    variation: variationSchema().optional(),
  });
}

export function projectionSchema() {
  const conn = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('one-to-one') }),
    z.strictObject({ kind: z.literal('all-to-all'), allowSelf: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('fixed-probability'), p: z.number().min(0).max(1), allowSelf: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('pairs'), pairs: z.array(z.tuple([index(), index()])) }),
    z
      .strictObject({ kind: z.literal('receptive-field'), radius: positive().describe('grid units'), stride: whole(1).optional().describe('spacing of the target centres on the source grid (default 1)') })
      .describe('grid to grid: each target (on its own grid) pools the sources within radius of its centre mapped onto the source grid; compiles to pairs'),
  ]);
  return z.strictObject({
    name: z.string().min(1).optional().describe('default "<from>-><to>#<index>"'),
    from: z.string(),
    to: z.string(),
    connectivity: conn,
    synapse: synapseSchema(),
    delayS: nonNeg().describe('axonal + synaptic delay (s)'),
    port: z.enum(['excitatory', 'inhibitory']).optional(),
  });
}

export function circuitSchema() {
  const phase = z.strictObject({ name: z.string().min(1), startS: nonNeg(), endS: nonNeg(), color: z.string().optional() });
  return z
    .strictObject({
      $schema: z.string().optional(),
      name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"').optional().describe('name of the output folder (default: the file name)'),
      description: z.string().optional(),
      durationS: positive().describe('simulated time (s)'),
      seed: whole().max(2 ** 32 - 1).describe('seed of every random draw (connectivity, initial values, device variation)'),
      populations: z.array(populationSchema()).min(1),
      projections: z.array(projectionSchema()).optional(),
      stimuli: z.array(stimulusSchema()).optional(),
      probes: z.array(probeSchema()).optional(),
      protocol: z
        .strictObject({ phases: z.array(phase).describe('named time windows (e.g. injury, touch): shaded in the raster, spikes counted per phase in summary.json') })
        .optional(),
      outputs: z
        .strictObject({
          raster: z.boolean().optional(),
          traces: z.boolean().optional(),
          maps: z.boolean().optional().describe('per-grid maps: spikes per receptor and time sensitised'),
          states: z.boolean().optional().describe('states.csv (state changes of models that report them)'),
        })
        .optional()
        .describe('which outputs to write (all default to true)'),
    })
    .describe('memspike circuit: a whole run (populations, projections, stimuli, probes, protocol, outputs)');
}

export type Circuit = z.infer<ReturnType<typeof circuitSchema>>;
export type CircuitStimulus = z.infer<ReturnType<typeof stimulusSchema>>;
export type CircuitWaveform = z.infer<ReturnType<typeof waveformSchema>>;

/** The JSON Schema of circuit files (draft 2020-12). */
export function circuitJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(circuitSchema(), { unrepresentable: 'any' }), title: 'memspike circuit' } as Record<string, unknown>;
}
