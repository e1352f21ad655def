/**
 * The STDP window figure of the pattern-learning scenario: writes
 * stdp-window.csv, stdp-window.svg and stdp-window-immediate.svg of a window
 * computed by src/plasticity/stdp-window.ts.
 */
import { join } from 'node:path';
import { writeAtomic } from '../../src/record/write.ts';
import { lineChart } from '../../src/report/svg.ts';
import type { StdpWindow } from '../../src/plasticity/stdp-window.ts';
import { DEFAULT_DEVICE } from '../../src/network/devices.ts';

/**
 * Writes stdp-window.csv, stdp-window.svg (lasting change, the learning
 * window) and stdp-window-immediate.svg (change right after the waveforms,
 * dominated by the volatile components); returns the SVG file names.
 */
export function writeStdpWindow(outDir: string, w: StdpWindow, deviceName = DEFAULT_DEVICE): string[] {
  writeAtomic(join(outDir, 'stdp-window.csv'), w.table.toCSV());
  const dtMs = Array.from(w.table.column('dt_s'), (x) => x * 1000);
  const lasting = lineChart({
    title: `Device-native STDP window (${deviceName}): lasting conductance change`,
    xLabel: 'dt = t_post - t_pre (ms)',
    yLabel: 'lasting conductance change (pS)',
    yScale: 1e12,
    series: [{ name: 'after 10 s rest', x: dtMs, y: w.table.column('dg_lasting_S'), color: '#d62728' }],
    hLines: [{ y: w.preAloneS + w.postAloneS, label: 'both spikes, no overlap' }],
  });
  const immediate = lineChart({
    title: `Device-native STDP (${deviceName}): change right after the waveforms`,
    xLabel: 'dt = t_post - t_pre (ms)',
    yLabel: 'conductance change (nS)',
    yScale: 1e9,
    series: [{ name: 'immediate (incl. volatile)', x: dtMs, y: w.table.column('dg_immediate_S') }],
  });
  writeAtomic(join(outDir, 'stdp-window.svg'), lasting);
  writeAtomic(join(outDir, 'stdp-window-immediate.svg'), immediate);
  return ['stdp-window.svg', 'stdp-window-immediate.svg'];
}
