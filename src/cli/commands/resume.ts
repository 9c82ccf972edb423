// `asl resume --store FILE [name]`: goes on, in the foreground, with every execution of the store
// that was interrupted (or the named one), and prints each one's result as `asl run --json` does.
// The work is loaded when the command runs (resume-run.ts), so other commands start without it.
import type { Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';

export interface ResumeCommandOptions {
  readonly store: string;
}

export function registerResume(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('resume')
    .description('go on with the executions an `asl run --store` left unfinished (killed, crashed or Ctrl-C)')
    .argument('[execution]', 'only this execution (its name or ARN); default: every RUNNING one')
    .requiredOption('--store <file>', 'the store file given to `asl run --store`')
    .action(async (execution: string | undefined, opts: ResumeCommandOptions) => {
      const { resumeExecutions } = await import('../on-demand.js');
      onExitCode(await resumeExecutions(opts.store, execution, io));
    });
}
