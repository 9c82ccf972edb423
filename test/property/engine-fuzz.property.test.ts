// The engine under random definitions and inputs (issue 9): whatever the machine, the input or what
// a Lambda function returns, createStateMachine either compiles or throws DefinitionError, and the
// execution's result resolves to an ASL outcome. Never an internal error, an uncaught exception or
// an unhandled rejection. Every run is bounded: virtual clock, a transition budget, a history cap.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AslError, createStateMachine, DefinitionError, type ExecutionResult, type JsonObject, type JsonValue, type LambdaHandler, type MockConfig, type StateMachine, VirtualClock } from '../../src/index.js';
import { FUNCTIONS, fuzzInput, fuzzMachine, fuzzMocks } from '../support/fuzz-machines.js';

/** A few seconds of test time. */
const RUNS = 700;
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Values no JSON can hold, as careless or hostile Lambda code returns them. */
function weirdValue(selector: number): unknown {
  const circular: Record<string, unknown> = { a: 1 };
  circular['self'] = circular;
  let deep: unknown = 0;
  for (let i = 0; i < 5000; i++) deep = [deep];
  const values: unknown[] = [
    undefined, Number.NaN, Infinity, 10n, () => 1, Symbol('s'), circular, new Map([[1, 2]]), deep, 'x'.repeat(2_000_000), -0,
    { toJSON: () => { throw new Error('toJSON exploded'); } }, Object.create(null) as unknown, [undefined, () => 2], { big: 1e308 * 10 },
  ];
  return values[Math.abs(Math.trunc(selector)) % values.length];
}

const lambdas: Record<(typeof FUNCTIONS)[number], LambdaHandler> = {
  echo: (event) => event,
  boom: () => {
    throw new Error('boom');
  },
  custom: () => {
    throw new AslError('Custom.Error', 'thrown on purpose');
  },
  weird: (event) => weirdValue(typeof event === 'object' && event !== null && !Array.isArray(event) && typeof event['n'] === 'number' ? event['n'] : 3),
  slow: async (_event, context) => {
    await context.sleep(15_000);
    return { late: true };
  },
  // Answers after 30 years of virtual time: only a timeout ends it sooner (a promise that never
  // settles, with no timer pending, would leave nothing for the virtual clock to advance to).
  hang: async (_event, context) => {
    await context.sleep(1e12);
    return null;
  },
};

const machineAndMocks = fuzzMachine.chain((definition) => fc.tuple(fc.constant(definition), fuzzMocks(definition)));

/** What a run came to, checked below. */
async function runOnce(definition: JsonObject, mocks: MockConfig, input: JsonValue, express: boolean, abortAfter: number | undefined): Promise<ExecutionResult | 'invalid'> {
  let machine: StateMachine;
  try {
    machine = createStateMachine(definition, {
      type: express ? 'EXPRESS' : 'STANDARD',
      clock: new VirtualClock({ autoAdvance: true }),
      seed: 11,
      lambdas,
      mocks,
      maxTransitions: 150,
      maxHistoryEvents: 500,
      recordHistory: !express,
    });
  } catch (error) {
    if (error instanceof DefinitionError) return 'invalid';
    throw error;
  }
  const execution = machine.start(input);
  if (abortAfter !== undefined) {
    for (let i = 0; i < abortAfter; i++) await macrotask();
    execution.abort('Fuzz.Stop', 'stopped by the fuzz test');
  }
  const result = await execution.result;
  // Nothing here suspends an execution.
  if (result.status === 'SUSPENDED') throw new Error('a fuzz execution was suspended');
  if (!express) {
    const last = execution.history.at(-1)?.type;
    expect(last).toBe({ SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[result.status]);
  }
  return result;
}

describe('engine fuzz: random machines and inputs', () => {
  const escaped: unknown[] = [];
  const onEscape = (reason: unknown): void => {
    escaped.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });
  afterAll(() => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
  });

  it('always settles to an ASL outcome, never an internal error or an escaped exception', async () => {
    const outcomes = { invalid: 0, SUCCEEDED: 0, FAILED: 0, TIMED_OUT: 0, ABORTED: 0, SUSPENDED: 0 };
    await fc.assert(
      fc.asyncProperty(machineAndMocks, fuzzInput, fc.boolean(), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 6 }), async ([definition, mocks], input, express, abortAfter) => {
        const result = await runOnce(definition, mocks, input, express, abortAfter);
        await macrotask();
        expect(escaped).toEqual([]);
        if (result === 'invalid') {
          outcomes.invalid++;
          return;
        }
        outcomes[result.status]++;
        if (result.status === 'SUCCEEDED') {
          // Text-stable (compared as text: -0 is written "0", and that is fine).
          const text = JSON.stringify(result.output);
          expect(JSON.stringify(JSON.parse(text))).toBe(text);
        } else {
          expect(result.cause ?? '').not.toContain('Internal error');
          expect(result.cause ?? '').not.toMatch(/is not a function|Cannot read properties|Maximum call stack|Invalid string length|Invalid time value/);
        }
        if (result.status === 'ABORTED') expect(abortAfter).toBeDefined();
      }),
      { numRuns: RUNS },
    );
    // The generator must mostly produce machines that run, or the property checks little.
    expect(outcomes.invalid).toBeLessThan(RUNS / 3);
    expect(outcomes.SUCCEEDED).toBeGreaterThan(RUNS / 10);
    expect(outcomes.FAILED).toBeGreaterThan(RUNS / 10);
  }, 60_000);
});
