// ASL.md §1: state names are 1-80 characters and unique across the whole definition,
// including Parallel branches and Map processors (AWS rejects duplicates anywhere).
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

export const MAX_STATE_NAME_LENGTH = 80;

export function checkStateNames(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const firstSeen = new Map<string, string>();
  for (let i = 0; i < model.states.length; i++) {
    const node = model.states[i] as StateNode;
    // 1 to 80 UTF-16 units is 1 to 80 code points: count code points (spreading the name into an
    // array, which was most of this check's time) only when the UTF-16 length is out of range.
    const length = node.name.length === 0 || node.name.length > MAX_STATE_NAME_LENGTH ? [...node.name].length : undefined;
    if (length !== undefined && (length === 0 || length > MAX_STATE_NAME_LENGTH)) {
      out.push(
        error(
          'INVALID_STATE_NAME',
          node.pointer,
          `State name "${node.name.slice(0, 40)}${length > 40 ? '…' : ''}" is ${length} characters long; ` +
            `state names must be 1 to ${MAX_STATE_NAME_LENGTH} characters.`,
        ),
      );
    }
    const previous = firstSeen.get(node.name);
    if (previous !== undefined) {
      out.push(
        error(
          'DUPLICATE_STATE_NAME',
          node.pointer,
          `State name "${node.name}" is already used at ${previous}; state names must be unique in the whole definition, including branches and item processors.`,
        ),
      );
    } else {
      firstSeen.set(node.name, node.pointer);
    }
  }
  return out;
}
