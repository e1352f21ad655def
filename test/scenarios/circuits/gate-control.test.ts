import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/harness/params.ts';
import { SENSITISATION_STATES } from '../../../src/neurons/nociceptor-state.ts';
import { gateControl, runGate } from '../../../scenarios/circuits/gate-control.ts';

describe('gate-control circuit', () => {
  const params = resolveParams(gateControl.name, gateControl.params, { painS: 1 });

  it('touch reduces the projection neuron response to a noxious stimulus', () => {
    const pain = runGate(params, 1, 'pain');
    const both = runGate(params, 1, 'pain+touch');
    const touch = runGate(params, 1, 'touch');
    expect(pain.tSpikes).toBeGreaterThan(10);
    const reduction = 1 - both.tSpikes / pain.tSpikes;
    expect(reduction).toBeGreaterThan(0.1);
    expect(touch.tSpikes).toBeLessThan(pain.tSpikes);
  });

  it('without the inhibitory interneuron the gate stays open: touch does not reduce the response', () => {
    const open = resolveParams(gateControl.name, gateControl.params, { painS: 1, wSGTmV: 0 });
    const pain = runGate(open, 1, 'pain');
    const both = runGate(open, 1, 'pain+touch');
    expect(both.tSpikes).toBeGreaterThanOrEqual(pain.tSpikes);
  });

  it('reports the nociceptors\' sensitisation after the noxious stimulus', () => {
    const r = runGate(params, 1, 'pain');
    const c = r.rec.stateChanges;
    expect(c.rows).toBeGreaterThan(0);
    const to = new Set<string>();
    for (let k = 0; k < c.rows; k++) to.add(SENSITISATION_STATES[c.get(k, 3)]);
    expect(to.has('allodynia') || to.has('hyperalgesia')).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = runGate(params, 7, 'pain+touch').rec;
    const b = runGate(params, 7, 'pain+touch').rec;
    expect(Array.from(b.times)).toEqual(Array.from(a.times));
    expect(Array.from(b.neurons)).toEqual(Array.from(a.neurons));
  });
});
