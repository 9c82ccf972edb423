// A .waitForTaskToken task that never passes its token is accepted by AWS (INTEGRATIONS.md §1,
// recorded): the validator warns and the definition stays valid. Passing the whole context object
// ($$ or $states.context) or its Task member passes the token too.
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { validateDefinition } from '../../../src/definition/validate.js';

const RESOURCE = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

function callback(payload: JsonObject | undefined, language: 'JSONPath' | 'JSONata' = 'JSONPath'): JsonObject {
  const field = language === 'JSONata' ? 'Arguments' : 'Parameters';
  const state: JsonObject = { Type: 'Task', Resource: RESOURCE, QueryLanguage: language, End: true };
  if (payload !== undefined) state[field] = payload;
  return { StartAt: 'Wait for approval', States: { 'Wait for approval': state } };
}

function tokenWarnings(definition: JsonValue): string[] {
  const result = validateDefinition(definition);
  expect(result.valid).toBe(true);
  return result.diagnostics.filter((d) => d.message.includes('task token')).map((d) => `${d.severity} ${d.path}`);
}

describe('a callback task without its token', () => {
  it.each<[string, JsonObject | undefined]>([
    ['no Parameters at all', undefined],
    ['Parameters without the token', { QueueUrl: 'q', MessageBody: 'approve?' }],
    ['a literal (no .$) mention of the Execution', { QueueUrl: 'q', 'MessageBody.$': '$$.Execution.Id' }],
  ])('%s: valid, with one warning on Resource', (_label, payload) => {
    expect(tokenWarnings(callback(payload))).toEqual(['WARNING /States/Wait for approval/Resource']);
  });

  it('warns in a JSONata state whose Arguments read only other parts of the context', () => {
    expect(tokenWarnings(callback({ QueueUrl: 'q', MessageBody: '{% $states.context.Execution.Id %}' }, 'JSONata'))).toEqual([
      'WARNING /States/Wait for approval/Resource',
    ]);
  });

  it('says what happens: the task waits until it times out', () => {
    const [warning] = validateDefinition(callback({ QueueUrl: 'q' })).diagnostics;
    expect(warning?.message).toContain('waits until it times out');
  });
});

describe('what counts as passing the token', () => {
  it.each<[string, JsonObject]>([
    ['$$.Task.Token', { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }],
    ['$$.Task', { QueueUrl: 'q', 'MessageBody.$': '$$.Task' }],
    ["$$['Task']['Token']", { QueueUrl: 'q', 'MessageBody.$': "$$['Task']['Token']" }],
    ['the whole context $$', { QueueUrl: 'q', MessageBody: { 'ctx.$': '$$' } }],
    ['an intrinsic over the token', { QueueUrl: 'q', 'MessageBody.$': "States.Format('{}', $$.Task.Token)" }],
    ['the token inside an array of name/value objects', { QueueUrl: 'q', MessageAttributes: [{ Name: 'T', 'Value.$': '$$.Task.Token' }] }],
  ])('JSONPath: %s', (_label, payload) => {
    expect(tokenWarnings(callback(payload))).toEqual([]);
  });

  it.each<[string, JsonObject]>([
    ['$states.context.Task.Token', { QueueUrl: 'q', MessageBody: '{% $states.context.Task.Token %}' }],
    ['$states.context.Task', { QueueUrl: 'q', MessageBody: '{% $string($states.context.Task) %}' }],
    ['the whole $states.context', { QueueUrl: 'q', MessageBody: '{% $states.context %}' }],
  ])('JSONata: %s', (_label, payload) => {
    expect(tokenWarnings(callback(payload, 'JSONata'))).toEqual([]);
  });

  it('an Express machine still rejects .waitForTaskToken', () => {
    const result = validateDefinition(callback({ QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' }), { type: 'EXPRESS' });
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['UNSUPPORTED_IN_EXPRESS']);
  });
});
