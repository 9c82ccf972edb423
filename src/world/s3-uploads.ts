// Local S3 multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload): the streamed write a Distributed Map's ResultWriter uses, the same calls
// on the local world and on real S3. A folder bucket writes each part straight into a file under
// the folder's `.asl-uploads/` (hidden from listings) and moves it into place on completion, so an
// upload never holds more than one part in memory; a memory bucket keeps the parts until then.
// A folder bucket's upload survives a restart of the process: beside its file, `<upload id>.json`
// records the key and the parts, and an upload id the world does not know is looked up there (a
// durable execution resumed after a crash goes on with the upload its snapshot names).
// Local simplification: parts come in order (1, 2, 3 …); sending a part number again replaces that
// part and drops the ones after it (what a resumed writer does when it goes back to its last
// checkpoint), where real S3 would keep the later ones too.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonObject } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import { md5Hex } from './context.js';
import type { Fail } from './input.js';
import { optionalString, requireString } from './input.js';
import { type BucketStorage, type ObjectMetadata, UPLOADS_FOLDER } from './s3-storage.js';

const invalid: Fail = (message) => new ServiceError('s3', 'InvalidArgument', message);


interface Part {
  readonly number: number;
  readonly etag: string;
  readonly size: number;
}

interface Upload {
  readonly bucket: string;
  readonly key: string;
  readonly storage: BucketStorage;
  readonly contentType: string | undefined;
  readonly parts: Part[];
  /** A folder bucket: the file the parts go into, and its descriptor. */
  readonly file: { readonly path: string; readonly fd: number } | undefined;
  /** A memory bucket: the parts' bytes. */
  readonly chunks: Buffer[];
}

export class MultipartUploads {
  private readonly uploads = new Map<string, Upload>();
  private created = 0;

  constructor(
    private readonly bucketOf: (name: string) => { readonly storage: BucketStorage },
    private readonly now: () => number,
  ) {}

  call(action: string, input: JsonObject): JsonObject | undefined {
    switch (action) {
      case 'CreateMultipartUpload': return this.create(input);
      case 'UploadPart': return this.uploadPart(input);
      case 'CompleteMultipartUpload': return this.complete(input);
      case 'AbortMultipartUpload': this.abort(input); return {};
      default: return undefined;
    }
  }

  private create(input: JsonObject): JsonObject {
    const bucket = requireString(input, 'Bucket', invalid);
    const key = requireString(input, 'Key', invalid);
    const { storage } = this.bucketOf(bucket);
    // Ids derive from a counter, not the world's random stream: writing results leaves every other id as it was.
    const uploadId = md5Hex(`${bucket}\0${key}\0${this.now()}\0${++this.created}`);
    let file: Upload['file'];
    if (storage.folder !== undefined) {
      storage.pathOf(key); // refuses a key that leaves the folder before anything is written
      const path = join(storage.folder, UPLOADS_FOLDER, uploadId);
      mkdirSync(dirname(path), { recursive: true });
      file = { path, fd: openSync(path, 'w') };
    }
    const upload: Upload = { bucket, key, storage, contentType: optionalString(input, 'ContentType', invalid), parts: [], file, chunks: [] };
    this.uploads.set(uploadId, upload);
    record(upload);
    return { Bucket: bucket, Key: key, UploadId: uploadId, ServerSideEncryption: 'AES256' };
  }

  private uploadPart(input: JsonObject): JsonObject {
    const upload = this.upload(input);
    const number = input['PartNumber'];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 10_000) throw invalid('Part number must be an integer between 1 and 10000, inclusive');
    if (number > upload.parts.length + 1) throw new ServiceError('s3', 'InvalidPartOrder', `The local world takes a multipart upload's parts in order: part ${upload.parts.length + 1} comes next, not ${number}.`);
    const raw = input['Body'] ?? '';
    const body = Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
    // Sent again: this part replaces the one of that number, and the ones after it go.
    const dropped = upload.parts.splice(number - 1);
    upload.chunks.splice(number - 1);
    const offset = upload.parts.reduce((sum, part) => sum + part.size, 0);
    if (upload.file) {
      if (dropped.length > 0) ftruncateSync(upload.file.fd, offset);
      writeSync(upload.file.fd, body, 0, body.length, offset);
    } else {
      upload.chunks.push(body);
    }
    const etag = `"${md5Hex(body)}"`;
    upload.parts.push({ number, etag, size: body.length });
    record(upload);
    return { ETag: etag, ServerSideEncryption: 'AES256' };
  }

  private complete(input: JsonObject): JsonObject {
    const upload = this.upload(input);
    const listed = isJsonObject(input['MultipartUpload']) ? input['MultipartUpload']['Parts'] : undefined;
    const parts = Array.isArray(listed) ? listed.filter(isJsonObject) : [];
    if (parts.length === 0) throw new ServiceError('s3', 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (parts.length !== upload.parts.length || parts.some((part, i) => part['PartNumber'] !== upload.parts[i]?.number || part['ETag'] !== upload.parts[i]?.etag)) {
      throw new ServiceError('s3', 'InvalidPart', 'One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part\'s entity tag.');
    }
    this.uploads.delete(String(input['UploadId']));
    const metadata: ObjectMetadata = { ContentType: upload.contentType, LastModified: this.now() };
    if (upload.file) {
      closeSync(upload.file.fd);
      rmSync(`${upload.file.path}.json`, { force: true });
      upload.storage.adopt(upload.key, upload.file.path, metadata);
    } else {
      upload.storage.put(upload.key, Buffer.concat(upload.chunks), metadata);
    }
    // S3's multipart ETag: the MD5 of the parts' MD5s, and the number of parts.
    const etag = `"${md5Hex(Buffer.from(upload.parts.map((part) => part.etag.slice(1, -1)).join(''), 'hex'))}-${upload.parts.length}"`;
    return { Bucket: upload.bucket, Key: upload.key, ETag: etag, Location: `/${upload.bucket}/${upload.key}`, ServerSideEncryption: 'AES256' };
  }

  private abort(input: JsonObject): void {
    const upload = this.upload(input);
    this.uploads.delete(String(input['UploadId']));
    if (upload.file) {
      closeSync(upload.file.fd);
      rmSync(upload.file.path, { force: true });
      rmSync(`${upload.file.path}.json`, { force: true });
    }
  }

  private upload(input: JsonObject): Upload {
    const uploadId = requireString(input, 'UploadId', invalid);
    const upload = this.uploads.get(uploadId) ?? this.recover(uploadId, input);
    if (!upload || upload.bucket !== input['Bucket'] || upload.key !== input['Key']) {
      throw new ServiceError('s3', 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404);
    }
    return upload;
  }

  /** A folder bucket's upload from before a restart, from its record on disk; parts past the record (a write cut short) are dropped. */
  private recover(uploadId: string, input: JsonObject): Upload | undefined {
    const bucket = input['Bucket'];
    if (typeof bucket !== 'string' || !/^[0-9a-f]{32}$/.test(uploadId)) return undefined;
    const { storage } = this.bucketOf(bucket);
    if (storage.folder === undefined) return undefined;
    const path = join(storage.folder, UPLOADS_FOLDER, uploadId);
    if (!existsSync(`${path}.json`) || !existsSync(path)) return undefined;
    const saved = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { key: string; contentType: string | null; parts: Part[] };
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, saved.parts.reduce((sum, part) => sum + part.size, 0));
    const upload: Upload = { bucket, key: saved.key, storage, contentType: saved.contentType ?? undefined, parts: saved.parts, file: { path, fd }, chunks: [] };
    this.uploads.set(uploadId, upload);
    return upload;
  }
}

/** Writes a folder bucket upload's record (key, content type, parts) beside its file. */
function record(upload: Upload): void {
  if (upload.file === undefined) return;
  writeFileSync(`${upload.file.path}.json`, JSON.stringify({ key: upload.key, contentType: upload.contentType ?? null, parts: upload.parts }));
}
