/**
 * Loading a circuit: read the file (.json, or a .ts/.js module whose default
 * export is a circuit), apply `--set path=value` overrides, validate with the
 * schema, resolve device preset paths relative to the file, compile and run
 * the network's own validation. Every problem is a CircuitError naming the
 * file, the JSON path (dot form, as --set takes it) and what was expected.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { registerPresetFile } from '../devices/registry.ts';
import { validateNetwork } from '../network/validate.ts';
import type { NetworkDescription } from '../network/description.ts';
import { compileCircuit, type CompileOptions } from './compile.ts';
import { circuitSchema, type Circuit } from './schema.ts';

export class CircuitError extends Error {}

export interface LoadedCircuit {
  readonly file: string;
  /** Output folder name: the circuit's "name" or the file name without extension. */
  readonly name: string;
  readonly circuit: Circuit;
  readonly network: NetworkDescription;
}

/** Path segments of "a.0.b" or "a[0].b"; a segment naming an element of an array of named objects selects it by name. */
export function splitPath(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
}

function step(node: unknown, seg: string, where: string): { key: string | number; container: Record<string | number, unknown> } {
  if (Array.isArray(node)) {
    if (/^\d+$/.test(seg)) {
      const k = Number(seg);
      if (k > node.length) throw new CircuitError(`${where}: index ${k} is past the end (length ${node.length})`);
      return { key: k, container: node as unknown as Record<number, unknown> };
    }
    const k = node.findIndex((e) => e && typeof e === 'object' && (e as { name?: unknown }).name === seg);
    if (k < 0) throw new CircuitError(`${where}: no element named "${seg}" (names: ${node.map((e) => (e as { name?: unknown })?.name).filter(Boolean).join(', ') || 'none'})`);
    return { key: k, container: node as unknown as Record<number, unknown> };
  }
  if (node && typeof node === 'object') return { key: seg, container: node as Record<string, unknown> };
  throw new CircuitError(`${where}: cannot descend into ${JSON.stringify(node)}`);
}

/** Sets `path` in a (mutable, plain) circuit object; the value is JSON when it parses, else a string. */
export function setPath(target: unknown, path: string, raw: unknown, file = 'circuit'): void {
  const segs = splitPath(path);
  if (segs.length === 0) throw new CircuitError(`${file}: --set needs a path, got "${path}"`);
  let node = target;
  for (let i = 0; i < segs.length; i++) {
    const where = `${file}: --set ${segs.slice(0, i + 1).join('.')}`;
    const { key, container } = step(node, segs[i], where);
    if (i === segs.length - 1) container[key] = raw;
    else {
      if (container[key] === undefined) throw new CircuitError(`${where}: no such field`);
      node = container[key];
    }
  }
}

/** "key=value" -> [key, value]; the value parsed as JSON when it is JSON (numbers, true, [..]), else kept as a string. */
export function parseSet(s: string): [string, unknown] {
  const eq = s.indexOf('=');
  if (eq <= 0) throw new CircuitError(`--set expects path=value, got "${s.slice(0, 200)}"`);
  const raw = s.slice(eq + 1);
  try {
    return [s.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [s.slice(0, eq), raw];
  }
}

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.') || '(top level)';
  let msg = issue.message;
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    msg = `expected "kind" to be one of ${describeOptions(issue as unknown as { options?: unknown })}`;
  }
  if (issue.code === 'invalid_type' && / received undefined$/.test(msg)) msg = `missing; ${msg.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')}`;
  if (issue.code === 'unrecognized_keys') msg = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${file}: ${path}: ${msg}`;
}

function describeOptions(issue: { options?: unknown }): string {
  return Array.isArray(issue.options) ? issue.options.map((o) => JSON.stringify(o)).join(', ') : 'a known kind';
}

/** Validates a circuit object (already parsed), naming `file` in errors. */
export function validateCircuit(raw: unknown, file: string): Circuit {
  const r = circuitSchema().safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 10).map((i) => describeIssue(file, i));
    if (r.error.issues.length > 10) lines.push(`${file}: ... and ${r.error.issues.length - 10} more problems`);
    throw new CircuitError(lines.join('\n'));
  }
  return r.data;
}

/** Device preset paths (ending .json) resolved against the circuit's folder and registered. */
function resolveDevices(c: Circuit, file: string): Circuit {
  const base = dirname(resolve(file));
  const fix = (d: string | undefined, where: string): string | undefined => {
    if (d === undefined || !d.endsWith('.json')) return d;
    const abs = isAbsolute(d) ? d : resolve(base, d);
    try {
      return registerPresetFile(abs);
    } catch (e) {
      throw new CircuitError(`${file}: ${where}: ${(e as Error).message}`);
    }
  };
  return {
    ...c,
    populations: c.populations.map((p, k) => (p.device === undefined ? p : { ...p, device: fix(p.device, `populations.${k}.device`) })),
    projections: c.projections?.map((p, k) =>
      p.synapse.kind === 'memristor' && (p.synapse as { device?: string }).device !== undefined
        ? { ...p, synapse: { ...p.synapse, device: fix((p.synapse as { device?: string }).device, `projections.${k}.synapse.device`) } }
        : p,
    ),
  } as Circuit;
}

export interface LoadOptions extends CompileOptions {
  readonly sets?: readonly (string | readonly [string, unknown])[];
  readonly seed?: number;
}

/** A circuit object (from JSON or a module) -> validated, compiled circuit. */
export function prepareCircuit(raw: unknown, file: string, opts: LoadOptions = {}): LoadedCircuit {
  const obj = structuredClone(raw);
  for (const s of opts.sets ?? []) {
    const [path, value] = typeof s === 'string' ? parseSet(s) : s;
    setPath(obj, path, value, file);
  }
  if (opts.seed !== undefined && obj && typeof obj === 'object') (obj as { seed: number }).seed = opts.seed;
  const circuit = resolveDevices(validateCircuit(obj, file), file);
  let network: NetworkDescription;
  try {
    network = compileCircuit(circuit, opts);
    validateNetwork(network);
  } catch (e) {
    throw new CircuitError(`${file}: ${(e as Error).message.replace(/^network: /, '')}`);
  }
  const name = circuit.name ?? basename(file, extname(file));
  return { file, name, circuit, network };
}

/** Reads a circuit file's raw content: JSON, or the default export of a .ts/.js module. */
export async function readCircuitFile(file: string): Promise<unknown> {
  const ext = extname(file);
  if (ext === '.ts' || ext === '.js' || ext === '.mjs' || ext === '.mts') {
    let mod: { default?: unknown; circuit?: unknown };
    try {
      const url = pathToFileURL(resolve(file)).href;
      // TypeScript through tsx's loader, whatever the folder's package.json says (ESM or CommonJS).
      if (ext === '.ts' || ext === '.mts') {
        const { tsImport } = await import('tsx/esm/api');
        mod = (await tsImport(url, import.meta.url)) as { default?: unknown };
      } else mod = (await import(url)) as { default?: unknown };
    } catch (e) {
      throw new CircuitError(`${file}: cannot load module (${(e as Error).message.split('\n')[0]})`);
    }
    // A CommonJS-compiled module (no "type": "module" beside it) nests its exports one level down.
    const inner = mod.default as { default?: unknown; circuit?: unknown } | undefined;
    const c = inner && typeof inner === 'object' && !('populations' in inner) && ('default' in inner || 'circuit' in inner) ? (inner.default ?? inner.circuit) : (mod.default ?? mod.circuit);
    if (c === undefined) throw new CircuitError(`${file}: expected a default export (or an export named "circuit") holding the circuit`);
    return typeof c === 'function' ? await (c as () => unknown)() : c;
  }
  return readCircuitJson(file);
}

export function readCircuitJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CircuitError(`${file}: cannot read circuit file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CircuitError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

export async function loadCircuit(file: string, opts: LoadOptions = {}): Promise<LoadedCircuit> {
  return prepareCircuit(await readCircuitFile(file), file, opts);
}

/** Synchronous load of a JSON circuit (the built-in scenarios read theirs this way). */
export function loadCircuitSync(file: string, opts: LoadOptions = {}): LoadedCircuit {
  return prepareCircuit(readCircuitJson(file), file, opts);
}
