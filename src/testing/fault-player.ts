// Plays a TaskSchedule as an Integration: the scheduled Tasks' invocations are answered from the
// schedule (after their virtual delay), and each answer is written to the run's trace. It sits in
// front of the built-in integrations, behind the mocks decorator, so mocked states, scheduled
// states and real ones (local Lambdas, the local world) mix in one run.
import { AslError } from '../core/errors.js';
import { cloneJson, type JsonValue } from '../core/json.js';
import { mockedTaskResult } from '../integrations/mocked-registry.js';
import type { Integration } from '../integrations/types.js';
import type { ScheduleTarget, TaskOutcome, TaskSchedule } from './outcomes.js';

export type TraceStep =
  | { readonly kind: 'enter'; readonly atMs: number; readonly state: string; readonly stateType: string }
  | {
      readonly kind: 'task';
      readonly atMs: number;
      readonly state: string;
      /** 1-based, counted per state across the execution (retries, loops, iterations). */
      readonly invocation: number;
      readonly outcome: TaskOutcome;
    };

/** Where the player writes one run's Task answers. */
export interface TraceSink {
  readonly steps: TraceStep[];
  readonly startMs: number;
}

export interface FaultPlayer {
  readonly integration: Integration;
  /** Makes `schedule` the one answered from now on, with invocation counts back at zero. */
  begin(schedule: TaskSchedule, sink: TraceSink): void;
}

export function createFaultPlayer(target: ScheduleTarget): FaultPlayer {
  const resources = new Set(target.tasks.map((task) => task.resource));
  const invocations = new Map<string, number>();
  let schedule: TaskSchedule = {};
  let sink: TraceSink = { steps: [], startMs: 0 };
  const integration: Integration = {
    name: 'asl-engine/testing fault schedule',
    settlesOnAbort: true,
    supports: (resource) => resources.has(resource.arn),
    async invoke(request, context) {
      const invocation = (invocations.get(request.stateName) ?? 0) + 1;
      invocations.set(request.stateName, invocation);
      const outcome: TaskOutcome = schedule[request.stateName]?.[invocation - 1] ?? {
        kind: 'return',
        value: target.samples.get(request.stateName) ?? {},
        delayMs: 0,
      };
      sink.steps.push({ kind: 'task', atMs: context.now() - sink.startMs, state: request.stateName, invocation, outcome });
      if (outcome.delayMs > 0) await context.sleep(outcome.delayMs, context.signal);
      if (outcome.kind === 'throw') throw new AslError(outcome.error, `Injected by the test schedule: invocation ${invocation} of ${request.stateName}.`);
      return mockedTaskResult(request.resource, cloneJson(outcome.value as JsonValue));
    },
  };
  return {
    integration,
    begin(next, nextSink) {
      schedule = next;
      sink = nextSink;
      invocations.clear();
    },
  };
}
