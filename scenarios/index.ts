/**
 * The scenario registry: one file per experiment or circuit, one line here.
 * Order is the order of `memspike list` and of the reproduction report.
 */
import type { Scenario } from '../src/harness/types.ts';
import { fig2bIvLoop } from './duan2023/fig2b-iv-loop.ts';
import { fig2cConsecutiveSweeps } from './duan2023/fig2c-consecutive-sweeps.ts';
import { fig3aPpf } from './duan2023/fig3a-ppf.ts';
import { fig3bLtpLtd } from './duan2023/fig3b-ltp-ltd.ts';
import { figS2PulseWidth } from './duan2023/figS2-pulse-width.ts';
import { figS4Nonlinearity } from './duan2023/figS4-nonlinearity.ts';
import { fig3dDigits } from './duan2023/fig3d-digits.ts';
import { fig3eMnist } from './duan2023/fig3e-mnist.ts';
import { fig4abLearningForgetting } from './duan2023/fig4ab-learning-forgetting.ts';
import { fig4cdAmplitudeForgetting } from './duan2023/fig4cd-amplitude-forgetting.ts';
import { fig5bInnocuous } from './duan2023/fig5b-innocuous.ts';
import { fig5cNoxious } from './duan2023/fig5c-noxious.ts';
import { fig5deAllodynia } from './duan2023/fig5de-allodynia.ts';
import { fig5deSensitivity } from './duan2023/fig5de-sensitivity.ts';
import { skinPatch } from './circuits/skin-patch.ts';
import { gateControl } from './circuits/gate-control.ts';
import { withdrawalReflex } from './circuits/withdrawal-reflex.ts';
import { centralSensitisation } from './circuits/central-sensitisation.ts';
import { patternLearning } from './masquelier2008/pattern-learning.ts';

export const scenarios: readonly Scenario[] = [fig2bIvLoop, fig2cConsecutiveSweeps, fig3aPpf, fig3bLtpLtd, figS2PulseWidth, figS4Nonlinearity, fig3dDigits, fig3eMnist, fig4abLearningForgetting, fig4cdAmplitudeForgetting, fig5bInnocuous, fig5cNoxious, fig5deAllodynia, fig5deSensitivity, patternLearning, skinPatch, gateControl, withdrawalReflex, centralSensitisation];

export function findScenario(name: string): Scenario {
  const s = scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scenario "${name}"; run "memspike list" to see the ${scenarios.length} scenarios`);
  return s;
}
