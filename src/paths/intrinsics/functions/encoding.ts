// Encoding intrinsics (INTRINSICS.md §2): States.Base64Encode and States.Base64Decode.
import { Buffer } from 'node:buffer';
import { expectString, expectWithinLimit, fail, type IntrinsicImpl } from '../failure.js';

// Standard alphabet; padding optional, as Java's Base64 decoder (which AWS runs) accepts.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** UTF-8 bytes to standard Base64 with padding. */
const base64Encode: IntrinsicImpl = (args) => {
  const text = expectWithinLimit(expectString(args, 0), 'the string to encode');
  return Buffer.from(text, 'utf8').toString('base64');
};

/** Base64 to a UTF-8 string. Node's decoder skips bad characters silently, so check first. */
const base64Decode: IntrinsicImpl = (args) => {
  const text = expectWithinLimit(expectString(args, 0), 'the string to decode');
  const padded = text.endsWith('=');
  if (!BASE64.test(text) || text.length % 4 === 1 || (padded && text.length % 4 !== 0)) {
    fail('the string is not valid Base64');
  }
  return Buffer.from(text, 'base64').toString('utf8');
};

export const ENCODING_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.Base64Encode': base64Encode,
  'States.Base64Decode': base64Decode,
};
