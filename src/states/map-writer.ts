// ASL.md §7.8 ResultWriter: what goes in the result files — each child's record as AWS writes it,
// WriterConfig's transformations — and where they go (Bucket, Prefix). The files themselves are
// streamed as children finish (map-results.ts). Without a Resource, WriterConfig only reshapes the
// Map's result (COMPACT, FLATTEN or NONE) and nothing is written.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledMap, CompiledResultWriter } from '../definition/compiled.js';
import type { ChildProgress, StateContext } from './context.js';
import type { MapResultWriter, SinkRun } from './map-results.js';

/** What the Map learns about its children as they run, for the NONE transformation's records. */
export class ChildLedger {
  /** Each child's input as it started (a hole: the Map was resumed; the item stands in). */
  readonly inputs: JsonValue[] = [];
  constructor(readonly startedAt: number) {}
}

export interface MapRunOutcome {
  readonly mapRunArn: string;
  /** Each child's output, or its {Error, Cause} when it failed. */
  readonly results: readonly JsonValue[];
  /** What each child was given when the ledger has no record of it. */
  readonly childInputs: readonly JsonValue[];
  readonly ledger: ChildLedger;
  /** The indexes of the children that failed (ChildProgress.failed: kept across a snapshot). */
  readonly failed: readonly number[];
  /** The state's effective input (JSONPath Parameters read it). */
  readonly input: JsonValue;
}

export type Status = 'SUCCEEDED' | 'FAILED';

/** One child's record as AWS writes it, with a succeeded child's output as a value (COMPACT and FLATTEN take it as is). */
export interface ChildRecord {
  readonly record: JsonObject;
  readonly status: Status;
  readonly output?: JsonValue;
}

/** WriterConfig without a Resource: the Map's result is the reshaped results, and nothing is written. */
export function reshapeMapResults(state: CompiledMap, writer: CompiledResultWriter, run: MapRunOutcome, ctx: StateContext): JsonValue {
  const identity = childIdentity(state, run.mapRunArn, ctx);
  const failed = new Set(run.failed);
  const dates = { startedAt: run.ledger.startedAt, stoppedAt: ctx.clock.now() };
  const records: ChildRecord[] = [];
  run.results.forEach((result, index) => {
    records.push(childRecord(identity(index), run.ledger.inputs[index] ?? run.childInputs[index] ?? null, result, failed.has(index), dates));
  });
  return transform(records, writer.transformation ?? 'COMPACT');
}

/** Names a child's execution as AWS does in a record: ExecutionArn, Name and the children's StateMachineArn. */
export function childIdentity(state: CompiledMap, mapRunArn: string, ctx: StateContext): (index: number) => JsonObject {
  // arn:<partition>:states:<region>:<account>:execution:<machine>:<name> → the children's machine, as AWS names it.
  const parts = ctx.executionArn.split(':');
  const base = parts.slice(0, 5).join(':');
  const childMachine = `${parts[6] ?? ''}/${state.label ?? state.name}`;
  const mapRunId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const stateMachineArn = `${base}:stateMachine:${childMachine}`;
  return (index) => {
    const name = `${mapRunId}-${index}`;
    return { ExecutionArn: `${base}:execution:${childMachine}:${name}`, Name: name, StateMachineArn: stateMachineArn };
  };
}

/** The record AWS keeps for one child execution (the NONE transformation's shape). */
export function childRecord(identity: JsonObject, input: JsonValue, result: JsonValue, failed: boolean, dates: { startedAt: number; stoppedAt: number }): ChildRecord {
  const head = { ExecutionArn: identity['ExecutionArn'] ?? '', Input: JSON.stringify(input), InputDetails: { Included: true }, Name: identity['Name'] ?? '' };
  const tail = { StartDate: new Date(dates.startedAt).toISOString(), StateMachineArn: identity['StateMachineArn'] ?? '' };
  const stopDate = new Date(dates.stoppedAt).toISOString();
  if (failed) {
    const error = isJsonObject(result) ? result : {};
    return { status: 'FAILED', record: { Cause: error['Cause'] ?? '', Error: error['Error'] ?? '', ...head, ...tail, Status: 'FAILED', StopDate: stopDate } };
  }
  const record = {
    ...head,
    Output: JSON.stringify(result),
    OutputDetails: { Included: true },
    RedriveCount: 0,
    RedriveStatus: 'NOT_REDRIVABLE',
    RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    ...tail,
    Status: 'SUCCEEDED',
    StopDate: stopDate,
  };
  return { status: 'SUCCEEDED', record, output: result };
}

/** NONE: the records; COMPACT: the outputs; FLATTEN: the outputs, arrays spread one level. */
export function transform(records: readonly ChildRecord[], transformation: 'NONE' | 'COMPACT' | 'FLATTEN'): JsonValue[] {
  if (transformation === 'NONE') return records.map((child) => child.record);
  const outputs: JsonValue[] = [];
  for (const child of records) {
    // A failed child has no output: it stays a record (AWS returns failures unchanged).
    const output = child.status === 'SUCCEEDED' ? (child.output ?? null) : child.record;
    if (transformation === 'FLATTEN' && Array.isArray(output)) outputs.push(...output);
    else outputs.push(output);
  }
  return outputs;
}

export async function destination(writer: CompiledResultWriter, input: JsonValue, ctx: StateContext): Promise<{ bucket: string; prefix: string }> {
  const field = writer.arguments ? 'Arguments' : 'Parameters';
  let value: JsonValue;
  if (writer.arguments) value = await ctx.evaluateJsonata(writer.arguments, 'ResultWriter/Arguments');
  else value = writer.parameters ? writer.parameters.evaluate(ctx.data(input)) : {};
  const bucket = isJsonObject(value) ? value['Bucket'] : undefined;
  const prefix = isJsonObject(value) ? (value['Prefix'] ?? '') : '';
  if (typeof bucket !== 'string' || bucket === '') {
    throw writerFailed(`The ResultWriter ${field} must give the bucket to write to as a non-empty string "Bucket"; got ${JSON.stringify(value)}.`);
  }
  if (typeof prefix !== 'string') throw writerFailed(`The ResultWriter ${field} field "Prefix" must be a string; got ${JSON.stringify(prefix)}.`);
  return { bucket, prefix };
}

export function writerFailed(cause: string): AslError {
  return new AslError('States.ResultWriterFailed', cause);
}

/** WriterConfig without a Resource: nothing is written, the Map's result is reshaped. */
export class ReshapedResults implements MapResultWriter {
  private readonly ledger: ChildLedger;

  constructor(
    private readonly state: CompiledMap,
    private readonly writer: CompiledResultWriter,
    private readonly progress: ChildProgress,
    private readonly run: SinkRun,
    private readonly ctx: StateContext,
  ) {
    this.ledger = new ChildLedger(run.startedAt);
  }

  started(index: number, input: JsonValue): void {
    this.ledger.inputs[index] = input;
  }

  settled(): Promise<void> {
    return Promise.resolve();
  }

  async finish(): Promise<JsonValue> {
    const { results, failed } = this.progress;
    const childInputs: JsonValue[] = [];
    for (let index = 0; index < results.length; index++) if (index in results && !(index in this.ledger.inputs)) childInputs[index] = await this.run.inputOf(index);
    return reshapeMapResults(this.state, this.writer, { mapRunArn: this.run.mapRunArn, results, childInputs, ledger: this.ledger, failed, input: this.run.input }, this.ctx);
  }
}
