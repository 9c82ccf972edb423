// The items of a JSON document read from S3 (ASL.md §7.8): the array, or the array/object an
// ItemsPointer names. JSON Lines and CSV are parsed as they stream in (map-reader-records.ts).
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonValue } from '../core/json.js';

export interface ParseSettings {
  readonly inputType: string;
  /** At most this many items (MaxItems, 0 already read as AWS's maximum). */
  readonly maxItems: number;
  /** FIRST_ROW (default) or GIVEN. */
  readonly csvHeaderLocation: string;
  readonly csvHeaders: readonly string[] | undefined;
  readonly delimiter: string;
  /** JSON: a JSON Pointer (RFC 6901) to the array inside the file; "" or absent: the whole file. */
  readonly itemsPointer: string | undefined;
}

export function readerFailed(cause: string): AslError {
  return new AslError('States.ItemReaderFailed', cause);
}

/** The JSON document's items, at most MaxItems; `where` names the object in causes: s3://bucket/key. */
export function parseItems(text: string, settings: ParseSettings, where: string): JsonValue[] {
  return jsonItems(text, settings, where);
}

function jsonItems(text: string, settings: ParseSettings, where: string): JsonValue[] {
  let document: JsonValue;
  try {
    document = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw readerFailed(`The JSON file ${where} is not valid JSON: ${(error as Error).message}`);
  }
  const node = settings.itemsPointer ? pointTo(document, settings.itemsPointer) : document;
  if (node === undefined) throw readerFailed('The provided ReaderConfig.ItemsPointer does not match any valid path in the JSON structure.');
  if (Array.isArray(node)) return node.length > settings.maxItems ? node.slice(0, settings.maxItems) : node;
  // A JSON object is iterated entry by entry, each as {"Key", "Value"} (Map over objects, 2025).
  if (isJsonObject(node)) return Object.keys(node).slice(0, settings.maxItems).map((key) => ({ Key: key, Value: node[key] as JsonValue }));
  throw readerFailed('Attempting to map over non-iterable node.');
}

/** RFC 6901: "/a/0/b", with ~1 for "/" and ~0 for "~" in a segment. */
function pointTo(document: JsonValue, pointer: string): JsonValue | undefined {
  if (!pointer.startsWith('/')) return undefined;
  let node: JsonValue | undefined = document;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(segment)) node = node[Number(segment)];
    else if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}
