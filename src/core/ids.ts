// Ids from the execution's seeded randomness, so that execution names and UUIDs replay.
import type { Random } from './random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A version 4 UUID (lowercase, 36 characters) drawn from `random`: States.UUID, $uuid(), execution names. */
export function uuidV4(random: Random): string {
  // Each draw of the PRNG carries 32 random bits: four draws fill the 16 bytes, big-endian. Built
  // from the four words directly (no byte array, no closure): the local world draws two per call.
  const w0 = word(random);
  const w1 = ((word(random) & 0xffff0fff) | 0x4000) >>> 0; // byte 6: version 4
  const w2 = ((word(random) & 0x3fffffff) | 0x80000000) >>> 0; // byte 8: RFC 4122 variant
  const w3 = word(random);
  return `${hex16(w0 >>> 16)}${hex16(w0)}-${hex16(w1 >>> 16)}-${hex16(w1)}-${hex16(w2 >>> 16)}-${hex16(w2)}${hex16(w3 >>> 16)}${hex16(w3)}`;
}

function word(random: Random): number {
  return Math.floor(random.next() * 4_294_967_296);
}

/** The low 16 bits as four hex digits. */
function hex16(value: number): string {
  return (HEX[(value >>> 8) & 0xff] as string) + (HEX[value & 0xff] as string);
}

/**
 * An id in UUID form (a request id, a Map Run's), derived from what identifies the call rather than drawn at random, so
 * that a run under the virtual clock has the same history every time (ARCHITECTURE.md 1.8). Two
 * calls identical in every input at the same instant share an id; nothing relies on uniqueness.
 */
export function derivedRequestId(...parts: readonly string[]): string {
  const text = parts.join('\u0000');
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => fnv1a(text, seed).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
