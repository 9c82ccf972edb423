// What the testing toolkit needs to know about a definition's Tasks and Fail states, read once from
// a definition that createStateMachine has already validated and compiled: every scope is walked
// (top level, Parallel branches, Map ItemProcessor/Iterator), since state names are unique across
// the whole machine (mocks and the fault schedule are keyed by them).
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';

export interface CatcherInfo {
  readonly errorEquals: readonly string[];
  readonly next: string;
}

export interface TaskInfo {
  readonly name: string;
  readonly resource: string;
  /** Error names a Retry or Catch of this Task names (States.ALL left out), in definition order. */
  readonly namedErrors: readonly string[];
  /** What an injected fault may be: namedErrors plus States.TaskFailed and States.Timeout. */
  readonly injectableErrors: readonly string[];
  readonly catchers: readonly CatcherInfo[];
}

export interface MachineModel {
  readonly tasks: readonly TaskInfo[];
  readonly taskByName: ReadonlyMap<string, TaskInfo>;
  readonly failStates: ReadonlySet<string>;
  /** Every state's Type by name, across all scopes. */
  readonly stateTypes: ReadonlyMap<string, string>;
  /** The states of the top-level scope (not inside a Parallel branch or a Map iteration). */
  readonly topLevel: ReadonlySet<string>;
}

const ALWAYS_INJECTABLE = ['States.TaskFailed', 'States.Timeout'];

export function describeMachine(definition: JsonValue): MachineModel {
  const tasks: TaskInfo[] = [];
  const failStates = new Set<string>();
  const stateTypes = new Map<string, string>();
  const visitScope = (scope: JsonValue | undefined): void => {
    if (!isJsonObject(scope) || !isJsonObject(scope['States'])) return;
    for (const [name, state] of Object.entries(scope['States'])) {
      if (!isJsonObject(state)) continue;
      const type = typeof state['Type'] === 'string' ? state['Type'] : '';
      stateTypes.set(name, type);
      if (type === 'Task') tasks.push(taskInfo(name, state));
      if (type === 'Fail') failStates.add(name);
      if (type === 'Parallel' && Array.isArray(state['Branches'])) state['Branches'].forEach(visitScope);
      if (type === 'Map') visitScope(state['ItemProcessor'] ?? state['Iterator']);
    }
  };
  visitScope(definition);
  const states = isJsonObject(definition) && isJsonObject(definition['States']) ? Object.keys(definition['States']) : [];
  return { tasks, taskByName: new Map(tasks.map((task) => [task.name, task])), failStates, stateTypes, topLevel: new Set(states) };
}

function taskInfo(name: string, state: JsonObject): TaskInfo {
  const named = new Set<string>();
  const catchers: CatcherInfo[] = [];
  for (const rule of listOf(state['Retry'])) for (const error of errorEquals(rule)) named.add(error);
  for (const rule of listOf(state['Catch'])) {
    const errors = errorEquals(rule);
    for (const error of errors) named.add(error);
    catchers.push({ errorEquals: errors, next: isJsonObject(rule) && typeof rule['Next'] === 'string' ? rule['Next'] : '' });
  }
  named.delete('States.ALL');
  const namedErrors = [...named];
  return {
    name,
    resource: typeof state['Resource'] === 'string' ? state['Resource'] : '',
    namedErrors,
    injectableErrors: [...new Set([...namedErrors, ...ALWAYS_INJECTABLE])],
    catchers,
  };
}

function listOf(value: JsonValue | undefined): readonly JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function errorEquals(rule: JsonValue): string[] {
  if (!isJsonObject(rule) || !Array.isArray(rule['ErrorEquals'])) return [];
  return rule['ErrorEquals'].filter((error): error is string => typeof error === 'string');
}
