/**
 * The `=~` operator of JSONPath filters (`[?(@.name =~ /ann.+/i)]`) as Jayway, AWS's JSONPath
 * library, runs it: the regex must match the whole text (Java's Matcher.matches), an array matches
 * when any item does, and numbers and booleans are matched as their text. The regex comes from the
 * definition and the text from the data, so it runs on RE2 semantics (jsonata-regex.ts): linear
 * time in the text, whatever the pattern.
 */
import type { RE2JS } from 're2js';
import type { JsonValue } from '../core/json.js';
import { compileLinear, linearRegexProblem } from './jsonata-regex.js';

const FLAGS = /^[imsu]*$/;

/** The compiled regex, or why it cannot run (a message for the filter's syntax error). */
export function compileFilterRegex(body: string, flags: string): RE2JS | string {
  if (!FLAGS.test(flags)) return `unsupported regex flags '${flags}'`;
  let regex: RegExp;
  try {
    regex = new RegExp(body, flags);
  } catch {
    return `invalid regex /${body}/`;
  }
  return linearRegexProblem(regex) ?? compileLinear(regex);
}

/** Whether `value` (undefined when the filter path names nothing) matches, as Jayway decides. */
export function regexMatches(regex: RE2JS, value: JsonValue | undefined): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((item) => regex.matches(regexInput(item)));
  return regex.matches(regexInput(value));
}

/** The text Jayway matches: numbers and booleans as text, any other value as "". */
function regexInput(value: JsonValue): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
