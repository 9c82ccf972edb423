// Test helpers: run a definition to completion on a virtual clock, with scripted Lambda functions.
import { AslError, createStateMachine, type ExecutionResult, type HistoryEvent, type JsonValue, type LambdaHandler, type StateMachineOptions, VirtualClock } from '../../src/index.js';

/** One scripted invocation: return a value, echo the payload, or throw an error. */
export type ScriptedCall = { readonly return: JsonValue } | { readonly echo: true } | { readonly throw: { readonly error: string; readonly cause?: string } } | { readonly sleepSeconds: number; readonly return: JsonValue };

/** Handlers that answer call i with script[i] (the last entry repeats). */
export function scriptedLambdas(scripts: Readonly<Record<string, readonly ScriptedCall[]>>): Record<string, LambdaHandler> {
  const handlers: Record<string, LambdaHandler> = {};
  for (const [name, script] of Object.entries(scripts)) {
    let calls = 0;
    handlers[name] = async (event, context) => {
      const step = script[Math.min(calls++, script.length - 1)];
      if (step === undefined) return null;
      if ('sleepSeconds' in step) await context.sleep(step.sleepSeconds * 1000);
      if ('throw' in step) throw new AslError(step.throw.error, step.throw.cause);
      if ('echo' in step) return event;
      return step.return;
    };
  }
  return handlers;
}

export interface RunOutcome {
  readonly result: ExecutionResult;
  readonly history: readonly HistoryEvent[];
  readonly elapsedMs: number;
}

export const START_MS = Date.UTC(2026, 0, 1);

/** Runs to completion on an auto-advancing virtual clock: Waits and retries cost no real time. */
export async function runDefinition(definition: JsonValue | string, input: JsonValue, options: StateMachineOptions = {}): Promise<RunOutcome> {
  const clock = new VirtualClock({ startMs: START_MS, autoAdvance: true });
  const machine = createStateMachine(definition, { clock, seed: 7, ...options });
  const execution = machine.start(input, { name: 'test-execution' });
  const result = await execution.result;
  return { result, history: execution.history, elapsedMs: clock.now() - START_MS };
}
