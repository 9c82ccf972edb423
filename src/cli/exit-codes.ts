/**
 * Process exit codes of the `asl` CLI. They are part of the CLI's contract (scripts branch on them),
 * so they are listed in `asl --help` and in the README, and never renumbered.
 */
export const ExitCode = {
  /** Everything succeeded: all definitions valid (warnings allowed) or the execution SUCCEEDED. */
  OK: 0,
  /** The execution FAILED, TIMED_OUT or was ABORTED. */
  EXECUTION_FAILED: 1,
  /** At least one definition is invalid. */
  INVALID_DEFINITION: 2,
  /** Bad command line, or a file could not be read. Wins over INVALID_DEFINITION. */
  USAGE_OR_IO: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const MEANINGS: ReadonlyArray<readonly [ExitCode, string]> = [
  [ExitCode.OK, 'succeeded (the execution SUCCEEDED; every definition valid, warnings allowed)'],
  [ExitCode.EXECUTION_FAILED, 'the execution FAILED, TIMED_OUT or was ABORTED'],
  [ExitCode.INVALID_DEFINITION, 'a definition is invalid'],
  [ExitCode.USAGE_OR_IO, 'usage or I/O error'],
];

/** The exit-code table as printed at the end of `asl --help`. */
export const EXIT_CODES_HELP = ['Exit codes:', ...MEANINGS.map(([code, text]) => `  ${code}  ${text}`)].join('\n');

/** Combines per-item outcomes: the numerically highest code wins, so 3 (I/O) beats 2 (invalid) beats 0. */
export function worstExitCode(codes: Iterable<ExitCode>): ExitCode {
  let worst: ExitCode = ExitCode.OK;
  for (const code of codes) if (code > worst) worst = code;
  return worst;
}
