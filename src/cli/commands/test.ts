// `asl test [FILES...]`: runs *.asl.test.json|yaml files through the testing library's runner and
// reports like other test runners — ✓/✗ per case with the differences, `N passed, M failed`, or JUnit
// XML — and exits 0 (all passed), 1 (a case failed), 2 (invalid test file or definition), 3 (usage/I-O).
// The runner is loaded when the command runs (test-run.ts, through on-demand.ts), so other commands start without it.
import type { Command } from 'commander';
import { Option } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';

/** Where --coverage writes Istanbul JSON unless --coverage-out says otherwise. */
export const DEFAULT_COVERAGE_OUT = 'coverage/asl-coverage-final.json';

export interface TestCommandOptions {
  readonly reporter: 'human' | 'junit';
  readonly out?: string | undefined;
  readonly coverage?: boolean | undefined;
  readonly coverageOut?: string | undefined;
  readonly report?: string | undefined;
}

const TEST_EXIT_CODES = [
  'Exit codes of asl test:',
  '  0  every case passed',
  '  1  a case failed',
  '  2  a test file (or the definition it names) is invalid',
  '  3  usage or I/O error (a file or folder cannot be read, --out cannot be written)',
].join('\n');

export function registerTest(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('test')
    .description('run *.asl.test.json|yaml test files (default: all under this folder)')
    .argument('[files...]', 'test files, or folders to search (node_modules and dot-folders are skipped)')
    .addOption(new Option('--reporter <reporter>', 'report format').choices(['human', 'junit']).default('human'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option('--coverage', 'report which states, transitions, Choice rules, Retry and Catch handlers the cases exercised')
    .option('--coverage-out <file>', `where --coverage writes Istanbul JSON (default ${DEFAULT_COVERAGE_OUT})`)
    .option('--report <file>', 'write an HTML report of every case\'s execution (graph, timeline, inputs and outputs; coloured by coverage with --coverage)')
    .addHelpText('after', `\n${TEST_EXIT_CODES}`)
    .action(async (files: string[], opts: TestCommandOptions) => {
      const { runTestsWithCoverage } = await import('../on-demand.js');
      onExitCode(await runTestsWithCoverage(files, opts, io));
    });
}
