/**
 * The built-in circuits read their network from circuits/*.json: the
 * descriptions they build are deep-equal to those the scenarios built in
 * code before (captured in fixtures/descriptions.json, for the defaults and
 * for other parameters), so their numbers cannot change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skinPatch, skinPatchNetwork } from '../../scenarios/circuits/skin-patch.ts';
import { CONDITIONS, gateControl, gateNetwork } from '../../scenarios/circuits/gate-control.ts';
import { reflexNetwork, withdrawalReflex } from '../../scenarios/circuits/withdrawal-reflex.ts';
import { resolveParams } from '../../src/harness/params.ts';
import { loadCircuitSync } from '../../src/circuit/load.ts';

const fx = JSON.parse(readFileSync(new URL('./fixtures/descriptions.json', import.meta.url), 'utf8')) as {
  sets: { skin: string[]; gate: string[]; reflex: string[] };
  descriptions: Record<string, unknown>;
};
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('built-in circuits from circuits/*.json', () => {
  for (const tag of ['default', 'varied'] as const) {
    it(`skin-patch (${tag} parameters) builds the same description`, () => {
      const p = resolveParams('skin-patch', skinPatch.params, tag === 'default' ? [] : fx.sets.skin);
      expect(plain(skinPatchNetwork(p, 3))).toEqual(fx.descriptions[`skin-patch/${tag}/window`]);
      expect(plain(skinPatchNetwork(p, 3, true))).toEqual(fx.descriptions[`skin-patch/${tag}/recovery`]);
    });
    it(`gate-control (${tag} parameters) builds the same description in every condition`, () => {
      const p = resolveParams('gate-control', gateControl.params, tag === 'default' ? [] : fx.sets.gate);
      for (const c of CONDITIONS) expect(plain(gateNetwork(p, 5, c))).toEqual(fx.descriptions[`gate-control/${tag}/${c}`]);
    });
    it(`withdrawal-reflex (${tag} parameters) builds the same description`, () => {
      const p = resolveParams('withdrawal-reflex', withdrawalReflex.params, tag === 'default' ? [] : fx.sets.reflex);
      expect(plain(reflexNetwork(p, 7))).toEqual(fx.descriptions[`withdrawal-reflex/${tag}`]);
    });
  }

  it('the files as written are the scenarios at their default parameters (seed 1)', () => {
    const skin = plain(loadCircuitSync('circuits/skin-patch.json').network) as Record<string, unknown>;
    expect(skin).toEqual({ ...(fx.descriptions['skin-patch/default/window'] as object), seed: 1 });
    const gate = plain(loadCircuitSync('circuits/gate-control.json').network);
    expect(gate).toEqual({ ...(fx.descriptions['gate-control/default/pain+touch'] as object), seed: 1 });
    const reflex = plain(loadCircuitSync('circuits/withdrawal-reflex.json').network);
    expect(reflex).toEqual({ ...(fx.descriptions['withdrawal-reflex/default'] as object), seed: 1 });
  });
});
