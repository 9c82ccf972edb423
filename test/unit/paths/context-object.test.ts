import { describe, it, expect } from 'vitest';
import { buildContextObject, contextForState, type ContextObjectParts } from '../../../src/paths/context-object.js';
import { compilePath } from '../../../src/paths/jsonpath.js';
import { dataContext } from './data-context.js';

const input = { order: 7 };
const parts: ContextObjectParts = {
  execution: {
    id: 'arn:aws:states:us-east-1:123456789012:execution:sm:exec1',
    name: 'exec1',
    startTime: '2025-01-01T00:00:00.000Z',
    input,
    roleArn: 'arn:aws:iam::123456789012:role/r',
    redriveCount: 0,
  },
  stateMachine: { id: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm', name: 'sm' },
  state: { name: 'Work', enteredTime: '2025-01-01T00:00:01.000Z', retryCount: 2 },
};

describe('buildContextObject', () => {
  it('uses AWS member names and key order', () => {
    const context = buildContextObject(parts);
    expect(JSON.stringify(context)).toBe(
      JSON.stringify({
        Execution: {
          Id: parts.execution.id,
          Input: input,
          StartTime: '2025-01-01T00:00:00.000Z',
          Name: 'exec1',
          RoleArn: 'arn:aws:iam::123456789012:role/r',
          RedriveCount: 0,
        },
        StateMachine: { Id: parts.stateMachine.id, Name: 'sm' },
        State: { Name: 'Work', EnteredTime: '2025-01-01T00:00:01.000Z', RetryCount: 2 },
      }),
    );
  });

  it('shares the execution input', () => {
    expect((buildContextObject(parts)['Execution'] as Record<string, unknown>)['Input']).toBe(input);
  });

  it('omits RetryCount and RedriveCount when not given', () => {
    const { redriveCount: _dropped, ...execution } = parts.execution;
    const context = buildContextObject({ ...parts, execution, state: { name: 'P', enteredTime: 't' } });
    expect(context['State']).toEqual({ Name: 'P', EnteredTime: 't' });
    expect(Object.keys(context['Execution'] as object)).not.toContain('RedriveCount');
  });

  it('adds Task.Token and Map.Item when present', () => {
    const context = buildContextObject({ ...parts, task: { token: 'tok' }, map: { item: { index: 3, value: { v: 1 }, key: 'k' } } });
    expect(context['Task']).toEqual({ Token: 'tok' });
    expect(context['Map']).toEqual({ Item: { Index: 3, Value: { v: 1 }, Key: 'k' } });
    expect(Object.keys(context)).toEqual(['Execution', 'StateMachine', 'State', 'Task', 'Map']);
  });

  it('is readable through $$ paths', () => {
    const data = dataContext({}, { context: buildContextObject({ ...parts, map: { item: { index: 1, value: 'x' } } }) });
    expect(compilePath('$$.Execution.Input.order').select(data)).toBe(7);
    expect(compilePath('$$.Map.Item.Value').select(data)).toBe('x');
    expect(compilePath('$$.State.RetryCount').select(data)).toBe(2);
  });
});

describe('contextForState', () => {
  it('shares Execution and StateMachine and replaces State', () => {
    const base = buildContextObject(parts);
    const next = contextForState(base, { name: 'Next', enteredTime: 't2' }, { task: { token: 'x' } });
    expect(next['Execution']).toBe(base['Execution']);
    expect(next['StateMachine']).toBe(base['StateMachine']);
    expect(next['State']).toEqual({ Name: 'Next', EnteredTime: 't2' });
    expect(next['Task']).toEqual({ Token: 'x' });
    expect(base['State']).toEqual({ Name: 'Work', EnteredTime: '2025-01-01T00:00:01.000Z', RetryCount: 2 });
  });
});
