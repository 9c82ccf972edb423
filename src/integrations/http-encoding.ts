// The request side of the HTTP Task (arn:aws:states:::http:invoke): query strings, and request
// bodies under Transform.RequestBodyEncoding = URL_ENCODED with the array styles AWS names in
// RequestEncodingOptions.ArrayFormat:
//   INDICES (default)  a[0]=x&a[1]=y     REPEAT  a=x&a=y
//   COMMAS             a=x,y             BRACKETS  a[]=x&a[]=y
// Nested objects use the bracket form ("address[city]=Paris"), as form parsers expect.
import type { JsonObject, JsonValue } from '../core/json.js';

export const ARRAY_FORMATS = ['INDICES', 'REPEAT', 'COMMAS', 'BRACKETS'] as const;
export type ArrayFormat = (typeof ARRAY_FORMATS)[number];

/** The name=value pairs of a JSON object, flattened with the given array style. */
export function formPairs(value: JsonObject, arrayFormat: ArrayFormat): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [key, item] of Object.entries(value)) addPairs(pairs, key, item, arrayFormat);
  return pairs;
}

function addPairs(pairs: Array<[string, string]>, key: string, value: JsonValue, arrayFormat: ArrayFormat): void {
  if (value === null) {
    pairs.push([key, '']);
  } else if (Array.isArray(value)) {
    if (arrayFormat === 'COMMAS' && value.every((item) => typeof item !== 'object' || item === null)) {
      pairs.push([key, value.map(scalarText).join(',')]);
      return;
    }
    value.forEach((item, index) => addPairs(pairs, arrayKey(key, index, arrayFormat), item, arrayFormat));
  } else if (typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) addPairs(pairs, `${key}[${name}]`, item, arrayFormat);
  } else {
    pairs.push([key, scalarText(value)]);
  }
}

function arrayKey(key: string, index: number, arrayFormat: ArrayFormat): string {
  switch (arrayFormat) {
    case 'REPEAT':
      return key;
    case 'BRACKETS':
      return `${key}[]`;
    default:
      // INDICES, and COMMAS for arrays of objects (which cannot be joined by commas).
      return `${key}[${index}]`;
  }
}

function scalarText(value: JsonValue): string {
  return value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** application/x-www-form-urlencoded text of name=value pairs. */
export function formEncode(pairs: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, value])).toString();
}

/**
 * The URL with QueryParameters added to any query it already has. A parameter's value may be a
 * scalar or a list (the parameter repeats, as AWS sends multi-valued query parameters).
 */
export function withQuery(url: URL, query: JsonObject | undefined): URL {
  if (query === undefined) return url;
  const result = new URL(url.href);
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) result.searchParams.append(name, scalarText(item));
  }
  return result;
}
