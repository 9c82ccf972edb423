// testState: each status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR) and what each inspection
// level shows, on JSONPath states.
import { describe, expect, it } from 'vitest';
import { testState, type TestStateRequest } from '../../../src/index.js';

const json = (value: unknown): string => JSON.stringify(value);

const CHARGE = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  InputPath: '$.order',
  Parameters: { 'FunctionName': 'charge', 'Payload.$': '$' },
  ResultSelector: { 'receipt.$': '$.Payload.receipt' },
  ResultPath: '$.charged',
  OutputPath: '$.charged',
  Retry: [
    { ErrorEquals: ['Card.Declined'], MaxAttempts: 0 },
    { ErrorEquals: ['Bank.Busy'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 },
  ],
  Catch: [
    { ErrorEquals: ['Card.Expired'], Next: 'AskForCard', ResultPath: '$.problem' },
    { ErrorEquals: ['States.ALL'], Next: 'Refund', ResultPath: null },
  ],
  Next: 'Ship',
};

const chargeWith = (extra: Partial<TestStateRequest>): TestStateRequest => ({
  definition: json(CHARGE),
  input: json({ order: { id: 7, amount: 30 } }),
  ...extra,
});

describe('status', () => {
  it('SUCCEEDED: the output after the whole data flow and the Next state', async () => {
    const response = await testState(chargeWith({ mock: { result: json({ Payload: { receipt: 'r-1' }, StatusCode: 200 }) } }));
    expect(response).toEqual({ status: 'SUCCEEDED', output: json({ receipt: 'r-1' }), nextState: 'Ship' });
  });

  it('SUCCEEDED without nextState for an End state', async () => {
    const response = await testState({ definition: json({ Type: 'Pass', Result: 1, End: true }) });
    expect(response).toEqual({ status: 'SUCCEEDED', output: '1' });
  });

  it('RETRIABLE when a Retrier would retry, with its index and backoff', async () => {
    const response = await testState(chargeWith({ inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Bank.Busy', cause: 'try later' } } }));
    expect(response.status).toBe('RETRIABLE');
    expect(response).toMatchObject({ error: 'Bank.Busy', cause: 'try later' });
    expect(response.output).toBeUndefined();
    expect(response.nextState).toBeUndefined();
    expect(response.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 2 });
  });

  it('the backoff grows with the retries already made (stateConfiguration.retrierRetryCount)', async () => {
    const response = await testState(
      chargeWith({ inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Bank.Busy' } }, stateConfiguration: { retrierRetryCount: 1 } }),
    );
    expect(response.status).toBe('RETRIABLE');
    expect(response.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 6 });
  });

  it('CAUGHT_ERROR once the Retrier is spent: the Catch output, its Next and its index', async () => {
    const response = await testState(
      chargeWith({ inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Bank.Busy', cause: 'still busy' } }, stateConfiguration: { retrierRetryCount: 2 } }),
    );
    expect(response).toMatchObject({ status: 'CAUGHT_ERROR', error: 'Bank.Busy', cause: 'still busy', nextState: 'Refund' });
    // ResultPath null in the Catch: the output is the raw input.
    expect(JSON.parse(response.output ?? '')).toEqual({ order: { id: 7, amount: 30 } });
    expect(response.inspectionData?.errorDetails).toEqual({ catchIndex: 1 });
  });

  it('CAUGHT_ERROR places the error output at the Catch ResultPath', async () => {
    const response = await testState(chargeWith({ mock: { errorOutput: { error: 'Card.Expired', cause: '12/25' } } }));
    expect(response.status).toBe('CAUGHT_ERROR');
    expect(response.nextState).toBe('AskForCard');
    expect(JSON.parse(response.output ?? '')).toEqual({ order: { id: 7, amount: 30 }, problem: { Error: 'Card.Expired', Cause: '12/25' } });
  });

  it('a Retrier with MaxAttempts 0 never retries: the error goes on to Catch', async () => {
    const response = await testState(chargeWith({ mock: { errorOutput: { error: 'Card.Declined' } } }));
    expect(response).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Refund' });
  });

  it('FAILED when nothing handles the error', async () => {
    const bare = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    const response = await testState({ definition: json(bare), mock: { errorOutput: { error: 'Oops', cause: 'broken' } } });
    expect(response).toEqual({ status: 'FAILED', error: 'Oops', cause: 'broken' });
  });

  it('FAILED for a Fail state, with its Error and Cause', async () => {
    const response = await testState({ definition: json({ Type: 'Fail', Error: 'Order.Invalid', CausePath: '$.why' }), input: json({ why: 'no items' }) });
    expect(response).toEqual({ status: 'FAILED', error: 'Order.Invalid', cause: 'no items' });
  });

  it('States.Runtime is not retried by States.ALL (FAILED, not RETRIABLE)', async () => {
    const state = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'x.$': '$.missing' }, Retry: [{ ErrorEquals: ['States.ALL'] }], End: true };
    const response = await testState({ definition: json(state), mock: { result: '{}' } });
    expect(response.status).toBe('FAILED');
    expect(response.error).toBe('States.Runtime');
  });
});

describe('inspection levels', () => {
  const mock = { result: json({ Payload: { receipt: 'r-2' } }) };

  it('INFO has no inspectionData', async () => {
    const response = await testState(chargeWith({ mock }));
    expect(response.inspectionData).toBeUndefined();
  });

  it.each(['DEBUG', 'TRACE'] as const)('%s shows every step of the JSONPath data flow', async (inspectionLevel) => {
    const response = await testState(chargeWith({ inspectionLevel, mock }));
    expect(response.inspectionData).toEqual({
      input: json({ order: { id: 7, amount: 30 } }),
      afterInputPath: json({ id: 7, amount: 30 }),
      afterParameters: json({ FunctionName: 'charge', Payload: { id: 7, amount: 30 } }),
      result: json({ Payload: { receipt: 'r-2' } }),
      afterResultSelector: json({ receipt: 'r-2' }),
      // ResultPath writes into the raw input, not the InputPath selection.
      afterResultPath: json({ order: { id: 7, amount: 30 }, charged: { receipt: 'r-2' } }),
    });
  });

  it('a Pass state shows its Parameters and ResultPath', async () => {
    const pass = { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, ResultPath: '$.total', Next: 'Done' };
    const response = await testState({ definition: json(pass), input: json({ a: 2, b: 3 }), inspectionLevel: 'DEBUG' });
    expect(response).toMatchObject({ status: 'SUCCEEDED', nextState: 'Done', output: json({ a: 2, b: 3, total: { sum: 5 } }) });
    expect(response.inspectionData).toMatchObject({ afterParameters: json({ sum: 5 }), afterResultPath: json({ a: 2, b: 3, total: { sum: 5 } }) });
  });

  it('a Choice state reports the rule it picked as nextState', async () => {
    const choice = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }], Default: 'Small' };
    expect((await testState({ definition: json(choice), input: json({ n: 11 }) })).nextState).toBe('Big');
    expect((await testState({ definition: json(choice), input: json({ n: 1 }) })).nextState).toBe('Small');
    const none = await testState({ definition: json({ ...choice, Default: undefined }), input: json({ n: 1 }) });
    expect(none).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('a Wait state takes no real time, however long it waits', async () => {
    const response = await testState({ definition: json({ Type: 'Wait', Seconds: 86_400, Next: 'Later' }), input: '{"a":1}' });
    expect(response).toEqual({ status: 'SUCCEEDED', output: '{"a":1}', nextState: 'Later' });
  });
});
