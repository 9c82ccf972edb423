// The items in an S3 object's text, by ReaderConfig.InputType (ASL.md §7.8): a JSON array (or the
// array/object an ItemsPointer names), JSON Lines, or CSV rows. JSONL and CSV are read record by
// record and stop at MaxItems, so only the items kept are ever parsed.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonValue } from '../core/json.js';
import { checkHeaders, csvItem, csvRecords } from './map-reader-csv.js';

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

/** `where` names the object in causes: s3://bucket/key. */
export function parseItems(text: string, settings: ParseSettings, where: string): JsonValue[] {
  switch (settings.inputType) {
    case 'JSON':
      return jsonItems(text, settings, where);
    case 'JSONL':
      return jsonLinesItems(text, settings.maxItems, where);
    case 'CSV':
      return csvItems(text, settings, where);
    default:
      throw readerFailed(`ReaderConfig.InputType ${settings.inputType} is not supported by asl-engine yet; use JSON, JSONL or CSV.`);
  }
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

function jsonLinesItems(text: string, maxItems: number, where: string): JsonValue[] {
  const items: JsonValue[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length && items.length < maxItems) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    line++;
    const body = text.slice(start, end).trim();
    start = end + 1;
    if (body === '') continue;
    try {
      items.push(JSON.parse(body) as JsonValue);
    } catch (error) {
      throw readerFailed(`The JSONL file ${where} is malformed at line ${line}: ${(error as Error).message}`);
    }
  }
  return items;
}

function csvItems(text: string, settings: ParseSettings, where: string): JsonValue[] {
  const records = csvRecords(text, settings.delimiter, where);
  let headers: readonly string[];
  if (settings.csvHeaderLocation === 'GIVEN') {
    if (settings.csvHeaders === undefined) throw readerFailed('ReaderConfig.CSVHeaders must be an array of strings when CSVHeaderLocation is GIVEN.');
    headers = settings.csvHeaders;
  } else {
    const first = records.next();
    if (first.done === true) return [];
    headers = first.value.fields;
  }
  checkHeaders(headers);
  const items: JsonValue[] = [];
  if (settings.maxItems <= 0) return items;
  for (const record of records) {
    items.push(csvItem(headers, record.fields));
    if (items.length >= settings.maxItems) break;
  }
  return items;
}
