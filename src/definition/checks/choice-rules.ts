// ASL.md §7.3 / VALIDATION.md check 14: the shape of Choice rules in both query languages.
import { isJsonObject, type JsonObject, jsonTypeName, type JsonValue } from '../../core/json.js';
import { isRfc3339 } from '../../core/timestamp.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

type OperandType = 'string' | 'number' | 'boolean' | 'timestamp' | 'path';

/** Every JSONPath comparison operator and the JSON type its operand must have. */
export const CHOICE_OPERATORS: Readonly<Record<string, OperandType>> = (() => {
  const table: Record<string, OperandType> = { StringMatches: 'string' };
  const families: Array<[string, OperandType]> = [['String', 'string'], ['Numeric', 'number'], ['Timestamp', 'timestamp']];
  for (const [prefix, type] of families) {
    for (const op of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
      table[`${prefix}${op}`] = type;
      table[`${prefix}${op}Path`] = 'path';
    }
  }
  table['BooleanEquals'] = 'boolean';
  table['BooleanEqualsPath'] = 'path';
  for (const test of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) table[test] = 'boolean';
  return table;
})();

const COMBINATORS = ['And', 'Or', 'Not'] as const;

export function checkChoiceRules(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    if (node.type !== 'Choice' || !Array.isArray(node.raw['Choices'])) continue;
    node.raw['Choices'].forEach((rule, i) => {
      const pointer = `${node.pointer}/Choices/${i}`;
      if (!isJsonObject(rule)) {
        out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `Choice rule ${i} of "${node.name}" must be an object.`));
      } else if (node.queryLanguage === 'JSONata') {
        checkJsonataRule(rule, pointer, node, out);
      } else {
        checkRule(rule, pointer, node, true, out);
      }
    });
  }
  return out;
}

function checkJsonataRule(rule: JsonObject, pointer: string, node: StateNode, out: Diagnostic[]): void {
  const allowed = new Set(['Condition', 'Next', 'Assign', 'Output', 'Comment']);
  for (const key of Object.keys(rule)) {
    if (!allowed.has(key)) {
      const hint = key === 'Variable' || key in CHOICE_OPERATORS || (COMBINATORS as readonly string[]).includes(key)
        ? ' JSONata Choice rules test a "Condition": "{% ... %}" instead of Variable and comparison operators.'
        : '';
      out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/${key}`, `Field '${key}' is not supported in a JSONata Choice rule of "${node.name}".${hint}`));
    }
  }
  const condition = rule['Condition'];
  if (condition === undefined) {
    out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `JSONata Choice rule of "${node.name}": These fields are required: [Condition]`));
  } else if (typeof condition !== 'boolean' && typeof condition !== 'string') {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/Condition`, `Condition must be true, false or a "{% ... %}" expression.`));
  }
  if (rule['Next'] === undefined) {
    out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `Choice rule of "${node.name}": These fields are required: [Next]`));
  }
}

function checkRule(rule: JsonObject, pointer: string, node: StateNode, topLevel: boolean, out: Diagnostic[]): void {
  const report = (at: string, message: string): void => {
    out.push(error('SCHEMA_VALIDATION_FAILED', at, `Choice state "${node.name}": ${message}`));
  };
  if (topLevel && rule['Next'] === undefined) report(pointer, 'a top-level Choice rule needs "Next".');
  if (!topLevel && rule['Next'] !== undefined) report(`${pointer}/Next`, 'rules nested in And/Or/Not must not have "Next".');
  if (!topLevel && rule['Assign'] !== undefined) report(`${pointer}/Assign`, 'rules nested in And/Or/Not must not have "Assign".');
  const operators = Object.keys(rule).filter((key) => key in CHOICE_OPERATORS);
  const combinators = COMBINATORS.filter((key) => rule[key] !== undefined);
  for (const key of Object.keys(rule)) {
    const known = key in CHOICE_OPERATORS || (COMBINATORS as readonly string[]).includes(key) || ['Variable', 'Next', 'Comment', 'Assign'].includes(key);
    if (!known) report(`${pointer}/${key}`, `field '${key}' is not a comparison operator or rule field${key === 'Condition' ? ' (Condition is for JSONata states)' : ''}.`);
  }
  if (combinators.length > 0) {
    if (combinators.length > 1 || operators.length > 0 || rule['Variable'] !== undefined) {
      report(pointer, `a rule is either one of And/Or/Not or a Variable with one comparison operator, not both.`);
    }
    for (const key of combinators) checkCombinator(key, rule[key] as JsonValue, `${pointer}/${key}`, node, out, report);
    return;
  }
  if (rule['Variable'] === undefined) report(pointer, 'a data-test rule needs "Variable" (or use And/Or/Not).');
  else if (typeof rule['Variable'] !== 'string') report(`${pointer}/Variable`, 'Variable must be a path string.');
  if (operators.length !== 1) {
    report(pointer, operators.length === 0 ? 'the rule has no comparison operator.' : `the rule has ${operators.length} comparison operators (${operators.join(', ')}); use exactly one, or combine rules with And/Or.`);
  }
  for (const op of operators) checkOperand(op, rule[op] as JsonValue, `${pointer}/${op}`, report);
}

function checkCombinator(
  key: (typeof COMBINATORS)[number],
  value: JsonValue,
  pointer: string,
  node: StateNode,
  out: Diagnostic[],
  report: (at: string, message: string) => void,
): void {
  if (key === 'Not') {
    if (isJsonObject(value)) checkRule(value, pointer, node, false, out);
    else report(pointer, 'Not must hold a single rule object.');
    return;
  }
  if (!Array.isArray(value) || value.length === 0) {
    report(pointer, `${key} must be a non-empty array of rules.`);
    return;
  }
  value.forEach((inner, i) => {
    if (isJsonObject(inner)) checkRule(inner, `${pointer}/${i}`, node, false, out);
    else report(`${pointer}/${i}`, `each rule in ${key} must be an object.`);
  });
}

function checkOperand(op: string, value: JsonValue, pointer: string, report: (at: string, message: string) => void): void {
  const expected = CHOICE_OPERATORS[op];
  const ok =
    expected === 'number' ? typeof value === 'number'
    : expected === 'boolean' ? typeof value === 'boolean'
    : expected === 'timestamp' ? typeof value === 'string' && isRfc3339(value)
    : typeof value === 'string';
  if (ok) return;
  const want = expected === 'timestamp' ? 'an RFC 3339 timestamp string such as "2026-01-31T12:00:00Z"' : expected === 'path' ? 'a path string' : `a ${expected}`;
  report(pointer, `${op} needs ${want}, got ${jsonTypeName(value)} ${JSON.stringify(value).slice(0, 60)}.`);
}
