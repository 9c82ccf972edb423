// VALIDATION.md: AWS warns (PASS_RESULT_IS_STATIC) when a Pass Result holds a path, because
// Result is never evaluated; Parameters is the field that evaluates ".$" keys.
import { isJsonObject } from '../../core/json.js';
import { looksLikeIntrinsic } from '../../paths/intrinsics/parse.js';
import { type Diagnostic, escapePointerSegment as escape, warning } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';
import { walkObjects } from './sites.js';

export function checkPassResult(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    const result = node.raw['Result'];
    if (node.type !== 'Pass' || !isJsonObject(result)) continue;
    walkObjects(result, `${node.pointer}/Result`, (object, pointer) => {
      for (const [key, value] of Object.entries(object)) {
        if (key.endsWith('.$') && typeof value === 'string' && (value.startsWith('$') || looksLikeIntrinsic(value))) {
          out.push(
            warning('PASS_RESULT_IS_STATIC', `${pointer}/${escape(key)}`, `Result of Pass "${node.name}" is static: "${key}" is not evaluated; use Parameters to build a value from the input.`),
          );
        }
      }
    });
  }
  return out;
}
