// `asl test-state --definition FILE [--state-name NAME] [--input JSON|@file] ...`: AWS's TestState
// API offline, a thin client of the library's testState. The response (AWS's shape) goes to stdout
// and the exit code is 0 whatever the state did, as the API answers 200; 2 for an invalid
// definition, 3 for a request TestState refuses or a file that cannot be read.
// TestState itself is loaded when the command runs (test-state-run.ts, through on-demand.ts), so other commands start without it.
import type { Command } from 'commander';
import { Option } from 'commander';
import type { InspectionLevel } from '../../index.js';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { collect, parseLambdaSpec, parseSeed } from '../run-options.js';
import type { LambdaSpec } from '../run-options.js';

export interface TestStateCommandOptions {
  readonly definition: string;
  readonly stateName?: string;
  readonly input?: string;
  readonly context?: string;
  readonly variables?: string;
  readonly inspectionLevel?: InspectionLevel;
  readonly mockResult?: string;
  readonly mockError?: string;
  readonly mockCause?: string;
  readonly retrierRetryCount?: number;
  readonly lambda?: LambdaSpec[];
  readonly seed?: number;
}

const LEVELS = ['INFO', 'DEBUG', 'TRACE'] as const;

/** Adds the `test-state` subcommand; the action reports its exit code through `onExitCode`. */
export function registerTestState(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('test-state')
    .description("test one state offline, as AWS's TestState API does")
    .requiredOption('--definition <file>', 'a state (with "Type") or a whole definition (with "States"), JSON or YAML')
    .option('--state-name <name>', 'with a whole definition: the state to test (default: StartAt)')
    .option('--input <json|@file>', 'the state input (default {})')
    .option('--context <json|@file>', 'a context object ($$); its members replace the generated ones')
    .option('--variables <json|@file>', 'the variables the state sees, as a JSON object')
    .addOption(new Option('--inspection-level <level>', 'INFO, or DEBUG/TRACE for the data flow (TRACE: HTTP request/response too)').choices(LEVELS).default('INFO'))
    .option('--mock-result <json|@file>', 'a Task, Map or Parallel: use this as its result instead of running it')
    .option('--mock-error <name>', 'a Task, Map or Parallel: fail it with this error instead of running it')
    .option('--mock-cause <text>', 'the cause of --mock-error')
    .option('--retrier-retry-count <n>', 'retries the matching Retrier has already made (stateConfiguration.retrierRetryCount)', parseSeed)
    .option('--lambda <NAME=MODULE[#EXPORT]>', 'a local Lambda function for unmocked Tasks; repeatable', collect(parseLambdaSpec))
    .option('--seed <n>', 'seed for jitter, States.UUID and States.MathRandom', parseSeed)
    .action(async (opts: TestStateCommandOptions, command: Command) => {
      if (opts.mockCause !== undefined && opts.mockError === undefined) command.error('error: --mock-cause needs --mock-error');
      const { runTestState } = await import('../on-demand.js');
      onExitCode(await runTestState(opts, io));
    });
}
