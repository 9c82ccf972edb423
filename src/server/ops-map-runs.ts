// Map Runs over the API (issue 14): DescribeMapRun, ListMapRuns and UpdateMapRun, and what the other
// operations show of a Distributed Map's child executions — ListExecutions by mapRunArn, a child's
// own state machine (`<machine ARN>/<label>`) and Map Run in DescribeExecution and
// DescribeStateMachineForExecution. Field names as in AWS's API reference. STANDARD children are
// stored executions whose machine is their Map Run (service/engine-map-runs.ts); EXPRESS children are
// not kept, as on AWS.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { Engine } from '../service/engine.js';
import { type MapChildAttribute, mapChildOf } from '../service/engine-map-runs.js';
import type { ExecutionRecord, ExecutionSummary, MapRunRow, StoredStatus } from '../store/types.js';
import { ApiError, checkArn, checkLength, decodeOffset, encodeOffset, epochSeconds, type Operation, pageSize, requiredString } from './wire.js';

/** The counts DescribeMapRun gives, in AWS's order; the redrive ones stay 0 (a Map Run is never redriven here). */
const COUNT_FIELDS = ['pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted', 'total', 'resultsWritten', 'failuresNotRedrivable', 'pendingRedrive'] as const;
const MAX_MAP_RUN_ARN = 2000;

export function mapRunOperations(engine: Engine): Record<string, Operation> {
  return {
    async DescribeMapRun(body) {
      const run = await requireMapRun(engine, requiredString(body, 'mapRunArn'));
      const out: JsonObject = {
        mapRunArn: run.arn,
        executionArn: run.executionArn,
        status: run.status,
        startDate: epochSeconds(run.startDate),
        maxConcurrency: run.maxConcurrency,
        toleratedFailurePercentage: run.toleratedFailurePercentage,
        toleratedFailureCount: run.toleratedFailureCount,
        itemCounts: counts(run.itemCounts),
        executionCounts: counts(run.executionCounts),
        // AWS's answer for a Map Run never redriven: a count of 0 and no redriveDate.
        redriveCount: 0,
      };
      if (run.stopDate !== undefined) out['stopDate'] = epochSeconds(run.stopDate);
      return out;
    },

    async ListMapRuns(body) {
      const executionArn = requiredString(body, 'executionArn');
      checkLength(executionArn, 'executionArn', 1, 256);
      checkArn(executionArn, 'execution');
      const limit = pageSize(body);
      const token = body['nextToken'];
      const offset = decodeOffset(typeof token === 'string' ? token : undefined);
      if ((await engine.describe(executionArn)) === undefined) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
      const runs = await engine.listMapRuns(executionArn);
      const page = runs.slice(offset, offset + limit);
      const out: JsonObject = { mapRuns: page.map(listItem) };
      if (offset + limit < runs.length) out['nextToken'] = encodeOffset(offset + limit);
      return out;
    },

    async UpdateMapRun(body) {
      const run = await requireMapRun(engine, requiredString(body, 'mapRunArn'));
      const maxConcurrency = optionalNumber(body, 'maxConcurrency', { integer: true, max: 2 ** 31 - 1 });
      const toleratedFailureCount = optionalNumber(body, 'toleratedFailureCount', { integer: true, max: Number.MAX_SAFE_INTEGER });
      const toleratedFailurePercentage = optionalNumber(body, 'toleratedFailurePercentage', { integer: false, max: 100 });
      if (maxConcurrency === undefined && toleratedFailureCount === undefined && toleratedFailurePercentage === undefined) {
        throw new ApiError('ValidationException', 'At least one of maxConcurrency, toleratedFailureCount or toleratedFailurePercentage must be provided.');
      }
      // A Map Run under way in this engine takes them up at once (its pool grows or shrinks, its
      // thresholds change); one that ended, or runs nowhere, only has them stored.
      const change = {
        ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
        ...(toleratedFailureCount === undefined ? {} : { toleratedFailureCount }),
        ...(toleratedFailurePercentage === undefined ? {} : { toleratedFailurePercentage }),
      };
      if (engine.updateMapRun(run.arn, change)) return {};
      await engine.store.putMapRun({
        ...run,
        ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
        ...(toleratedFailureCount === undefined ? {} : { toleratedFailureCount }),
        ...(toleratedFailurePercentage === undefined ? {} : { toleratedFailurePercentage }),
      });
      return {};
    },
  };
}

/** ListExecutions with a mapRunArn: the Map Run's child executions, with AWS's mapRunArn and itemCount. */
export async function listMapRunExecutions(
  engine: Engine,
  mapRunArn: string,
  request: { readonly limit: number; readonly status?: StoredStatus | 'PENDING_REDRIVE'; readonly after?: string },
): Promise<{ readonly executions: JsonObject[]; readonly next?: string }> {
  const run = await requireMapRun(engine, mapRunArn);
  // A child is never redrivable here (nothing is redriven), so PENDING_REDRIVE matches none.
  const { status, ...paging } = request;
  if (status === 'PENDING_REDRIVE') return { executions: [] };
  const page = await engine.list({ machineArn: run.arn, ...paging, ...(status === undefined ? {} : { status }) });
  // One item per child unless the Map batches them: then a child's input holds its batch (`Items`).
  const batched = (run.itemCounts['total'] ?? 0) !== (run.executionCounts['total'] ?? 0);
  const executions: JsonObject[] = [];
  for (const child of page.executions) {
    const itemCount = batched ? batchSize(await engine.describe(child.arn)) : 1;
    executions.push({ ...childSummary(child, run.childMachineArn), mapRunArn: run.arn, itemCount });
  }
  return page.next === undefined ? { executions } : { executions, next: page.next };
}

/** DescribeExecution's fields that differ for a Map Run's child: its own state machine, and its Map Run. */
export function childExecutionFields(record: ExecutionRecord): JsonObject {
  const child = mapChildOf(record);
  return child === undefined ? {} : { stateMachineArn: child.childMachineArn, mapRunArn: child.mapRunArn };
}

/**
 * DescribeStateMachineForExecution of a Map Run's child: AWS answers with the Map Run's state machine
 * (`<machine>/<label>`, whose definition is the Map's ItemProcessor), its Map Run and label.
 */
export function childMachineFields(child: MapChildAttribute, machineName: string, definition: string): JsonObject {
  const label = child.childMachineArn.slice(child.childMachineArn.lastIndexOf('/') + 1);
  return { stateMachineArn: child.childMachineArn, name: `${machineName}/${label}`, definition: itemProcessorOf(definition, label), mapRunArn: child.mapRunArn, label };
}

async function requireMapRun(engine: Engine, arn: string): Promise<MapRunRow> {
  checkLength(arn, 'mapRunArn', 1, MAX_MAP_RUN_ARN);
  checkArn(arn, 'mapRun');
  const run = await engine.describeMapRun(arn);
  if (run === undefined) throw new ApiError('ResourceNotFound', `Resource not found: '${arn}'`, 400, { resourceName: arn });
  return run;
}

function counts(stored: Readonly<Record<string, number>>): JsonObject {
  const out: JsonObject = {};
  for (const field of COUNT_FIELDS) out[field] = stored[field] ?? 0;
  return out;
}

function listItem(run: MapRunRow): JsonObject {
  const out: JsonObject = { executionArn: run.executionArn, mapRunArn: run.arn, stateMachineArn: run.childMachineArn, startDate: epochSeconds(run.startDate) };
  if (run.stopDate !== undefined) out['stopDate'] = epochSeconds(run.stopDate);
  return out;
}

function childSummary(child: ExecutionSummary, childMachineArn: string): JsonObject {
  const out: JsonObject = { executionArn: child.arn, stateMachineArn: childMachineArn, name: child.name, status: child.status, startDate: epochSeconds(child.startDate) };
  if (child.stopDate !== undefined) out['stopDate'] = epochSeconds(child.stopDate);
  return out;
}

/** The items a batched child processed: its input's `Items` (ItemBatcher's shape). */
function batchSize(record: ExecutionRecord | undefined): number {
  const items = record !== undefined && isJsonObject(record.input) ? record.input['Items'] : undefined;
  return Array.isArray(items) ? items.length : 1;
}

/**
 * The ItemProcessor of the Distributed Map labelled `label`, as definition text. A Map without a
 * Label has a generated one: then the definition's only unlabelled Distributed Map is meant. When
 * none can be told apart, the whole definition is given.
 */
function itemProcessorOf(definition: string, label: string): string {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(definition) as JsonValue;
  } catch {
    return definition;
  }
  const maps: JsonObject[] = [];
  collectDistributedMaps(parsed, maps);
  const labelled = maps.find((map) => map['Label'] === label);
  const unlabelled = maps.filter((map) => typeof map['Label'] !== 'string');
  const chosen = labelled ?? (unlabelled.length === 1 ? unlabelled[0] : undefined);
  const processor = chosen?.['ItemProcessor'];
  return isJsonObject(processor) ? JSON.stringify(processor) : definition;
}

/** Every Distributed Map state in a scope (`States`) and the scopes nested in it. */
function collectDistributedMaps(scope: JsonValue, into: JsonObject[]): void {
  if (!isJsonObject(scope) || !isJsonObject(scope['States'])) return;
  for (const state of Object.values(scope['States'])) {
    if (!isJsonObject(state)) continue;
    const processor = state['ItemProcessor'] ?? state['Iterator'];
    if (state['Type'] === 'Map' && isJsonObject(processor)) {
      const config = processor['ProcessorConfig'];
      if (isJsonObject(config) && config['Mode'] === 'DISTRIBUTED') into.push(state);
      collectDistributedMaps(processor, into);
    }
    if (state['Type'] === 'Parallel' && Array.isArray(state['Branches'])) for (const branch of state['Branches']) collectDistributedMaps(branch, into);
  }
}

function optionalNumber(body: JsonObject, field: string, limits: { readonly integer: boolean; readonly max: number }): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (limits.integer && !Number.isInteger(value))) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${JSON.stringify(value)}' at '${field}' failed to satisfy constraint: Member must be a number${limits.integer ? ' (an integer)' : ''}`);
  }
  if (value < 0) throw new ApiError('ValidationException', `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  if (value > limits.max) throw new ApiError('ValidationException', `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${limits.max}`);
  return value;
}
