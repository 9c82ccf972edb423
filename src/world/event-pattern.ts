// EventBridge event patterns (also SNS filter policies, which use the same language): a pattern is
// an object whose leaves are lists of matchers; every field must match, and a field matches when
// any of its values (an array field offers each element) meets any matcher. Supported: exact values,
// prefix, suffix, equals-ignore-case, wildcard, anything-but (value, list, prefix, suffix), numeric
// ranges, exists, $or and nested objects (EventBridge User Guide, "Event patterns").
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';

/** Why a pattern is malformed, or undefined when it can be used. */
export function patternProblem(pattern: JsonValue): string | undefined {
  if (!isJsonObject(pattern)) return 'Event pattern is not a JSON object';
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) return '$or needs a list of at least two patterns';
      const inner = value.map(patternProblem).find((problem) => problem !== undefined);
      if (inner) return inner;
    } else if (isJsonObject(value)) {
      const inner = patternProblem(value);
      if (inner) return inner;
    } else if (!Array.isArray(value)) {
      return `Match value must be String, number, true, false, or null at field ${key}`;
    }
  }
  return undefined;
}

export function matchesPattern(pattern: JsonObject, event: JsonValue | undefined): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      const options = Array.isArray(expected) ? expected : [];
      if (!options.some((option) => isJsonObject(option) && matchesPattern(option, event))) return false;
      continue;
    }
    const actual = isJsonObject(event) ? event[key] : undefined;
    if (isJsonObject(expected)) {
      const candidates = Array.isArray(actual) ? actual : [actual];
      if (!candidates.some((candidate) => isJsonObject(candidate) && matchesPattern(expected, candidate))) return false;
    } else if (!matchesLeaf(Array.isArray(expected) ? expected : [expected], actual)) {
      return false;
    }
  }
  return true;
}

function matchesLeaf(matchers: JsonValue[], actual: JsonValue | undefined): boolean {
  if (actual === undefined) return matchers.some((matcher) => isJsonObject(matcher) && matcher.exists === false);
  const values = Array.isArray(actual) ? actual : [actual];
  return matchers.some((matcher) => {
    if (isJsonObject(matcher) && 'exists' in matcher) return matcher.exists === true && !isJsonObject(actual);
    return values.some((value) => matchesOne(matcher, value));
  });
}

function matchesOne(matcher: JsonValue, value: JsonValue): boolean {
  if (!isJsonObject(matcher)) return sameValue(matcher, value);
  const [operator, argument] = Object.entries(matcher)[0] ?? ['', null];
  switch (operator) {
    case 'prefix': return typeof value === 'string' && textTest(argument, value, (text, wanted) => text.startsWith(wanted));
    case 'suffix': return typeof value === 'string' && textTest(argument, value, (text, wanted) => text.endsWith(wanted));
    case 'equals-ignore-case': return typeof value === 'string' && typeof argument === 'string' && value.toLowerCase() === argument.toLowerCase();
    case 'wildcard': return typeof value === 'string' && typeof argument === 'string' && wildcard(argument).test(value);
    case 'numeric': return typeof value === 'number' && Array.isArray(argument) && numeric(argument, value);
    case 'anything-but': return anythingBut(argument, value);
    default: return false;
  }
}

function sameValue(matcher: JsonValue, value: JsonValue): boolean {
  if (typeof matcher === 'number' && typeof value === 'number') return matcher === value;
  return matcher === value;
}

/** prefix/suffix take a string, or {"equals-ignore-case": string} for a case-insensitive test. */
function textTest(argument: JsonValue | undefined, value: string, test: (text: string, wanted: string) => boolean): boolean {
  if (typeof argument === 'string') return test(value, argument);
  if (isJsonObject(argument) && typeof argument['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), argument['equals-ignore-case'].toLowerCase());
  }
  return false;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

function numeric(conditions: JsonValue[], value: number): boolean {
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const bound = conditions[i + 1];
    if (typeof bound !== 'number') return false;
    switch (conditions[i]) {
      case '=': if (!(value === bound)) return false; break;
      case '<': if (!(value < bound)) return false; break;
      case '<=': if (!(value <= bound)) return false; break;
      case '>': if (!(value > bound)) return false; break;
      case '>=': if (!(value >= bound)) return false; break;
      default: return false;
    }
  }
  return true;
}

function anythingBut(argument: JsonValue | undefined, value: JsonValue): boolean {
  if (argument === undefined) return false;
  if (Array.isArray(argument)) return !argument.some((excluded) => sameValue(excluded, value));
  if (isJsonObject(argument)) return !matchesOne(argument, value);
  return !sameValue(argument, value);
}
