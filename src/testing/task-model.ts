// What the testing toolkit needs to know about a definition's Tasks and Fail states, read once from
// the compiled machine (every scope: top level, Parallel branches, Map item processors), since state
// names are unique across the whole machine (mocks and the fault schedule are keyed by them).
import type { JsonValue } from '../core/json.js';
import { compileOrThrow } from '../definition/compile.js';
import type { CompiledTask } from '../definition/compiled.js';
import { locateStates } from '../definition/state-pointers.js';

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

/** Throws DefinitionError for an invalid definition, as createStateMachine does. */
export function describeMachine(definition: JsonValue): MachineModel {
  const machine = compileOrThrow(definition);
  const tasks: TaskInfo[] = [];
  const failStates = new Set<string>();
  const stateTypes = new Map<string, string>();
  for (const { state } of locateStates(machine)) {
    stateTypes.set(state.name, state.type);
    if (state.type === 'Task') tasks.push(taskInfo(state));
    if (state.type === 'Fail') failStates.add(state.name);
  }
  const topLevel = new Set(machine.root.states.keys());
  return { tasks, taskByName: new Map(tasks.map((task) => [task.name, task])), failStates, stateTypes, topLevel };
}

function taskInfo(task: CompiledTask): TaskInfo {
  const named = new Set<string>();
  for (const retrier of task.retry) for (const error of retrier.errorEquals) named.add(error);
  for (const catcher of task.catch) for (const error of catcher.errorEquals) named.add(error);
  named.delete('States.ALL');
  const namedErrors = [...named];
  return {
    name: task.name,
    resource: task.resource,
    namedErrors,
    injectableErrors: [...new Set([...namedErrors, ...ALWAYS_INJECTABLE])],
    catchers: task.catch.map((catcher) => ({ errorEquals: catcher.errorEquals, next: catcher.next.name })),
  };
}
