// Rows of the SQLite store (sqlite-schema.ts) and their translation to and from the store's types
// (history events: sqlite-events.ts).
// JSON members are stored as JSON text; SQL NULL stands for "absent", so a JSON null survives.
import type { JsonObject, JsonValue } from '../core/json.js';
import type { ExecutionRecord, ExecutionSummary, MachineRecord, StoredStatus } from './types.js';

export interface MachineRow {
  readonly arn: string;
  readonly definition_hash: string;
  readonly name: string;
  readonly type: string;
  readonly definition: string;
  readonly options: string;
  readonly created_at: number;
}

export interface SummaryRow {
  readonly arn: string;
  readonly name: string;
  readonly machine_arn: string;
  readonly definition_hash: string;
  readonly status: string;
  readonly start_date: number;
  readonly stop_date: number | null;
  readonly last_event_id: number;
}

export interface ExecutionRow extends SummaryRow {
  readonly input: string;
  readonly output: string | null;
  readonly error: string | null;
  readonly cause: string | null;
  readonly snapshot: string | null;
  readonly attributes: string;
}

export const SUMMARY_COLUMNS = 'arn, name, machine_arn, definition_hash, status, start_date, stop_date, last_event_id';

export function machineParams(machine: MachineRecord): unknown[] {
  const { arn, definitionHash, name, type, definition, options, createdAt } = machine;
  return [arn, definitionHash, name, type, definition, JSON.stringify(options), createdAt];
}

export function toMachine(row: MachineRow): MachineRecord {
  return {
    arn: row.arn,
    name: row.name,
    type: row.type as MachineRecord['type'],
    definition: row.definition,
    definitionHash: row.definition_hash,
    options: JSON.parse(row.options) as JsonObject,
    createdAt: row.created_at,
  };
}

export function toSummary(row: SummaryRow): ExecutionSummary {
  const summary = {
    arn: row.arn,
    name: row.name,
    machineArn: row.machine_arn,
    definitionHash: row.definition_hash,
    status: row.status as StoredStatus,
    startDate: row.start_date,
    lastEventId: row.last_event_id,
  };
  return row.stop_date === null ? summary : { ...summary, stopDate: row.stop_date };
}

export function toRecord(row: ExecutionRow): ExecutionRecord {
  const record: { -readonly [K in keyof ExecutionRecord]: ExecutionRecord[K] } = {
    ...toSummary(row),
    input: parseJson(row.input),
    attributes: JSON.parse(row.attributes) as JsonObject,
  };
  if (row.output !== null) record.output = parseJson(row.output);
  if (row.error !== null) record.error = row.error;
  if (row.cause !== null) record.cause = row.cause;
  if (row.snapshot !== null) record.snapshot = parseJson(row.snapshot);
  return record;
}

/** JSON text as stored; `null` is a stored JSON null, which SQL NULL never stands for. */
export function storedJson(value: JsonValue | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function parseJson(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}
