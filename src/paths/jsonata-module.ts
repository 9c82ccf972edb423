// The jsonata package costs about 40 ms to import and most definitions never use it, so it is
// loaded on first use (a synchronous require keeps compile and validate synchronous).
import { createRequire } from 'node:module';
import type jsonataType from 'jsonata';
import { LinearRegExp } from './jsonata-regex.js';

const requireModule = createRequire(import.meta.url);
let loaded: typeof jsonataType | undefined;

/** Compiles a JSONata expression whose /regex/ literals run on RE2 (see jsonata-regex.ts). */
export type JsonataCompiler = (expression: string) => jsonataType.Expression;

// jsonata.d.ts types the option as a RegExp, but JSONata calls it as a constructor. JSONata keeps
// the engine in one global that every compile resets, so every compile must pass it.
const OPTIONS = { RegexEngine: LinearRegExp as unknown as RegExp };

function compileWithLinearRegex(expression: string): jsonataType.Expression {
  return (loaded ??= requireModule('jsonata') as typeof jsonataType)(expression, OPTIONS);
}

export function loadJsonata(): JsonataCompiler {
  return compileWithLinearRegex;
}

/**
 * Puts the RE2 engine back before an evaluation: JSONata reads the global when a /regex/ is
 * evaluated, and any other `jsonata(...)` call in the process (a Lambda handler's own, a test's)
 * resets it to RegExp.
 */
export function useLinearRegex(): void {
  const module = loaded as (typeof jsonataType & { RegexEngine?: unknown }) | undefined;
  if (module !== undefined && module.RegexEngine !== LinearRegExp) module.RegexEngine = LinearRegExp;
}
