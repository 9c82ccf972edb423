// What integration code throws, as an ASL error (ARCHITECTURE.md 1.6, habit 4): used by the
// registry for every integration, and by the built-in ones that settle their own calls.
import { AslError } from '../core/errors.js';

/**
 * Converts anything thrown by integration code into an AslError:
 * - an AslError passes through unchanged;
 * - an Error becomes error = its `name`, cause = its `message`. "Error" is kept as is rather than
 *   renamed: AWS reports a Node.js function's plain `throw new Error()` under errorType "Error"
 *   (INTEGRATIONS.md §2.3), and the recorded Python functions' errors arrive under their own
 *   errorType ("Exception", "CustomException"), which is their `name` here;
 * - any other thrown value becomes States.TaskFailed with the value's text as the cause.
 */
export function toAslError(thrown: unknown): AslError {
  if (thrown instanceof AslError) return thrown;
  if (thrown instanceof Error) return new AslError(thrown.name === '' ? 'Error' : thrown.name, thrown.message);
  return new AslError('States.TaskFailed', describe(thrown));
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
