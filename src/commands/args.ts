/** Minimal, strict argument parsing: unknown flags are errors, not ignored. */

export class UsageError extends Error {}

export interface FlagSpec {
  readonly name: string;
  readonly takesValue: boolean;
  readonly repeatable?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const known = specs.map((s) => '--' + s.name).join(', ') || 'none';
      throw new UsageError(`${command}: unknown option --${name.slice(0, 200)} (known: ${known})`);
    }
    let value = 'true';
    if (spec.takesValue) {
      if (eq > 0) value = a.slice(eq + 1);
      else {
        if (i + 1 >= argv.length) throw new UsageError(`${command}: --${name} needs a value`);
        value = argv[++i];
      }
    } else if (eq > 0) throw new UsageError(`${command}: --${name} takes no value`);
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable) throw new UsageError(`${command}: --${name} given twice`);
    list.push(value);
    flags.set(name, list);
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}

/** Quotes user input in an error, cut to 200 characters. */
export function quote(raw: string): string {
  return `"${raw.length > 200 ? raw.slice(0, 200) + '...' : raw}"`;
}

/** A whole number in decimal digits (an empty value, "1e3", "0x10" or " 7" is an error). */
export function intFlag(args: ParsedArgs, name: string, command: string, min = 0): number | undefined {
  const raw = flag(args, name);
  if (raw === undefined) return undefined;
  const v = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`${command}: --${name} expects a whole number >= ${min}, got ${quote(raw)}`);
  return v;
}

export const MAX_SEED = 2 ** 32 - 1;

/** --seed: a whole number 0 <= seed < 2^32 (larger seeds would collide in the 32-bit generator state). */
export function seedFlag(args: ParsedArgs, command: string): number | undefined {
  const raw = flag(args, 'seed');
  if (raw === undefined) return undefined;
  const v = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(v) || v > MAX_SEED) throw new UsageError(`${command}: --seed expects a whole number 0 <= seed < 2^32 (4294967296), got ${quote(raw)}`);
  return v;
}
