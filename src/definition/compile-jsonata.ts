// The expression-valued fields of a JSONata state (JSONATA.md §2), each compiled once. The runtime
// reads `state.jsonata` instead of the JSONPath fields; absent fields take AWS's defaults there.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { compileJsonataValue } from '../paths/jsonata.js';
import type { JsonataFields } from './compiled.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ChoiceFields = NonNullable<JsonataFields['choices']>[number];
type CatcherFields = NonNullable<JsonataFields['catchers']>[number];
/** The fields that hold one value each (Choice rules and catchers are lists). */
type ValueField = Exclude<keyof JsonataFields, 'choices' | 'catchers'>;

/** Which raw fields each state type may carry, by compiled name (validation already rejected the rest). */
const FIELDS_BY_TYPE: Readonly<Record<string, ReadonlyArray<readonly [ValueField, string]>>> = {
  Pass: [['output', 'Output'], ['assign', 'Assign']],
  Task: [['arguments', 'Arguments'], ['output', 'Output'], ['assign', 'Assign'], ['timeoutSeconds', 'TimeoutSeconds'], ['heartbeatSeconds', 'HeartbeatSeconds'], ['credentials', 'Credentials']],
  Choice: [['output', 'Output'], ['assign', 'Assign']],
  Wait: [['output', 'Output'], ['assign', 'Assign'], ['seconds', 'Seconds'], ['timestamp', 'Timestamp']],
  Succeed: [['output', 'Output']],
  Fail: [['error', 'Error'], ['cause', 'Cause']],
  Parallel: [['arguments', 'Arguments'], ['output', 'Output'], ['assign', 'Assign']],
  Map: [
    ['output', 'Output'], ['assign', 'Assign'], ['items', 'Items'], ['itemSelector', 'ItemSelector'],
    ['maxConcurrency', 'MaxConcurrency'], ['toleratedFailureCount', 'ToleratedFailureCount'], ['toleratedFailurePercentage', 'ToleratedFailurePercentage'],
  ],
};

const CATCHING_TYPES = new Set(['Task', 'Parallel', 'Map']);

/**
 * Compiles the JSONata fields present in a (validated) JSONata state. `choices` and `catchers` are
 * index-aligned with the compiled Choice branches and catchers, which keep the same object rules.
 */
export function compileJsonataFields(raw: JsonObject, type: string): JsonataFields | undefined {
  const fields = FIELDS_BY_TYPE[type];
  if (fields === undefined) return undefined;
  const out: Mutable<JsonataFields> = {};
  for (const [name, key] of fields) {
    const value = raw[key];
    if (value !== undefined) out[name] = compileJsonataValue(value);
  }
  if (type === 'Choice') out.choices = objectsOf(raw['Choices']).map(compileChoice);
  if (CATCHING_TYPES.has(type) && Array.isArray(raw['Catch'])) out.catchers = objectsOf(raw['Catch']).map(compileCatcher);
  return out;
}

/** The rules the state compilers keep: objects only, in order. */
function objectsOf(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function compileChoice(rule: JsonObject): ChoiceFields {
  // A JSONata rule must have a Condition (validated); without one it never matches.
  const out: Mutable<ChoiceFields> = { condition: compileJsonataValue(rule['Condition'] ?? false) };
  if (rule['Output'] !== undefined) out.output = compileJsonataValue(rule['Output']);
  if (rule['Assign'] !== undefined) out.assign = compileJsonataValue(rule['Assign']);
  return out;
}

function compileCatcher(catcher: JsonObject): CatcherFields {
  const out: Mutable<CatcherFields> = {};
  if (catcher['Output'] !== undefined) out.output = compileJsonataValue(catcher['Output']);
  if (catcher['Assign'] !== undefined) out.assign = compileJsonataValue(catcher['Assign']);
  return out;
}
