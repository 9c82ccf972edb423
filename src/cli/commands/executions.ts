// `asl executions --store FILE [--status S] [--json]`: what a store holds, newest first. It only
// reads: it does not take the store, so it works while another `asl` runs executions in it.
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';

export const STORED_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

export interface ExecutionsCommandOptions {
  readonly store: string;
  readonly status?: (typeof STORED_STATUSES)[number];
  readonly json?: boolean;
}

export function registerExecutions(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('executions')
    .description('list the executions of a store (`asl run --store`), newest first, with their status')
    .requiredOption('--store <file>', 'the store file')
    .addOption(new Option('--status <status>', `only executions with this status: ${STORED_STATUSES.join(', ')}`).argParser(parseStatus))
    .option('--json', 'print one JSON object per execution (JSON Lines)')
    .action(async (opts: ExecutionsCommandOptions) => {
      const { listStoredExecutions } = await import('../on-demand.js');
      onExitCode(await listStoredExecutions(opts, io));
    });
}

function parseStatus(value: string): (typeof STORED_STATUSES)[number] {
  const status = STORED_STATUSES.find((s) => s === value.toUpperCase());
  if (status === undefined) throw new InvalidArgumentError(`expected one of ${STORED_STATUSES.join(', ')}`);
  return status;
}
