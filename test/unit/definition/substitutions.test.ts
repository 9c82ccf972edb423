import { describe, expect, it } from 'vitest';
import { substituteDefinition, substituteText, SubstitutionCycleError } from '../../../src/index.js';
import type { JsonObject } from '../../../src/index.js';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:process';

describe('substituteText', () => {
  it.each([
    ['plain replacement of each ${key}', '"${A}-${A}"', { A: 'x' }, '"x-x"'],
    ['names nobody gave stay as they are', '"${A} ${B}"', { A: 'x' }, '"x ${B}"'],
    ['a value holding a placeholder is expanded too', '"${A}"', { A: '${B}!', B: 'b' }, '"b!"'],
    ['numbers and booleans are written as text', '{"n": ${N}, "b": ${B}}', { N: 5, B: true }, '{"n": 5, "b": true}'],
    ['no JSON escaping, as CloudFormation', '"${Q}"', { Q: 'say "hi"' }, '"say "hi""'],
    ['"${ spaced }" is not a placeholder', '"${ A }"', { A: 'x' }, '"${ A }"'],
  ])('%s', (_what, text, subs, expected) => {
    expect(substituteText(text, subs)).toBe(expected);
  });

  it('rejects values that refer to each other in a cycle, naming it', () => {
    expect(() => substituteText('${A}', { A: '${B}', B: '${A}' })).toThrow(SubstitutionCycleError);
    expect(() => substituteText('${A}', { A: '${B}', B: '${A}' })).toThrow('${A} -> ${B} -> ${A}');
  });
});

describe('substituteDefinition on text', () => {
  const text = ['{', '  "StartAt": "A",', '  "States": {', '    "A": {"Type": "Task", "Resource": "${Fn}", "Next": "B"},', '    "B": {"Type": "Pass", "End": true}', '  }', '}'].join('\n');

  it('parses the substituted text', () => {
    const parsed = substituteDefinition(text, { Fn: FN_ARN }, { fileName: 'm.asl.json' });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toMatchObject({ States: { A: { Resource: FN_ARN } } });
  });

  it('keeps positions in the original text, after a longer value on the same line too', () => {
    const parsed = substituteDefinition(text, { Fn: FN_ARN });
    expect(parsed.locate('/States/A/Resource')).toEqual({ line: 4, column: 39 });
    expect(parsed.locate('/States/A/Next')).toEqual({ line: 4, column: 56 });
  });

  it('maps the positions of parse errors back too', () => {
    const parsed = substituteDefinition('{\n  "StartAt": "${X}" "A"\n}', { X: 'a-much-longer-value' });
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line: 2, column: 21 });
  });

  it('substitutes YAML before parsing it, so an unquoted number placeholder becomes a number', () => {
    const yaml = 'StartAt: W\nStates:\n  W:\n    Type: Wait\n    Seconds: ${Pause}\n    End: true\n';
    const parsed = substituteDefinition(yaml, { Pause: 30 }, { fileName: 'm.asl.yaml' });
    expect(parsed.value).toMatchObject({ States: { W: { Seconds: 30 } } });
  });

  it('returns the plain parse when there is nothing to substitute', () => {
    expect(substituteDefinition(text, {}).value).toMatchObject({ States: { A: { Resource: '${Fn}' } } });
  });
});

describe('substituteDefinition on an object', () => {
  it('substitutes inside every string and member name, without changing the input', () => {
    const definition: JsonObject = { StartAt: 'A', States: { A: { Type: 'Pass', Result: { '${K}': ['${V}', 1] }, End: true } } };
    const copy = structuredClone(definition);
    const out = substituteDefinition(definition, { K: 'key', V: 'value' });
    expect(out).toEqual({ StartAt: 'A', States: { A: { Type: 'Pass', Result: { key: ['value', 1] }, End: true } } });
    expect(definition).toEqual(copy);
  });
});
