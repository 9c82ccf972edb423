// testState requests: a whole definition plus stateName, JSONata states, variables in and out, the
// context object, YAML text, and the requests AWS refuses (each error names the member at fault).
import { describe, expect, it } from 'vitest';
import { DefinitionError, testState, TestStateRequestError, VirtualClock } from '../../../src/index.js';

const json = (value: unknown): string => JSON.stringify(value);

const MACHINE = {
  StartAt: 'Start',
  States: {
    Start: { Type: 'Pass', Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Result: 'deep', End: true } } }],
      End: true,
    },
  },
};

describe('which state', () => {
  it('stateName picks a state of a whole definition, nested ones too', async () => {
    expect(await testState({ definition: json(MACHINE), stateName: 'Fan' })).toEqual({ status: 'SUCCEEDED', output: '["deep"]' });
    expect(await testState({ definition: json(MACHINE), stateName: 'Inner' })).toEqual({ status: 'SUCCEEDED', output: '"deep"' });
  });

  it('without stateName a whole definition is tested at StartAt', async () => {
    expect(await testState({ definition: json(MACHINE), input: '{"a":1}' })).toEqual({ status: 'SUCCEEDED', output: '{"a":1}', nextState: 'Fan' });
  });

  it('reads YAML text', async () => {
    const yaml = 'Type: Pass\nResult:\n  ok: true\nNext: Done\n';
    expect(await testState({ definition: yaml })).toEqual({ status: 'SUCCEEDED', output: '{"ok":true}', nextState: 'Done' });
  });
});

describe('JSONata states', () => {
  it('show afterArguments, the result and the variables they assign', async () => {
    const task = {
      QueryLanguage: 'JSONata',
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'price', Payload: '{% { "qty": $states.input.qty, "unit": $unit } %}' },
      Output: '{% $states.result.Payload.total %}',
      Assign: { lastTotal: '{% $states.result.Payload.total %}' },
      Next: 'Bill',
    };
    const response = await testState({
      definition: json(task),
      input: json({ qty: 3 }),
      variables: json({ unit: 4 }),
      inspectionLevel: 'DEBUG',
      mock: { result: json({ Payload: { total: 12 } }) },
    });
    expect(response).toMatchObject({ status: 'SUCCEEDED', output: '12', nextState: 'Bill' });
    expect(response.inspectionData).toEqual({
      input: json({ qty: 3 }),
      afterArguments: json({ FunctionName: 'price', Payload: { qty: 3, unit: 4 } }),
      result: json({ Payload: { total: 12 } }),
      variables: json({ unit: 4, lastTotal: 12 }),
    });
  });

  it('a JSONata Catch builds its Output from $states.errorOutput', async () => {
    const task = {
      QueryLanguage: 'JSONata',
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report', Output: '{% { "why": $states.errorOutput.Cause, "input": $states.input } %}' }],
      End: true,
    };
    const response = await testState({ definition: json(task), input: '{"n":1}', mock: { errorOutput: { error: 'E', cause: 'because' } } });
    expect(response).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Report', error: 'E', cause: 'because' });
    expect(JSON.parse(response.output ?? '')).toEqual({ why: 'because', input: { n: 1 } });
  });

  it('a JSONata Choice picks its rule from the variables', async () => {
    const choice = { QueryLanguage: 'JSONata', Type: 'Choice', Choices: [{ Condition: '{% $limit > 10 %}', Next: 'High' }], Default: 'Low' };
    expect((await testState({ definition: json(choice), variables: '{"limit":11}' })).nextState).toBe('High');
    expect((await testState({ definition: json(choice), variables: '{"limit":1}' })).nextState).toBe('Low');
  });
});

describe('variables and context', () => {
  it('JSONPath states read variables and show them after Assign', async () => {
    const pass = { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hi {}', $who)" }, Assign: { 'seen.$': '$.greeting' }, End: true };
    const response = await testState({ definition: json(pass), variables: '{"who":"Ada"}', inspectionLevel: 'DEBUG' });
    expect(response.output).toBe(json({ greeting: 'hi Ada' }));
    expect(response.inspectionData?.variables).toBe(json({ who: 'Ada', seen: 'hi Ada' }));
  });

  it('the context object takes the given members; State.EnteredTime sets the clock', async () => {
    const pass = { Type: 'Pass', Parameters: { 'name.$': '$$.Execution.Name', 'at.$': '$$.State.EnteredTime', 'state.$': '$$.State.Name' }, End: true };
    const context = json({ Execution: { Name: 'run-42' }, State: { EnteredTime: '2025-03-04T05:06:07.000Z' } });
    const response = await testState({ definition: json(pass), context });
    expect(JSON.parse(response.output ?? '')).toEqual({ name: 'run-42', at: '2025-03-04T05:06:07.000Z', state: 'TestState' });
  });

  it('a given clock is used as it is', async () => {
    const clock = new VirtualClock({ startMs: Date.UTC(2030, 0, 1), autoAdvance: true });
    const response = await testState({ definition: json({ Type: 'Pass', Parameters: { 'at.$': '$$.State.EnteredTime' }, End: true }) }, { clock });
    expect(response.output).toBe(json({ at: '2030-01-01T00:00:00.000Z' }));
  });
});

describe('refused requests', () => {
  const refusal = async (request: Parameters<typeof testState>[0]): Promise<TestStateRequestError> => {
    const error: unknown = await testState(request).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(TestStateRequestError);
    return error as TestStateRequestError;
  };
  const task = json({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true });

  it('an unknown stateName', async () => {
    const error = await refusal({ definition: json(MACHINE), stateName: 'Nope' });
    expect(error).toMatchObject({ code: 'ValidationException', field: 'stateName' });
    expect(error.message).toContain("'Nope'");
  });

  it('a mock on a Pass state', async () => {
    const error = await refusal({ definition: json({ Type: 'Pass', End: true }), mock: { result: '1' } });
    expect(error).toMatchObject({ field: 'mock', message: "State type 'Pass' is not supported when a mock is specified" });
  });

  it('a mock with both result and errorOutput, or neither', async () => {
    expect(await refusal({ definition: task, mock: { result: '1', errorOutput: { error: 'E' } } })).toMatchObject({ field: 'mock' });
    expect(await refusal({ definition: task, mock: {} })).toMatchObject({ field: 'mock' });
  });

  it('a mock result that is not JSON, or not an array for a Map or Parallel', async () => {
    expect(await refusal({ definition: task, mock: { result: 'not JSON' } })).toMatchObject({ field: 'mock.result' });
    const parallel = json({ Type: 'Parallel', Branches: [MACHINE], End: true });
    expect(await refusal({ definition: parallel, mock: { result: '{}' } })).toMatchObject({ field: 'mock.result', message: 'Mocked result must be an array.' });
    expect(await refusal({ definition: parallel, mock: { result: '[1,2]' } })).toMatchObject({ field: 'mock.result' });
  });

  it('malformed input, context or variables JSON', async () => {
    expect(await refusal({ definition: task, input: '{oops' })).toMatchObject({ code: 'InvalidExecutionInput', field: 'input' });
    expect(await refusal({ definition: task, context: '[' })).toMatchObject({ field: 'context' });
    expect(await refusal({ definition: task, variables: '[1]' })).toMatchObject({ field: 'variables' });
  });

  it('an unknown inspectionLevel, stateName on a lone state, revealSecrets with a mock', async () => {
    expect(await refusal({ definition: task, inspectionLevel: 'LOUD' as 'INFO' })).toMatchObject({ field: 'inspectionLevel' });
    expect(await refusal({ definition: task, stateName: 'X' })).toMatchObject({ field: 'stateName' });
    expect(await refusal({ definition: task, revealSecrets: true, mock: { result: '1' } })).toMatchObject({ field: 'revealSecrets' });
  });

  it('an invalid definition is a DefinitionError with its diagnostics', async () => {
    const error: unknown = await testState({ definition: json({ Type: 'Task', End: true }) }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).diagnostics.length).toBeGreaterThan(0);
    expect(await refusal({ definition: json({ Comment: 'no Type, no States' }) })).toMatchObject({ code: 'InvalidDefinition', field: 'definition' });
  });
});
