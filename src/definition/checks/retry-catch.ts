// ERRORS.md / VALIDATION.md check 12: States.ALL must be alone in its ErrorEquals and may appear
// only in the last retrier or catcher (anything after it could never match).
import { isJsonObject } from '../../core/json.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

const LISTS = ['Retry', 'Catch'] as const;

export function checkRetryCatch(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    for (let l = 0; l < LISTS.length; l++) {
      const field = LISTS[l] as (typeof LISTS)[number];
      const list = node.raw[field];
      if (!Array.isArray(list)) continue;
      const noun = field === 'Retry' ? 'retrier' : 'catcher';
      list.forEach((entry, i) => {
        if (!isJsonObject(entry) || !Array.isArray(entry['ErrorEquals'])) return;
        const names = entry['ErrorEquals'];
        if (!names.includes('States.ALL')) return;
        const pointer = `${node.pointer}/${field}/${i}/ErrorEquals`;
        if (names.length > 1) {
          out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `"States.ALL" must appear alone in ErrorEquals; move the other error names to an earlier ${noun}.`));
        }
        if (i !== list.length - 1) {
          out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `"States.ALL" may only appear in the last ${noun}; ${noun}s after it can never match.`));
        }
      });
    }
  }
  return out;
}
