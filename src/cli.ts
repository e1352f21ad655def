/**
 * memspike command line: `memspike <command> [options]`.
 * Errors are one line on stderr with a non-zero exit: 2 for usage errors,
 * 1 for everything else.
 */
import { commands } from './commands/index.ts';
import { UsageError } from './commands/args.ts';
import { version } from './version.ts';

function help(): string {
  const rows = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `memspike: event-driven spiking simulator with MoSe2 memristor synapses and nociceptors\n\nCommands:\n${rows.join('\n')}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) throw new UsageError(`unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: ${cmd.usage}\n  ${cmd.summary}\n`);
    return 0;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`memspike: error: ${msg.split('\n')[0]}\n`);
    if (process.env.MEMSPIKE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
