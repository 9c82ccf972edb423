// How the SQLite store keeps a history: chunks of consecutive events, each one row holding the
// events as one JSON text, made by one JSON.stringify per chunk. An event is the array
// [id, previousEventId, timestamp, type, details?] (details left out when absent): without the
// member names a small event (a Map's) is a third shorter, so there is less to encode, write and parse.
//
// A payload the engine records twice is encoded once: a state's Entered input is the very object
// the previous state's Exited output was, and a Task's output appears in TaskSucceeded and
// TaskStateExited. Such a repeat (the same object, so the same JSON: nothing can change it during
// one encode) is stored as 0 in place, keeping the key order, with the event array extended by
// [inputFrom, outputFrom]: -1, or the position (2 × index in the chunk, + 1 for output) where the
// payload was stored in full. Decoding gives the repeat the same object, as the engine's own
// history had it; nothing is shared across history() calls, so callers still get their own copies.
import type { EventDetails, HistoryEvent, HistoryEventType } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import { StoreCorruptError } from './errors.js';

/**
 * Events per chunk at most. A history read with a limit decodes whole chunks, so this bounds the
 * waste of reading one page of a long history; a few hundred rows per 100,000 events cost nothing.
 */
export const MAX_CHUNK_EVENTS = 500;

/** One row of event_chunks as written. */
export interface EncodedChunk {
  readonly firstId: number;
  readonly lastId: number;
  readonly text: string;
}

/** One row of event_chunks as read. */
export interface ChunkRow {
  readonly first_id: number;
  readonly last_id: number;
  readonly events: string;
}

/**
 * A member of a payload whose value an earlier payload in the chunk already holds (the very same
 * object: a state's ResultPath copies only the path it writes, so the rest of the document is
 * shared from state to state): [field (0 input, 1 output), key, source position, source key].
 */
type MemberRef = [number, string, number, string];

type StoredEvent =
  | [number, number, number, string]
  | [number, number, number, string, EventDetails]
  | [number, number, number, string, EventDetails, number, number]
  | [number, number, number, string, EventDetails, number, number, MemberRef[]];

const NOT_A_REPEAT = -1;

/** The rows for `events` (ids consecutive, checked by the caller). */
export function encodeChunks(events: readonly HistoryEvent[]): EncodedChunk[] {
  const chunks: EncodedChunk[] = [];
  for (let start = 0; start < events.length; start += MAX_CHUNK_EVENTS) {
    const end = Math.min(start + MAX_CHUNK_EVENTS, events.length);
    const stored = new Array<StoredEvent>(end - start);
    /** Payload object → where in this chunk it is stored in full. */
    const payloads = new Map<object, number>();
    /** A payload's member value → where it is stored in full: [position, key]. */
    const members = new Map<object, [number, string]>();
    for (let i = start; i < end; i++) {
      const { id, previousEventId, timestamp, type, details } = events[i] as HistoryEvent;
      if (details === undefined) {
        stored[i - start] = [id, previousEventId, timestamp, type];
        continue;
      }
      const inputFrom = placePayload(payloads, details.input, 2 * (i - start));
      const outputFrom = placePayload(payloads, details.output, 2 * (i - start) + 1);
      const refs: MemberRef[] = [];
      const input = inputFrom === NOT_A_REPEAT ? shareMembers(members, details.input, 0, 2 * (i - start), refs) : 0;
      const output = outputFrom === NOT_A_REPEAT ? shareMembers(members, details.output, 1, 2 * (i - start) + 1, refs) : 0;
      if (inputFrom === NOT_A_REPEAT && outputFrom === NOT_A_REPEAT && refs.length === 0) {
        stored[i - start] = [id, previousEventId, timestamp, type, details];
        continue;
      }
      const copy: { -readonly [K in keyof EventDetails]: EventDetails[K] } = { ...details };
      if (details.input !== undefined) copy.input = input as JsonValue;
      if (details.output !== undefined) copy.output = output as JsonValue;
      stored[i - start] = refs.length === 0 ? [id, previousEventId, timestamp, type, copy, inputFrom, outputFrom] : [id, previousEventId, timestamp, type, copy, inputFrom, outputFrom, refs];
    }
    chunks.push({ firstId: (events[start] as HistoryEvent).id, lastId: (events[end - 1] as HistoryEvent).id, text: JSON.stringify(stored) });
  }
  return chunks;
}

/** Where `payload` was stored before in this chunk, or NOT_A_REPEAT (then it is stored here, at `position`). */
function placePayload(payloads: Map<object, number>, payload: JsonValue | undefined, position: number): number {
  if (typeof payload !== 'object' || payload === null) return NOT_A_REPEAT;
  const earlier = payloads.get(payload);
  if (earlier !== undefined) return earlier;
  payloads.set(payload, position);
  return NOT_A_REPEAT;
}

/**
 * The payload to store: members an earlier payload of the chunk holds become 0 (keeping the key
 * order) with a MemberRef each; the others are noted as stored here. The payload itself is not changed.
 */
function shareMembers(members: Map<object, [number, string]>, payload: JsonValue | undefined, field: number, position: number, refs: MemberRef[]): JsonValue | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  let copy: Record<string, JsonValue> | undefined;
  for (const key of Object.keys(payload)) {
    const value = payload[key];
    if (typeof value !== 'object' || value === null) continue;
    const earlier = members.get(value);
    if (earlier === undefined) {
      members.set(value, [position, key]);
      continue;
    }
    copy ??= { ...payload };
    copy[key] = 0;
    refs.push([field, key, earlier[0], earlier[1]]);
  }
  return copy ?? payload;
}

/** A chunk's events in id order; a row that does not hold what its ids announce is damage. */
export function decodeChunk(row: ChunkRow, file: string): HistoryEvent[] {
  let stored: unknown;
  try {
    stored = JSON.parse(row.events);
  } catch {
    stored = undefined;
  }
  if (!Array.isArray(stored) || stored.length !== row.last_id - row.first_id + 1) throw damagedChunk(row, file);
  const events = new Array<HistoryEvent>(stored.length);
  for (let i = 0; i < stored.length; i++) {
    const event = stored[i] as unknown;
    if (!Array.isArray(event) || event[0] !== row.first_id + i) throw damagedChunk(row, file);
    const details = event[4] as EventDetails | undefined;
    if (event.length > 5) {
      if (details === undefined) throw damagedChunk(row, file);
      const repeated = details as { -readonly [K in keyof EventDetails]: EventDetails[K] };
      if (event[5] !== NOT_A_REPEAT) repeated.input = storedPayload(events, repeated, event[5], 2 * i, row, file);
      if (event[6] !== NOT_A_REPEAT) repeated.output = storedPayload(events, repeated, event[6], 2 * i + 1, row, file);
      if (event.length > 7) restoreMembers(events, repeated, event[7], 2 * i, row, file);
    }
    events[i] = { id: event[0] as number, previousEventId: event[1] as number, timestamp: event[2] as number, type: event[3] as HistoryEventType, details };
  }
  return events;
}

/** The payload stored in full at `position`, which must come before `here` (`current`: the details being decoded, at `here`). */
function storedPayload(
  events: readonly HistoryEvent[], current: EventDetails, position: unknown, here: number, row: ChunkRow, file: string,
): JsonValue {
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position >= here) throw damagedChunk(row, file);
  const index = Math.floor(position / 2);
  // A Pass state that changes nothing exits with its input: the output repeats the same event's input.
  const details = index === Math.floor(here / 2) ? current : events[index]?.details;
  const payload = position % 2 === 0 ? details?.input : details?.output;
  if (payload === undefined) throw damagedChunk(row, file);
  return payload;
}

/** Puts back the members a chunk stored once (MemberRef), from the earlier payloads that hold them. */
function restoreMembers(events: readonly HistoryEvent[], current: EventDetails, refs: unknown, here: number, row: ChunkRow, file: string): void {
  if (!Array.isArray(refs)) throw damagedChunk(row, file);
  for (const ref of refs as unknown[]) {
    if (!Array.isArray(ref) || ref.length !== 4) throw damagedChunk(row, file);
    const [field, key, position, sourceKey] = ref as [unknown, unknown, unknown, unknown];
    if ((field !== 0 && field !== 1) || typeof key !== 'string' || typeof sourceKey !== 'string') throw damagedChunk(row, file);
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position > here + field) throw damagedChunk(row, file);
    const target = field === 0 ? current.input : current.output;
    const index = Math.floor(position / 2);
    const details = index === Math.floor(here / 2) ? current : events[index]?.details;
    const source = position % 2 === 0 ? details?.input : details?.output;
    const value = isMemberHolder(source) ? source[sourceKey] : undefined;
    if (!isMemberHolder(target) || typeof value !== 'object' || value === null || !(key in target)) throw damagedChunk(row, file);
    target[key] = value;
  }
}

function isMemberHolder(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The page history() asks for, from chunks in reading order (ascending last_id, or descending when
 * `reverse`) that all end after `afterId`. Stops pulling chunks once the page is full, so a short
 * page of a long history decodes one or two chunks.
 */
export function pageOfChunks(chunks: Iterable<ChunkRow>, afterId: number, limit: number, reverse: boolean, file: string): HistoryEvent[] {
  const page: HistoryEvent[] = [];
  for (const row of chunks) {
    const events = decodeChunk(row, file);
    // Only the chunk holding afterId + 1 starts partway; ids are consecutive within a chunk.
    const from = Math.max(0, afterId + 1 - row.first_id);
    if (reverse) {
      for (let i = events.length - 1; i >= from && page.length < limit; i--) page.push(events[i] as HistoryEvent);
    } else {
      for (let i = from; i < events.length && page.length < limit; i++) page.push(events[i] as HistoryEvent);
    }
    if (page.length >= limit) break;
  }
  return page;
}

function damagedChunk(row: ChunkRow, file: string): StoreCorruptError {
  return new StoreCorruptError(`${file} is damaged: the stored history events ${row.first_id}..${row.last_id} cannot be read.`);
}
