// Ids from the execution's seeded randomness, so that execution names and UUIDs replay.
import type { Random } from './random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A version 4 UUID (lowercase, 36 characters) drawn from `random`: States.UUID, $uuid(), execution names. */
export function uuidV4(random: Random): string {
  const bytes = new Uint8Array(16);
  // Each draw of the PRNG carries 32 random bits: four draws fill the 16 bytes.
  for (let word = 0; word < 4; word++) {
    const bits = Math.floor(random.next() * 4_294_967_296);
    for (let b = 0; b < 4; b++) bytes[word * 4 + b] = (bits >>> (24 - 8 * b)) & 0xff;
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  let out = '';
  bytes.forEach((byte, i) => {
    out += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (HEX[byte] as string);
  });
  return out;
}
