// String intrinsics (INTRINSICS.md §2): States.Format and States.StringSplit.
import type { JsonValue } from '../../../core/json.js';
import { splitFormatTemplate } from '../format-template.js';
import { expectString, fail, type IntrinsicImpl } from '../failure.js';

/**
 * How States.Format shows a value: strings verbatim, numbers/booleans/null as in JSON, objects and
 * arrays the way Java's Map/List toString does (`{a=1, b=[x, y]}`), as AWS renders them
 * (recorded: `{"Arg1":1,"Arg2":[]}` → `{Arg1=1, Arg2=[]}`).
 */
export function formatValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return `{${Object.keys(value).map((key) => `${key}=${formatValue(value[key] as JsonValue)}`).join(', ')}}`;
}

/** Joins the literal pieces around the `{}` placeholders (from splitFormatTemplate) with the values. */
export function formatPieces(pieces: readonly string[], values: readonly JsonValue[], valueOffset: number): string {
  const placeholders = pieces.length - 1;
  const count = values.length - valueOffset;
  if (placeholders !== count) {
    fail(`the template has ${placeholders} '{}' placeholder${placeholders === 1 ? '' : 's'} but ${count} value${count === 1 ? '' : 's'} follow it`);
  }
  let out = pieces[0] ?? '';
  for (let i = 0; i < placeholders; i++) out += formatValue(values[valueOffset + i] as JsonValue) + (pieces[i + 1] ?? '');
  return out;
}

/**
 * States.Format with a template known only at run time (a path or a nested call). Its text gets
 * the same escapes as a literal (`\{`, `\}`, `\'`, `\\`); literal templates are split once at
 * compile time instead (see evaluate.ts).
 */
const format: IntrinsicImpl = (args) => formatPieces(splitFormatTemplate(expectString(args, 0)), args, 1);

/** Splits on every character of the delimiter string and drops empty pieces (AWS recordings). */
const stringSplit: IntrinsicImpl = (args) => {
  const text = expectString(args, 0);
  const delimiters = new Set(expectString(args, 1));
  const pieces: JsonValue[] = [];
  let current = '';
  for (const ch of text) {
    if (!delimiters.has(ch)) {
      current += ch;
    } else if (current !== '') {
      pieces.push(current);
      current = '';
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
};

export const STRING_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.Format': format,
  'States.StringSplit': stringSplit,
};
