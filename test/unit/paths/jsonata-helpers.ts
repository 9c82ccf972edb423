// Shared by the jsonata*.test.ts files: bindings with a fixed clock and seed, and evaluation helpers
// that return the value or the QueryEvaluationError.
import { expect } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { SeededRandom } from '../../../src/core/random.js';
import type { JsonataBindings } from '../../../src/paths/evaluate-types.js';
import { compileJsonataValue, type JsonataLimits } from '../../../src/paths/jsonata.js';

/** 2024-01-02T03:04:05.678Z */
export const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

export function bindings(overrides: Partial<JsonataBindings> = {}): JsonataBindings {
  return { input: {}, context: {}, variables: {}, random: new SeededRandom(7), now: NOW, ...overrides };
}

/** Evaluates `{% body %}` (or any JSON value) as the field `field`. */
export function evaluate(value: JsonValue, b: JsonataBindings = bindings(), field = 'Output', limits?: JsonataLimits): Promise<JsonValue> {
  return compileJsonataValue(value, limits).evaluate(b, field);
}

/** The QueryEvaluationError the evaluation rejects with. */
export async function failure(value: JsonValue, b: JsonataBindings = bindings(), field = 'Output', limits?: JsonataLimits): Promise<AslError> {
  const error: unknown = await evaluate(value, b, field, limits).then(
    (v) => new Error(`expected a failure, got ${JSON.stringify(v)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AslError);
  const asl = error as AslError;
  expect(asl.error).toBe('States.QueryEvaluationError');
  expect(asl.stateScoped).toBe(true);
  return asl;
}
