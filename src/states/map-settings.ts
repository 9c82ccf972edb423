// Map settings that may come from the input: MaxConcurrency(Path) and ToleratedFailure*(Path),
// with the States.Runtime causes AWS gives for unusable values (ERRORS.md §2).
import { AslError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap } from '../definition/compiled.js';
import type { DataContext } from '../paths/evaluate-types.js';

export interface Tolerance {
  readonly count: number | undefined;
  readonly percentage: number | undefined;
}

export function display(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A *Path value read as AWS reads it: a JSON number, or a string holding one (`"1"`, as AWS
 * accepts). Integers must be exact (a safe integer); anything else is undefined.
 */
export function readInteger(value: JsonValue): number | undefined {
  const number = typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? (number === 0 ? 0 : number) : undefined;
}

function readNumber(value: JsonValue): number | undefined {
  const number = typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

export function notValid(field: string, value: JsonValue, kind: string, path: string): AslError {
  return AslError.runtime(`The ${field} field refers to value "${display(value)}" which is not a valid ${kind}: ${path}`);
}

export function maxConcurrency(state: CompiledMap, data: DataContext): number {
  const path = state.maxConcurrencyPath;
  if (!path) return state.maxConcurrency;
  const value = path.select(data);
  const limit = readInteger(value);
  if (limit === undefined) throw notValid('MaxConcurrencyPath', value, 'integer', path.text);
  if (limit < 0) throw AslError.runtime(`The MaxConcurrencyPath field refers to value "${display(value)}" which is negative; MaxConcurrency must be 0 (no limit) or more: ${path.text}`);
  return limit;
}

export function tolerance(state: CompiledMap, data: DataContext): Tolerance {
  let count = state.toleratedFailureCount;
  let percentage = state.toleratedFailurePercentage;
  if (state.toleratedFailureCountPath) {
    const value = state.toleratedFailureCountPath.select(data);
    count = readInteger(value);
    if (count === undefined) throw notValid('ToleratedFailureCountPath', value, 'integer', state.toleratedFailureCountPath.text);
  }
  if (state.toleratedFailurePercentagePath) {
    const value = state.toleratedFailurePercentagePath.select(data);
    percentage = readNumber(value);
    if (percentage === undefined) throw notValid('ToleratedFailurePercentagePath', value, 'number', state.toleratedFailurePercentagePath.text);
  }
  if (count !== undefined && count < 0) throw AslError.runtime('ToleratedFailureCount cannot be negative.');
  if (percentage !== undefined && (percentage < 0 || percentage > 100)) throw AslError.runtime('ToleratedFailurePercentage must be between 0 and 100.');
  return { count, percentage };
}

/** Whether `failures` out of `total` items exceed the thresholds (either one suffices). */
export function exceeds(tolerance: Tolerance, failures: number, total: number): boolean {
  const count = tolerance.count ?? (tolerance.percentage === undefined ? 0 : Infinity);
  const percentage = tolerance.percentage ?? 100;
  return failures > count || (total > 0 && (failures * 100) / total > percentage);
}

export function thresholdExceeded(): AslError {
  return new AslError('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded', false);
}
