// Compiled paths, ResultPaths and ".$" expressions by text, for one compileDefinition call.
// Definitions repeat the same few texts ("$", "$.result", "$$.Execution.Id"...) across many
// states. A compiled path is an immutable closure over its parsed text, so states can share one
// instead of each parsing and compiling its own: on a 1,000-state definition that was most of the
// compiler's allocation, and half of the first compile's time went to collecting it.
import type { JsonValue } from '../core/json.js';
import type { CompiledExpression, CompiledPath, CompiledResultPath, CompiledTemplate } from '../paths/evaluate-types.js';
import { compileExpression } from '../paths/expression.js';
import { compilePath } from '../paths/jsonpath.js';
import { compileTemplate } from '../paths/payload-template.js';
import { compileResultPath } from '../paths/reference-path.js';

export class CompileCache {
  private readonly paths = new Map<string, CompiledPath>();
  private readonly resultPaths = new Map<string, CompiledResultPath>();
  private readonly expressions = new Map<string, CompiledExpression>();
  private readonly compileValue = (text: string): CompiledExpression => this.expression(text);

  path(text: string): CompiledPath {
    return cached(this.paths, text, compilePath);
  }

  resultPath(text: string): CompiledResultPath {
    return cached(this.resultPaths, text, compileResultPath);
  }

  expression(text: string): CompiledExpression {
    return cached(this.expressions, text, compileExpression);
  }

  /** A payload template whose ".$" values come from this cache (the template itself is per state). */
  template(value: JsonValue): CompiledTemplate {
    return compileTemplate(value, this.compileValue);
  }
}

/** A text that fails to compile throws each time, as without the cache. */
function cached<T>(cache: Map<string, T>, text: string, compile: (text: string) => T): T {
  let value = cache.get(text);
  if (value === undefined) {
    value = compile(text);
    cache.set(text, value);
  }
  return value;
}
