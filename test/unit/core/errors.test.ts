// Retry/Catch matching (ERRORS.md §3), table-driven: which ErrorEquals lists match which error names.
import { describe, expect, it } from 'vitest';
import { AslError, CancelledError, errorMatches, ExecutionAbortedError, isCancellation } from '../../../src/core/errors.js';

describe('errorMatches', () => {
  it.each([
    [['Custom'], 'Custom', true],
    [['Custom'], 'custom', false],
    [['States.ALL'], 'Custom', true],
    [['States.ALL'], 'States.Timeout', true],
    [['States.ALL'], 'States.DataLimitExceeded', true],
    [['States.ALL'], 'States.Runtime', false],
    [['States.Runtime'], 'States.Runtime', false],
    [['States.TaskFailed'], 'Lambda.ServiceException', true],
    [['States.TaskFailed'], 'States.Timeout', false],
    [['States.TaskFailed'], 'States.HeartbeatTimeout', false],
    [['States.TaskFailed'], 'States.Runtime', false],
    [['States.Timeout'], 'States.HeartbeatTimeout', true],
    [['States.HeartbeatTimeout'], 'States.Timeout', false],
    [['A', 'B'], 'B', true],
  ] as const)('%j matches %s: %s', (errorEquals, name, expected) => {
    expect(errorMatches(errorEquals, name)).toBe(expected);
  });
});

describe('AslError', () => {
  it('gives the error output a catcher receives, leaving out an absent Cause', () => {
    expect(new AslError('E', 'why').toErrorOutput()).toEqual({ Error: 'E', Cause: 'why' });
    expect(new AslError('E', undefined).toErrorOutput()).toEqual({ Error: 'E' });
  });

  it('marks data-flow errors for the state prefix, but not execution-level limits', () => {
    expect(AslError.runtime('x').stateScoped).toBe(true);
    expect(AslError.executionRuntime('x').stateScoped).toBe(false);
    expect(new AslError('Custom', 'x').stateScoped).toBe(false);
  });

  it('tells cancellation apart from failure', () => {
    expect(isCancellation(new CancelledError('sibling'))).toBe(true);
    expect(isCancellation(new ExecutionAbortedError())).toBe(true);
    expect(isCancellation(new AslError('States.Timeout', ''))).toBe(false);
  });
});
