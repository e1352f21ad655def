import { DEFAULT_MAX_CONNECTIONS, RUN_MEMORY_MB } from '../server/limits.ts';
import { REGISTRY_MODULE, SYNTHETIC_MODULE } from '../server/modules.ts';
import { normaliseOrigin } from '../server/security.ts';
import { DEFAULT_HOST, DEFAULT_MAX_RUNS, DEFAULT_PORT, startServer } from '../server/server.ts';
import { UsageError, flag, intFlag, parseArgs } from './args.ts';
import { CircuitError, readCircuitFile } from '../circuit/load.ts';
import { loadCircuitSource } from '../server/circuit-live.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: `serve the live viewer (default http://${DEFAULT_HOST}:${DEFAULT_PORT}/; --port 0 picks a free port)`,
  usage: `memspike serve [--port N] [--host H] [--scenario NAME | --circuit FILE.json|.ts [--set path=value ...]] [--max-runs N (default ${DEFAULT_MAX_RUNS} here)] [--max-connections N (default ${DEFAULT_MAX_CONNECTIONS})] [--run-memory MB (default ${RUN_MEMORY_MB})] [--allow-origin URL ...] [--synthetic]`,
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'port', takesValue: true },
        { name: 'host', takesValue: true },
        { name: 'scenario', takesValue: true },
        { name: 'max-runs', takesValue: true },
        { name: 'max-connections', takesValue: true },
        { name: 'run-memory', takesValue: true },
        { name: 'allow-origin', takesValue: true, repeatable: true },
        { name: 'synthetic', takesValue: false },
        { name: 'circuit', takesValue: true },
        { name: 'set', takesValue: true, repeatable: true },
      ],
      'serve',
    );
    if (args.positional.length > 0) throw new UsageError(`serve: unexpected argument "${args.positional[0].slice(0, 200)}"; usage: ${serveCommand.usage}`);
    const port = intFlag(args, 'port', 'serve', 0) ?? DEFAULT_PORT;
    if (port > 65535) throw new UsageError(`serve: --port expects a whole number 0..65535, got ${port}`);
    const host = flag(args, 'host') ?? DEFAULT_HOST;
    if (host.trim() === '') throw new UsageError('serve: --host needs an address such as 127.0.0.1 (an empty host would listen on every interface)');
    const allowOrigins = args.flags.get('allow-origin') ?? [];
    for (const o of allowOrigins) {
      try {
        normaliseOrigin(o);
      } catch (err) {
        throw new UsageError(`serve: ${(err as Error).message}`);
      }
    }
    const circuitFile = flag(args, 'circuit');
    if (circuitFile !== undefined && args.flags.has('scenario')) throw new UsageError('serve: give --scenario or --circuit, not both');
    if (circuitFile === undefined && args.flags.has('set')) throw new UsageError('serve: --set applies to a circuit file (--circuit FILE)');
    let circuit = null;
    if (circuitFile !== undefined) {
      // Validated here, before the server starts, exactly as `memspike run` validates it; each run's thread loads it again.
      const sets = args.flags.get('set') ?? [];
      try {
        const raw = await readCircuitFile(circuitFile);
        const lc = loadCircuitSource({ file: circuitFile, raw, trusted: true, sets }, null, (intFlag(args, 'run-memory', 'serve', 64) ?? RUN_MEMORY_MB) * 1024 * 1024);
        circuit = { name: lc.name, title: lc.circuit.description ?? `circuit ${circuitFile}`, source: { file: circuitFile, raw, trusted: true, sets } };
      } catch (e) {
        if (!(e instanceof CircuitError)) throw e;
        for (const line of e.message.split('\n')) process.stderr.write(`memspike: error: ${line}\n`);
        return 2;
      }
    }
    const server = await startServer({
      circuit,
      port,
      host,
      modules: args.flags.has('synthetic') ? [REGISTRY_MODULE, SYNTHETIC_MODULE] : [REGISTRY_MODULE],
      defaultScenario: flag(args, 'scenario') ?? null,
      maxRuns: intFlag(args, 'max-runs', 'serve', 1) ?? DEFAULT_MAX_RUNS,
      maxConnections: intFlag(args, 'max-connections', 'serve', 1) ?? DEFAULT_MAX_CONNECTIONS,
      runMemoryMb: intFlag(args, 'run-memory', 'serve', 64),
      allowOrigins,
    });
    process.stdout.write(`memspike viewer: ${server.url}  (up to ${server.maxRuns} runs at once; Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
