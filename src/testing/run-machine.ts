// runMachine: one execution on a virtual clock with its history, path, trace and world, in one call.
import type { JsonValue } from '../core/json.js';
import { createHarness, type HarnessOptions, type MachineRun } from './harness.js';
import type { TaskSchedule } from './outcomes.js';
import { describeMachine } from './task-model.js';

export interface RunMachineOptions extends HarnessOptions {
  /**
   * What some Tasks answer, by state name (the shape taskOutcomes generates): those states are
   * answered from here and never call their integration; past the listed invocations they succeed
   * with their sample value (the first mocked Return, else `{}`).
   */
  readonly faults?: TaskSchedule;
}

/**
 * Runs `definition` once on a VirtualClock that advances by itself (Waits, retries and Task delays
 * cost no real time), with a fresh local world unless one is given.
 * @example
 * const { result, path } = await runMachine(definition, { orderId: 'o-1' }, { mocks });
 */
export async function runMachine(definition: JsonValue, input: JsonValue, options: RunMachineOptions = {}): Promise<MachineRun> {
  const faults = options.faults;
  let target;
  if (faults !== undefined) {
    const scheduled = new Set(Object.keys(faults));
    const tasks = describeMachine(definition).tasks.filter((task) => scheduled.has(task.name));
    const samples = new Map(tasks.map((task) => [task.name, firstReturn(options, task.name)]));
    target = { tasks, samples };
  }
  const harness = createHarness(definition, target, { ...options, keepHistory: true });
  return harness.run(input, faults ?? {});
}

function firstReturn(options: RunMachineOptions, state: string): JsonValue {
  for (const response of Object.values(options.mocks?.[state] ?? {})) if ('Return' in response) return response.Return;
  return {};
}
