/**
 * The STDP window figure of the pattern-learning scenario: writes
 * stdp-window.csv, stdp-window.svg and stdp-window-immediate.svg of a window
 * computed by src/plasticity/stdp-window.ts.
 */
import { writeSVG, writeTable, type OutputTarget } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import type { StdpWindow } from '../../src/plasticity/stdp-window.ts';
import { DEFAULT_DEVICE } from '../../src/network/devices.ts';

/**
 * Writes stdp-window.csv, stdp-window.svg (lasting change, the learning
 * window) and stdp-window-immediate.svg (change right after the waveforms,
 * dominated by the volatile components); returns the SVG file names.
 */
export function writeStdpWindow(to: OutputTarget, w: StdpWindow, deviceName = DEFAULT_DEVICE): string[] {
  writeTable(to, 'stdp-window.csv', w.table);
  const dtMs = (): number[] => Array.from(w.table.column('dt_s'), (x) => x * 1000);
  const lasting = (): string => lineChart({
    title: `Device-native STDP window (${deviceName}): lasting conductance change`,
    xLabel: 'dt = t_post - t_pre (ms)',
    yLabel: 'lasting conductance change (pS)',
    yScale: 1e12,
    series: [{ name: 'after 10 s rest', x: dtMs(), y: w.table.column('dg_lasting_S'), color: '#d62728' }],
    hLines: [{ y: w.preAloneS + w.postAloneS, label: 'both spikes, no overlap' }],
  });
  const immediate = (): string => lineChart({
    title: `Device-native STDP (${deviceName}): change right after the waveforms`,
    xLabel: 'dt = t_post - t_pre (ms)',
    yLabel: 'conductance change (nS)',
    yScale: 1e9,
    series: [{ name: 'immediate (incl. volatile)', x: dtMs(), y: w.table.column('dg_immediate_S') }],
  });
  return [writeSVG(to, 'stdp-window.svg', lasting), writeSVG(to, 'stdp-window-immediate.svg', immediate)];
}
