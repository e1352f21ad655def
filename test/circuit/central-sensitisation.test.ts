/**
 * Central sensitisation on a reduced patch (13 x 13, one round after the
 * injury): touch is innocuous everywhere before the injury; after it, a
 * touch outside the injured spot (no touched receptor injured) is painful,
 * because the spot's memristor synapses potentiated; with static synapses
 * of the same initial strength no touch outside the spot is painful.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { centralCircuit, CENTRAL_DEFAULTS } from '../../scenarios/circuits/central-sensitisation-circuit.ts';
import { runCentral } from '../../scenarios/circuits/central-sensitisation.ts';

const small = { ...CENTRAL_DEFAULTS, size: 13, roundsS: [0.5, 10] };

describe('central sensitisation (13 x 13)', () => {
  const res = runCentral(small, 1);

  it('touch is innocuous before the injury', () => {
    expect(Math.max(...res.evoked[0])).toBeLessThan(2);
  });

  it('after the injury touch is painful in a ring outside the injured spot', () => {
    // Outside the spot: distance - touch radius (1) > spotRadius (1.5), i.e. distance >= 3.
    expect(res.ringOuter[1]).toBeGreaterThanOrEqual(3);
    expect(res.ringTouches[1]).toBeGreaterThanOrEqual(1);
    // ... and not everywhere: a touch whose dorsal-horn neuron has no injured receptor in its field stays innocuous.
    const far = res.distances.findIndex((d) => d > small.rfRadius + small.spotRadius);
    expect(far).toBeGreaterThan(0);
    expect(res.evoked[1][far]).toBeLessThan(2);
  });

  it('without memristor potentiation (static synapses of the pristine strength) no touch outside the spot is painful', () => {
    const ctl = runCentral(small, 1, false);
    expect(ctl.ringTouches[1]).toBe(0);
    expect(ctl.ringOuter[1]).toBe(0);
  });

  it('is deterministic for a seed', () => {
    expect(runCentral(small, 1).evoked).toEqual(res.evoked);
  });

  it('circuits/central-sensitisation.json is the circuit at its defaults', () => {
    const file = JSON.parse(readFileSync(new URL('../../circuits/central-sensitisation.json', import.meta.url), 'utf8'));
    expect(file).toEqual(centralCircuit(CENTRAL_DEFAULTS));
  });
});
