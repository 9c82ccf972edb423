// Where a local S3 bucket keeps its objects: in memory, or in a folder on disk. A folder bucket
// never reads or writes outside its folder: a key that resolves elsewhere ("../x") is refused.
import { createReadStream, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

export interface ObjectMetadata {
  readonly ContentType?: string | undefined;
  readonly LastModified: number;
}

export interface BucketStorage {
  readonly folder: string | undefined;
  get(key: string): StoredObject | undefined;
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
    let body: Buffer;
    try {
      if (!statSync(path).isFile()) return undefined;
      body = readFileSync(path);
    } catch {
      return undefined;
    }
    const known = this.metadata.get(key);
    return { Key: key, body, ContentType: known?.ContentType ?? guessContentType(key), ETag: etagOf(body), LastModified: known?.LastModified ?? statSync(path).mtimeMs };
  }

  put(key: string, body: Buffer, metadata: ObjectMetadata): StoredObject {
    const path = this.path(key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
    this.metadata.set(key, metadata);
    return { Key: key, body, ContentType: metadata.ContentType ?? guessContentType(key), ETag: etagOf(body), LastModified: metadata.LastModified };
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
    try {
      if (!statSync(path).isFile()) return undefined;
    } catch {
      return undefined;
    }
    return createReadStream(path, { start });
  }
}
