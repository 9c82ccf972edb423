// The payloads of one chunk of history events, each stored once (sqlite-events.ts). A payload the
// engine records twice is the very same object: a state's Entered input is the previous state's
// Exited output, and a Task's output appears in TaskSucceeded and TaskStateExited. Such a repeat is
// stored as 0 in place (keeping the key order), with the position where it is stored in full:
// 2 × the event's index in the chunk, + 1 for an output. A payload member that an earlier payload
// holds (a state's ResultPath copies only the path it writes, so the rest of the document is shared
// from state to state) is stored as 0 too, with a MemberRef; a list of MemberRefs the same as the
// last one stored is the index of the event that holds it. Nothing can change a payload during one
// encode, so the same object always has the same JSON. Decoding gives a repeat the same object, as
// the engine's own history had it; nothing is shared across history() calls.
import type { EventDetails, HistoryEvent } from '../core/events.js';
import type { JsonValue } from '../core/json.js';

/** [field (0 input, 1 output), key, source position, source key]. */
export type MemberRef = [number, string, number, string];

export const NOT_A_REPEAT = -1;

type MutableDetails = { -readonly [K in keyof EventDetails]: EventDetails[K] };

/**
 * An event with details in a chunk: its head, then its details as they are, or a copy with what it
 * repeats; or, for details that are just a name and an input stored before (a state entered with
 * the previous state's output: half the events of most histories), [head, name, inputFrom].
 */
export type StoredEvent =
  | readonly [unknown, string, number]
  | readonly [unknown, EventDetails]
  | readonly [unknown, EventDetails, number]
  | readonly [unknown, EventDetails, number, number]
  | readonly [unknown, EventDetails, number, number, MemberRef[] | number];

/**
 * Finds the repeats within one chunk (reset between chunks, so every chunk decodes on its own). One
 * instance is kept for all chunks: instances made per chunk and dropped would each time leave V8 a
 * hidden class that dies at the next full GC, and with it the optimized code of the encoder.
 */
export class PayloadSharing {
  /** Payload object → where in the chunk it is stored in full. */
  readonly #payloads = new Map<object, number>();
  /** A payload's member value → where it is stored in full: [position, key]. */
  readonly #members = new Map<object, [number, string]>();
  #refs: MemberRef[] | undefined;
  /** The last list of MemberRefs stored in full, and the index of its event in the chunk. */
  #lastRefs: MemberRef[] | undefined;
  #lastRefsAt = -1;

  /** Forgets the chunk's payloads (nor does it keep them alive after the chunk is encoded). */
  reset(): void {
    this.#payloads.clear();
    this.#members.clear();
    this.#refs = undefined;
    this.#lastRefs = undefined;
  }

  /** The event at `index` of the chunk (trailing defaults left out). */
  event(head: unknown, details: EventDetails, index: number): StoredEvent {
    const { input, output } = details;
    const inputFrom = this.#place(input, 2 * index);
    if (inputFrom !== NOT_A_REPEAT && isNameAndInput(details)) return [head, details.name, inputFrom];
    const outputFrom = this.#place(output, 2 * index + 1);
    this.#refs = undefined;
    const storedInput = inputFrom === NOT_A_REPEAT ? this.#shareMembers(input, 0, 2 * index) : 0;
    const storedOutput = outputFrom === NOT_A_REPEAT ? this.#shareMembers(output, 1, 2 * index + 1) : 0;
    const refs = this.#refs;
    if (inputFrom === NOT_A_REPEAT && outputFrom === NOT_A_REPEAT && refs === undefined) return [head, details];
    const copy: MutableDetails = { ...details };
    if (input !== undefined) copy.input = storedInput as JsonValue;
    if (output !== undefined) copy.output = storedOutput as JsonValue;
    if (refs !== undefined) return [head, copy, inputFrom, outputFrom, this.#refsOrEarlier(refs, index)];
    return outputFrom === NOT_A_REPEAT ? [head, copy, inputFrom] : [head, copy, inputFrom, outputFrom];
  }

  /**
   * `refs`, or the index of the last event that stored the same list: a chain of states that each
   * change one member of a document shares the same other members from the same place every time.
   */
  #refsOrEarlier(refs: MemberRef[], index: number): MemberRef[] | number {
    const last = this.#lastRefs;
    if (last !== undefined && last.length === refs.length && last.every((ref, i) => sameRef(ref, refs[i] as MemberRef))) return this.#lastRefsAt;
    this.#lastRefs = refs;
    this.#lastRefsAt = index;
    return refs;
  }

  /** Where `payload` was stored before in this chunk, or NOT_A_REPEAT (then it is stored here, at `position`). */
  #place(payload: JsonValue | undefined, position: number): number {
    if (typeof payload !== 'object' || payload === null) return NOT_A_REPEAT;
    const earlier = this.#payloads.get(payload);
    if (earlier !== undefined) return earlier;
    this.#payloads.set(payload, position);
    return NOT_A_REPEAT;
  }

  /** The payload with the members an earlier payload holds as 0 (a MemberRef each); the payload itself is not changed. */
  #shareMembers(payload: JsonValue | undefined, field: number, position: number): JsonValue | undefined {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
    let copy: Record<string, JsonValue> | undefined;
    for (const key in payload) {
      const value = payload[key];
      if (typeof value !== 'object' || value === null) continue;
      const earlier = this.#members.get(value);
      if (earlier === undefined) {
        this.#members.set(value, [position, key]);
        continue;
      }
      copy ??= { ...payload };
      copy[key] = 0;
      (this.#refs ??= []).push([field, key, earlier[0], earlier[1]]);
    }
    return copy ?? payload;
  }
}

function sameRef(a: MemberRef, b: MemberRef): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** Details that hold a string `name` and an `input`, nothing else, in that order. */
function isNameAndInput(details: EventDetails): details is EventDetails & { readonly name: string } {
  let keys = 0;
  for (const key in details) {
    if (key !== (keys === 0 ? 'name' : 'input') || ++keys > 2) return false;
  }
  return keys === 2 && typeof details.name === 'string';
}

/** The details of a [head, name, inputFrom] event at `index`; undefined when inputFrom points nowhere it may. */
export function nameAndInput(decoded: readonly HistoryEvent[], name: string, inputFrom: unknown, index: number): EventDetails | undefined {
  const details: MutableDetails = { name };
  const input = storedPayload(decoded, details, inputFrom, 2 * index);
  if (input === undefined) return undefined;
  details.input = input;
  return details;
}

/**
 * Puts back what `details` (of the event at `index`, decoded in place) repeats from earlier payloads
 * of the chunk; false when a reference points nowhere it may (then the chunk is damaged).
 */
export function restoreShared(
  decoded: readonly HistoryEvent[], details: EventDetails, index: number, inputFrom: unknown, outputFrom: unknown, refs: unknown,
): boolean {
  const current = details as MutableDetails;
  if (inputFrom !== NOT_A_REPEAT) {
    const payload = storedPayload(decoded, current, inputFrom, 2 * index);
    if (payload === undefined) return false;
    current.input = payload;
  }
  if (outputFrom !== NOT_A_REPEAT) {
    const payload = storedPayload(decoded, current, outputFrom, 2 * index + 1);
    if (payload === undefined) return false;
    current.output = payload;
  }
  return refs === undefined || restoreMembers(decoded, current, refs, 2 * index);
}

/** The payload stored in full at `position`, which must come before `here` (`current`: the details being decoded, at `here`). */
function storedPayload(decoded: readonly HistoryEvent[], current: EventDetails, position: unknown, here: number): JsonValue | undefined {
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position >= here) return undefined;
  return payloadAt(decoded, current, position, here);
}

function payloadAt(decoded: readonly HistoryEvent[], current: EventDetails, position: number, here: number): JsonValue | undefined {
  const index = Math.floor(position / 2);
  // A Pass state that changes nothing exits with its input: the output repeats the same event's input.
  const details = index === Math.floor(here / 2) ? current : decoded[index]?.details;
  return position % 2 === 0 ? details?.input : details?.output;
}

/** Puts back the members a chunk stored once (MemberRef), from the earlier payloads that hold them. */
function restoreMembers(decoded: readonly HistoryEvent[], current: MutableDetails, refs: unknown, here: number): boolean {
  if (!Array.isArray(refs)) return false;
  for (const ref of refs as unknown[]) {
    if (!Array.isArray(ref) || ref.length !== 4) return false;
    const [field, key, position, sourceKey] = ref as [unknown, unknown, unknown, unknown];
    if ((field !== 0 && field !== 1) || typeof key !== 'string' || typeof sourceKey !== 'string') return false;
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position > here + field) return false;
    const target = field === 0 ? current.input : current.output;
    const source = payloadAt(decoded, current, position, here);
    const value = isMemberHolder(source) ? source[sourceKey] : undefined;
    if (!isMemberHolder(target) || typeof value !== 'object' || value === null || !(key in target)) return false;
    target[key] = value;
  }
  return true;
}

function isMemberHolder(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
