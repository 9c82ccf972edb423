/**
 * What an intrinsic function implementation throws when its arguments are unusable. evaluate.ts
 * turns it into AslError('States.IntrinsicFailure', ...) naming the function and the field, so the
 * implementations only describe the problem.
 */
import type { JsonObject, JsonValue } from '../../core/json.js';
import type { DataContext } from '../evaluate-types.js';
import { describeValue } from '../json-util.js';

/** One intrinsic function: evaluated argument values in, JSON out. Arity was checked at compile time. */
export type IntrinsicImpl = (args: readonly JsonValue[], data: DataContext) => JsonValue;

export class IntrinsicProblem extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'IntrinsicProblem';
  }
}

export function fail(problem: string): never {
  throw new IntrinsicProblem(problem);
}

/** The argument at `index` (0-based); null when absent, which the arity check already excludes. */
export function argAt(args: readonly JsonValue[], index: number): JsonValue {
  return args[index] ?? null;
}

function wrongType(index: number, expected: string, value: JsonValue): never {
  return fail(`argument ${index + 1} must be ${expected}, got ${describeValue(value)}`);
}

export function expectString(args: readonly JsonValue[], index: number): string {
  const value = argAt(args, index);
  return typeof value === 'string' ? value : wrongType(index, 'a string', value);
}

export function expectNumber(args: readonly JsonValue[], index: number): number {
  const value = argAt(args, index);
  return typeof value === 'number' ? value : wrongType(index, 'a number', value);
}

export function expectInteger(args: readonly JsonValue[], index: number): number {
  const value = argAt(args, index);
  return typeof value === 'number' && Number.isInteger(value) ? value : wrongType(index, 'an integer', value);
}

export function expectBoolean(args: readonly JsonValue[], index: number): boolean {
  const value = argAt(args, index);
  return typeof value === 'boolean' ? value : wrongType(index, 'a boolean', value);
}

export function expectArray(args: readonly JsonValue[], index: number): JsonValue[] {
  const value = argAt(args, index);
  return Array.isArray(value) ? value : wrongType(index, 'an array', value);
}

export function expectObject(args: readonly JsonValue[], index: number): JsonObject {
  const value = argAt(args, index);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : wrongType(index, 'an object', value);
}

/** AWS's input limit for Base64Encode/Decode and Hash (LIMITS.md). */
export const MAX_INPUT_CHARS = 10_000;

export function expectWithinLimit(text: string, what: string): string {
  if (text.length > MAX_INPUT_CHARS) {
    fail(`${what} has ${text.length} characters; the limit is ${MAX_INPUT_CHARS}`);
  }
  return text;
}
