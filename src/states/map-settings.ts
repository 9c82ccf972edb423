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

function display(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function maxConcurrency(state: CompiledMap, data: DataContext): number {
  if (!state.maxConcurrencyPath) return state.maxConcurrency;
  const value = state.maxConcurrencyPath.select(data);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw AslError.runtime(`The MaxConcurrencyPath field refers to value "${display(value)}" which is not a valid integer: ${state.maxConcurrencyPath.text}`);
  }
  return value;
}

export function tolerance(state: CompiledMap, data: DataContext): Tolerance {
  let count = state.toleratedFailureCount;
  let percentage = state.toleratedFailurePercentage;
  if (state.toleratedFailureCountPath) {
    const value = state.toleratedFailureCountPath.select(data);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw AslError.runtime(`The ToleratedFailureCountPath field refers to value "${display(value)}" which is not a valid integer: ${state.toleratedFailureCountPath.text}`);
    }
    count = value;
  }
  if (state.toleratedFailurePercentagePath) {
    const value = state.toleratedFailurePercentagePath.select(data);
    if (typeof value !== 'number') {
      throw AslError.runtime(`The ToleratedFailurePercentagePath field refers to value "${display(value)}" which is not a valid number: ${state.toleratedFailurePercentagePath.text}`);
    }
    percentage = value;
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
