// The result files of one status (SUCCEEDED_0.json, SUCCEEDED_1.json …) as a ResultWriter streams
// them: each child's records are appended to a buffer, sent as a part of an S3 multipart upload once
// the buffer holds `partBytes`, and a file is completed and the next one begun when the next child
// would take it past `maxFileBytes` (AWS splits result files by size). A file smaller than one part
// is sent with one PutObject. The same S3 calls go to the local world (a folder bucket writes each
// part straight to disk) and to real S3 (parts of at least 5 MiB, as S3 wants). What is durable —
// finished files, and the open file's upload id and parts — is `state`, which the Map's snapshot keeps.
import { AslError, isCancellation } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { StateContext } from './context.js';
import { writerFailed } from './map-writer.js';

export interface ResultLimits {
  /** A result file is split before it would pass this many bytes. */
  readonly maxFileBytes: number;
  /** The buffer is sent as one part once it holds this many bytes (S3: at least 5 MiB but for the last part). */
  readonly partBytes: number;
}

/** A finished result file, as the manifest lists it. */
export interface WrittenFile extends JsonObject {
  readonly Key: string;
  readonly Size: number;
}

/** The file being written, as far as it is durable. */
export interface OpenFile {
  readonly key: string;
  readonly uploadId: string | undefined;
  readonly parts: ReadonlyArray<{ readonly PartNumber: number; readonly ETag: string }>;
  /** Bytes and records in the parts sent. */
  readonly size: number;
  readonly records: number;
}

export interface FilesState {
  readonly done: readonly WrittenFile[];
  readonly open: OpenFile | undefined;
}

export interface Destination {
  readonly bucket: string;
  /** `<Prefix>/<map run id>` */
  readonly folder: string;
}

export class ResultFiles {
  private buffer: string[] = [];
  private bufferBytes = 0;
  private bufferRecords = 0;
  /** The children whose records wait in the buffer: they are durable once it is sent. */
  private bufferChildren: number[] = [];

  constructor(
    private readonly ctx: StateContext,
    private readonly destination: Destination,
    private readonly name: string,
    private readonly jsonl: boolean,
    private readonly limits: ResultLimits,
    public state: FilesState,
    /** Told which children's records have become durable, and the new state. */
    private readonly onDurable: (children: readonly number[]) => void,
  ) {}

  /** Appends one child's records (each a JSON text); a part goes out when the buffer is full. */
  async add(child: number, records: readonly string[]): Promise<void> {
    let bytes = 0;
    for (const record of records) bytes += Buffer.byteLength(record, 'utf8') + 1;
    const inFile = (this.state.open?.records ?? 0) + this.bufferRecords;
    const fileBytes = (this.state.open?.size ?? 0) + this.bufferBytes;
    // Split between children, never inside one (a child's records are durable together).
    if (inFile > 0 && fileBytes + bytes + 1 > this.limits.maxFileBytes) await this.finishFile();
    for (const record of records) {
      const first = (this.state.open?.records ?? 0) + this.bufferRecords === 0;
      const text = (first ? (this.jsonl ? '' : '[') : this.jsonl ? '\n' : ',') + record;
      this.buffer.push(text);
      this.bufferBytes += Buffer.byteLength(text, 'utf8');
      this.bufferRecords++;
      if (this.state.open === undefined) this.state = { ...this.state, open: { key: this.nextKey(), uploadId: undefined, parts: [], size: 0, records: 0 } };
    }
    this.bufferChildren.push(child);
    if (this.bufferBytes >= this.limits.partBytes) await this.sendPart();
  }

  /** Completes the open file (the Map Run has ended); the files written, in order. */
  async finish(): Promise<readonly WrittenFile[]> {
    if (this.state.open !== undefined || this.bufferRecords > 0) await this.finishFile();
    return this.state.done;
  }

  /** Writes one whole object (the manifest) with one PutObject. */
  async putWhole(key: string, text: string): Promise<void> {
    await this.call('putObject', { Key: key, Body: text, ContentType: 'application/json' }, key);
  }

  private nextKey(): string {
    return `${this.destination.folder}/${this.name}_${this.state.done.length}.json`;
  }

  private async finishFile(): Promise<void> {
    const open = this.state.open;
    if (open === undefined) return;
    if (!this.jsonl) this.push(']');
    let size: number;
    if (open.uploadId === undefined) {
      // Smaller than one part: one PutObject.
      const body = this.take();
      await this.call('putObject', { Key: open.key, Body: body.text, ContentType: 'application/json' }, open.key);
      size = body.bytes;
    } else {
      if (this.bufferBytes > 0) await this.sendPart();
      const current = this.state.open as OpenFile;
      await this.call('completeMultipartUpload', { Key: current.key, UploadId: current.uploadId ?? '', MultipartUpload: { Parts: current.parts.map((part) => ({ ...part })) } }, current.key);
      size = current.size;
    }
    const children = this.bufferChildren;
    this.bufferChildren = [];
    this.state = { done: [...this.state.done, { Key: open.key, Size: size }], open: undefined };
    this.onDurable(children);
  }

  private async sendPart(): Promise<void> {
    let open = this.state.open as OpenFile;
    if (open.uploadId === undefined) {
      const created = await this.call('createMultipartUpload', { Key: open.key, ContentType: 'application/json' }, open.key);
      open = { ...open, uploadId: String(created['UploadId']) };
      this.state = { ...this.state, open };
    }
    const records = this.bufferRecords;
    const body = this.take();
    const partNumber = open.parts.length + 1;
    const sent = await this.call('uploadPart', { Key: open.key, UploadId: open.uploadId ?? '', PartNumber: partNumber, Body: body.text }, open.key);
    const children = this.bufferChildren;
    this.bufferChildren = [];
    this.state = { ...this.state, open: { ...open, parts: [...open.parts, { PartNumber: partNumber, ETag: String(sent['ETag']) }], size: open.size + body.bytes, records: open.records + records } };
    this.onDurable(children);
  }

  private push(text: string): void {
    this.buffer.push(text);
    this.bufferBytes += Buffer.byteLength(text, 'utf8');
  }

  private take(): { text: string; bytes: number } {
    const taken = { text: this.buffer.join(''), bytes: this.bufferBytes };
    this.buffer = [];
    this.bufferBytes = 0;
    this.bufferRecords = 0;
    return taken;
  }

  private async call(action: string, request: JsonObject, key: string): Promise<JsonObject> {
    const { bucket } = this.destination;
    try {
      const response: JsonValue = await this.ctx.invoke(this.ctx.resource(`arn:aws:states:::aws-sdk:s3:${action}`), { Bucket: bucket, ...request }, this.ctx.signal);
      return typeof response === 'object' && response !== null && !Array.isArray(response) ? response : {};
    } catch (thrown) {
      if (isCancellation(thrown)) throw thrown;
      const reason = thrown instanceof AslError ? `${thrown.error}${thrown.cause === undefined ? '' : `: ${thrown.cause}`}` : String(thrown);
      throw writerFailed(`Failed to write the Map Run results to s3://${bucket}/${key}: ${reason}`);
    }
  }
}
