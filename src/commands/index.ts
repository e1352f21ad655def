/** Command registry: a new subcommand is one file plus one line here. */
import type { Command } from './command.ts';
import { listCommand } from './list.ts';
import { runCommand } from './run.ts';
import { reproduceCommand } from './reproduce.ts';
import { calibrateCommand } from './calibrate.ts';
import { serveCommand } from './serve.ts';
import { sweepCommand } from './sweep.ts';
import { workerCommand } from './worker.ts';
import { schemaCommand } from './schema.ts';

export const commands: readonly Command[] = [listCommand, runCommand, reproduceCommand, serveCommand, calibrateCommand, sweepCommand, workerCommand, schemaCommand];
