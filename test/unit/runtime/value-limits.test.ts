// Every value a state produces obeys the limits, not only the execution input (issue 9): too deep
// or holding NaN/Infinity → States.Runtime naming where; too big → States.DataLimitExceeded. And
// whatever the engine lets through can be written as JSON (history, --json) without a stack overflow.
import { describe, expect, it } from 'vitest';
import { type ExecutionResult, type JsonValue, MAX_JSON_DEPTH } from '../../../src/index.js';
import { runDefinition } from '../../support/run.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:produce';

function nested(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

function pass(fields: Record<string, JsonValue>): JsonValue {
  return { StartAt: 'P', States: { P: { Type: 'Pass', ...fields, End: true } } };
}

function causeOf(result: ExecutionResult): string {
  return result.status === 'SUCCEEDED' ? '' : (result.cause ?? '');
}

/** The run's result and history both serialize: the property the CLI's --json and --history rely on. */
function expectWritable(outcome: { result: ExecutionResult; history: readonly unknown[] }): void {
  expect(() => JSON.stringify(outcome.result)).not.toThrow();
  expect(() => JSON.stringify(outcome.history)).not.toThrow();
}

describe('values nested too deep', () => {
  it('a States.StringToJson of a 20,000-deep string fails the state with States.Runtime', async () => {
    const outcome = await runDefinition(pass({ Parameters: { 'v.$': 'States.StringToJson($.s)' } }), { s: nested(20_000) });
    expect(outcome.result.status).toBe('FAILED');
    expect(outcome.result).toMatchObject({ error: 'States.Runtime' });
    expect(causeOf(outcome.result)).toContain(`nests more than ${MAX_JSON_DEPTH} levels deep`);
    expectWritable(outcome);
  });

  it('accepts exactly the limit and refuses one level more', async () => {
    const at = await runDefinition(pass({ Parameters: { 'v.$': 'States.StringToJson($.s)' } }), { s: nested(MAX_JSON_DEPTH - 1) });
    expect(at.result.status).toBe('SUCCEEDED');
    const past = await runDefinition(pass({ Parameters: { 'v.$': 'States.StringToJson($.s)' } }), { s: nested(MAX_JSON_DEPTH) });
    expect(past.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('checks a value assigned to a variable before measuring it', async () => {
    const outcome = await runDefinition(pass({ Assign: { 'v.$': 'States.StringToJson($.s)' } }), { s: nested(5_000) });
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(outcome.result)).toContain("variable 'v' nests more than");
  });

  it('checks what a Parallel hands its branches and a Map ItemSelector its iterations', async () => {
    const branch = { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } };
    const parallel = await runDefinition(
      { StartAt: 'P', States: { P: { Type: 'Parallel', Parameters: { 'v.$': 'States.StringToJson($.s)' }, Branches: [branch], End: true } } },
      { s: nested(3_000) },
    );
    expect(parallel.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(parallel.history.some((e) => e.type === 'PassStateEntered')).toBe(false);
    const map = await runDefinition(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemSelector: { 'v.$': 'States.StringToJson($.s)' }, ItemProcessor: branch, End: true } } },
      { s: nested(3_000), items: [1] },
    );
    expect(map.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expectWritable(map);
  });

  it('refuses a Lambda result deeper than the limit as Runtime.MarshalError, with a short path', async () => {
    const outcome = await runDefinition({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } }, {}, {
      lambdas: { produce: async () => JSON.parse(nested(20_000)) as unknown },
    });
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'Runtime.MarshalError' });
    const cause = causeOf(outcome.result);
    expect(cause).toContain('nests more than 1000 levels deep');
    expect(cause.length).toBeLessThan(400);
  });

  it('checks JSONata results: an Output and a Map Items list built by a recursive function', async () => {
    const build = '( $nest := function($n){ $n = 0 ? {} : {"a": $nest($n - 1)} }; $nest($states.input.n) )';
    const processor = { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } };
    const output = await runDefinition({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: `{% ${build} %}`, End: true } } }, { n: 1_500 });
    expect(causeOf(output.result)).toContain('nests more than 1000 levels deep');
    const items = await runDefinition(
      { QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', Items: `{% [${build}, 1] %}`, ItemProcessor: processor, End: true } } },
      { n: 1_500 },
    );
    expect(items.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(items.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'MapStateEntered', 'ExecutionFailed']);
  });

  it('fails an execution input that is too deep without recording it, so the history stays writable', async () => {
    const outcome = await runDefinition(pass({}), JSON.parse(nested(20_000)) as JsonValue);
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(outcome.history[0]?.details?.input).toBeNull();
    expectWritable(outcome);
  });
});

describe('numbers JSON cannot write', () => {
  it('fails an execution input holding 1e999 (Infinity after JSON.parse), naming where', async () => {
    const outcome = await runDefinition(pass({}), JSON.parse('{"order": {"total": 1e999}}') as JsonValue);
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(outcome.result)).toBe('The execution input holds the number Infinity at $.order.total, which JSON cannot represent.');
  });

  it('fails a state whose result holds one instead of writing a silent null', async () => {
    const outcome = await runDefinition(pass({ Parameters: { 'v.$': 'States.StringToJson($.s)' } }), { s: '{"list": [1, -1e999]}' });
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(causeOf(outcome.result)).toContain("The state/task 'P' returned a result that holds the number -Infinity at $.v.list[1]");
  });

  it('fails a mocked or local task result holding one', async () => {
    const outcome = await runDefinition({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } }, {}, {
      lambdas: { produce: async () => ({ n: Number.NaN }) },
    });
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'Runtime.MarshalError' });
  });

  it('JSONata arithmetic that overflows is a QueryEvaluationError, not a null', async () => {
    const outcome = await runDefinition(
      { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% {"v": $states.input.a * 10} %}', End: true } } },
      { a: 1.7e308 },
    );
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
  });
});

describe('values too big', () => {
  it('a Map that catches its own failure and loops back stops with DataLimitExceeded, not a 1.5 GB Cause', async () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'all.$': '$' },
          ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', CausePath: 'States.JsonToString($.all)' } } },
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'M' }],
          End: true,
        },
      },
    };
    const outcome = await runDefinition(definition, { items: [1] }, { payloadLimitBytes: 262_144 });
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    const exits = outcome.history.filter((e) => e.type === 'MapStateExited');
    expect(exits.length).toBeGreaterThan(5);
    for (const exit of exits) expect(JSON.stringify(exit.details?.output).length).toBeLessThanOrEqual(262_144 * 2);
  });

  it('a value sharing one big string 1,200 times fails with DataLimitExceeded, never "Invalid string length"', async () => {
    // 1,200 × 500 KB = 600 MB of JSON, past the longest string V8 can build; a Map whose results
    // share one value is the same case.
    const copies = Array.from({ length: 1_200 }, () => '$.big').join(', ');
    const { result } = await runDefinition(pass({ Parameters: { 'all.$': `States.Array(${copies})` } }), { big: 'x'.repeat(500_000) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('a Catch output over the limit is refused even when the state itself only failed', async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }], End: true },
        Done: { Type: 'Succeed' },
      },
    };
    const outcome = await runDefinition(definition, { small: true }, {
      payloadLimitBytes: 10_000,
      lambdas: {
        produce: async () => {
          throw Object.assign(new Error('x'.repeat(20_000)), { name: 'Huge' });
        },
      },
    });
    expect(outcome.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(outcome.history.some((e) => e.type === 'SucceedStateEntered')).toBe(false);
  });
});
