// A parent machine whose Task starts executions of a child machine, on a manually driven virtual
// clock, with the local Step Functions backend held by the test (to describe and list children).
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import type { ServiceBackend } from '../../../src/integrations/backend.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { createLocalStepFunctions } from '../../../src/runtime/local-sfn.js';
import type { Execution, StateMachine, StateMachineOptions } from '../../../src/runtime/types.js';
import { settle, START } from '../../support/stop-and-resume.js';

export const CHILD = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

/** Waits `seconds`, then answers with its input and a greeting. */
export const SLOW_CHILD = {
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', Seconds: 60, Next: 'Answer' },
    Answer: { Type: 'Pass', Parameters: { 'got.$': '$', greeting: 'hello' }, End: true },
  },
};

export interface Family {
  readonly clock: VirtualClock;
  readonly sfn: ServiceBackend;
  /** The types of the events the child machine's executions recorded, in order. */
  readonly childEvents: string[];
  /** A parent whose one state is a Task on `resource` (more states may follow through `more`). */
  parent(task: JsonObject, more?: Readonly<Record<string, JsonValue>>, options?: StateMachineOptions): StateMachine;
  /** Step Functions' API on the shared backend. */
  call(action: string, input: JsonObject): Promise<JsonObject>;
}

export function family(childDefinition: JsonValue, clock = new VirtualClock({ startMs: START })): Family {
  const childEvents: string[] = [];
  const child = createStateMachine(childDefinition, { name: 'Child', clock, seed: 3, onEvent: (event) => childEvents.push(event.type) });
  const sfn = createLocalStepFunctions((arn) => (arn === CHILD ? child : undefined), () => clock.now());
  return {
    clock,
    sfn,
    childEvents,
    parent: (task, more = {}, options = {}) =>
      createStateMachine({ StartAt: 'Start', States: { Start: { Type: 'Task', ...task }, ...more } }, { name: 'Parent', clock, seed: 7, stepFunctions: sfn, ...options }),
    call: (action, input) => sfn.call({ service: 'sfn', action, input, signal: new AbortController().signal }),
  };
}

/** Moves the clock until the execution ends (at most `steps` clock moves). */
export async function runOut(execution: Execution, clock: VirtualClock, steps = 50): Promise<void> {
  for (let i = 0; i < steps && execution.status === 'RUNNING'; i++) {
    await settle();
    if (execution.status !== 'RUNNING') break;
    clock.advanceToNext();
  }
  await settle();
}

export { settle, START };
