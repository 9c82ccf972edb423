/**
 * Compiled ".$" values and Fail ErrorPath/CausePath (ASL.md §4): a path on the input (`$...`),
 * the context object (`$$...`) or a variable (`$name...`), or an intrinsic function call.
 */
import type { CompiledExpression, DataContext } from './evaluate-types.js';
import type { JsonValue } from '../core/json.js';
import { compileIntrinsic } from './intrinsics/evaluate.js';
import { parseIntrinsic } from './intrinsics/parse.js';
import { compilePath, missingFieldPath } from './jsonpath.js';
import { isPathLike } from './path-syntax.js';

/**
 * Compiles text the validator accepted. Throws a plain Error for text that is neither a valid path
 * nor a valid intrinsic call.
 */
export function compileExpression(text: string): CompiledExpression {
  if (isPathLike(text)) {
    const path = compilePath(text);
    return {
      text,
      readsContext: path.readsContext === true,
      readsVariables: path.readsVariables === true,
      evaluate: (data: DataContext, field: string): JsonValue => {
        const value = path.find(data);
        if (value === undefined) throw missingFieldPath(text, field, data.input);
        return value;
      },
    };
  }
  const parsed = parseIntrinsic(text);
  if (!parsed.ok) throw new Error(`cannot compile expression: ${parsed.message}`);
  const { evaluate, readsContext, readsVariables } = compileIntrinsic(parsed.call);
  return { text, readsContext, readsVariables, evaluate };
}
