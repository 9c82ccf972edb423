// How the SQLite store keeps a history: chunks of consecutive events, each one row holding the
// events as one JSON text, made by one JSON.stringify per chunk. A chunk is
//   [2, first timestamp, [event type names], event, event, ...]
// and an event [head, details?, inputFrom?, outputFrom?, memberRefs?] (trailing ones left out;
// memberRefs may be the index of an earlier event with the same list), or
// [head, name, inputFrom] for details that are a name and an input stored before (sqlite-payloads.ts):
// its id is the chunk's first id + its index; `head` is the index of its type in the chunk's list
// when its previousEventId is id - 1 and its timestamp the previous event's (the first event's: the
// chunk's), else [type index, previousEventId, timestamp]. A chain of Pass states then spends on
// each event its state name and what its payload does not repeat (sqlite-payloads.ts), which is
// what a durable run encodes and writes. Chunks written before this format (format 1: an array of
// [id, previousEventId, timestamp, type, details?, inputFrom?, outputFrom?, memberRefs?]) still read.
import type { EventDetails, HistoryEvent, HistoryEventType } from '../core/events.js';
import { StoreCorruptError } from './errors.js';
import { NOT_A_REPEAT, nameAndInput, PayloadSharing, restoreShared } from './sqlite-payloads.js';

/**
 * Events per chunk at most. A history read with a limit decodes whole chunks, so this bounds the
 * waste of reading one page of a long history; a few hundred rows per 100,000 events cost nothing.
 */
export const MAX_CHUNK_EVENTS = 500;

const CHUNK_FORMAT = 2;
/** Members of a chunk before its first event: the format, the first timestamp, the type names. */
const HEADER = 3;

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

/** Encoding is synchronous, one chunk at a time: one instance serves them all (see PayloadSharing). */
const sharing = new PayloadSharing();

/** The rows for `events` (ids consecutive, checked by the caller). */
export function encodeChunks(events: readonly HistoryEvent[]): EncodedChunk[] {
  const chunks: EncodedChunk[] = [];
  for (let start = 0; start < events.length; start += MAX_CHUNK_EVENTS) {
    const end = Math.min(start + MAX_CHUNK_EVENTS, events.length);
    const first = events[start] as HistoryEvent;
    const types: string[] = [];
    const typeIndexes = new Map<string, number>();
    const stored: unknown[] = [CHUNK_FORMAT, first.timestamp, types];
    let lastTimestamp = first.timestamp;
    try {
      for (let i = start; i < end; i++) {
        const { id, previousEventId, timestamp, type, details } = events[i] as HistoryEvent;
        let typeIndex = typeIndexes.get(type);
        if (typeIndex === undefined) {
          typeIndex = types.push(type) - 1;
          typeIndexes.set(type, typeIndex);
        }
        const head = previousEventId === id - 1 && timestamp === lastTimestamp ? typeIndex : [typeIndex, previousEventId, timestamp];
        lastTimestamp = timestamp;
        stored.push(details === undefined ? [head] : sharing.event(head, details, i - start));
      }
    } finally {
      sharing.reset();
    }
    chunks.push({ firstId: first.id, lastId: (events[end - 1] as HistoryEvent).id, text: JSON.stringify(stored) });
  }
  return chunks;
}

/** A chunk's events in id order; a row that does not hold what its ids announce is damage. */
export function decodeChunk(row: ChunkRow, file: string): HistoryEvent[] {
  let stored: unknown;
  try {
    stored = JSON.parse(row.events);
  } catch {
    stored = undefined;
  }
  const count = row.last_id - row.first_id + 1;
  const events = Array.isArray(stored) && stored[0] === CHUNK_FORMAT ? decodeEvents(stored, count, row.first_id) : decodeFormat1(stored, count, row.first_id);
  if (events === undefined) throw new StoreCorruptError(`${file} is damaged: the stored history events ${row.first_id}..${row.last_id} cannot be read.`);
  return events;
}

function decodeEvents(stored: unknown[], count: number, firstId: number): HistoryEvent[] | undefined {
  const [, firstTimestamp, types] = stored;
  if (stored.length !== HEADER + count || typeof firstTimestamp !== 'number' || !Array.isArray(types)) return undefined;
  const events = new Array<HistoryEvent>(count);
  let lastTimestamp = firstTimestamp;
  /** Each event's list of MemberRefs, by index, for the later events that point at it. */
  const refLists: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    const event = stored[HEADER + i] as unknown;
    if (!Array.isArray(event) || event.length === 0 || event.length > 5) return undefined;
    const head = event[0] as unknown;
    const [typeIndex, previousEventId, timestamp] = Array.isArray(head) ? head : [head, id - 1, lastTimestamp];
    const type = types[typeIndex as number] as unknown;
    if (typeof type !== 'string' || typeof previousEventId !== 'number' || typeof timestamp !== 'number') return undefined;
    lastTimestamp = timestamp;
    const details = storedDetails(events, event, i, refLists);
    if (details === false) return undefined;
    events[i] = { id, previousEventId, timestamp, type: type as HistoryEventType, details };
  }
  return events;
}

/** The details of `event`, the one at `index` of the chunk, with what they repeat put back; false when damaged. */
function storedDetails(decoded: readonly HistoryEvent[], event: unknown[], index: number, refLists: unknown[]): EventDetails | undefined | false {
  const [, details, inputFrom, outputFrom, stored] = event;
  if (event.length === 1) return undefined;
  if (typeof details === 'string') return (event.length === 3 && nameAndInput(decoded, details, inputFrom, index)) || false;
  if (typeof details !== 'object' || details === null) return false;
  if (event.length === 2) return details as EventDetails;
  // A list of MemberRefs, or the index of an earlier event that holds the same list.
  const refs = typeof stored === 'number' ? (Number.isInteger(stored) && stored >= 0 && stored < index ? refLists[stored] : false) : stored;
  if (refs === false || (typeof stored === 'number' && refs === undefined)) return false;
  refLists[index] = refs;
  return restoreShared(decoded, details as EventDetails, index, inputFrom, outputFrom ?? NOT_A_REPEAT, refs) && (details as EventDetails);
}

/** Format 1: [id, previousEventId, timestamp, type, details?, inputFrom?, outputFrom?, memberRefs?]. */
function decodeFormat1(stored: unknown, count: number, firstId: number): HistoryEvent[] | undefined {
  if (!Array.isArray(stored) || stored.length !== count) return undefined;
  const events = new Array<HistoryEvent>(count);
  for (let i = 0; i < count; i++) {
    const event = stored[i] as unknown;
    if (!Array.isArray(event) || event[0] !== firstId + i) return undefined;
    const details = event[4] as EventDetails | undefined;
    if (event.length > 5 && (typeof details !== 'object' || details === null || !restoreShared(events, details, i, event[5], event[6], event[7]))) {
      return undefined;
    }
    events[i] = { id: event[0] as number, previousEventId: event[1] as number, timestamp: event[2] as number, type: event[3] as HistoryEventType, details };
  }
  return events;
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
