import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../../src/devices/registry.ts';
import { innocuousTrain, stateAfterNoxious } from '../../../src/devices/experiments.ts';
import { Network, SpikeRecorder } from '../../../src/network/index.ts';
import { inStateDuring } from '../../../scenarios/circuits/shared.ts';
import { ALLODYNIA, HYPERALGESIA, RECOVERY } from '../../../src/neurons/nociceptor-state.ts';
import { resolveParams } from '../../../src/harness/params.ts';
import { skinPatch, skinPatchNetwork, skinPatchTiming, spotDistance } from '../../../scenarios/circuits/skin-patch.ts';

const touchS = 30;

/** A pain threshold between what untouched-but-rubbed skin and the injured centre reach (from the device-level train). */
function thresholdBetween(): number {
  const d = compileDevice('mose2');
  const rubbed = innocuousTrain(d, { durationS: touchS + 5, thresholdA: 1 }).maxCurrentA;
  const injured = innocuousTrain(d, { durationS: touchS - 5, thresholdA: 1 }, stateAfterNoxious(d, 2)).maxCurrentA;
  expect(injured).toBeGreaterThan(1.2 * rubbed);
  return Math.sqrt(rubbed * injured);
}

function run(seed: number, short = false) {
  const params = resolveParams(skinPatch.name, skinPatch.params, {
    gridWidth: 8,
    gridHeight: 8,
    spotRadius: 2.5,
    touchS: short ? 12 : touchS,
    durationS: short ? 22 : 45,
    thresholdNA: thresholdBetween() * 1e9,
    checkIntervalS: 0.5,
  });
  const net = new Network(skinPatchNetwork(params, seed));
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return { params, rec, net, t: skinPatchTiming(params) };
}

describe('skin-patch circuit (8 x 8)', () => {
  it('injured receptors become allodynic under touch; receptors outside the spot do not', () => {
    const { params, rec, t } = run(1);
    const allodynic = inStateDuring(rec.stateChanges, 0, 64, ALLODYNIA, t.touchStartS, t.touchEndS);
    let inside = 0;
    let outside = 0;
    const firstSpike = new Float64Array(64).fill(Infinity);
    for (let k = rec.count - 1; k >= 0; k--) if (rec.times[k] >= t.touchStartS) firstSpike[rec.neurons[k]] = rec.times[k];
    for (let i = 0; i < 64; i++) {
      const d = spotDistance(params, i);
      if (d <= 2.5 && allodynic[i]) inside++;
      if (d > 2.5 && allodynic[i]) outside++;
      // Pain under touch only where injured.
      if (d > 2.5) expect(firstSpike[i]).toBe(Infinity);
    }
    expect(inside).toBeGreaterThan(0);
    expect(outside).toBe(0);
    // Touch alone is not an injury: no receptor outside the spot leaves normal (no hyperalgesia, no recovery either).
    for (const code of [ALLODYNIA, HYPERALGESIA, RECOVERY]) {
      const hit = inStateDuring(rec.stateChanges, 0, 64, code, 0, t.windowS);
      for (let i = 0; i < 64; i++) if (spotDistance(params, i) > 2.5) expect(hit[i]).toBe(0);
    }
    // The injured centre is sensitised between the injury and the touch (allodynic with this lowered threshold, or hyperalgesic).
    const hyper = inStateDuring(rec.stateChanges, 0, 64, HYPERALGESIA, t.injuryEndS, t.touchStartS);
    const allo = inStateDuring(rec.stateChanges, 0, 64, ALLODYNIA, t.injuryEndS, t.touchStartS);
    for (const i of [27, 28, 35, 36]) expect(hyper[i] + allo[i]).toBeGreaterThan(0);
    // The centre (longest burn) hurts first: its onset is the earliest of all receptors.
    const centre = [27, 28, 35, 36].map((i) => firstSpike[i]);
    const earliest = Math.min(...firstSpike);
    expect(Math.min(...centre)).toBe(earliest);
  });

  it('recovers: allodynic receptors under touch, none allodynic 10 minutes after it stops', () => {
    const params = resolveParams(skinPatch.name, skinPatch.params, {
      gridWidth: 8,
      gridHeight: 8,
      spotRadius: 2.5,
      touchS: 12,
      durationS: 22,
      thresholdNA: thresholdBetween() * 1e9,
      checkIntervalS: 0.5,
      recoveryS: 600,
      recoveryCheckS: 30,
    });
    const t = skinPatchTiming(params, true);
    const net = new Network(skinPatchNetwork(params, 1, true));
    const rec = new SpikeRecorder();
    net.attach(rec);
    net.run();
    const sum = (a: Uint8Array): number => a.reduce((x, y) => x + y, 0);
    expect(sum(inStateDuring(rec.stateChanges, 0, 64, ALLODYNIA, t.touchStartS, t.touchEndS))).toBeGreaterThan(0);
    expect(sum(inStateDuring(rec.stateChanges, 0, 64, ALLODYNIA, t.durationS - 1, t.durationS))).toBe(0);
  });

  it('is deterministic for a seed: identical spikes and state changes', () => {
    const a = run(5, true).rec;
    const b = run(5, true).rec;
    expect(a.count).toBeGreaterThan(0);
    expect(b.count).toBe(a.count);
    expect(Array.from(b.times)).toEqual(Array.from(a.times));
    expect(Array.from(b.neurons)).toEqual(Array.from(a.neurons));
    expect(b.stateChanges.toCSV()).toBe(a.stateChanges.toCSV());
  });

  it('offers a live simulation with the grid and the I_nox line on current probes', () => {
    const params = resolveParams(skinPatch.name, skinPatch.params, { gridWidth: 8, gridHeight: 6 });
    const live = skinPatch.live!(params, 1);
    expect(live.grid).toEqual({ width: 8, height: 6 });
    expect(live.neurons).toBe(48);
    expect(live.stateNames).toContain('allodynia');
    expect(live.probes.length).toBe(2);
    expect(live.probes[0].threshold).toBeCloseTo(80e-9, 15);
  });
});
