// Shared by the compile*.test.ts files: compile through the validator (so every fixture is known to
// be a valid definition) and pick states out of a scope with their type narrowed.
import type { JsonObject } from '../../../src/core/json.js';
import { SeededRandom } from '../../../src/core/random.js';
import { compileOrThrow } from '../../../src/definition/compile.js';
import type { CompiledMachine, CompiledScope, CompiledState, StateType } from '../../../src/definition/compiled.js';
import type { DataContext } from '../../../src/paths/evaluate-types.js';

export function compile(definition: JsonObject): CompiledMachine {
  return compileOrThrow(definition, { type: 'STANDARD' });
}

export function stateOf<T extends StateType>(scope: CompiledScope, name: string, type: T): Extract<CompiledState, { type: T }> {
  const state = scope.states.get(name);
  if (state === undefined) throw new Error(`no state ${name}`);
  if (state.type !== type) throw new Error(`${name} is a ${state.type}, not a ${type}`);
  return state as Extract<CompiledState, { type: T }>;
}

export function dataContext(input: JsonObject = {}): DataContext {
  return { input, context: {}, variable: () => undefined, random: new SeededRandom(1) };
}
