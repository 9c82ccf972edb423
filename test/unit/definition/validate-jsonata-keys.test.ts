// JSONata states (issue 9): a key ending in ".$" is an ordinary key, accepted and kept as written;
// a Map's Items must be an array or a {% %} expression, so a plain string is refused up front.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { validateDefinition } from '../../../src/definition/validate.js';
import { runDefinition } from '../../support/run.js';

const jsonataPass = (fields: JsonObject): JsonObject => ({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', ...fields, End: true } } });

describe('".$" keys in a JSONata state', () => {
  const output = {
    'price.$': '$.price',
    nested: { 'total.$': '{% $states.input.total * 2 %}' },
    list: [{ 'k.$': 1 }],
  };

  it('raise no diagnostic in Output, Arguments or nested Assign values', () => {
    const task: JsonObject = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f', 'Payload.$': '$' }, End: true } },
    };
    for (const definition of [jsonataPass({ Output: output }), jsonataPass({ Assign: { saved: { 'when.$': '{% $states.input.total %}' } } }), task]) {
      const result = validateDefinition(definition);
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('are kept literally at run time, while their {% %} values are evaluated', async () => {
    const { result } = await runDefinition(jsonataPass({ Output: output }), { price: 3, total: 21 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { 'price.$': '$.price', nested: { 'total.$': 42 }, list: [{ 'k.$': 1 }] } });
  });

  it('still reject a top-level Assign name with ".$": a variable name has no "."', () => {
    const result = validateDefinition(jsonataPass({ Assign: { 'x.$': '{% 1 %}' } }));
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['INVALID_ASSIGN /States/P/Assign/x.$']);
  });
});

describe('JSONata Map Items', () => {
  const map = (items: unknown): JsonObject => ({
    QueryLanguage: 'JSONata',
    StartAt: 'M',
    States: { M: { Type: 'Map', Items: items as JsonObject, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true } },
  });

  it.each(['$states.input.items', '$.items', '', '{% $states.input.items', ' {% $states.input.items %}'])('refuses the plain string %j', (items) => {
    const result = validateDefinition(map(items));
    expect(result.valid).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
    expect(errors.map((d) => `${d.code} ${d.path}`)).toEqual(['SCHEMA_VALIDATION_FAILED /States/M/Items']);
    expect(errors[0]?.message).toContain('must be an array or a JSONata expression');
  });

  it.each<[string, unknown]>([
    ['an expression', '{% $states.input.items %}'],
    ['an array literal', [1, 2, 3]],
    ['an array holding expressions', ['{% $states.input.a %}', 'literal']],
  ])('accepts %s', (_label, items) => {
    expect(validateDefinition(map(items)).valid).toBe(true);
  });
});
