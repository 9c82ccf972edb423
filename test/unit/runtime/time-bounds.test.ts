// Waits, timeouts and retry delays past what a clock can show (issue 9): a clear States.Runtime
// naming the field, never "Invalid time value" from a timestamp past JavaScript's last date.
import { describe, expect, it } from 'vitest';
import { type ExecutionResult, type JsonValue } from '../../../src/index.js';
import { runDefinition, START_MS } from '../../support/run.js';

const DAY_MS = 86_400_000;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';

function wait(fields: Record<string, JsonValue>, queryLanguage?: 'JSONata'): JsonValue {
  return { ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}), StartAt: 'W', States: { W: { Type: 'Wait', ...fields, End: true } } };
}

function causeOf(result: ExecutionResult): string {
  return result.status === 'SUCCEEDED' ? '' : (result.cause ?? '');
}

describe('Wait longer than an execution can last', () => {
  it.each([
    ['SecondsPath 1e20', wait({ SecondsPath: '$.s' }), { s: 1e20 }, 'the SecondsPath $.s field asks for a wait of 1.000e+20 seconds'],
    ['static Seconds at the schema maximum', wait({ Seconds: 99_999_999 }), {}, 'the Seconds field asks for a wait of 99999999 seconds'],
    ['Timestamp in year 9999', wait({ Timestamp: '9999-12-31T23:59:59Z' }), {}, 'the Timestamp field'],
    ['TimestampPath in year 9999', wait({ TimestampPath: '$.t' }), { t: '9999-01-01T00:00:00Z' }, 'the TimestampPath $.t field'],
    ['JSONata Seconds 1e20', wait({ Seconds: '{% $states.input.s %}' }, 'JSONata'), { s: 1e20 }, 'the Seconds field'],
  ])('%s fails with States.Runtime "Wait state delay is too long"', async (_name, definition, input, field) => {
    const { result, history, elapsedMs } = await runDefinition(definition, input);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(result)).toContain('Wait state delay is too long: ');
    expect(causeOf(result)).toContain(field);
    expect(elapsedMs).toBe(0);
    expect(() => JSON.stringify(history)).not.toThrow();
  });

  it('still waits 366 days, the longest wait allowed', async () => {
    const { result, elapsedMs } = await runDefinition(wait({ SecondsPath: '$.s' }), { s: 31_622_400 });
    expect(result.status).toBe('SUCCEEDED');
    expect(elapsedMs).toBe(366 * DAY_MS);
  });

  it('a TimestampPath past the last date JavaScript can represent is an invalid timestamp, not "Invalid time value"', async () => {
    const { result } = await runDefinition(wait({ TimestampPath: '$.t' }), { t: '+275760-09-13T00:00:01Z' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(result)).toContain('The TimestampPath parameter does not reference a valid ISO-8601');
  });
});

describe('Retry back-off without MaxDelaySeconds', () => {
  it('never waits longer than 366 days per retry, so 200 doublings keep every timestamp representable', async () => {
    const definition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 200, BackoffRate: 2 }], End: true } },
    };
    const { result, history, elapsedMs } = await runDefinition(definition, {}, {
      lambdas: {
        work: async () => {
          throw Object.assign(new Error('again'), { name: 'Flaky' });
        },
      },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Flaky' });
    expect(Number.isFinite(elapsedMs)).toBe(true);
    expect(elapsedMs).toBeLessThanOrEqual(200 * 366 * DAY_MS);
    expect(() => new Date(START_MS + elapsedMs).toISOString()).not.toThrow();
    expect(() => JSON.stringify(history)).not.toThrow();
  });
});

describe('task timeouts read from the input', () => {
  const task = (fields: Record<string, JsonValue>): JsonValue => ({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'work' }, ...fields, End: true } },
  });

  it.each([['TimeoutSecondsPath'], ['HeartbeatSecondsPath']])('%s beyond 99999999 is a States.Runtime naming the field', async (field) => {
    const { result } = await runDefinition(task({ [field]: '$.t' }), { t: 1e20 }, { lambdas: { work: async () => 1 } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(result)).toContain(`The ${field} field refers to value 100000000000000000000 which is larger than 99999999`);
  });

  it('a JSONata TimeoutSeconds beyond 99999999 is a States.QueryEvaluationError', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'work' }, TimeoutSeconds: '{% $states.input.t %}', End: true } },
    };
    const { result } = await runDefinition(definition, { t: 1e20 }, { lambdas: { work: async () => 1 } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(causeOf(result)).toContain("Expected 'integer of at most 99999999'");
  });
});
