import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/index.js';
import { graphOf, machine } from './graph-helpers.js';

/** The labels of a Choice state's edges, in order, for these rules (each going to its own state). */
function labels(rules: JsonObject[], extra: JsonObject = {}): Array<string | undefined> {
  const states: JsonObject = {
    Pick: { Type: 'Choice', Choices: rules.map((rule, i) => ({ ...rule, Next: `T${i}` })), Default: 'Other' },
  };
  rules.forEach((_rule, i) => (states[`T${i}`] = { Type: 'Succeed' }));
  states['Other'] = { Type: 'Succeed' };
  const found = graphOf(machine(states, extra));
  return found.from(found.state('/States/Pick').id).map((e) => e.label);
}

describe('Choice rule labels', () => {
  it.each([
    [{ Variable: '$.n', NumericGreaterThan: 1 }, '$.n > 1'],
    [{ Variable: '$.n', NumericLessThanEquals: 2.5 }, '$.n <= 2.5'],
    [{ Variable: '$.s', StringEquals: 'gold' }, '$.s == "gold"'],
    [{ Variable: '$.s', StringGreaterThanEqualsPath: '$.floor' }, '$.s >= $.floor'],
    [{ Variable: '$.b', BooleanEquals: false }, '$.b == false'],
    [{ Variable: '$.t', TimestampLessThan: '2024-01-02T03:04:05Z' }, '$.t < "2024-01-02T03:04:05.000Z"'],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, '$.s matches "log-*.txt"'],
    [{ Variable: '$.x', IsPresent: true }, '$.x is present'],
    [{ Variable: '$.x', IsNull: false }, '$.x is not null'],
    [{ Variable: '$.x', IsTimestamp: true }, '$.x is a timestamp'],
    [{ Not: { Variable: '$.x', IsString: true } }, 'Not($.x is a string)'],
    [
      { And: [{ Variable: '$.a', NumericEquals: 1 }, { Or: [{ Variable: '$.b', IsBoolean: true }, { Variable: '$.c', IsNumeric: false }] }] },
      'And($.a == 1, Or($.b is a boolean, $.c is not numeric))',
    ],
  ])('%j is drawn as %s', (rule, expected) => {
    expect(labels([rule])).toEqual([expected, 'Default']);
  });

  it('keeps the rules in order, then Default', () => {
    expect(labels([{ Variable: '$.a', NumericEquals: 1 }, { Variable: '$.a', NumericEquals: 2 }])).toEqual(['$.a == 1', '$.a == 2', 'Default']);
  });

  it('cuts long rules to 60 characters with an ellipsis', () => {
    const rule = { And: Array.from({ length: 8 }, (_x, i) => ({ Variable: `$.field${i}`, StringEquals: 'some value' })) };
    const [label] = labels([rule]);
    expect(label).toHaveLength(60);
    expect(label?.startsWith('And($.field0 == "some value", $.field1')).toBe(true);
    expect(label?.endsWith('…')).toBe(true);
  });

  it('shows a JSONata Condition as its expression on one line, truncated', () => {
    const long = `{% $states.input.customer.tier = "gold"\n   and $states.input.order.total > 1000 and $exists($states.input.coupon) %}`;
    const drawn = labels([{ Condition: '{% $states.input.n > 1 %}' }, { Condition: long }, { Condition: true }], { QueryLanguage: 'JSONata' });
    expect(drawn[0]).toBe('$states.input.n > 1');
    expect(drawn[1]).toHaveLength(60);
    expect(drawn[1]).toBe('$states.input.customer.tier = "gold" and $states.input.orde…');
    expect(drawn[2]).toBe('true');
    expect(drawn[3]).toBe('Default');
  });

  it('draws no Default edge when the Choice has none', () => {
    const found = graphOf(machine({ Pick: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'Done' }] }, Done: { Type: 'Succeed' } }));
    expect(found.from(found.state('/States/Pick').id).map((e) => [e.kind, e.label])).toEqual([['choice', '$.a is null']]);
  });
});
