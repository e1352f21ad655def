import { scenarios } from '../../scenarios/index.ts';
import { DEFAULT_HOST, DEFAULT_MAX_RUNS, DEFAULT_PORT, startServer } from '../server/server.ts';
import { syntheticGridScenario } from '../server/synthetic.ts';
import { UsageError, flag, intFlag, parseArgs } from './args.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: `serve the live viewer (default http://${DEFAULT_HOST}:${DEFAULT_PORT}/; --port 0 picks a free port)`,
  usage: 'memspike serve [--port N] [--host H] [--scenario NAME] [--max-runs N] [--synthetic]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'port', takesValue: true },
        { name: 'host', takesValue: true },
        { name: 'scenario', takesValue: true },
        { name: 'max-runs', takesValue: true },
        { name: 'synthetic', takesValue: false },
      ],
      'serve',
    );
    if (args.positional.length > 0) throw new UsageError(`serve: unexpected argument "${args.positional[0]}"; usage: ${serveCommand.usage}`);
    const port = intFlag(args, 'port', 'serve', 0) ?? DEFAULT_PORT;
    if (port > 65535) throw new UsageError(`serve: --port expects a whole number 0..65535, got ${port}`);
    const offered = args.flags.has('synthetic') ? [...scenarios, syntheticGridScenario] : scenarios;
    const server = await startServer({
      port,
      host: flag(args, 'host') ?? DEFAULT_HOST,
      scenarios: offered,
      defaultScenario: flag(args, 'scenario') ?? null,
      maxRuns: intFlag(args, 'max-runs', 'serve', 1) ?? DEFAULT_MAX_RUNS,
    });
    const liveCount = offered.filter((s) => s.live).length;
    process.stdout.write(`memspike viewer: ${server.url}  (${liveCount} live scenario${liveCount === 1 ? '' : 's'}; Ctrl-C to stop)\n`);
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
