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
