import { circuitJsonSchema } from '../circuit/schema.ts';
import { UsageError, parseArgs } from './args.ts';
import type { Command } from './command.ts';

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of circuit files (for editors: "$schema" in a circuit file)',
  usage: 'memspike schema',
  async run(argv) {
    const args = parseArgs(argv, [], 'schema');
    if (args.positional.length > 0) throw new UsageError(`schema: takes no arguments; usage: ${schemaCommand.usage}`);
    process.stdout.write(JSON.stringify(circuitJsonSchema(), null, 2) + '\n');
    return 0;
  },
};
