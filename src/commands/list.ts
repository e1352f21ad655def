import { scenarios } from '../../scenarios/index.ts';
import type { Command } from './command.ts';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the scenarios and their parameters',
  usage: 'memspike list',
  async run() {
    for (const s of scenarios) {
      process.stdout.write(`${s.name.padEnd(30)} ${s.experiment.padEnd(8)} ${(s.figure || '').padEnd(11)} ${s.title}\n`);
      for (const p of s.params) {
        const range = p.min !== undefined || p.max !== undefined ? ` [${p.min ?? ''}..${p.max ?? ''}]` : '';
        const choices = p.choices ? ` {${p.choices.join('|')}}` : '';
        process.stdout.write(`    --set ${p.key}=${String(p.default)}${p.unit ? ' ' + p.unit : ''}${range}${choices}  ${p.description}\n`);
      }
    }
    return 0;
  },
};
