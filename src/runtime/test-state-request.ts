// Reading a TestState request: its JSON text fields, the definition (one state, or a whole machine
// and the state named), and the mock, refused in the cases AWS refuses it (with AWS's messages).
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { compileDefinition, DefinitionError } from '../definition/compile.js';
import type { CompiledMachine, CompiledScope, CompiledState } from '../definition/compiled.js';
import type { StateMachineType } from '../definition/model.js';
import { parseDefinition } from '../definition/source.js';
import { validateForRun } from '../definition/validate.js';
import { TestStateRequestError, type TestStateMock } from './test-state-types.js';

/** The name a lone state is tested under ($$.State.Name). */
const LONE_STATE_NAME = 'TestState';

/** Parses one of the request's JSON text members; the error names the member. */
export function parseJsonField(text: string | undefined, field: string, fallback: JsonValue | undefined): JsonValue | undefined {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    const code = field === 'input' ? 'InvalidExecutionInput' : 'ValidationException';
    throw new TestStateRequestError(code, field, `The field '${field}' is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export interface TestedState {
  readonly machine: CompiledMachine;
  readonly state: CompiledState;
}

/** Compiles the definition (throws DefinitionError when invalid) and finds the state to test. */
export function resolveDefinition(definition: string | JsonValue, stateName: string | undefined, type: StateMachineType): TestedState {
  const value = typeof definition === 'string' ? parseText(definition) : definition;
  if (!isJsonObject(value)) throw new TestStateRequestError('InvalidDefinition', 'definition', 'The definition must be a JSON object: one state (with "Type") or a state machine (with "States").');
  if (!('States' in value)) {
    if (typeof value['Type'] !== 'string') throw new TestStateRequestError('InvalidDefinition', 'definition', 'The definition is neither a state (it has no "Type") nor a state machine (it has no "States").');
    if (stateName !== undefined) throw new TestStateRequestError('ValidationException', 'stateName', 'stateName names a state of a whole definition; this definition is a single state.');
    const machine = compileForTest(wrapLoneState(value), type);
    return { machine, state: machine.root.startAt };
  }
  const machine = compileForTest(value, type);
  if (stateName === undefined) return { machine, state: machine.root.startAt };
  const state = findState(machine.root, stateName);
  if (!state) throw new TestStateRequestError('ValidationException', 'stateName', `The state '${stateName}' named by stateName is not in the definition.`);
  return { machine, state };
}

/**
 * Validates and compiles as createStateMachine does, except that reading a variable no Assign
 * defines is fine: the request's `variables` (or the states before this one) provide it.
 */
function compileForTest(value: JsonObject, type: StateMachineType): CompiledMachine {
  const result = validateForRun(value, { type });
  const errors = [...result.diagnostics, ...result.blocking].filter((d) => d.severity === 'ERROR' && d.code !== 'UNDEFINED_VARIABLE');
  if (errors.length > 0) throw new DefinitionError(errors);
  return compileDefinition(value, { type });
}

function parseText(text: string): JsonValue {
  const parsed = parseDefinition(text);
  if (parsed.value === undefined) throw new DefinitionError(parsed.diagnostics.filter((d) => d.severity === 'ERROR'));
  return parsed.value;
}

/**
 * A machine around one state. The states it may go to exist only as names in TestState, so each
 * gets a Succeed stand-in: the definition then validates, and nextState reports the name.
 */
function wrapLoneState(state: JsonObject): JsonObject {
  const targets = new Set<string>();
  const add = (name: JsonValue | undefined): void => {
    if (typeof name === 'string') targets.add(name);
  };
  add(state['Next']);
  add(state['Default']);
  for (const list of [state['Choices'], state['Catch']]) {
    if (Array.isArray(list)) for (const entry of list) if (isJsonObject(entry)) add(entry['Next']);
  }
  let name = LONE_STATE_NAME;
  while (targets.has(name)) name += '_';
  const states: JsonObject = { [name]: state };
  for (const target of targets) states[target] = { Type: 'Succeed' };
  // A JSONata state's nested states (branches, ItemProcessor) speak JSONata too, as they would in a
  // JSONata machine: the wrapper takes the state's QueryLanguage.
  return { ...(state['QueryLanguage'] === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}), StartAt: name, States: states };
}

/** The state of that name at the top level, else in a Parallel branch or Map ItemProcessor. */
function findState(scope: CompiledScope, name: string): CompiledState | undefined {
  const own = scope.states.get(name);
  if (own) return own;
  for (const state of scope.states.values()) {
    const inner = state.type === 'Parallel' ? state.branches : state.type === 'Map' ? [state.processor] : [];
    for (const child of inner) {
      const found = findState(child, name);
      if (found) return found;
    }
  }
  return undefined;
}

export type ParsedMock = { readonly kind: 'result'; readonly result: JsonValue } | { readonly kind: 'error'; readonly error: string; readonly cause: string | undefined };

/** Checks the mock against the state as AWS does: Task, Map and Parallel only; one of result or errorOutput. */
export function parseMock(mock: TestStateMock | undefined, state: CompiledState, revealSecrets: boolean | undefined): ParsedMock | undefined {
  if (mock === undefined) return undefined;
  if (state.type !== 'Task' && state.type !== 'Map' && state.type !== 'Parallel') {
    throw new TestStateRequestError('ValidationException', 'mock', `State type '${state.type}' is not supported when a mock is specified`);
  }
  if (revealSecrets === true) throw new TestStateRequestError('ValidationException', 'revealSecrets', 'TestState does not support RevealSecrets when a mock is specified.');
  if ((mock.result === undefined) === (mock.errorOutput === undefined)) {
    throw new TestStateRequestError('ValidationException', 'mock', 'A test mock should have only one of the following fields: [result, errorOutput].');
  }
  if (mock.errorOutput !== undefined) return { kind: 'error', error: mock.errorOutput.error ?? '', cause: mock.errorOutput.cause };
  const result = parseJsonField(mock.result, 'mock.result', undefined) as JsonValue;
  if (state.type !== 'Task' && !Array.isArray(result)) throw new TestStateRequestError('ValidationException', 'mock.result', 'Mocked result must be an array.');
  if (state.type === 'Parallel' && Array.isArray(result) && result.length !== state.branches.length) {
    throw new TestStateRequestError('ValidationException', 'mock.result', 'Mocked result must contain the same number of items as number of Parallel branches.');
  }
  return { kind: 'result', result };
}

/** The variables member: an object of variable values. */
export function parseVariables(text: string | undefined): JsonObject | undefined {
  const value = parseJsonField(text, 'variables', undefined);
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw new TestStateRequestError('ValidationException', 'variables', 'The field \'variables\' must be a JSON object of variable names and values.');
  return value;
}
