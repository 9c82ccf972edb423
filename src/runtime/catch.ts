// Pure Catch decision (ERRORS.md §5): the first catcher whose ErrorEquals matches.
import { errorMatches } from '../core/errors.js';
import type { CompiledCatcher } from '../definition/compiled.js';

export function findCatcher(catchers: readonly CompiledCatcher[], errorName: string): CompiledCatcher | undefined {
  return catchers.find((catcher) => errorMatches(catcher.errorEquals, errorName));
}
