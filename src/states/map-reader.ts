// A Distributed Map's ItemReader (ASL.md §7.8): evaluates the reader's request on the Map's input,
// reads the S3 object (s3:getObject) or the listing (s3:listObjectsV2) through the machine's S3
// backend — the local world, or real S3 with the aws backend — and returns the items. Failures are
// States.ItemReaderFailed, with AWS's causes where recorded.
import { AslError, isCancellation } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { parseRfc3339 } from '../core/timestamp.js';
import type { CompiledItemReader } from '../definition/compiled-map-reader.js';
import type { StateContext } from './context.js';
import { CSV_DELIMITERS } from './map-reader-csv.js';
import { type ParseSettings, parseItems, readerFailed } from './map-reader-parse.js';
import { display, readInteger } from './map-settings.js';

/** AWS's ceiling for MaxItems; 0 means "no limit", which is this ceiling (recorded: 0 and 100000001 read every row). */
const MAX_ITEMS = 100_000_000;

/** Both go through the aws-sdk integration: the same S3 API on either backend. */
const GET_OBJECT = 'arn:aws:states:::aws-sdk:s3:getObject';
const LIST_OBJECTS = 'arn:aws:states:::aws-sdk:s3:listObjectsV2';

export async function readItems(reader: CompiledItemReader, input: JsonValue, ctx: StateContext): Promise<JsonValue[]> {
  const request = await readerRequest(reader, input, ctx);
  const config = reader.jsonataConfig ? await ctx.evaluateJsonata(reader.jsonataConfig, 'ItemReader/ReaderConfig') : reader.config;
  if (!isJsonObject(config)) throw readerFailed('ReaderConfig must be an object.');
  const maxItems = await readMaxItems(reader, config, input, ctx);
  if (reader.action === 'listObjectsV2') {
    if (config['Transformation'] === 'LOAD_AND_FLATTEN') throw readerFailed('ReaderConfig.Transformation LOAD_AND_FLATTEN is not supported by asl-engine yet.');
    return listObjects(request, maxItems, ctx);
  }
  const settings = parseSettings(config, maxItems);
  const where = `s3://${String(request['Bucket'])}/${String(request['Key'])}`;
  const response = await callS3(GET_OBJECT, request, ctx);
  const body = response['Body'];
  return parseItems(typeof body === 'string' ? body : '', settings, where);
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

/** Each object under the prefix as AWS hands it to a child: {Etag, Key, LastModified (epoch seconds), Size, StorageClass}. */
async function listObjects(request: JsonObject, maxItems: number, ctx: StateContext): Promise<JsonValue[]> {
  const items: JsonValue[] = [];
  let page: JsonObject = request;
  for (;;) {
    const response = await callS3(LIST_OBJECTS, page, ctx);
    const contents = Array.isArray(response['Contents']) ? response['Contents'] : [];
    for (const object of contents) {
      if (!isJsonObject(object)) continue;
      items.push({ Etag: object['ETag'] ?? null, Key: object['Key'] ?? null, LastModified: epochSeconds(object['LastModified']), Size: object['Size'] ?? null, StorageClass: object['StorageClass'] ?? 'STANDARD' });
      if (items.length >= maxItems) return items;
    }
    const token = response['NextContinuationToken'];
    if (response['IsTruncated'] !== true || typeof token !== 'string') return items;
    page = { ...request, ContinuationToken: token };
  }
}

function epochSeconds(value: JsonValue | undefined): JsonValue {
  if (typeof value === 'number') return value;
  const ms = typeof value === 'string' ? parseRfc3339(value) : undefined;
  return ms === undefined || Number.isNaN(ms) ? (value ?? null) : Math.floor(ms / 1000);
}

/**
 * One S3 call through the aws-sdk integration. S3's own failure (NoSuchKey, NoSuchBucket, access
 * denied) becomes States.ItemReaderFailed carrying S3's error and message; a Step Functions error
 * (no backend serves S3: States.Runtime naming the ways out) and a cancellation pass as they are.
 */
async function callS3(arn: string, request: JsonObject, ctx: StateContext): Promise<JsonObject> {
  let response: JsonValue;
  try {
    response = await ctx.invoke(ctx.resource(arn), request, ctx.signal);
  } catch (error) {
    if (isCancellation(error) || !(error instanceof AslError) || error.error.startsWith('States.')) throw error;
    throw readerFailed(`${error.error}: ${error.cause ?? ''}`);
  }
  if (!isJsonObject(response)) throw readerFailed(`S3 answered ${arn.slice(arn.lastIndexOf(':') + 1)} with ${JSON.stringify(response)}.`);
  return response;
}
