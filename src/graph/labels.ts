// Short, readable text for what the graph shows: a Choice rule as `$.n > 1`, a Task's resource as
// `lambda:invoke`, a Wait's duration. Built from the compiled machine (paths keep their source text).
import type { JsonValue } from '../core/json.js';
import type { CompiledJsonataValue } from '../paths/evaluate-types.js';
import type {
  ChoiceRule,
  CompiledCatcher,
  CompiledFail,
  CompiledMap,
  CompiledRetrier,
  CompiledState,
  CompiledWait,
  TypeTest,
} from '../definition/compiled.js';
import { oneLine, truncate } from './text.js';

const RELATION_SYMBOL = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
} as const;

const TYPE_TEST_WORDS: Readonly<Record<TypeTest, string>> = {
  IsNull: 'null',
  IsPresent: 'present',
  IsNumeric: 'numeric',
  IsString: 'a string',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

/** A JSONPath Choice rule in a compact infix form: `$.n > 1`, `And($.a == "x", Not($.b is null))`. */
export function ruleLabel(rule: ChoiceRule): string {
  return truncate(ruleText(rule));
}

/**
 * A JSONata rule's Condition: its expression text on one line. The compiled rule is only a
 * placeholder for JSONata (compile-choice.ts), so the text comes from the state's JSONata fields.
 */
export function conditionLabel(condition: CompiledJsonataValue | undefined, rule: ChoiceRule): string {
  if (condition?.text !== undefined) return truncate(oneLine(condition.text));
  return ruleLabel(rule);
}

function ruleText(rule: ChoiceRule): string {
  switch (rule.kind) {
    case 'and':
      // Compiled literal JSONata Conditions are an empty And (true) or an empty Or (false).
      return rule.rules.length === 0 ? 'true' : `And(${rule.rules.map(ruleText).join(', ')})`;
    case 'or':
      return rule.rules.length === 0 ? 'false' : `Or(${rule.rules.map(ruleText).join(', ')})`;
    case 'not':
      return `Not(${ruleText(rule.rule)})`;
    case 'compare': {
      const operand = rule.operandPath !== undefined ? rule.operandPath.text : literal(rule.family, rule.operand);
      return `${rule.variable.text} ${RELATION_SYMBOL[rule.relation]} ${operand}`;
    }
    case 'matches':
      return `${rule.variable.text} matches ${JSON.stringify(rule.pattern.source)}`;
    case 'type-test':
      return `${rule.variable.text} is ${rule.expected ? '' : 'not '}${TYPE_TEST_WORDS[rule.test]}`;
  }
}

/** Timestamp operands were parsed to epoch ms at compile time; shown back as RFC 3339. */
function literal(family: string, operand: JsonValue): string {
  if (family === 'Timestamp' && typeof operand === 'number') return JSON.stringify(new Date(operand).toISOString());
  return JSON.stringify(operand);
}

export function catchLabel(catcher: CompiledCatcher): string {
  return truncate(`Catch ${catcher.errorEquals.join(', ')}`);
}

export function retryLabel(retrier: CompiledRetrier): string {
  return `${truncate(`Retry ${retrier.errorEquals.join(', ')}`, 48)} (max ${retrier.maxAttempts})`;
}

/** The second line of a state's box: its type, and the one setting that says most about it. */
export function stateDetail(state: CompiledState): string | undefined {
  switch (state.type) {
    case 'Task':
      return truncate(`Task: ${resourceText(state.resource)}`, 48);
    case 'Pass':
      return 'Pass';
    case 'Wait':
      return truncate(waitText(state), 48);
    case 'Fail':
      return truncate(failText(state), 48);
    case 'Parallel':
      return `Parallel (${state.branches.length} branch${state.branches.length === 1 ? '' : 'es'})`;
    case 'Map':
      return truncate(mapText(state), 48);
    case 'Succeed':
    case 'Choice':
      // Their shapes already say what they are.
      return undefined;
  }
}

/** `lambda:invoke` for optimised integrations, `lambda greet` for a bare function ARN. */
function resourceText(resource: string): string {
  const integration = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource);
  if (integration?.[1] !== undefined) return integration[1];
  const fn = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (fn?.[1] !== undefined) return `lambda ${fn[1]}`;
  const activity = /^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:(.+)$/.exec(resource);
  if (activity?.[1] !== undefined) return `activity ${activity[1]}`;
  return resource;
}

function waitText(state: CompiledWait): string {
  const jsonata = state.jsonata;
  if (state.seconds !== undefined) return `Wait ${state.seconds}s`;
  if (state.secondsPath !== undefined) return `Wait ${state.secondsPath.text} seconds`;
  if (state.timestamp !== undefined) return `Wait until ${new Date(state.timestamp).toISOString()}`;
  if (state.timestampPath !== undefined) return `Wait until ${state.timestampPath.text}`;
  if (jsonata?.seconds !== undefined) return `Wait ${expressionText(jsonata.seconds)} seconds`;
  if (jsonata?.timestamp !== undefined) return `Wait until ${expressionText(jsonata.timestamp)}`;
  return 'Wait';
}

function failText(state: CompiledFail): string {
  const error = state.error ?? state.errorPath?.text ?? (state.jsonata?.error === undefined ? undefined : expressionText(state.jsonata.error));
  return error === undefined ? 'Fail' : `Fail: ${error}`;
}

function mapText(state: CompiledMap): string {
  const mode = state.mode === 'DISTRIBUTED' ? ' (distributed)' : '';
  const items = state.jsonata?.items !== undefined ? expressionText(state.jsonata.items) : state.itemsPath.text;
  return items === '$' ? `Map${mode}` : `Map${mode} over ${items}`;
}

function expressionText(value: CompiledJsonataValue): string {
  return value.text === undefined ? 'expression' : `{% ${oneLine(value.text)} %}`;
}
