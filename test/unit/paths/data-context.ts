// Builds the DataContext that compiled paths, expressions and templates read, for tests.
import type { JsonValue } from '../../../src/core/json.js';
import { SeededRandom } from '../../../src/core/random.js';
import type { DataContext } from '../../../src/paths/evaluate-types.js';

export interface DataOptions {
  readonly context?: JsonValue;
  readonly variables?: Readonly<Record<string, JsonValue>>;
  readonly seed?: number;
}

export function dataContext(input: JsonValue, options: DataOptions = {}): DataContext {
  const variables = options.variables ?? {};
  return {
    input,
    context: options.context ?? {},
    variable: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined),
    random: new SeededRandom(options.seed ?? 42),
  };
}
