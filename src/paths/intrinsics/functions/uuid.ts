// States.UUID (INTRINSICS.md §2): a version 4 UUID drawn from the execution's seeded randomness, so
// a replayed execution gets the same ids (ARCHITECTURE.md 1.1: no crypto.randomUUID outside core).
import type { IntrinsicImpl } from '../failure.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const uuid: IntrinsicImpl = (_args, data) => {
  const bytes = new Uint8Array(16);
  // Each draw of mulberry32 carries 32 random bits: four draws fill the 16 bytes.
  for (let word = 0; word < 4; word++) {
    const bits = Math.floor(data.random.next() * 4_294_967_296);
    for (let b = 0; b < 4; b++) bytes[word * 4 + b] = (bits >>> (24 - 8 * b)) & 0xff;
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  let out = '';
  bytes.forEach((byte, i) => {
    out += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (HEX[byte] as string);
  });
  return out;
};

export const UUID_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.UUID': uuid,
};
