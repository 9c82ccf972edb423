// Committing an Assign (VARIABLES.md §3, §6): every value was computed from the values at state
// entry; they are applied together, within AWS's size limits for variables.
import { AslError } from '../core/errors.js';
import type { JsonObject } from '../core/json.js';
import type { Frame, Runtime } from './frame.js';
import { payloadBytes, unsoundness } from './value-limits.js';

const MAX_VARIABLE_BYTES = 262_144;
const MAX_ASSIGN_BYTES = 262_144;
const MAX_EXECUTION_VARIABLE_BYTES = 10 * 1_048_576;

function tooLarge(cause: string): AslError {
  return new AslError('States.DataLimitExceeded', cause, true);
}

export function commitAssign(rt: Runtime, frame: Frame, assigned: JsonObject | undefined): void {
  if (!assigned) return;
  const entries = Object.entries(assigned);
  let total = 0;
  const sizes = entries.map(([name, value]) => {
    // Checked before measuring: JSON.stringify would overflow on a deep value and write NaN as null.
    const problem = unsoundness(value);
    if (problem !== undefined) throw AslError.runtime(`The value assigned to the variable '${name}' ${problem}.`);
    const size = payloadBytes(value);
    if (size > MAX_VARIABLE_BYTES) throw tooLarge(`The variable '${name}' is ${size} bytes; a variable may hold at most ${MAX_VARIABLE_BYTES} bytes.`);
    total += size;
    return size;
  });
  if (total > MAX_ASSIGN_BYTES) throw tooLarge(`The Assign field assigns ${total} bytes; one Assign may assign at most ${MAX_ASSIGN_BYTES} bytes in all.`);
  entries.forEach(([name, value], i) => {
    const previous = frame.variables.own(name);
    rt.variableBytes += (sizes[i] as number) - (previous === undefined ? 0 : payloadBytes(previous));
    frame.variables.set(name, value);
  });
  if (rt.variableBytes > MAX_EXECUTION_VARIABLE_BYTES) {
    throw tooLarge(`The execution's variables hold ${rt.variableBytes} bytes; an execution may store at most ${MAX_EXECUTION_VARIABLE_BYTES} bytes of variables.`);
  }
}
