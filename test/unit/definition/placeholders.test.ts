import { describe, expect, it } from 'vitest';
import { createStateMachine, DefinitionError, findPlaceholders, validateDefinition, VirtualClock } from '../../../src/index.js';
import type { JsonObject } from '../../../src/index.js';

/** A machine as SAM users keep it: placeholders where the deploy puts ARNs, names and paths. */
function machine(): JsonObject {
  return {
    Comment: 'Deployed to ${Stage}',
    StartAt: 'Process',
    States: {
      Process: { Type: 'Task', Resource: '${ProcessFunctionArn}', Next: 'Notify' },
      Notify: {
        Type: 'Task',
        Resource: 'arn:${AWS::Partition}:states:::sns:publish',
        Parameters: { TopicArn: '${TopicArn}', 'Message.$': '$' },
        End: true,
      },
    },
  };
}

describe('validateDefinition with ${Name} placeholders', () => {
  it('accepts them wherever a string goes, with one UNRESOLVED_SUBSTITUTION warning per string naming them', () => {
    const result = validateDefinition(machine());
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.path, d.message.match(/\$\{[^}]+\}/g)])).toEqual([
      ['WARNING', 'UNRESOLVED_SUBSTITUTION', '/Comment', ['${Stage}']],
      ['WARNING', 'UNRESOLVED_SUBSTITUTION', '/States/Notify/Parameters/TopicArn', ['${TopicArn}']],
      ['WARNING', 'UNRESOLVED_SUBSTITUTION', '/States/Notify/Resource', ['${AWS::Partition}']],
      ['WARNING', 'UNRESOLVED_SUBSTITUTION', '/States/Process/Resource', ['${ProcessFunctionArn}']],
    ]);
  });

  it.each([
    ['a path', { InputPath: '${InputPath}' }],
    ['a payload template path', { Parameters: { 'id.$': '${IdPath}' } }],
    ['a number field (a YAML placeholder becomes a number once substituted)', { TimeoutSeconds: '${Timeout}' }],
  ])('turns the error a check gives for %s into a warning', (_what, fields) => {
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...fields, End: true } } };
    const result = validateDefinition(definition);
    expect(result.valid).toBe(true);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'WARNING', code: 'UNRESOLVED_SUBSTITUTION' });
    expect(result.diagnostics[0]?.message).toContain('checked once substituted');
  });

  it('still reports real errors next to placeholders', () => {
    const definition = { StartAt: 'Missing', States: { T: { Type: 'Task', Resource: '${Fn}', End: true } } };
    const result = validateDefinition(definition);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => d.code)).toEqual(['MISSING_TRANSITION_TARGET']);
  });

  it('gives the warning a line and column from the source text', () => {
    const text = '{\n  "StartAt": "T",\n  "States": {"T": {"Type": "Task", "Resource": "${Fn}", "End": true}}\n}';
    expect(validateDefinition(text).diagnostics[0]).toMatchObject({ code: 'UNRESOLVED_SUBSTITUTION', line: 3, column: 48 });
  });

  it('leaves Fn::Sub\'s ${!Literal} escape and "${ spaced }" text alone', () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { a: '${!Literal}', b: '${ x }' }, End: true } } };
    expect(validateDefinition(definition).diagnostics).toEqual([]);
  });
});

describe('running a definition that still holds placeholders', () => {
  it('refuses to build it while an interpreted field (Resource, path...) holds one, naming each', () => {
    let error: unknown;
    try {
      createStateMachine(machine());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    const diagnostics = (error as DefinitionError).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['UNRESOLVED_SUBSTITUTION', '/States/Notify/Resource'],
      ['UNRESOLVED_SUBSTITUTION', '/States/Process/Resource'],
    ]);
    expect(diagnostics[1]?.message).toContain('${ProcessFunctionArn} must be substituted before the machine can run');
  });

  it('refuses a placeholder inside a Resource that still looks like an ARN', () => {
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:${Name}', End: true } } };
    expect(validateDefinition(definition)).toMatchObject({ valid: true, diagnostics: [{ severity: 'WARNING', code: 'UNRESOLVED_SUBSTITUTION' }] });
    expect(() => createStateMachine(definition)).toThrow('${Name} must be substituted before the machine can run: it is part of a Resource.');
  });

  it('runs when placeholders are only in data, which stays literal text (as AWS leaves a name nobody substituted)', async () => {
    const definition = { Comment: '${Stage}', StartAt: 'P', States: { P: { Type: 'Pass', Result: { cmd: 'echo ${HOME}' }, End: true } } };
    const result = await createStateMachine(definition, { clock: new VirtualClock({ autoAdvance: true }) }).start({}).result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { cmd: 'echo ${HOME}' } });
  });
});

describe('findPlaceholders', () => {
  it('lists values and member names holding placeholders, in document order, with JSON pointers', () => {
    expect(findPlaceholders({ a: ['x', '${A}${B}'], '${K}/k': 1, c: { d: '${A}' } })).toEqual([
      { pointer: '/a/1', names: ['A', 'B'], key: false },
      { pointer: '/${K}~1k', names: ['K'], key: true },
      { pointer: '/c/d', names: ['A'], key: false },
    ]);
  });
});
