// ReaderConfig.InputType MANIFEST: an S3 Inventory report as a Distributed Map's items. The
// ItemReader names the report's manifest.json; its `files` list the inventory's data files (CSV,
// gzip-compressed as S3 Inventory writes them) and `fileSchema` names their columns. Each row of
// each file, in the manifest's order, becomes one item keyed by those columns, values as text
// ({"Bucket": "...", "Key": "...", "Size": "3399671", ...}), as AWS's documentation shows them.
// Unconfirmed against AWS and so chosen here: data files are read from the manifest's
// `destinationBucket` (arn:aws:s3:::name, the bucket S3 Inventory writes to), or the manifest's own
// bucket without one; keys stay as the file has them (S3 Inventory URL-encodes them); only the CSV
// fileFormat is read (ORC and Parquet reports fail with States.ItemReaderFailed).
import type { BodyStream } from '../core/body-stream.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { StateContext } from './context.js';
import { ConcatCursor, type ItemCursor, StreamCursor } from './map-reader-cursor.js';
import { readerFailed } from './map-reader-parse.js';
import { CsvParser } from './map-reader-records.js';
import { objectUrl, openObject, readObjectText } from './map-reader-s3.js';

interface InventoryManifest {
  readonly bucket: string;
  readonly columns: readonly string[];
  readonly keys: readonly string[];
}

/** The items of the inventory report whose manifest `request` names ({Bucket, Key}). */
export async function manifestItems(request: JsonObject, ctx: StateContext): Promise<ItemCursor> {
  const where = objectUrl(request);
  const manifest = readManifest(await readObjectText(request, ctx, `The manifest ${where} could not be read`), where, String(request['Bucket']));
  let next = 0;
  return new ConcatCursor(async () => {
    const key = manifest.keys[next++];
    if (key === undefined) return undefined;
    const file = { Bucket: manifest.bucket, Key: key };
    const place = objectUrl(file);
    const { body: stream } = await openObject(file, ctx, `The data file ${place} listed in the manifest ${where} could not be read`);
    const parser = new CsvParser(place, { delimiter: ',', headerLocation: 'GIVEN', headers: manifest.columns });
    return new StreamCursor(gunzipped(stream), parser, place, ctx.signal);
  });
}

function readManifest(text: string, where: string, ownBucket: string): InventoryManifest {
  let document: JsonValue;
  try {
    document = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw readerFailed(`The manifest ${where} is not valid JSON: ${(error as Error).message}`);
  }
  const notInventory = (what: string): Error => readerFailed(`The manifest ${where} is not an S3 Inventory manifest: ${what}.`);
  if (!isJsonObject(document)) throw notInventory('it is not a JSON object');
  const files = document['files'];
  if (!Array.isArray(files)) throw notInventory('it has no "files" list');
  const format = document['fileFormat'] ?? 'CSV';
  if (typeof format !== 'string' || format.toUpperCase() !== 'CSV') throw readerFailed(`The manifest ${where} lists ${String(format)} files; asl-engine reads CSV inventory reports only.`);
  const schema = document['fileSchema'];
  if (typeof schema !== 'string' || schema.trim() === '') throw notInventory('it has no "fileSchema"');
  const keys = files.map((file) => (isJsonObject(file) && typeof file['key'] === 'string' ? file['key'] : undefined));
  if (keys.some((key) => key === undefined)) throw notInventory('an entry of "files" has no "key"');
  const destination = document['destinationBucket'];
  const bucket = typeof destination === 'string' && destination !== '' ? destination.replace(/^arn:[^:]*:s3:::/, '') : ownBucket;
  return { bucket, columns: schema.split(',').map((column) => column.trim()), keys: keys as string[] };
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** The bytes of a gzip-compressed stream uncompressed (recognised by its first two bytes); any other stream as it is. */
async function* gunzipped(stream: BodyStream): AsyncGenerator<Uint8Array | string> {
  const chunks = stream[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done === true) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array | string> = { [Symbol.asyncIterator]: () => chunks };
  if (typeof head === 'string' || head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    yield head;
    yield* rest;
    return;
  }
  const compressed = (async function* (): AsyncGenerator<Uint8Array | string> {
    yield head;
    yield* rest;
  })();
  // Loaded here, not at startup: most machines never read an inventory.
  const [{ Readable, pipeline }, { createGunzip }] = await Promise.all([import('node:stream'), import('node:zlib')]);
  // pipeline ends both streams when either fails or the reader stops early.
  yield* pipeline(Readable.from(compressed), createGunzip(), () => undefined) as AsyncIterable<Uint8Array>;
}
