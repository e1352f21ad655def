/** Scenario modules for the server: a module offers every Scenario it exports, alone or in an array. */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../harness/types.ts';

function isScenario(v: unknown): v is Scenario {
  return typeof v === 'object' && v !== null && typeof (v as Scenario).name === 'string' && typeof (v as Scenario).run === 'function' && Array.isArray((v as Scenario).params);
}

export function collectScenarios(mod: Record<string, unknown>): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  for (const v of Object.values(mod)) {
    const list = Array.isArray(v) ? v : [v];
    for (const s of list) if (isScenario(s) && !out.has(s.name)) out.set(s.name, s);
  }
  return out;
}

/** Extension of this package's modules as they run now: ".ts" from source (tsx), ".js" once compiled. */
export const MODULE_EXT = extname(fileURLToPath(import.meta.url));

/** URL of a module of this package, given relative to src/server without extension. */
export function packageModule(relativeNoExt: string): string {
  return new URL(`${relativeNoExt}${MODULE_EXT}`, import.meta.url).href;
}

/** The registry's scenarios and the synthetic load grid. */
export const REGISTRY_MODULE = packageModule('../../scenarios/index');
export const SYNTHETIC_MODULE = packageModule('./synthetic');
