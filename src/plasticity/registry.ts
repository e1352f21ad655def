/**
 * Learning-rule registry: a new rule is one file plus one line here. Rules
 * defined outside the project (a user's own file) do not need to be listed:
 * anything implementing RuleModel runs through PlasticityEngine the same way.
 */
import type { CompiledRule, RuleModel, RuleParams } from './types.ts';
import { pairStdp } from './pair-stdp.ts';
import { tripletStdp } from './triplet-stdp.ts';
import { windowStdp } from './window-stdp.ts';

export const rules: Readonly<Record<string, RuleModel<RuleParams>>> = {
  'stdp-pair': pairStdp as unknown as RuleModel<RuleParams>,
  'stdp-triplet': tripletStdp as unknown as RuleModel<RuleParams>,
  'stdp-window': windowStdp as unknown as RuleModel<RuleParams>,
};

export function compileRule(name: string, params: RuleParams = {}): CompiledRule {
  const model = rules[name];
  if (!model) throw new Error(`unknown plasticity rule "${name}"; known: ${Object.keys(rules).join(', ')}`);
  return model.compile(params);
}
