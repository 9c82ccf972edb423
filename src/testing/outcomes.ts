// fast-check arbitraries of Task outcomes, derived from the definition: for every Task, a schedule
// of what its successive invocations answer. Only outcomes a real service could produce and the
// machine could react to are generated: a success, or an error its Retry/Catch names, or one of the
// two every Task can see (States.TaskFailed, States.Timeout). Successes come first in each choice
// and delays shrink to 0, so a shrunk counterexample is the smallest fault that still breaks it.
import fc from 'fast-check';
import type { JsonValue } from '../core/json.js';
import type { MockConfig } from '../integrations/mock-config.js';
import { describeMachine, type TaskInfo } from './task-model.js';

export type TaskOutcome =
  | { readonly kind: 'return'; readonly value: JsonValue; readonly delayMs: number }
  | { readonly kind: 'throw'; readonly error: string; readonly delayMs: number };

/** Per Task state name: what its 1st, 2nd, ... invocation answers; past the end, a success with the sample value. */
export type TaskSchedule = Readonly<Record<string, readonly TaskOutcome[]>>;

export interface TaskOutcomesOptions {
  /** The success value of a Task, by state name; default: its sample value (see `mocks`), else `{}`. */
  readonly results?: Readonly<Record<string, fc.Arbitrary<JsonValue>>>;
  /** A mock config whose first Return for a state is that state's sample success value. */
  readonly mocks?: MockConfig;
  /** Only these Task states get faults; the others run for real (or from mocks). Default: every Task. */
  readonly states?: readonly string[];
  /** Scheduled invocations per Task; later ones succeed. Default 4. */
  readonly maxInvocations?: number;
  /** Longest virtual time a Task takes before answering. Default 0 (no delays). */
  readonly maxDelayMs?: number;
}

/** What the fault player needs besides the schedule: which states it answers, and their samples. */
export interface ScheduleTarget {
  readonly tasks: readonly TaskInfo[];
  readonly samples: ReadonlyMap<string, JsonValue>;
}

const targets = new WeakMap<object, ScheduleTarget>();

/** The states an arbitrary made by taskOutcomes schedules, and their sample success values. */
export function scheduleTargetOf(arbitrary: fc.Arbitrary<TaskSchedule>): ScheduleTarget | undefined {
  return targets.get(arbitrary);
}

export function taskOutcomes(definition: JsonValue, options: TaskOutcomesOptions = {}): fc.Arbitrary<TaskSchedule> {
  const model = describeMachine(definition);
  const wanted = options.states === undefined ? undefined : new Set(options.states);
  const tasks = model.tasks.filter((task) => wanted === undefined || wanted.has(task.name));
  const samples = new Map(tasks.map((task) => [task.name, sampleValue(task.name, options.mocks)]));
  const maxDelayMs = options.maxDelayMs ?? 0;
  const delay = maxDelayMs > 0 ? fc.integer({ min: 0, max: maxDelayMs }) : fc.constant(0);
  const perTask: Record<string, fc.Arbitrary<TaskOutcome[]>> = {};
  for (const task of tasks) {
    const value = options.results?.[task.name] ?? fc.constant(samples.get(task.name) ?? {});
    const success = fc.record({ kind: fc.constant('return' as const), value, delayMs: delay });
    const failure = fc.record({ kind: fc.constant('throw' as const), error: fc.constantFrom(...task.injectableErrors), delayMs: delay });
    perTask[task.name] = fc.array(fc.oneof(success, failure), { maxLength: options.maxInvocations ?? 4 });
  }
  const arbitrary = fc.record(perTask);
  targets.set(arbitrary, { tasks, samples });
  return arbitrary;
}

function sampleValue(state: string, mocks: MockConfig | undefined): JsonValue {
  const responses = mocks?.[state];
  if (responses === undefined) return {};
  for (const response of Object.values(responses)) if ('Return' in response) return response.Return;
  return {};
}
