// ASL.md §7.3: evaluating the compiled Choice rule tree. A missing Variable is States.Runtime
// (except under IsPresent); a type mismatch makes the comparison false, never an error.
import { parseRfc3339 } from '../core/timestamp.js';
import type { JsonValue } from '../core/json.js';
import type { ChoiceRule } from '../definition/compiled.js';
import type { DataContext } from '../paths/evaluate-types.js';

export function evaluateRule(rule: ChoiceRule, data: DataContext): boolean {
  switch (rule.kind) {
    case 'and':
      return rule.rules.every((inner) => evaluateRule(inner, data));
    case 'or':
      return rule.rules.some((inner) => evaluateRule(inner, data));
    case 'not':
      return !evaluateRule(rule.rule, data);
    case 'matches': {
      const value = rule.variable.select(data);
      return typeof value === 'string' && rule.pattern.test(value);
    }
    case 'type-test':
      return typeTest(rule.test, rule.test === 'IsPresent' ? rule.variable.find(data) : rule.variable.select(data)) === rule.expected;
    case 'compare': {
      const value = rule.variable.select(data);
      const operand = rule.operandPath ? rule.operandPath.select(data) : rule.operand;
      return compare(rule.family, rule.relation, value, operand, rule.operandPath !== undefined);
    }
  }
}

function typeTest(test: string, value: JsonValue | undefined): boolean {
  switch (test) {
    case 'IsPresent':
      return value !== undefined;
    case 'IsNull':
      return value === null;
    case 'IsNumeric':
      return typeof value === 'number';
    case 'IsString':
      return typeof value === 'string';
    case 'IsBoolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string' && parseRfc3339(value) !== undefined;
  }
}

type Relation = Extract<ChoiceRule, { kind: 'compare' }>['relation'];

function compare(family: string, relation: Relation, value: JsonValue, operand: JsonValue, operandIsRuntime: boolean): boolean {
  switch (family) {
    case 'String':
      return typeof value === 'string' && typeof operand === 'string' && relate(relation, compareStrings(value, operand));
    case 'Numeric':
      return typeof value === 'number' && typeof operand === 'number' && relate(relation, value === operand ? 0 : value < operand ? -1 : 1);
    case 'Boolean':
      return typeof value === 'boolean' && value === operand;
    default: {
      if (typeof value !== 'string') return false;
      const left = parseRfc3339(value);
      // A literal Timestamp operand is parsed at compile time; a *Path operand arrives as text.
      const right = operandIsRuntime ? (typeof operand === 'string' ? parseRfc3339(operand) : undefined) : operand;
      if (left === undefined || typeof right !== 'number') return false;
      return relate(relation, left === right ? 0 : left < right ? -1 : 1);
    }
  }
}

/** Code-point order, so that characters outside the BMP sort as AWS (Java) compares them. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function relate(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}
