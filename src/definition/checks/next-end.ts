// ASL.md §2: Pass, Task, Wait, Parallel and Map have exactly one of Next or "End": true;
// Choice, Succeed and Fail have neither (their schemas reject the fields outright).
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

const TRANSITIONING = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);

export function checkNextOrEnd(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    if (!node.type || !TRANSITIONING.has(node.type)) continue;
    const hasNext = node.raw['Next'] !== undefined;
    const end = node.raw['End'];
    if (hasNext && end === true) {
      out.push(error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/End`, `State "${node.name}" has both Next and "End": true; keep one.`));
    } else if (!hasNext && end !== true) {
      out.push(
        error(
          'SCHEMA_VALIDATION_FAILED',
          node.pointer,
          `${node.type} state "${node.name}" needs either "Next": "<state>" or "End": true.`,
        ),
      );
    }
  }
  return out;
}
