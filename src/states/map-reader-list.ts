// s3:listObjectsV2 as an ItemReader (ASL.md §7.8): each object under the prefix as an item, page by
// page (a page is at most 1,000 keys, so a listing of millions is never held whole); with
// ReaderConfig.Transformation LOAD_AND_FLATTEN, each listed object is read by ReaderConfig.InputType
// instead and its items follow one another, object after object, in the listing's order.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { parseRfc3339 } from '../core/timestamp.js';
import type { StateContext } from './context.js';
import { ConcatCursor, type ItemCursor } from './map-reader-cursor.js';
import type { ParseSettings } from './map-reader-parse.js';
import { callS3, LIST_OBJECTS, objectUrl, openObjectItems } from './map-reader-s3.js';

/** Each object under the prefix as AWS hands it to a child: {Etag, Key, LastModified (epoch seconds), Size, StorageClass}. */
export class ListingCursor implements ItemCursor {
  private page: JsonValue[] = [];
  private at = 0;
  private token: string | undefined;
  private ended = false;
  private first = true;

  constructor(
    private readonly request: JsonObject,
    private readonly ctx: StateContext,
  ) {}

  take(): JsonValue | undefined {
    return this.at < this.page.length ? this.page[this.at++] : undefined;
  }

  async fill(): Promise<boolean> {
    while (this.at >= this.page.length) {
      if (this.ended) return false;
      await this.nextPage();
    }
    return true;
  }

  close(): void {
    this.ended = true;
    this.page = [];
  }

  private async nextPage(): Promise<void> {
    const request = this.first ? this.request : { ...this.request, ContinuationToken: this.token ?? '' };
    this.first = false;
    const response = await callS3(LIST_OBJECTS, request, this.ctx);
    const contents = Array.isArray(response['Contents']) ? response['Contents'] : [];
    this.page = contents.filter(isJsonObject).map(listedItem);
    this.at = 0;
    const token = response['NextContinuationToken'];
    this.token = typeof token === 'string' ? token : undefined;
    if (response['IsTruncated'] !== true || this.token === undefined) this.ended = true;
  }
}

function listedItem(object: JsonObject): JsonValue {
  return { Etag: object['ETag'] ?? null, Key: object['Key'] ?? null, LastModified: epochSeconds(object['LastModified']), Size: object['Size'] ?? null, StorageClass: object['StorageClass'] ?? 'STANDARD' };
}

function epochSeconds(value: JsonValue | undefined): JsonValue {
  if (typeof value === 'number') return value;
  const ms = typeof value === 'string' ? parseRfc3339(value) : undefined;
  return ms === undefined || Number.isNaN(ms) ? (value ?? null) : Math.floor(ms / 1000);
}

/**
 * LOAD_AND_FLATTEN: the items of every listed object, read one object at a time. A key ending in
 * "/" (the zero-byte "folder" the S3 console creates) holds no data and is skipped (an assumption:
 * AWS's documentation does not say).
 */
export function flattenedListing(request: JsonObject, settings: ParseSettings, ctx: StateContext): ItemCursor {
  const listing = new ListingCursor(request, ctx);
  const bucket = request['Bucket'] ?? null;
  return new ConcatCursor(async () => {
    for (;;) {
      let listed = listing.take();
      if (listed === undefined) {
        if (!(await listing.fill())) return undefined;
        listed = listing.take();
      }
      const key = isJsonObject(listed) ? listed['Key'] : undefined;
      if (typeof key !== 'string' || key.endsWith('/')) continue;
      const object = { Bucket: bucket, Key: key };
      return openObjectItems(object, settings, ctx, objectUrl(object));
    }
  });
}
