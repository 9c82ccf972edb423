// Copies of what the in-memory store keeps (memory-store.ts): values go in and out as a database
// would hand them, so a caller that mutates what it passed or got back never changes the store.
import type { EventDetails, HistoryEvent } from '../core/events.js';
import { cloneJson, type JsonValue } from '../core/json.js';
import type { MachineRecord, MachineResource, MapRunRow } from './types.js';

export function copyMachine(machine: MachineRecord): MachineRecord {
  return { ...machine, options: cloneJson(machine.options) };
}

export function copyResource(resource: MachineResource): MachineResource {
  return { ...resource, tags: resource.tags.map((tag) => ({ key: tag.key, value: tag.value })), settings: cloneJson(resource.settings) };
}

/** Copies an event as a JSON round trip would: members set to undefined are dropped. */
export function copyEvent(event: HistoryEvent): HistoryEvent {
  const { id, previousEventId, timestamp, type, details } = event;
  return { id, previousEventId, timestamp, type, details: details === undefined ? undefined : copyDetails(details) };
}

function copyDetails(details: EventDetails): EventDetails {
  const copy: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(details) as [string, JsonValue | undefined][]) {
    if (value !== undefined) copy[key] = cloneJson(value);
  }
  return copy as EventDetails;
}

export function copyMapRun(run: MapRunRow): MapRunRow {
  return { ...run, executionCounts: { ...run.executionCounts }, itemCounts: { ...run.itemCounts } };
}
