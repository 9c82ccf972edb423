// JSON intrinsics (INTRINSICS.md §2): States.StringToJson, States.JsonToString, States.JsonMerge.
import type { JsonValue } from '../../../core/json.js';
import { argAt, expectBoolean, expectObject, expectString, fail, type IntrinsicImpl } from '../failure.js';

const BLANK = /^[ \t\n\r]*$/;

/** Recorded: "" and blank strings give null, "-0" gives 0; anything else must be valid JSON. */
const stringToJson: IntrinsicImpl = (args) => {
  const text = expectString(args, 0);
  if (BLANK.test(text)) return null;
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (error) {
    return fail(`the string is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parsed === 0 ? 0 : parsed; // JSON.parse('-0') is -0
};

/** Compact JSON, no whitespace (recorded). */
const jsonToString: IntrinsicImpl = (args) => JSON.stringify(argAt(args, 0));

/**
 * Shallow merge: the second object's keys win, nested objects are replaced, not merged. Key order
 * is the first object's keys, then the second's new keys (recorded) — exactly what spread does.
 */
const jsonMerge: IntrinsicImpl = (args) => {
  const first = expectObject(args, 0);
  const second = expectObject(args, 1);
  if (expectBoolean(args, 2)) fail('only a shallow merge is supported: the third argument must be false');
  return { ...first, ...second };
};

export const JSON_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.StringToJson': stringToJson,
  'States.JsonToString': jsonToString,
  'States.JsonMerge': jsonMerge,
};
