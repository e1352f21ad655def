/**
 * Scenario parameters: defaults, and `--set key=value` overrides checked
 * against each parameter's declared type and range.
 */
import type { ParamSpec, ParamValue, Params } from './types.ts';

export function defaults(specs: readonly ParamSpec[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const s of specs) out[s.key] = s.default;
  return out;
}

/** Parses one raw value for a parameter; throws naming the key and what was expected. */
export function parseParam(spec: ParamSpec, raw: string | ParamValue, scenario: string): ParamValue {
  const where = `scenario "${scenario}" parameter "${spec.key}"`;
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(v)) throw new Error(`${where}: expected a number${unitText(spec)}, got "${cut(String(raw))}"`);
      if (spec.type === 'integer' && !Number.isInteger(v)) throw new Error(`${where}: expected a whole number, got "${cut(String(raw))}"`);
      if (spec.min !== undefined && v < spec.min) throw new Error(`${where}: must be >= ${spec.min}${unitText(spec)}, got ${v}`);
      if (spec.max !== undefined && v > spec.max) throw new Error(`${where}: must be <= ${spec.max}${unitText(spec)}, got ${v}`);
      return v;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new Error(`${where}: expected true or false, got "${cut(String(raw))}"`);
    }
    case 'enum': {
      const v = String(raw);
      if (!spec.choices?.includes(v)) throw new Error(`${where}: expected one of ${spec.choices?.join(', ')}, got "${cut(v)}"`);
      return v;
    }
    case 'string':
      if (typeof raw !== 'string') throw new Error(`${where}: expected text, got ${typeof raw}`);
      return raw;
  }
}

/** User input quoted in an error, at most 200 characters. */
function cut(raw: string): string {
  return raw.length > 200 ? `${raw.slice(0, 200)}...` : raw;
}

function unitText(spec: ParamSpec): string {
  return spec.unit ? ` (${spec.unit})` : '';
}

/** Applies overrides ("key=value" strings or a record) to the defaults. */
export function resolveParams(
  scenario: string,
  specs: readonly ParamSpec[],
  overrides: readonly string[] | Readonly<Record<string, string | ParamValue>>,
): Params {
  const out = defaults(specs);
  const pairs: Array<[string, string | ParamValue]> = Array.isArray(overrides)
    ? (overrides as readonly string[]).map((s) => {
        const eq = s.indexOf('=');
        if (eq <= 0) throw new Error(`--set expects key=value, got "${cut(s)}"`);
        return [s.slice(0, eq), s.slice(eq + 1)];
      })
    : Object.entries(overrides as Record<string, string | ParamValue>);
  for (const [key, raw] of pairs) {
    const spec = specs.find((s) => s.key === key);
    if (!spec) {
      const known = specs.map((s) => s.key).join(', ') || '(none)';
      throw new Error(`scenario "${scenario}" has no parameter "${cut(key)}"; known: ${known}`);
    }
    out[key] = parseParam(spec, raw, scenario);
  }
  return out;
}

export function num(params: Params, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') throw new Error(`parameter "${key}" is not a number`);
  return v;
}

export function bool(params: Params, key: string): boolean {
  const v = params[key];
  if (typeof v !== 'boolean') throw new Error(`parameter "${key}" is not a boolean`);
  return v;
}
