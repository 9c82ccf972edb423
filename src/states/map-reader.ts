// A Distributed Map's ItemReader (ASL.md §7.8): evaluates the reader's request on the Map's input
// and opens the items it names: the S3 object (s3:getObject: JSON, JSONL, CSV, or an S3 Inventory
// MANIFEST), or the listing (s3:listObjectsV2, optionally LOAD_AND_FLATTEN), through the machine's
// S3 backend — the local world, or real S3 with the aws backend. JSONL, CSV, a JSON array and
// listings are read as they arrive, never whole. Failures are States.ItemReaderFailed, with AWS's causes where recorded.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledItemReader } from '../definition/compiled-map-reader.js';
import type { StateContext } from './context.js';
import { CSV_DELIMITERS } from './map-reader-csv.js';
import { type ItemCursor, LimitedCursor } from './map-reader-cursor.js';
import { flattenedListing, ListingCursor } from './map-reader-list.js';
import { manifestItems } from './map-reader-manifest.js';
import { type ParseSettings, readerFailed } from './map-reader-parse.js';
import { OBJECT_INPUT_TYPES, openObjectItems } from './map-reader-s3.js';
import { display, readInteger } from './map-settings.js';

/** AWS's ceiling for MaxItems; 0 means "no limit", which is this ceiling (recorded: 0 and 100000001 read every row). */
const MAX_ITEMS = 100_000_000;

/** A reader's items, which a Map may open more than once (to count them, then to run them). */
export interface ItemFeed {
  /** The items from the first, at most MaxItems of them. */
  open(): Promise<ItemCursor>;
}

/** Evaluates the reader (request, ReaderConfig, MaxItems) once; opening reads S3. */
export async function openItemFeed(reader: CompiledItemReader, input: JsonValue, ctx: StateContext): Promise<ItemFeed> {
  const request = await readerRequest(reader, input, ctx);
  const config = reader.jsonataConfig ? await ctx.evaluateJsonata(reader.jsonataConfig, 'ItemReader/ReaderConfig') : reader.config;
  if (!isJsonObject(config)) throw readerFailed('ReaderConfig must be an object.');
  const maxItems = await readMaxItems(reader, config, input, ctx);
  const limited = (open: () => Promise<ItemCursor>): ItemFeed => ({ open: async () => new LimitedCursor(await open(), maxItems) });
  if (reader.action === 'listObjectsV2') {
    if (config['Transformation'] !== 'LOAD_AND_FLATTEN') return limited(() => Promise.resolve(new ListingCursor(request, ctx)));
    const settings = parseSettings(config, maxItems);
    return limited(() => Promise.resolve(flattenedListing(request, settings, ctx)));
  }
  const settings = parseSettings(config, maxItems);
  if (settings.inputType === 'MANIFEST') return limited(() => manifestItems(request, ctx));
  return limited(() => openObjectItems(request, settings, ctx));
}

async function readerRequest(reader: CompiledItemReader, input: JsonValue, ctx: StateContext): Promise<JsonObject> {
  const request = reader.arguments
    ? await ctx.evaluateJsonata(reader.arguments, 'ItemReader/Arguments')
    : (reader.parameters?.evaluate(ctx.data(input)) ?? {});
  if (!isJsonObject(request)) throw readerFailed(`The ItemReader's ${reader.arguments ? 'Arguments' : 'Parameters'} must be an object, not ${JSON.stringify(request)}.`);
  return request;
}

/** MaxItems (static, JSONata, or MaxItemsPath), as AWS reads it: negative fails, 0 and too much mean the ceiling. */
async function readMaxItems(reader: CompiledItemReader, config: JsonObject, input: JsonValue, ctx: StateContext): Promise<number> {
  let value: JsonValue | undefined = config['MaxItems'];
  if (reader.maxItemsPath) {
    value = reader.maxItemsPath.select(ctx.data(input));
    if (readInteger(value) === undefined) {
      throw readerFailed(`The MaxItemsPath field refers to value "${display(value)}" which is not a valid integer: ${reader.maxItemsPath.text}`);
    }
  }
  if (value === undefined) return MAX_ITEMS;
  const limit = readInteger(value);
  if (limit === undefined) throw readerFailed(`field MaxItems must be an integer, not ${JSON.stringify(value)}`);
  if (limit < 0) throw readerFailed('field MaxItems must be positive');
  return limit === 0 ? MAX_ITEMS : Math.min(limit, MAX_ITEMS);
}

function parseSettings(config: JsonObject, maxItems: number): ParseSettings {
  const inputType = typeof config['InputType'] === 'string' ? config['InputType'] : 'JSON';
  if (!OBJECT_INPUT_TYPES.has(inputType) && inputType !== 'MANIFEST') {
    throw readerFailed(`ReaderConfig.InputType ${inputType} is not supported by asl-engine yet; use JSON, JSONL, CSV or MANIFEST.`);
  }
  const delimiterName = typeof config['CSVDelimiter'] === 'string' ? config['CSVDelimiter'] : 'COMMA';
  const delimiter = CSV_DELIMITERS[delimiterName];
  if (delimiter === undefined) throw readerFailed(`ReaderConfig.CSVDelimiter must be one of ${Object.keys(CSV_DELIMITERS).join(', ')}, not ${delimiterName}.`);
  const headers = config['CSVHeaders'];
  const pointer = config['ItemsPointer'];
  return {
    inputType,
    maxItems,
    csvHeaderLocation: typeof config['CSVHeaderLocation'] === 'string' ? config['CSVHeaderLocation'] : 'FIRST_ROW',
    csvHeaders: Array.isArray(headers) && headers.every((h) => typeof h === 'string') ? (headers as string[]) : undefined,
    delimiter,
    itemsPointer: typeof pointer === 'string' ? pointer : undefined,
  };
}
