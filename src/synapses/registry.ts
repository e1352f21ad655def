/**
 * Synapse-kind registry: a new kind is one file plus one line here; a
 * projection's `synapse.kind` names it and validation and building follow
 * the entry.
 */
import type { SynapseKind } from './types.ts';
import { staticSynapse } from './static.ts';
import { memristorSynapse } from './memristor-kind.ts';
import { memristorReadSynapse } from './memristor-read.ts';

export const synapseKinds: Record<string, SynapseKind> = {
  static: staticSynapse,
  memristor: memristorSynapse,
  memristor_read: memristorReadSynapse,
};

export function synapseKind(name: string): SynapseKind {
  const k = synapseKinds[name];
  if (!k) throw new Error(`unknown synapse kind "${name}"; known: ${Object.keys(synapseKinds).join(', ')}`);
  return k;
}
