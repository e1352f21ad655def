import { defaultWorkers } from '../sweep/pool.ts';
import { checkQueueUrl, pingRedis } from '../sweep/redis.ts';
import { startWorker } from '../sweep/remote-worker.ts';
import { UsageError, flag, intFlag, parseArgs } from './args.ts';
import type { Command } from './command.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'take sweep points from a Redis queue and post their results (concurrency: the cores); Ctrl-C finishes the running points and stops',
  usage: 'memspike worker --queue redis://host:6379/0 [--concurrency N] [--lock-ms MS] [--stalled-ms MS]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'queue', takesValue: true },
        { name: 'concurrency', takesValue: true },
        { name: 'lock-ms', takesValue: true },
        { name: 'stalled-ms', takesValue: true },
      ],
      'worker',
    );
    if (args.positional.length > 0) throw new UsageError(`worker: unexpected argument "${args.positional[0]}"; usage: ${workerCommand.usage}`);
    const url = flag(args, 'queue');
    if (!url) throw new UsageError(`worker: --queue is required; usage: ${workerCommand.usage}`);
    checkQueueUrl(url);
    const concurrency = intFlag(args, 'concurrency', 'worker', 1) ?? defaultWorkers();
    const lockDurationMs = intFlag(args, 'lock-ms', 'worker', 100);
    const stalledIntervalMs = intFlag(args, 'stalled-ms', 'worker', 100);
    await pingRedis(url);
    const log = (line: string): void => void process.stdout.write(`${new Date().toISOString()} ${line}\n`);
    const worker = await startWorker({ url, concurrency, lockDurationMs, stalledIntervalMs, log });
    log(`memspike worker: taking jobs from ${url} (concurrency ${concurrency}); Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        log('stopping after the running points');
        void worker.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
