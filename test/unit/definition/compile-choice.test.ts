import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import type { ChoiceRule, CompiledMachine } from '../../../src/definition/compiled.js';
import { StringMatcher } from '../../../src/definition/string-matches.js';
import { compile, dataContext, stateOf } from './compile-helpers.js';

/** A Choice "C" whose rules all go to "Yes", with Default "No" unless withDefault is false. */
function choiceMachine(rules: JsonObject[], withDefault = true): CompiledMachine {
  const choice: JsonObject = { Type: 'Choice', Choices: rules.map((r) => ({ ...r, Next: 'Yes' })) };
  const states: JsonObject = { C: choice, Yes: { Type: 'Succeed' } };
  if (withDefault) {
    choice['Default'] = 'No';
    states['No'] = { Type: 'Succeed' };
  }
  return compile({ StartAt: 'C', States: states });
}

function firstRule(rule: JsonObject): ChoiceRule {
  const branch = stateOf(choiceMachine([rule]).root, 'C', 'Choice').choices[0];
  if (!branch) throw new Error('no branch');
  return branch.rule;
}

/** The rule with its compiled paths reduced to their text, for toEqual. */
function shape(rule: ChoiceRule): unknown {
  switch (rule.kind) {
    case 'and':
    case 'or':
      return { kind: rule.kind, rules: rule.rules.map(shape) };
    case 'not':
      return { kind: 'not', rule: shape(rule.rule) };
    case 'compare':
      return { ...rule, variable: rule.variable.text, operandPath: rule.operandPath?.text };
    case 'matches':
      return { kind: 'matches', variable: rule.variable.text, pattern: rule.pattern.source };
    case 'type-test':
      return { ...rule, variable: rule.variable.text };
  }
}

describe('compileDefinition: Choice', () => {
  it('resolves rule Next and Default, and compiles rule Assign', () => {
    const c = choiceMachine([{ Variable: '$.a', IsPresent: true, Assign: { hit: 1 } }, { Variable: '$.b', IsNull: false }]);
    const choice = stateOf(c.root, 'C', 'Choice');
    expect(choice.choices.map((b) => b.next)).toEqual([c.root.states.get('Yes'), c.root.states.get('Yes')]);
    expect(choice.choices[0]?.next).toBe(c.root.states.get('Yes'));
    expect(choice.default).toBe(c.root.states.get('No'));
    expect(choice.choices[0]?.assign?.evaluate(dataContext())).toEqual({ hit: 1 });
    expect(choice.choices[1]?.assign).toBeUndefined();
  });

  it('leaves Default undefined when absent', () => {
    const c = choiceMachine([{ Variable: '$.a', BooleanEquals: true }, { Variable: '$.a', BooleanEquals: false }], false);
    expect(stateOf(c.root, 'C', 'Choice').default).toBeUndefined();
  });

  it.each<[string, JsonObject, unknown]>([
    ['StringEquals', { Variable: '$.s', StringEquals: 'x' }, { kind: 'compare', variable: '$.s', family: 'String', relation: 'Equals', operand: 'x', operandPath: undefined }],
    ['NumericLessThanEqualsPath', { Variable: '$.n', NumericLessThanEqualsPath: '$.m' }, { kind: 'compare', variable: '$.n', family: 'Numeric', relation: 'LessThanEquals', operand: null, operandPath: '$.m' }],
    ['NumericGreaterThan', { Variable: '$.n', NumericGreaterThan: 1.5 }, { kind: 'compare', variable: '$.n', family: 'Numeric', relation: 'GreaterThan', operand: 1.5, operandPath: undefined }],
    ['BooleanEquals', { Variable: '$.b', BooleanEquals: false }, { kind: 'compare', variable: '$.b', family: 'Boolean', relation: 'Equals', operand: false, operandPath: undefined }],
    ['BooleanEqualsPath', { Variable: '$.b', BooleanEqualsPath: '$$.Execution.Input.b' }, { kind: 'compare', variable: '$.b', family: 'Boolean', relation: 'Equals', operand: null, operandPath: '$$.Execution.Input.b' }],
    ['TimestampGreaterThanEquals', { Variable: '$.t', TimestampGreaterThanEquals: '2024-01-01T01:00:00+01:00' }, { kind: 'compare', variable: '$.t', family: 'Timestamp', relation: 'GreaterThanEquals', operand: Date.UTC(2024, 0, 1), operandPath: undefined }],
    ['StringLessThanPath', { Variable: '$.s', StringLessThanPath: '$.u' }, { kind: 'compare', variable: '$.s', family: 'String', relation: 'LessThan', operand: null, operandPath: '$.u' }],
    ['IsTimestamp', { Variable: '$.t', IsTimestamp: false }, { kind: 'type-test', variable: '$.t', test: 'IsTimestamp', expected: false }],
    ['IsNumeric', { Variable: '$.n', IsNumeric: true }, { kind: 'type-test', variable: '$.n', test: 'IsNumeric', expected: true }],
    ['StringMatches', { Variable: '$.f', StringMatches: 'log-*.txt' }, { kind: 'matches', variable: '$.f', pattern: 'log-*.txt' }],
  ])('compiles %s', (_name, rule, expected) => {
    expect(shape(firstRule(rule))).toEqual(expected);
  });

  it('compiles nested And / Or / Not trees', () => {
    const rule = firstRule({
      And: [
        { Variable: '$.a', IsPresent: true },
        { Or: [{ Variable: '$.a', NumericEquals: 1 }, { Not: { Variable: '$.a', StringEquals: 'one' } }] },
      ],
    });
    expect(shape(rule)).toEqual({
      kind: 'and',
      rules: [
        { kind: 'type-test', variable: '$.a', test: 'IsPresent', expected: true },
        {
          kind: 'or',
          rules: [
            { kind: 'compare', variable: '$.a', family: 'Numeric', relation: 'Equals', operand: 1, operandPath: undefined },
            { kind: 'not', rule: { kind: 'compare', variable: '$.a', family: 'String', relation: 'Equals', operand: 'one', operandPath: undefined } },
          ],
        },
      ],
    });
  });
});

describe('StringMatcher', () => {
  it.each<[string, string, boolean]>([
    ['log-*.txt', 'log-2024.txt', true],
    ['log-*.txt', 'log-.txt', true],
    ['log-*.txt', 'log-2024.txt.bak', false],
    ['log-*.txt', 'xlog-1.txt', false],
    ['log-*.txt', 'log-1xtxt', false],
    ['*', '', true],
    ['*', 'any\nthing', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'acb', false],
    ['', '', true],
    ['', 'x', false],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'aXb', false],
    ['\\\\', '\\', true],
    ['\\\\*', '\\anything', true],
    ['\\\\\\*', '\\*', true],
    ['\\d', '\\d', true],
    ['\\d', '5', false],
    ['a.c', 'abc', false],
    ['(a|b)+[x]?{1}^$/-', '(a|b)+[x]?{1}^$/-', true],
    ['Joh*', 'John', true],
    ['Joh*', 'joh', false],
  ])('%j against %j → %s', (pattern, text, expected) => {
    expect(StringMatcher.compile(pattern).test(text)).toBe(expected);
  });
});
