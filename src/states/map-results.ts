// ASL.md §7.8 ResultWriter, streamed: a Distributed Map's children's records go to S3 as the
// children finish, not all at the end. Children finish in any order; their results wait in the
// Map's progress (ChildProgress.results) until every earlier child has finished (a reorder buffer,
// so the files list children in item order), then their records are appended to the SUCCEEDED or
// FAILED files (map-results-file.ts) and, once the part holding them is in S3, their results leave
// the progress. Memory is bounded by the children in flight and one part per file, not by the
// number of items. When the Map Run fails, the children that never ran go to PENDING_0.json.
//
// Durability: a snapshot keeps the Map's progress (the results not yet in S3) and the sink's
// checkpoint (ChildProgress.sink: finished files, the open uploads and their parts). A resumed Map
// goes on from there: a child whose result is gone from the progress is in S3 already, one whose
// result is still there is written again, into the same upload after its last durable part. No
// snapshot is taken while an S3 call is in flight (ChildProgress.settling), so the checkpoint and
// the results always agree. Result: the same files as a run that was never interrupted.
import { isCancellation } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { CompiledMap, CompiledResultWriter } from '../definition/compiled.js';
import type { ChildProgress, StateContext } from './context.js';
import { type Destination, type FilesState, type ResultLimits, ResultFiles, type WrittenFile } from './map-results-file.js';
import { itemsIn } from './map-distributed.js';
import type { MapRunRecord } from './map-run.js';
import { childIdentity, childRecord, destination, ReshapedResults, type Status, transform } from './map-writer.js';

/**
 * Result files split at 5 GB: AWS's ResultWriter page as we remember it (the search tools did not
 * bring up the paragraph; a recorded AWS run shows one 44 MB SUCCEEDED_0.json, so the limit is at
 * least that), and the ceiling of a single S3 PUT. Parts are S3's 5 MiB minimum.
 */
export const AWS_RESULT_LIMITS: ResultLimits = { maxFileBytes: 5 * 1024 ** 3, partBytes: 5 * 1024 ** 2 };

let limits = AWS_RESULT_LIMITS;

/** Sets the split and part sizes (tests split at a few hundred bytes); no argument: AWS's. */
export function useResultLimits(next: ResultLimits = AWS_RESULT_LIMITS): void {
  limits = next;
}

interface SinkCheckpoint {
  readonly SUCCEEDED: FilesState;
  readonly FAILED: FilesState;
}

/** Where a Map's results go: in order to S3 as children end (a ResultWriter Resource), or reshaped at the end (WriterConfig alone). */
export interface MapResultWriter {
  /** A child started with this input (the NONE records quote it). */
  started(index: number, input: JsonValue): void;
  /** A child ended, its result (or error) in the progress. Never rejects: a failed write goes to SinkRun.onFailure. */
  settled(): Promise<void>;
  /** The Map Run ended (failed: children that never ran are PENDING): the Map's result. Rejects with States.ResultWriterFailed. */
  finish(total: number, failed: boolean): Promise<JsonValue>;
}

/** The results' writer of a Map with a ResultWriter. */
export function openMapResults(state: CompiledMap, writer: CompiledResultWriter, progress: ChildProgress, run: SinkRun, ctx: StateContext, resumed: boolean): MapResultWriter {
  if (writer.resource === undefined) return new ReshapedResults(state, writer, progress, run, ctx);
  return new ResultSink(state, progress, ctx, run, writer, resumed);
}

export interface SinkRun {
  readonly mapRunArn: string;
  /** The Map Run (a Distributed Map): the records name its child executions. */
  readonly mapRun?: MapRunRecord | undefined;
  /** The state's effective input (JSONPath Parameters read it). */
  readonly input: JsonValue;
  /** When the Map Run started (every record's StartDate). */
  readonly startedAt: number;
  /** The input of a child the sink did not see start (a resumed Map): built again from its item. */
  readonly inputOf: (index: number) => JsonValue | Promise<JsonValue>;
  /** A write failed (States.ResultWriterFailed): the Map Run fails with it. */
  readonly onFailure: (error: unknown) => void;
}

class ResultSink implements MapResultWriter {
  private files: Record<Status, ResultFiles> | undefined;
  private where: Destination | undefined;
  private readonly inputs = new Map<number, JsonValue>();
  /** Items in each child started and not yet in S3 (a batch's count), for the Map Run's resultsWritten. */
  private readonly itemCounts = new Map<number, number>();
  private readonly failed: Set<number>;
  /** How much of ChildProgress.failed the sink has taken in. */
  private failedSeen: number;
  private readonly identity: (index: number) => JsonObject;
  private readonly transformation: 'NONE' | 'COMPACT' | 'FLATTEN';
  private readonly jsonl: boolean;
  /** The next child to append: every one before it is in a file (or its buffer). */
  private next = 0;
  /** A resumed Map: children below this index that have no result and were not running are in S3 already. */
  private readonly inS3Below: number;
  private readonly runningAtResume: ReadonlySet<number>;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly state: CompiledMap,
    private readonly progress: ChildProgress,
    private readonly ctx: StateContext,
    private readonly run: SinkRun,
    private readonly writer: CompiledResultWriter,
    resumed: boolean,
  ) {
    this.transformation = writer.transformation ?? 'NONE';
    this.jsonl = writer.outputType === 'JSONL';
    const mapRun = run.mapRun;
    this.identity = mapRun
      ? (index) => {
          const child = mapRun.child(index);
          return { ExecutionArn: child.arn, Name: child.name, StateMachineArn: mapRun.childMachineArn };
        }
      : childIdentity(state, run.mapRunArn, ctx);
    this.failed = new Set(progress.failed);
    this.failedSeen = progress.failed.length;
    this.inS3Below = resumed ? progress.nextIndex : 0;
    this.runningAtResume = new Set([...progress.running.keys(), ...(progress.launched?.keys() ?? [])]);
  }

  started(index: number, input: JsonValue): void {
    if (this.transformation === 'NONE') this.inputs.set(index, input);
    if (this.state.itemBatcher !== undefined) this.itemCounts.set(index, itemsIn(this.state, input));
  }

  settled(): Promise<void> {
    this.chain = this.chain.then(async () => void (await this.drain(undefined))).catch((error: unknown) => this.fail(error));
    return this.chain;
  }

  /**
   * The Map Run has ended: appends what is left, lists the children that never ran in PENDING_0.json
   * (when the run failed), completes the files and writes the manifest. The Map's result: the writer details.
   */
  async finish(total: number, failed: boolean): Promise<JsonValue> {
    await this.chain;
    if (this.failure !== undefined) throw this.failure;
    // No snapshot from the last part to the manifest: a resumed Map would complete the uploads twice.
    this.progress.settling++;
    try {
      const pending = await this.drain(failed ? total : undefined);
      const files = await this.open();
      const written = { SUCCEEDED: await files.SUCCEEDED.finish(), FAILED: await files.FAILED.finish(), PENDING: await this.writePending(pending) };
      const { bucket, folder } = await this.destination();
      const manifestKey = `${folder}/manifest.json`;
      const manifest = { DestinationBucket: bucket, MapRunArn: this.run.mapRunArn, ResultFiles: { FAILED: written.FAILED, PENDING: written.PENDING, SUCCEEDED: written.SUCCEEDED } };
      await files.SUCCEEDED.putWhole(manifestKey, JSON.stringify(manifest));
      return { MapRunArn: this.run.mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
    } finally {
      this.progress.settling--;
    }
  }

  /**
   * Appends the children that have ended, in order, up to the first that has not. At the end of a
   * failed run (`end`: the number of children) it goes on to the end: the children without a result
   * are the ones that never ran, returned for PENDING.
   */
  private async drain(end: number | undefined): Promise<number[]> {
    const { results, failed } = this.progress;
    while (this.failedSeen < failed.length) this.failed.add(failed[this.failedSeen++] as number);
    const pending: number[] = [];
    for (;;) {
      const index = this.next;
      if (index in results) await this.append(index, results[index] as JsonValue);
      else if (index < this.inS3Below && !this.runningAtResume.has(index)) {
        // In S3 before the snapshot this Map was resumed from.
      } else if (end !== undefined && index < end) pending.push(index);
      else return pending;
      this.next++;
    }
  }

  private async append(index: number, result: JsonValue): Promise<void> {
    const failed = this.failed.has(index);
    const input = this.transformation === 'NONE' || failed ? (this.inputs.get(index) ?? (await this.run.inputOf(index))) : null;
    this.inputs.delete(index);
    const child = childRecord(this.identity(index), input, result, failed, { startedAt: this.run.startedAt, stoppedAt: this.ctx.clock.now() });
    // AWS reports failed children unchanged whatever the Transformation.
    const values = failed ? [child.record] : transform([child], this.transformation);
    const files = await this.open();
    this.progress.settling++;
    try {
      await files[child.status].add(index, values.map((value) => JSON.stringify(value)));
    } finally {
      this.progress.settling--;
    }
  }

  private async destination(): Promise<Destination> {
    if (this.where === undefined) {
      const { bucket, prefix } = await destination(this.writer, this.run.input, this.ctx);
      const mapRunId = this.run.mapRunArn.slice(this.run.mapRunArn.lastIndexOf(':') + 1);
      this.where = { bucket, folder: prefix === '' ? mapRunId : `${prefix.replace(/\/+$/, '')}/${mapRunId}` };
    }
    return this.where;
  }

  /** The SUCCEEDED and FAILED files, from the checkpoint of a resumed Map. */
  private async open(): Promise<Record<Status, ResultFiles>> {
    if (this.files === undefined) {
      const where = await this.destination();
      const checkpoint = this.progress.sink as SinkCheckpoint | undefined;
      const make = (status: Status): ResultFiles =>
        new ResultFiles(this.ctx, where, status, this.jsonl, limits, checkpoint?.[status] ?? { done: [], open: undefined }, (children) => this.durable(children));
      this.files = { SUCCEEDED: make('SUCCEEDED'), FAILED: make('FAILED') };
    }
    return this.files;
  }

  /** Children whose records are in S3: their results leave the progress, and the checkpoint moves on. */
  private durable(children: readonly number[]): void {
    const { results } = this.progress;
    let items = 0;
    for (const index of children) {
      delete results[index];
      this.failed.delete(index);
      // A batch the sink did not see start (a resumed Map) counts as one item.
      items += this.itemCounts.get(index) ?? 1;
      this.itemCounts.delete(index);
    }
    this.run.mapRun?.written(children.length, items);
    const files = this.files as Record<Status, ResultFiles>;
    const checkpoint: SinkCheckpoint = { SUCCEEDED: files.SUCCEEDED.state, FAILED: files.FAILED.state };
    this.progress.sink = checkpoint as unknown as JsonValue;
  }

  private async writePending(pending: readonly number[]): Promise<readonly WrittenFile[]> {
    const files = new ResultFiles(this.ctx, await this.destination(), 'PENDING', this.jsonl, limits, { done: [], open: undefined }, () => undefined);
    for (const index of pending) {
      const input = await this.run.inputOf(index);
      await files.add(index, [JSON.stringify({ Input: JSON.stringify(input), InputDetails: { Included: true }, Status: 'PENDING' })]);
    }
    return files.finish();
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    // Stopped or suspended mid-write: not the Map Run's failure (a resumed Map writes from its checkpoint).
    if (!isCancellation(error)) this.run.onFailure(error);
  }
}
