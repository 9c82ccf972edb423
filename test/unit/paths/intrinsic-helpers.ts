// Runs intrinsic calls the way a payload template does, for the intrinsics-*.test.ts files.
import { AslError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { compileExpression } from '../../../src/paths/expression.js';
import { dataContext, type DataOptions } from './data-context.js';

export const FIELD = 'value.$';

export function run(text: string, input: JsonValue = {}, options: DataOptions = {}): JsonValue {
  return compileExpression(text).evaluate(dataContext(input, options), FIELD);
}

/** The AslError an evaluation throws; fails the test when it throws nothing or something else. */
export function failure(text: string, input: JsonValue = {}): AslError {
  try {
    run(text, input);
  } catch (error) {
    if (error instanceof AslError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

/** The cause AWS-style: which function failed, in which field, and why. */
export function intrinsicCause(name: string, problem: string): string {
  return `The intrinsic function ${name} in the field '${FIELD}' failed: ${problem}`;
}
