// MaxConcurrencyPath and ToleratedFailure*Path read a number or a numeric string ("1"), as AWS
// does; anything else is a States.Runtime naming the field, the value and the path (ERRORS.md §2).
import { describe, expect, it } from 'vitest';
import type { ExecutionResult, JsonValue } from '../../../src/index.js';
import { runDefinition } from '../../support/run.js';

/** A Map over $.items whose iterations fail for items that are the string "bad". */
function map(fields: Record<string, JsonValue>): JsonValue {
  return {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ...fields,
        ItemProcessor: {
          StartAt: 'Check',
          States: {
            Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Fail' }], Default: 'Ok' },
            Fail: { Type: 'Fail', Error: 'BadItem' },
            Ok: { Type: 'Pass', End: true },
          },
        },
        End: true,
      },
    },
  };
}

function causeOf(result: ExecutionResult): string {
  return result.status === 'SUCCEEDED' ? '' : (result.cause ?? '');
}

describe('MaxConcurrencyPath', () => {
  it.each([['1'], [1], ['0'], ['+2']])('accepts %j', async (value) => {
    const { result, history } = await runDefinition(map({ MaxConcurrencyPath: '$.limit' }), { limit: value, items: [1, 2, 3] });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [1, 2, 3] });
    expect(history.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(3);
  });

  it('runs one iteration at a time for "1": each iteration ends before the next starts', async () => {
    const { history } = await runDefinition(map({ MaxConcurrencyPath: '$.limit' }), { limit: '1', items: [1, 2] });
    const types = history.map((e) => e.type).filter((t) => t.startsWith('MapIteration'));
    expect(types).toEqual(['MapIterationStarted', 'MapIterationSucceeded', 'MapIterationStarted', 'MapIterationSucceeded']);
  });

  it.each([
    ['NoNumber', 'The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.limit'],
    ['1.5', 'The MaxConcurrencyPath field refers to value "1.5" which is not a valid integer: $.limit'],
    [2.5, 'The MaxConcurrencyPath field refers to value "2.5" which is not a valid integer: $.limit'],
    [{}, 'The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.limit'],
    ['-1', 'The MaxConcurrencyPath field refers to value "-1" which is negative; MaxConcurrency must be 0 (no limit) or more: $.limit'],
  ])('refuses %j with States.Runtime', async (value, cause) => {
    const { result } = await runDefinition(map({ MaxConcurrencyPath: '$.limit' }), { limit: value, items: [1] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(result)).toContain(cause);
  });
});

describe('ToleratedFailureCountPath and ToleratedFailurePercentagePath', () => {
  it('accept numeric strings: one failure tolerated out of three', async () => {
    const count = await runDefinition(map({ ToleratedFailureCountPath: '$.tolerate' }), { tolerate: '1', items: ['bad', 1, 2] });
    expect(count.result).toEqual({ status: 'SUCCEEDED', output: [{ Error: 'BadItem' }, 1, 2] });
    const percentage = await runDefinition(map({ ToleratedFailurePercentagePath: '$.tolerate' }), { tolerate: '34.5', items: ['bad', 1, 2] });
    expect(percentage.result.status).toBe('SUCCEEDED');
  });

  it('exceeding a tolerance read from a string fails the Map', async () => {
    const { result } = await runDefinition(map({ ToleratedFailureCountPath: '$.tolerate' }), { tolerate: '0', items: ['bad', 1] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it.each([
    ['ToleratedFailureCountPath', 'many', 'The ToleratedFailureCountPath field refers to value "many" which is not a valid integer: $.tolerate'],
    ['ToleratedFailureCountPath', '-1', 'ToleratedFailureCount cannot be negative.'],
    ['ToleratedFailurePercentagePath', 'half', 'The ToleratedFailurePercentagePath field refers to value "half" which is not a valid number: $.tolerate'],
    ['ToleratedFailurePercentagePath', '150', 'ToleratedFailurePercentage must be between 0 and 100.'],
  ])('%s refuses %j with States.Runtime', async (field, value, cause) => {
    const { result } = await runDefinition(map({ [field]: '$.tolerate' }), { tolerate: value, items: [1] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(result)).toContain(cause);
  });
});
