/**
 * Device presets as data: a JSON file naming its model, with every parameter
 * as { value, unit, comment } (groups such as a model's components nest one
 * level, with their own "comment"). Infinity is written as the string
 * "Infinity" (JSON has no such number). `memspike calibrate` writes these
 * files; the registry (./registry.ts) reads them.
 *
 *   {
 *     "format": "memspike-device-preset/1",
 *     "name": "mose2", "model": "mose2",
 *     "description": "...", "generatedBy": "memspike calibrate ...",
 *     "calibration": { ... free-form record of how the values were obtained ... },
 *     "parameters": {
 *       "thresholdV": { "value": 0.18, "unit": "V", "comment": "..." },
 *       "fast": { "comment": "...", "weightS": { "value": 1.7e-8, "unit": "S", "comment": "..." }, ... }
 *     }
 *   }
 */

export const PRESET_FORMAT = 'memspike-device-preset/1';

/** Unit and comment of one parameter, for writing a preset. */
export interface ParamDoc {
  readonly unit: string;
  readonly comment: string;
}

/** How a model documents its parameters: leaves, and groups (one level) with a comment. */
export interface PresetDocs {
  readonly leaves: Readonly<Record<string, ParamDoc>>;
  readonly groups?: Readonly<Record<string, { readonly comment: string; readonly fields: Readonly<Record<string, ParamDoc>> }>>;
}

export interface PresetFile {
  readonly name: string;
  readonly model: string;
  readonly description: string;
  readonly generatedBy?: string;
  readonly calibration?: unknown;
  /** Plain parameter record (values only), as the model's compile() takes it. */
  readonly params: Record<string, unknown>;
}

function encode(v: number): number | string {
  return v === Infinity ? 'Infinity' : v;
}

/** Renders a preset as JSON text (2-space indentation, trailing newline). */
export function renderPresetJson(
  meta: { name: string; model: string; description: string; generatedBy?: string; calibration?: unknown },
  params: Readonly<Record<string, unknown>>,
  docs: PresetDocs,
): string {
  const parameters: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(docs.leaves)) {
    parameters[k] = { value: encode(params[k] as number), unit: d.unit, comment: d.comment };
  }
  for (const [g, gd] of Object.entries(docs.groups ?? {})) {
    const src = params[g] as Record<string, number>;
    const group: Record<string, unknown> = { comment: gd.comment };
    for (const [f, d] of Object.entries(gd.fields)) group[f] = { value: encode(src[f]), unit: d.unit, comment: d.comment };
    parameters[g] = group;
  }
  const out = { format: PRESET_FORMAT, name: meta.name, model: meta.model, description: meta.description, generatedBy: meta.generatedBy, calibration: meta.calibration, parameters };
  return compactLeaves(JSON.stringify(out, null, 2)) + '\n';
}

/** Puts every innermost object (no nested object or array) on one line: one parameter or term a line. */
function compactLeaves(json: string): string {
  return json.replace(/\{\n\s+([^{}]*?)\n\s*\}/g, (_m, body: string) => `{ ${body.split(/,\n\s+/).join(', ')} }`);
}

export class PresetError extends Error {}

function fail(file: string, path: string, msg: string): never {
  throw new PresetError(`${file}: ${path}: ${msg}`);
}

function leafValue(file: string, path: string, node: unknown): number {
  if (typeof node !== 'object' || node === null || !('value' in node)) fail(file, path, 'expected an object { "value": number, "unit": string, "comment": string }');
  const v = (node as { value: unknown }).value;
  if (v === 'Infinity') return Infinity;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(file, `${path}.value`, `expected a finite number or "Infinity", got ${JSON.stringify(v)}`);
  const unit = (node as { unit?: unknown }).unit;
  if (typeof unit !== 'string') fail(file, `${path}.unit`, 'expected a string (the unit, "1" for a pure number)');
  return v;
}

/**
 * Parses preset JSON text. `docs` is the model's parameter description: every
 * documented parameter must be present (and nothing else), so a typo is an
 * error naming its JSON path, not a silently ignored field.
 */
export function parsePresetJson(text: string, file: string, docsFor: (model: string) => PresetDocs | undefined): PresetFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(file, '$', `not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, '$', 'expected a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.format !== PRESET_FORMAT) fail(file, '$.format', `expected "${PRESET_FORMAT}", got ${JSON.stringify(o.format)}`);
  for (const k of ['name', 'model'] as const) if (typeof o[k] !== 'string' || o[k] === '') fail(file, `$.${k}`, 'expected a non-empty string');
  const model = o.model as string;
  const docs = docsFor(model);
  if (!docs) fail(file, '$.model', `unknown device model "${model}"`);
  const p = o.parameters;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) fail(file, '$.parameters', 'expected an object');
  const pr = p as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  const known = new Set([...Object.keys(docs.leaves), ...Object.keys(docs.groups ?? {})]);
  for (const k of Object.keys(pr)) if (!known.has(k)) fail(file, `$.parameters.${k}`, `unknown parameter of model "${model}"; known: ${[...known].join(', ')}`);
  for (const k of Object.keys(docs.leaves)) {
    if (!(k in pr)) fail(file, `$.parameters.${k}`, 'missing');
    params[k] = leafValue(file, `$.parameters.${k}`, pr[k]);
  }
  for (const [g, gd] of Object.entries(docs.groups ?? {})) {
    const node = pr[g];
    if (typeof node !== 'object' || node === null) fail(file, `$.parameters.${g}`, 'missing (expected an object of parameters)');
    const n = node as Record<string, unknown>;
    const group: Record<string, number> = {};
    for (const f of Object.keys(n)) if (f !== 'comment' && !(f in gd.fields)) fail(file, `$.parameters.${g}.${f}`, `unknown parameter; known: ${Object.keys(gd.fields).join(', ')}`);
    for (const f of Object.keys(gd.fields)) {
      if (!(f in n)) fail(file, `$.parameters.${g}.${f}`, 'missing');
      group[f] = leafValue(file, `$.parameters.${g}.${f}`, n[f]);
    }
    params[g] = group;
  }
  return {
    name: o.name as string,
    model,
    description: typeof o.description === 'string' ? o.description : '',
    generatedBy: typeof o.generatedBy === 'string' ? o.generatedBy : undefined,
    calibration: o.calibration,
    params,
  };
}
