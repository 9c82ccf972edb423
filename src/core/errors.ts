// Errors are data (ARCHITECTURE.md 1.6): one class carries the ASL error name and cause; what
// Retry and Catch may match is looked up in ERROR_RULES, never decided by scattered ifs.

/** How a predefined error behaves under Retry/Catch matchers (ERRORS.md §2-3). */
export interface ErrorRule {
  /** Matched by a lone "States.ALL" matcher. */
  readonly matchedByAll: boolean;
  /** Matched by a "States.TaskFailed" matcher. */
  readonly matchedByTaskFailed: boolean;
}

const ORDINARY: ErrorRule = { matchedByAll: true, matchedByTaskFailed: true };

/**
 * Predefined names. States.Runtime is matched by nothing, not even when named (AWS recording
 * test_base_scenarios::test_catch_states_runtime). States.Timeout and HeartbeatTimeout escape
 * States.TaskFailed. DataLimitExceeded is caught by States.ALL for task results (AWS recordings,
 * 2024), though the docs call it terminal — we follow the recordings.
 */
export const ERROR_RULES: Readonly<Record<string, ErrorRule>> = {
  'States.Runtime': { matchedByAll: false, matchedByTaskFailed: false },
  'States.Timeout': { matchedByAll: true, matchedByTaskFailed: false },
  'States.HeartbeatTimeout': { matchedByAll: true, matchedByTaskFailed: false },
  'States.TaskFailed': ORDINARY,
  'States.Permissions': ORDINARY,
  'States.ResultPathMatchFailure': ORDINARY,
  'States.ParameterPathFailure': ORDINARY,
  'States.QueryEvaluationError': ORDINARY,
  'States.BranchFailed': ORDINARY,
  'States.NoChoiceMatched': ORDINARY,
  'States.IntrinsicFailure': ORDINARY,
  'States.ExceedToleratedFailureThreshold': ORDINARY,
  'States.ItemReaderFailed': ORDINARY,
  'States.ResultWriterFailed': ORDINARY,
  'States.DataLimitExceeded': ORDINARY,
};

export function errorRule(name: string): ErrorRule {
  return ERROR_RULES[name] ?? ORDINARY;
}

/** Whether a retrier's or catcher's ErrorEquals matches an error name (ERRORS.md §3). */
export function errorMatches(errorEquals: readonly string[], name: string): boolean {
  if (name === 'States.Runtime') return false;
  const rule = errorRule(name);
  return errorEquals.some(
    (matcher) =>
      matcher === name ||
      (matcher === 'States.ALL' && rule.matchedByAll) ||
      (matcher === 'States.TaskFailed' && rule.matchedByTaskFailed) ||
      (matcher === 'States.Timeout' && name === 'States.HeartbeatTimeout'),
  );
}

/** Errors raised by a state's own processing, whose cause AWS prefixes with the state's name. */
const STATE_SCOPED = new Set(['States.Runtime', 'States.IntrinsicFailure', 'States.ResultPathMatchFailure', 'States.QueryEvaluationError']);

/** A failure inside an execution: the ASL error name and its cause. */
export class AslError extends Error {
  /**
   * @param error the ASL error name ("" for a Fail state without Error: AWS reports no name)
   * @param stateScoped whether the runtime should prefix the cause with "An error occurred while
   *   executing the state 'X' (entered at the event id #N)." as AWS does for data-flow failures.
   */
  constructor(
    readonly error: string,
    override readonly cause: string | undefined,
    readonly stateScoped: boolean = STATE_SCOPED.has(error),
    /** For JSONata failures: the field path AWS reports in the EvaluationFailed event (e.g. "Output/result"). */
    readonly location?: string,
  ) {
    super(cause === undefined ? error : `${error}: ${cause}`);
    this.name = 'AslError';
  }

  /** The error output a Catcher receives: {"Error", "Cause"} (Cause omitted when absent). */
  toErrorOutput(): { Error: string; Cause?: string } {
    return this.cause === undefined ? { Error: this.error } : { Error: this.error, Cause: this.cause };
  }

  static runtime(cause: string): AslError {
    return new AslError('States.Runtime', cause);
  }

  /** A States.Runtime failure of the whole execution (limits), never prefixed with a state. */
  static executionRuntime(cause: string): AslError {
    return new AslError('States.Runtime', cause, false);
  }
}

/** A sibling branch/iteration failed, or a timeout fired: the work was stopped, never caught. */
export class CancelledError extends Error {
  constructor(readonly reason: string) {
    super(`cancelled: ${reason}`);
    this.name = 'CancelledError';
  }
}

/**
 * The execution was suspended by its driver (a snapshot was taken and the run let go): like any
 * cancellation it is never caught by Retry/Catch, and the run records no event for it.
 */
export class ExecutionSuspendedError extends CancelledError {
  constructor() {
    super('execution suspended');
    this.name = 'ExecutionSuspendedError';
  }
}

/** The execution was aborted by its owner (StopExecution). */
export class ExecutionAbortedError extends Error {
  constructor(
    readonly error: string | undefined = undefined,
    readonly causeText: string | undefined = undefined,
  ) {
    super('execution aborted');
    this.name = 'ExecutionAbortedError';
  }
}

/** Cancellation is checked first and is never retried or caught (ARCHITECTURE.md 1.7). */
export function isCancellation(value: unknown): value is CancelledError | ExecutionAbortedError {
  return value instanceof CancelledError || value instanceof ExecutionAbortedError;
}
