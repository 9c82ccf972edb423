// Local Amazon S3: buckets in memory or over a folder, the object calls Step Functions machines
// make (Get/Put/Head/Delete/ListObjectsV2), and a streaming read for Distributed Map item readers.
import type { Readable } from 'node:stream';
import { withBodyStream } from '../core/body-stream.js';
import type { JsonObject } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import type { LocalService, WorldContext } from './context.js';
import { isoTime, unsupportedAction } from './context.js';
import type { Fail } from './input.js';
import { optionalNumber, optionalString, requireString } from './input.js';
import type { BucketStorage, StoredObject } from './s3-storage.js';
import { FolderBucket, MemoryBucket } from './s3-storage.js';
import { MultipartUploads } from './s3-uploads.js';

const invalid: Fail = (message) => new ServiceError('s3', 'InvalidArgument', message);
/** S3 encrypts every object at rest (SSE-S3) since January 2023, and says so in each response. */
const SSE = 'AES256';

export interface Bucket {
  readonly name: string;
  readonly createdAt: number;
  readonly storage: BucketStorage;
}

export class S3Service implements LocalService {
  private readonly buckets = new Map<string, Bucket>();
  /** Multipart uploads in progress (a ResultWriter's streamed writes). */
  private readonly uploads = new MultipartUploads((name) => this.bucket(name), () => this.context.clock.now());

  constructor(private readonly context: WorldContext) {}

  call(action: string, input: JsonObject): JsonObject {
    switch (action) {
      case 'CreateBucket': this.createBucket(requireString(input, 'Bucket', invalid), undefined, true); return { Location: `/${String(input.Bucket)}` };
      case 'DeleteBucket': return this.deleteBucket(requireString(input, 'Bucket', invalid));
      case 'HeadBucket': this.bucket(requireString(input, 'Bucket', invalid)); return {};
      case 'ListBuckets': return this.listBuckets();
      case 'PutObject': return this.putObject(input);
      case 'GetObject': return this.getObject(input, true);
      case 'HeadObject': return this.getObject(input, false);
      case 'DeleteObject': this.bucketOf(input).storage.delete(requireString(input, 'Key', invalid)); return {};
      case 'ListObjectsV2': return this.listObjects(input);
      case 'CopyObject': return this.copyObject(input);
      case 'DeleteObjects': return this.deleteObjects(input);
      default: {
        const answer = this.uploads.call(action, input);
        if (answer === undefined) throw unsupportedAction('s3', action);
        return answer;
      }
    }
  }

  createBucket(name: string, folder: string | undefined, strict = false): Bucket {
    const existing = this.buckets.get(name);
    if (existing) {
      if (strict) throw new ServiceError('s3', 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
      return existing;
    }
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) throw new ServiceError('s3', 'InvalidBucketName', 'The specified bucket is not valid.', 400);
    const bucket: Bucket = { name, createdAt: this.context.clock.now(), storage: folder === undefined ? new MemoryBucket() : new FolderBucket(folder) };
    this.buckets.set(name, bucket);
    return bucket;
  }

  bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new ServiceError('s3', 'NoSuchBucket', 'The specified bucket does not exist', 404);
    return bucket;
  }

  all(): Bucket[] {
    return [...this.buckets.values()];
  }

  put(bucket: string, key: string, body: Buffer, contentType?: string): StoredObject {
    return this.bucket(bucket).storage.put(key, body, { ContentType: contentType, LastModified: this.context.clock.now() });
  }

  /**
   * GetObject with the body as a stream, never read whole (ServiceBackend.callStreaming, for item
   * readers over large objects): the response less Body, the stream attached. It carries no ETag
   * or ContentLength, which would need the whole body; item readers read only the body.
   */
  getObjectStreaming(input: JsonObject): JsonObject {
    // An item reader whose stream broke goes on from where it was: Range "bytes=N-" (no other form).
    const range = /^bytes=(\d+)-$/.exec(optionalString(input, 'Range', invalid) ?? '');
    const stream = this.openObjectStream(requireString(input, 'Bucket', invalid), requireString(input, 'Key', invalid), range ? Number(range[1]) : 0);
    return withBodyStream({ AcceptRanges: 'bytes', Metadata: {}, ServerSideEncryption: SSE }, stream);
  }

  /** The object's bytes from `start` on as a Node stream (for item readers over large objects). */
  openObjectStream(bucket: string, key: string, start = 0): Readable {
    const stream = this.bucket(bucket).storage.stream(key, start);
    if (!stream) throw noSuchKey();
    return stream;
  }

  private bucketOf(input: JsonObject): Bucket {
    return this.bucket(requireString(input, 'Bucket', invalid));
  }

  private deleteBucket(name: string): JsonObject {
    const bucket = this.bucket(name);
    if (bucket.storage.keys().length > 0) throw new ServiceError('s3', 'BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
    this.buckets.delete(name);
    return {};
  }

  private listBuckets(): JsonObject {
    return {
      Buckets: this.all().map((bucket) => ({ Name: bucket.name, CreationDate: isoTime(bucket.createdAt) })),
      Owner: { DisplayName: 'local', ID: this.context.accountId },
    };
  }

  private putObject(input: JsonObject): JsonObject {
    const bucket = this.bucketOf(input);
    const key = requireString(input, 'Key', invalid);
    const raw = input.Body ?? '';
    const body = Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
    const stored = bucket.storage.put(key, body, { ContentType: optionalString(input, 'ContentType', invalid), LastModified: this.context.clock.now() });
    return { ETag: stored.ETag, ServerSideEncryption: SSE };
  }

  /** CopySource is "bucket/key" (URL-encoded, optionally with a leading slash). */
  private copyObject(input: JsonObject): JsonObject {
    const target = this.bucketOf(input);
    const source = decodeURIComponent(requireString(input, 'CopySource', invalid).replace(/^\//, ''));
    const slash = source.indexOf('/');
    if (slash <= 0) throw invalid('Invalid copy source object key');
    const stored = this.bucket(source.slice(0, slash)).storage.get(source.slice(slash + 1));
    if (!stored) throw noSuchKey();
    const contentType = input.MetadataDirective === 'REPLACE' ? optionalString(input, 'ContentType', invalid) : stored.ContentType;
    const copy = target.storage.put(requireString(input, 'Key', invalid), stored.body, { ContentType: contentType, LastModified: this.context.clock.now() });
    return { CopyObjectResult: { ETag: copy.ETag, LastModified: isoTime(copy.LastModified) }, ServerSideEncryption: SSE };
  }

  private deleteObjects(input: JsonObject): JsonObject {
    const bucket = this.bucketOf(input);
    const request = input.Delete;
    const objects = isJsonObject(request) && Array.isArray(request.Objects) ? request.Objects : [];
    const deleted = objects.filter(isJsonObject).map((object) => {
      const key = requireString(object, 'Key', invalid);
      bucket.storage.delete(key);
      return { Key: key };
    });
    return isJsonObject(request) && request.Quiet === true ? {} : { Deleted: deleted };
  }

  private getObject(input: JsonObject, withBody: boolean): JsonObject {
    const storage = this.bucketOf(input).storage;
    const key = requireString(input, 'Key', invalid);
    // HeadObject reads no bytes: a folder bucket's file may be larger than memory.
    const stored = withBody ? storage.get(key) : storage.head(key);
    if (!stored) throw withBody ? noSuchKey() : new ServiceError('s3', 'NotFound', 'Not Found', 404);
    const out: JsonObject = {
      AcceptRanges: 'bytes',
      LastModified: isoTime(stored.LastModified),
      ContentLength: 'body' in stored ? stored.body.length : stored.Size,
      ETag: stored.ETag,
      ContentType: stored.ContentType,
      Metadata: {},
      ServerSideEncryption: SSE,
    };
    if ('body' in stored) out.Body = stored.body.toString('utf8');
    return out;
  }

  private listObjects(input: JsonObject): JsonObject {
    const bucket = this.bucketOf(input);
    const prefix = optionalString(input, 'Prefix', invalid) ?? '';
    const delimiter = optionalString(input, 'Delimiter', invalid);
    const maxKeys = optionalNumber(input, 'MaxKeys', invalid) ?? 1000;
    const token = optionalString(input, 'ContinuationToken', invalid);
    const after = token !== undefined ? Buffer.from(token, 'base64').toString('utf8') : (optionalString(input, 'StartAfter', invalid) ?? '');
    const contents: JsonObject[] = [];
    const commonPrefixes: string[] = [];
    let last = '';
    let lastWasPrefix = false;
    let truncated = false;
    for (const key of bucket.storage.keys()) {
      if (!key.startsWith(prefix) || (after !== '' && Buffer.compare(Buffer.from(key), Buffer.from(after)) <= 0)) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      const common = cut >= 0 ? key.slice(0, cut + (delimiter as string).length) : undefined;
      if (common !== undefined && commonPrefixes.includes(common)) continue;
      if (contents.length + commonPrefixes.length >= maxKeys) {
        truncated = true;
        break;
      }
      last = common ?? key;
      lastWasPrefix = common !== undefined;
      if (common !== undefined) {
        commonPrefixes.push(common);
        continue;
      }
      // A file removed since keys() was read is not listed.
      const head = bucket.storage.head(key);
      if (head !== undefined) contents.push({ Key: key, LastModified: isoTime(head.LastModified), ETag: head.ETag, Size: head.Size, StorageClass: 'STANDARD' });
    }
    const out: JsonObject = { IsTruncated: truncated, Name: bucket.name, Prefix: prefix, MaxKeys: maxKeys, KeyCount: contents.length + commonPrefixes.length };
    if (contents.length > 0) out.Contents = contents;
    if (delimiter !== undefined) out.Delimiter = delimiter;
    if (commonPrefixes.length > 0) out.CommonPrefixes = commonPrefixes.map((common) => ({ Prefix: common }));
    if (token !== undefined) out.ContinuationToken = token;
    // A common prefix resumes after everything it groups: the token points past its last key.
    if (truncated) out.NextContinuationToken = Buffer.from(lastWasPrefix ? `${last}\u{10ffff}` : last).toString('base64');
    return out;
  }
}

function noSuchKey(): ServiceError {
  return new ServiceError('s3', 'NoSuchKey', 'The specified key does not exist.', 404);
}
