// ASL.md §7.8 ResultWriter: a Distributed Map's children's results go to S3 in AWS's layout —
// <Prefix>/<map run id>/SUCCEEDED_0.json, FAILED_0.json (only when there is something to put in
// them) and manifest.json listing them — through the machine's own S3 backend (the local world's S3
// by default, or real S3 through the aws backend), and the Map's result becomes
// {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}} naming the manifest. Without a Resource,
// WriterConfig only reshapes the result (COMPACT, FLATTEN or NONE) and nothing is written.
import { AslError, isCancellation } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledMap, CompiledResultWriter } from '../definition/compiled.js';
import type { StateContext } from './context.js';

/** The aws-sdk resource every write goes through: client 's3', action PutObject, on the machine's backends. */
const PUT_OBJECT = 'arn:aws:states:::aws-sdk:s3:putObject';

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

type Status = 'SUCCEEDED' | 'FAILED';

/** One child's record as AWS writes it, with a succeeded child's output as a value (COMPACT and FLATTEN take it as is). */
interface ChildRecord {
  readonly record: JsonObject;
  readonly status: Status;
  readonly output?: JsonValue;
}

/** The Map's result: the writer details, or (WriterConfig alone) the reshaped results. Failures: States.ResultWriterFailed. */
export async function writeMapResults(state: CompiledMap, writer: CompiledResultWriter, run: MapRunOutcome, ctx: StateContext): Promise<JsonValue> {
  const records = childRecords(state, run, ctx);
  if (writer.resource === undefined) return transform(records, writer.transformation ?? 'COMPACT');
  const { bucket, prefix } = await destination(writer, run.input, ctx);
  const mapRunId = run.mapRunArn.slice(run.mapRunArn.lastIndexOf(':') + 1);
  const folder = prefix === '' ? mapRunId : `${prefix.replace(/\/+$/, '')}/${mapRunId}`;
  const files: Record<Status, JsonObject[]> = { SUCCEEDED: [], FAILED: [] };
  for (const status of ['SUCCEEDED', 'FAILED'] as const) {
    const ofStatus = records.filter((child) => child.status === status);
    if (ofStatus.length === 0) continue;
    // AWS reports failed children unchanged whatever the Transformation.
    const body = serialise(status === 'FAILED' ? ofStatus.map((child) => child.record) : transform(ofStatus, writer.transformation ?? 'NONE'), writer.outputType);
    const key = `${folder}/${status}_0.json`;
    await putObject(bucket, key, body, ctx);
    files[status].push({ Key: key, Size: Buffer.byteLength(body, 'utf8') });
  }
  const manifestKey = `${folder}/manifest.json`;
  const manifest = { DestinationBucket: bucket, MapRunArn: run.mapRunArn, ResultFiles: { FAILED: files.FAILED, PENDING: [], SUCCEEDED: files.SUCCEEDED } };
  await putObject(bucket, manifestKey, JSON.stringify(manifest), ctx);
  return { MapRunArn: run.mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}

/** The records AWS keeps per child execution (the NONE transformation's shape). */
function childRecords(state: CompiledMap, run: MapRunOutcome, ctx: StateContext): ChildRecord[] {
  // arn:<partition>:states:<region>:<account>:execution:<machine>:<name> → the children's machine, as AWS names it.
  const parts = ctx.executionArn.split(':');
  const base = parts.slice(0, 5).join(':');
  const childMachine = `${parts[6] ?? ''}/${state.label ?? state.name}`;
  const mapRunId = run.mapRunArn.slice(run.mapRunArn.lastIndexOf(':') + 1);
  const startDate = new Date(run.ledger.startedAt).toISOString();
  const stopDate = new Date(ctx.clock.now()).toISOString();
  const failed = new Set(run.failed);
  const records: ChildRecord[] = [];
  for (let index = 0; index < run.results.length; index++) {
    const result = run.results[index];
    if (result === undefined) continue;
    const name = `${mapRunId}-${index}`;
    const input = JSON.stringify(run.ledger.inputs[index] ?? run.childInputs[index] ?? null);
    const identity = { ExecutionArn: `${base}:execution:${childMachine}:${name}`, Input: input, InputDetails: { Included: true }, Name: name };
    const dates = { StartDate: startDate, StateMachineArn: `${base}:stateMachine:${childMachine}` };
    if (failed.has(index)) {
      const error = isJsonObject(result) ? result : {};
      records.push({ status: 'FAILED', record: { Cause: error['Cause'] ?? '', Error: error['Error'] ?? '', ...identity, ...dates, Status: 'FAILED', StopDate: stopDate } });
    } else {
      const record = {
        ...identity,
        Output: JSON.stringify(result),
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        ...dates,
        Status: 'SUCCEEDED',
        StopDate: stopDate,
      };
      records.push({ status: 'SUCCEEDED', record, output: result });
    }
  }
  return records;
}

/** NONE: the records; COMPACT: the outputs; FLATTEN: the outputs, arrays spread one level. */
function transform(records: readonly ChildRecord[], transformation: 'NONE' | 'COMPACT' | 'FLATTEN'): JsonValue[] {
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

function serialise(values: readonly JsonValue[], outputType: 'JSON' | 'JSONL'): string {
  return outputType === 'JSONL' ? values.map((value) => JSON.stringify(value)).join('\n') : JSON.stringify(values);
}

async function destination(writer: CompiledResultWriter, input: JsonValue, ctx: StateContext): Promise<{ bucket: string; prefix: string }> {
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

async function putObject(bucket: string, key: string, body: string, ctx: StateContext): Promise<void> {
  try {
    await ctx.invoke(ctx.resource(PUT_OBJECT), { Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }, ctx.signal);
  } catch (thrown) {
    if (isCancellation(thrown)) throw thrown;
    const reason = thrown instanceof AslError ? `${thrown.error}${thrown.cause === undefined ? '' : `: ${thrown.cause}`}` : String(thrown);
    throw writerFailed(`Failed to write the Map Run results to s3://${bucket}/${key}: ${reason}`);
  }
}

function writerFailed(cause: string): AslError {
  return new AslError('States.ResultWriterFailed', cause);
}
