import { findScenario } from '../../scenarios/index.ts';
import { circuitScenario } from '../circuit/scenario.ts';
import { CircuitError, loadCircuit } from '../circuit/load.ts';
import { readStimulationLog } from '../circuit/stimulation.ts';
import { CLI_BUDGET, describeEstimate } from '../harness/estimate.ts';
import { runScenario } from '../harness/runner.ts';
import { consoleProgress } from '../report/progress.ts';
import { UsageError, flag, parseArgs, seedFlag } from './args.ts';
import type { Command } from './command.ts';

export const runCommand: Command = {
  name: 'run',
  summary: `run one scenario and write its outputs (refused when its estimate exceeds the budget: ${describeEstimate(CLI_BUDGET)}; --force runs it anyway)`,
  usage: 'memspike run <scenario | circuit.json | circuit.ts> [--out DIR] [--seed N (0 <= N < 2^32)] [--set key=value ...] [--quick] [--force] [--stimulation log.json (circuit files: stimulations recorded by the live viewer)]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'set', takesValue: true, repeatable: true },
        { name: 'quick', takesValue: false },
        { name: 'force', takesValue: false },
        { name: 'stimulation', takesValue: true },
      ],
      'run',
    );
    if (args.positional.length !== 1) throw new UsageError(`run: expected one scenario name, got ${args.positional.length}; usage: ${runCommand.usage}`);
    const target = args.positional[0];
    // A path (a circuit file) or a built-in scenario's name; in a circuit, --set takes JSON paths (populations.skin.size=64).
    const isFile = /\.(json|ts|js|mjs|mts)$/.test(target) || target.includes('/');
    let scenario;
    let seed = seedFlag(args, 'run');
    let sets = args.flags.get('set') ?? [];
    if (isFile) {
      if (args.flags.has('quick')) throw new UsageError('run: --quick is for built-in scenarios; a circuit file runs as written');
      try {
        const lc = await loadCircuit(target, { sets, seed });
        const logFile = flag(args, 'stimulation');
        scenario = circuitScenario(lc, sets, logFile === undefined ? null : { file: logFile, log: readStimulationLog(logFile, lc.circuit) });
        seed = lc.circuit.seed;
      } catch (e) {
        if (!(e instanceof CircuitError)) throw e;
        // Every problem on its own line (the file, the JSON path, what was expected).
        for (const line of e.message.split('\n')) process.stderr.write(`memspike: error: ${line}\n`);
        return 2;
      }
      sets = [];
    } else {
      if (args.flags.has('stimulation')) throw new UsageError('run: --stimulation replays stimulations on a circuit file (memspike run ./circuit.json --stimulation log.json)');
      scenario = findScenario(target);
    }
    const outDir = flag(args, 'out') ?? 'results';
    if (outDir === '') throw new UsageError('run: --out needs a folder name');
    const out = await runScenario(scenario, {
      outDir,
      seed,
      sets,
      quick: args.flags.has('quick'),
      force: args.flags.has('force'),
      progress: consoleProgress(),
    });
    for (const m of out.summary.metrics) {
      const art = m.kind === 'figure' || m.article === null ? '' : ` (article ${m.article}${m.unit ? ' ' + m.unit : ''}, ${m.basis})`;
      process.stdout.write(`${m.kind === 'figure' ? 'FIG ' : m.pass ? 'PASS' : 'MISS'}  ${m.name}: ${String(m.simulated)}${m.unit ? ' ' + m.unit : ''}${art}\n`);
    }
    // Wall time of the whole run, writing included.
    process.stdout.write(`wrote ${out.dir} in ${out.elapsedS.toFixed(1)} s${out.estimate ? ` (estimate: ${describeEstimate(out.estimate)})` : ''}\n`);
    return 0;
  },
};
