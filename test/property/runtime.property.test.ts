// Data-flow and runtime invariants (ARCHITECTURE.md habit 3), checked on random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/index.js';
import { SeededRandom } from '../../src/core/random.js';
import { retryDelayMs } from '../../src/runtime/retry.js';
import { runDefinition } from '../support/run.js';

const pass = (fields: Record<string, JsonValue>): JsonValue => ({ StartAt: 'P', States: { P: { Type: 'Pass', ...fields, End: true } } });
// Normalised through JSON text: fast-check may produce -0, which JSON itself cannot carry.
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
const object = fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 5 }) as fc.Arbitrary<Record<string, JsonValue>>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

async function output(definition: JsonValue, input: JsonValue): Promise<JsonValue> {
  const { result } = await runDefinition(definition, input);
  if (result.status !== 'SUCCEEDED') throw new Error(`${result.status}: ${result.status === 'FAILED' ? String(result.cause) : ''}`);
  return result.output;
}

describe('data-flow invariants', () => {
  it('a field-less Pass, and InputPath/OutputPath "$", are the identity', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (input) => {
        expect(await output(pass({}), input)).toEqual(input);
        expect(await output(pass({ InputPath: '$', OutputPath: '$' }), input)).toEqual(input);
      }),
      { numRuns: 60 },
    );
  });

  it('ResultPath null keeps the input; ResultPath "$" gives the result', async () => {
    await fc.assert(
      fc.asyncProperty(json, json, async (input, result) => {
        expect(await output(pass({ Result: result, ResultPath: null }), input)).toEqual(input);
        expect(await output(pass({ Result: result, ResultPath: '$' }), input)).toEqual(result);
      }),
      { numRuns: 60 },
    );
  });

  it('never mutates a deep-frozen input, and every output survives a JSON round trip', async () => {
    const definition: JsonValue = {
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', Parameters: { 'all.$': '$', copy: { 'again.$': '$' } }, ResultPath: '$.shaped', Next: 'Fan' },
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', ResultPath: '$.a', Result: 1, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Map', ItemsPath: '$.list', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } } },
          ],
          ResultPath: '$.fan',
          End: true,
        },
      },
    };
    await fc.assert(
      fc.asyncProperty(object, fc.array(json, { maxLength: 5 }), async (fields, list) => {
        const input = deepFreeze({ ...fields, list });
        const snapshot = JSON.stringify(input);
        const result = await output(definition, input);
        expect(JSON.stringify(input)).toBe(snapshot);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      { numRuns: 40 },
    );
  });

  it('Map output has the items\' length and order whatever MaxConcurrency and completion order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }), fc.integer({ min: 0, max: 4 }), async (delays, concurrency) => {
        const definition: JsonValue = {
          StartAt: 'M',
          States: { M: { Type: 'Map', MaxConcurrency: concurrency, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$', End: true } } }, End: true } },
        };
        expect(await output(definition, delays)).toEqual(delays);
      }),
      { numRuns: 40 },
    );
  });
});

describe('retry delays', () => {
  const retrier = fc.record({
    errorEquals: fc.constant(['E']),
    intervalSeconds: fc.integer({ min: 1, max: 100 }),
    maxAttempts: fc.integer({ min: 0, max: 10 }),
    backoffRate: fc.double({ min: 1, max: 5, noNaN: true }),
    maxDelaySeconds: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    jitter: fc.constantFrom('FULL' as const, 'NONE' as const),
  });

  it('never decrease without jitter, never exceed MaxDelaySeconds, and FULL jitter stays within [0, delay]', () => {
    fc.assert(
      fc.property(retrier, fc.integer(), (r, seed) => {
        const random = new SeededRandom(seed);
        const plain = { ...r, jitter: 'NONE' as const };
        let previous = 0;
        for (let attempt = 0; attempt < 8; attempt++) {
          const delay = retryDelayMs(plain, attempt, random);
          expect(delay).toBeGreaterThanOrEqual(previous);
          if (r.maxDelaySeconds !== undefined) expect(delay).toBeLessThanOrEqual(r.maxDelaySeconds * 1000);
          const jittered = retryDelayMs({ ...r, jitter: 'FULL' }, attempt, random);
          expect(jittered).toBeGreaterThanOrEqual(0);
          expect(jittered).toBeLessThanOrEqual(delay);
          previous = delay;
        }
      }),
    );
  });
});

describe('determinism', () => {
  it('the same seed and input give the same history, jittered retries included', async () => {
    const definition: JsonValue = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 4, JitterStrategy: 'FULL' }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Pass', End: true },
      },
    };
    const lambdas = () => ({ flaky: () => { throw new Error('always'); } });
    await fc.assert(
      fc.asyncProperty(json, async (input) => {
        const first = await runDefinition(definition, input, { lambdas: lambdas() });
        const second = await runDefinition(definition, input, { lambdas: lambdas() });
        expect(second.history).toEqual(first.history);
        expect(second.elapsedMs).toBe(first.elapsedMs);
      }),
      { numRuns: 20 },
    );
  });
});
