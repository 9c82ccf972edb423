// Committing an Assign (VARIABLES.md §3, §6): every value was computed from the values at state
// entry; they are applied together, within AWS's size limits for variables.
import { AslError } from '../core/errors.js';
import type { JsonObject } from '../core/json.js';
import type { Runtime } from './frame.js';
import type { Thread } from './thread.js';
import { measuredBytes } from './value-limits.js';

const MAX_VARIABLE_BYTES = 262_144;
const MAX_ASSIGN_BYTES = 262_144;
const MAX_EXECUTION_VARIABLE_BYTES = 10 * 1_048_576;

function tooLarge(cause: string): AslError {
  return new AslError('States.DataLimitExceeded', cause, true);
}

export function commitAssign(rt: Runtime, frame: Thread, assigned: JsonObject | undefined): void {
  if (!assigned) return;
  const entries = Object.entries(assigned);
  let total = 0;
  const sizes = entries.map(([name, value]) => {
    // Measured without building its text (and refused when too deep or holding NaN/Infinity): an
    // Assign may name a value far larger than any variable may hold.
    const size = measuredBytes(value, MAX_VARIABLE_BYTES, `The value assigned to the variable '${name}'`);
    if (size > MAX_VARIABLE_BYTES) throw tooLarge(`The variable '${name}' is larger than ${MAX_VARIABLE_BYTES} bytes, the most a variable may hold.`);
    total += size;
    return size;
  });
  if (total > MAX_ASSIGN_BYTES) throw tooLarge(`The Assign field assigns ${total} bytes; one Assign may assign at most ${MAX_ASSIGN_BYTES} bytes in all.`);
  entries.forEach(([name, value], i) => {
    const previous = frame.variables.own(name);
    // A variable's value was measured in full when it was assigned, and its size cached.
    rt.variableBytes += (sizes[i] as number) - (previous === undefined ? 0 : measuredBytes(previous, Infinity, `The variable '${name}'`));
    frame.variables.set(name, value);
  });
  if (rt.variableBytes > MAX_EXECUTION_VARIABLE_BYTES) {
    throw tooLarge(`The execution's variables hold ${rt.variableBytes} bytes; an execution may store at most ${MAX_EXECUTION_VARIABLE_BYTES} bytes of variables.`);
  }
}
