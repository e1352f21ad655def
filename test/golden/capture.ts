/**
 * Writes the golden outputs of the spiking scenarios (summary metrics and
 * spike counts per neuron) to test/golden/<scenario>.json:
 *   npx tsx test/golden/capture.ts [scenario ...]
 * golden.test.ts runs the same scenarios and compares.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenOf, GOLDEN_RUNS } from './golden-run.ts';

const only = process.argv.slice(2);
for (const run of GOLDEN_RUNS) {
  if (only.length > 0 && !only.includes(run.scenario)) continue;
  const t0 = Date.now();
  const g = await goldenOf(run);
  writeFileSync(join(import.meta.dirname, `${run.scenario}.json`), JSON.stringify(g, null, 1) + '\n');
  process.stdout.write(`${run.scenario}: ${g.metrics.length} metrics, ${g.spikes.total} spikes, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
