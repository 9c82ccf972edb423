// Builders for the store tests: small, valid executions and histories with readable defaults.
import type { EventDetails, HistoryEvent, HistoryEventType } from '../../../src/core/events.js';
import type { JsonValue } from '../../../src/core/json.js';
import type { Commit, MachineRecord, NewExecution, StoredStatus } from '../../../src/store/types.js';

export const MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders';

export function machine(overrides: Partial<MachineRecord> = {}): MachineRecord {
  return {
    arn: MACHINE_ARN,
    name: 'Orders',
    type: 'STANDARD',
    definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
    definitionHash: 'aaaa',
    options: { region: 'us-east-1', limits: { maxEvents: 25000 } },
    createdAt: 1_000,
    ...overrides,
  };
}

export function executionArn(name: string): string {
  return `arn:aws:states:us-east-1:123456789012:execution:Orders:${name}`;
}

/** Events `from`..`to` (inclusive), each one millisecond after the previous. */
export function events(from: number, to: number, type: HistoryEventType = 'PassStateEntered'): HistoryEvent[] {
  const list: HistoryEvent[] = [];
  for (let id = from; id <= to; id++) {
    const details: EventDetails = { name: `S${id}`, input: { step: id } };
    list.push({ id, previousEventId: id - 1, timestamp: 1_000 + id, type: id === 1 ? 'ExecutionStarted' : type, details });
  }
  return list;
}

export function newExecution(name: string, overrides: Partial<NewExecution> = {}): NewExecution {
  return {
    arn: executionArn(name),
    name,
    machineArn: MACHINE_ARN,
    definitionHash: 'aaaa',
    startDate: 1_000,
    input: { order: name, items: [1, 2] },
    attributes: { cli: { seed: 7 } },
    snapshot: { version: 1, at: 'start' },
    events: events(1, 2),
    ...overrides,
  };
}

export function running(arn: string, from: number, to: number, snapshot: JsonValue = { at: to }): Commit {
  return { arn, events: events(from, to), status: 'RUNNING', snapshot };
}

export function finished(arn: string, from: number, status: StoredStatus, extra: Partial<Commit> = {}): Commit {
  return { arn, events: events(from, from), status, stopDate: 9_000, ...extra };
}
