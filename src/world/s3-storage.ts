// Where a local S3 bucket keeps its objects: in memory, or in a folder on disk. A folder bucket
// never reads or writes outside its folder: a key that resolves elsewhere ("../x") is refused.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { ServiceError } from '../integrations/backend.js';
import { md5Hex } from './context.js';

/** Where a folder bucket keeps the files of multipart uploads in progress (s3-uploads.ts); never listed as objects. */
export const UPLOADS_FOLDER = '.asl-uploads';

export interface StoredObject {
  readonly Key: string;
  readonly body: Buffer;
  readonly ContentType: string;
  readonly ETag: string;
  /** Epoch ms. */
  readonly LastModified: number;
}

/** What ListObjectsV2 and HeadObject tell of an object: all but its bytes. */
export interface ObjectHead {
  readonly Key: string;
  readonly ContentType: string;
  readonly ETag: string;
  /** Epoch ms. */
  readonly LastModified: number;
  readonly Size: number;
}

export interface ObjectMetadata {
  readonly ContentType?: string | undefined;
  readonly LastModified: number;
}

export interface BucketStorage {
  readonly folder: string | undefined;
  get(key: string): StoredObject | undefined;
  /** The object without its bytes: a folder bucket reads none of a file it has hashed before. */
  head(key: string): ObjectHead | undefined;
  /** The object's size in bytes, read from nothing but its file's metadata. */
  size(key: string): number | undefined;
  put(key: string, body: Buffer, metadata: ObjectMetadata): StoredObject;
  delete(key: string): void;
  /** Every key, sorted as S3 lists them (UTF-8 byte order). */
  keys(): string[];
  /** The object's bytes from `start` on (a GetObject Range "bytes=start-"), or undefined when there is no such object. */
  stream(key: string, start?: number): Readable | undefined;
  /** The file that holds `key` (folder buckets; the key itself in memory), refusing keys that leave the folder. */
  pathOf(key: string): string;
  /** Takes a finished multipart upload's file as the object at `key` (s3-uploads.ts; folder buckets move it into place). */
  adopt(key: string, file: string, metadata: ObjectMetadata): void;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = { json: 'application/json', csv: 'text/csv', txt: 'text/plain', jsonl: 'application/jsonl' };

function guessContentType(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'binary/octet-stream';
}

export function etagOf(body: Buffer): string {
  return `"${md5Hex(body)}"`;
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export class MemoryBucket implements BucketStorage {
  readonly folder = undefined;
  private readonly objects = new Map<string, StoredObject>();

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  size(key: string): number | undefined {
    return this.objects.get(key)?.body.length;
  }

  head(key: string): ObjectHead | undefined {
    const stored = this.objects.get(key);
    return stored && { Key: key, ContentType: stored.ContentType, ETag: stored.ETag, LastModified: stored.LastModified, Size: stored.body.length };
  }

  put(key: string, body: Buffer, metadata: ObjectMetadata): StoredObject {
    const stored: StoredObject = { Key: key, body, ContentType: metadata.ContentType ?? guessContentType(key), ETag: etagOf(body), LastModified: metadata.LastModified };
    this.objects.set(key, stored);
    return stored;
  }

  delete(key: string): void {
    this.objects.delete(key);
  }

  keys(): string[] {
    return [...this.objects.keys()].sort(byteOrder);
  }

  stream(key: string, start = 0): Readable | undefined {
    const stored = this.objects.get(key);
    return stored ? Readable.from([stored.body.subarray(start)]) : undefined;
  }

  pathOf(key: string): string {
    return key;
  }

  adopt(key: string, file: string, metadata: ObjectMetadata): void {
    this.put(key, readFileSync(file), metadata);
    rmSync(file, { force: true });
  }
}

export class FolderBucket implements BucketStorage {
  readonly folder: string;
  /** Content types and times of objects written through the world; files found on disk use their own. */
  private readonly metadata = new Map<string, ObjectMetadata>();
  /** ETags by key, with the size and time of the file they were computed from. */
  private readonly etags = new Map<string, { readonly stamp: string; readonly etag: string }>();

  constructor(folder: string) {
    this.folder = resolve(folder);
    mkdirSync(this.folder, { recursive: true });
  }

  /** The file for `key`, refusing keys that leave the folder. */
  pathOf(key: string): string {
    return this.path(key);
  }

  adopt(key: string, file: string, metadata: ObjectMetadata): void {
    const path = this.path(key);
    mkdirSync(dirname(path), { recursive: true });
    renameSync(file, path);
    this.metadata.set(key, metadata);
  }

  private path(key: string): string {
    const path = resolve(this.folder, key);
    if (key === '' || key.includes('\0') || !path.startsWith(this.folder + sep)) {
      throw new ServiceError('s3', 'InvalidArgument', `The key "${key}" leaves the bucket's folder ${this.folder}`, 400);
    }
    return path;
  }

  get(key: string): StoredObject | undefined {
    const path = this.path(key);
    const stat = fileStat(path);
    if (stat === undefined) return undefined;
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch (error) {
      // A file larger than a Buffer holds (over 2 GiB) has a head, but no body to hand out whole.
      throw new ServiceError('s3', 'InvalidRequest', `The object "${key}" (${stat.size} bytes, file ${path}) cannot be read whole: ${(error as Error).message}`, 400);
    }
    const known = this.metadata.get(key);
    return { Key: key, body, ContentType: known?.ContentType ?? guessContentType(key), ETag: this.etagOfFile(key, path, stat, body), LastModified: known?.LastModified ?? stat.mtimeMs };
  }

  head(key: string): ObjectHead | undefined {
    const path = this.path(key);
    const stat = fileStat(path);
    if (stat === undefined) return undefined;
    const known = this.metadata.get(key);
    return { Key: key, ContentType: known?.ContentType ?? guessContentType(key), ETag: this.etagOfFile(key, path, stat), LastModified: known?.LastModified ?? stat.mtimeMs, Size: stat.size };
  }

  /**
   * A file's ETag (the same for GetObject, HeadObject, ListObjectsV2 and PutObject's answer), kept
   * while the file keeps its size and time (a listing hashes each file once); `body`: its bytes, when read already.
   * Up to MD5_ETAG_MAX_BYTES it is the MD5 of the bytes, read a chunk at a time, as S3 gives for an
   * object put whole. A bigger file gets the form S3 gives an object uploaded in parts (the AWS CLI
   * uploads files over 8 MiB in 8 MiB parts): "<hex>-<parts>", here derived from the file's key,
   * size and time rather than its bytes, since hashing gigabytes on this machine takes ~6 s per GB.
   * It changes whenever the file does, which is what an ETag is for.
   */
  private etagOfFile(key: string, path: string, stat: Stats, body?: Buffer): string {
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const known = this.etags.get(key);
    if (known?.stamp === stamp) return known.etag;
    const etag =
      stat.size <= MD5_ETAG_MAX_BYTES
        ? body === undefined
          ? `"${md5OfFile(path)}"`
          : etagOf(body)
        : `"${createHash('md5').update(`${key}\0${stamp}`).digest('hex')}-${Math.ceil(stat.size / CLI_PART_BYTES)}"`;
    this.etags.set(key, { stamp, etag });
    return etag;
  }

  put(key: string, body: Buffer, metadata: ObjectMetadata): StoredObject {
    const path = this.path(key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
    this.metadata.set(key, metadata);
    return { Key: key, body, ContentType: metadata.ContentType ?? guessContentType(key), ETag: this.etagOfFile(key, path, statSync(path), body), LastModified: metadata.LastModified };
  }

  size(key: string): number | undefined {
    return fileStat(this.path(key))?.size;
  }

  delete(key: string): void {
    rmSync(this.path(key), { force: true });
    this.metadata.delete(key);
  }

  keys(): string[] {
    return readdirSync(this.folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(this.folder, resolve(entry.parentPath, entry.name)).split(sep).join('/'))
      // Uploads in progress (s3-uploads.ts) are not objects yet.
      .filter((key) => !key.startsWith(`${UPLOADS_FOLDER}/`))
      .sort(byteOrder);
  }

  stream(key: string, start = 0): Readable | undefined {
    const path = this.path(key);
    return fileStat(path) === undefined ? undefined : createReadStream(path, { start });
  }
}

/** The file's stats, or undefined when there is no file there. */
function fileStat(path: string): Stats | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

const HASH_CHUNK_BYTES = 1024 * 1024;
/** Files up to this size get the MD5 of their bytes as ETag (see FolderBucket.etagOfFile). */
const MD5_ETAG_MAX_BYTES = 16 * 1024 * 1024;
/** The AWS CLI's multipart chunk size, for the part count of a big file's ETag. */
const CLI_PART_BYTES = 8 * 1024 * 1024;

/** The MD5 of a file read a chunk at a time, so that its size does not matter. */
function md5OfFile(path: string): string {
  const hash = createHash('md5');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
