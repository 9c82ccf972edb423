// How an ItemReader reaches S3: through the aws-sdk integration, so the same S3 API answers on
// either backend (the local world, real S3 with the aws backend) and mocks answer it too. An object
// read for JSONL or CSV is asked for as a stream (core/body-stream.ts): a backend that can stream
// hands its bytes over as they arrive; one that cannot (a mock) gives the whole Body, read as one chunk.
import { type BodyStream, bodyStreamOf, requestingBodyStream } from '../core/body-stream.js';
import { AslError, isCancellation } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { StateContext } from './context.js';
import { ArrayCursor, type ItemCursor, StreamCursor } from './map-reader-cursor.js';
import { type ParseSettings, parseItems, readerFailed } from './map-reader-parse.js';
import { arrayAhead, JsonArrayParser } from './map-reader-json.js';
import { CsvParser, JsonLinesParser, type RecordParser } from './map-reader-records.js';

export const GET_OBJECT = 'arn:aws:states:::aws-sdk:s3:getObject';
export const LIST_OBJECTS = 'arn:aws:states:::aws-sdk:s3:listObjectsV2';

/** The InputTypes read from one object. */
export const OBJECT_INPUT_TYPES: ReadonlySet<string> = new Set(['JSON', 'JSONL', 'CSV']);

/** s3://bucket/key, as causes name an object. */
export function objectUrl(request: JsonObject): string {
  return `s3://${String(request['Bucket'])}/${String(request['Key'])}`;
}

/**
 * One S3 call through the aws-sdk integration. S3's own failure (NoSuchKey, NoSuchBucket, access
 * denied) becomes States.ItemReaderFailed carrying S3's error and message, after `place` when
 * given; a Step Functions error (no backend serves S3: States.Runtime naming the ways out) and a
 * cancellation pass as they are.
 */
export async function callS3(arn: string, request: JsonObject, ctx: StateContext, place?: string): Promise<JsonObject> {
  let response: JsonValue;
  try {
    response = await ctx.invoke(ctx.resource(arn), request, ctx.signal);
  } catch (error) {
    if (isCancellation(error) || !(error instanceof AslError) || error.error.startsWith('States.')) throw error;
    throw readerFailed(`${place === undefined ? '' : `${place}: `}${error.error}: ${error.cause ?? ''}`);
  }
  if (!isJsonObject(response)) throw readerFailed(`S3 answered ${arn.slice(arn.lastIndexOf(':') + 1)} with ${JSON.stringify(response)}.`);
  return response;
}

/** An object's bytes: `streamed` when they arrive as read, else (a backend that cannot stream) its Body text as one piece. */
export interface OpenedObject {
  readonly body: BodyStream;
  readonly streamed: boolean;
}

export async function openObject(request: JsonObject, ctx: StateContext, place?: string): Promise<OpenedObject> {
  const response = await callS3(GET_OBJECT, requestingBodyStream({ ...request }), ctx, place);
  const stream = bodyStreamOf(response);
  if (stream !== undefined) return { body: stream, streamed: true };
  const body = response['Body'];
  return { body: oneChunk(typeof body === 'string' ? body : ''), streamed: false };
}

/** The object's whole text (a JSON document is parsed whole). */
export async function readObjectText(request: JsonObject, ctx: StateContext, place?: string): Promise<string> {
  const body = (await callS3(GET_OBJECT, request, ctx, place))['Body'];
  return typeof body === 'string' ? body : '';
}

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

/** The record parser for a streamed InputType (JSONL, CSV). */
export function recordParser(settings: ParseSettings, where: string): RecordParser {
  if (settings.inputType === 'JSONL') return new JsonLinesParser(where);
  return new CsvParser(where, { delimiter: settings.delimiter, headerLocation: settings.csvHeaderLocation, headers: settings.csvHeaders });
}

/**
 * The items of one object by InputType: JSONL and CSV streamed record by record, a JSON document
 * that is one array streamed element by element; any other JSON document (an object, an
 * ItemsPointer into one) read whole, since it must be complete to find the items.
 */
export async function openObjectItems(request: JsonObject, settings: ParseSettings, ctx: StateContext, place?: string): Promise<ItemCursor> {
  const where = objectUrl(request);
  // A streamed object that breaks is opened again from where it broke (map-reader-cursor.ts).
  const reopen = async (offset: number): Promise<BodyStream> => (await openObject({ ...request, Range: `bytes=${offset}-` }, ctx, place)).body;
  if (settings.inputType === 'JSON') {
    let text: string;
    if (settings.itemsPointer === undefined || settings.itemsPointer === '') {
      const opened = await openObject(request, ctx, place);
      const ahead = await failingAs(where, () => arrayAhead(opened.body));
      // One array, the file itself: its elements are streamed (map-reader-json.ts).
      if (ahead.array) return new StreamCursor(ahead.stream, new JsonArrayParser(where), where, ctx.signal, opened.streamed ? reopen : undefined);
      text = await failingAs(where, () => readAll(ahead.stream));
    } else {
      text = await readObjectText(request, ctx, place);
    }
    return new ArrayCursor(placed(() => parseItems(text, settings, where), where, place !== undefined));
  }
  const parser = recordParser(settings, where);
  const opened = await openObject(request, ctx, place);
  return new StreamCursor(opened.body, parser, where, ctx.signal, opened.streamed ? reopen : undefined);
}

/** Runs `parse`; with `named`, a failure that does not say which object it is about says so. */
function placed<T>(parse: () => T, where: string, named: boolean): T {
  try {
    return parse();
  } catch (error) {
    if (!named || !(error instanceof AslError) || (error.cause ?? '').includes(where)) throw error;
    throw readerFailed(`${where}: ${error.cause ?? ''}`);
  }
}

async function readAll(stream: BodyStream): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** Runs a read; a broken stream fails as States.ItemReaderFailed naming the object (a cancellation passes). */
async function failingAs<T>(where: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isCancellation(error) || error instanceof AslError) throw error;
    throw readerFailed(`Reading ${where} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
