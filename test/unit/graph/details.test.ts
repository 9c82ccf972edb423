import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/index.js';
import { graphOf, machine } from './graph-helpers.js';

/** The second line of the only state's node. */
function detailOf(state: JsonObject, extra: JsonObject = {}): string | undefined {
  return graphOf(machine({ Only: state }, extra)).state('/States/Only').detail;
}

const PROCESSOR = machine({ Item: { Type: 'Pass', End: true } });

describe('the type line of each state', () => {
  it.each([
    [{ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true }, 'Task: sqs:sendMessage'],
    [{ Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', End: true }, 'Task: aws-sdk:s3:getObject'],
    [{ Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:resize:live', End: true }, 'Task: lambda resize'],
    [{ Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve', End: true }, 'Task: activity approve'],
    [{ Type: 'Wait', SecondsPath: '$.delay', End: true }, 'Wait $.delay seconds'],
    [{ Type: 'Wait', Timestamp: '2030-05-06T07:08:09Z', End: true }, 'Wait until 2030-05-06T07:08:09.000Z'],
    [{ Type: 'Fail', ErrorPath: '$.error' }, 'Fail: $.error'],
    [{ Type: 'Succeed' }, undefined],
  ])('%j → %s', (state, expected) => {
    expect(detailOf(state)).toBe(expected);
  });

  it('names a Map (on its node, its name being the cluster title), its mode and what it iterates over', () => {
    expect(graphOf(machine({ Each: { Type: 'Map', ItemProcessor: PROCESSOR, End: true } })).state('/States/Each').label).toBe('Map');
    const distributed = { ...PROCESSOR, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };
    const found = graphOf(machine({ Each: { Type: 'Map', ItemsPath: '$.rows', ItemProcessor: distributed, End: true } }));
    expect(found.state('/States/Each').label).toBe('Map (distributed) over $.rows');
  });

  it('shows JSONata expressions of Wait, Fail and Map', () => {
    const jsonata = { QueryLanguage: 'JSONata' };
    expect(detailOf({ Type: 'Wait', Seconds: '{% $states.input.delay %}', End: true }, jsonata)).toBe('Wait {% $states.input.delay %} seconds');
    expect(detailOf({ Type: 'Wait', Seconds: 30, End: true }, jsonata)).toBe('Wait 30s');
    expect(detailOf({ Type: 'Fail', Error: 'Static.Error' }, jsonata)).toBe('Fail: Static.Error');
    const map = graphOf(machine({ Each: { Type: 'Map', Items: '{% $states.input.rows %}', ItemProcessor: PROCESSOR, End: true } }, jsonata));
    expect(map.state('/States/Each').label).toBe('Map over {% $states.input.rows %}');
  });

  it('cuts long type lines to 48 characters', () => {
    const detail = detailOf({ Type: 'Task', Resource: `arn:aws:states:::aws-sdk:${'x'.repeat(80)}:call`, End: true });
    expect(detail).toHaveLength(48);
    expect(detail?.endsWith('…')).toBe(true);
  });
});
