// States.Hash (INTRINSICS.md §2): lowercase hex digest of the data's UTF-8 bytes.
import { createHash } from 'node:crypto';
import { argAt, expectString, expectWithinLimit, fail, type IntrinsicImpl } from '../failure.js';
import { HASH_ALGORITHMS } from '../signatures.js';

/** AWS's algorithm names (exact spelling) to node's. */
const NODE_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Strings are hashed as they are; other values as compact JSON (AWS's rendering unconfirmed). */
const hash: IntrinsicImpl = (args) => {
  const data = argAt(args, 0);
  const text = expectWithinLimit(typeof data === 'string' ? data : JSON.stringify(data), 'the data to hash');
  const algorithm = expectString(args, 1);
  const nodeName = Object.hasOwn(NODE_ALGORITHMS, algorithm) ? NODE_ALGORITHMS[algorithm] : undefined;
  if (nodeName === undefined) {
    return fail(`the algorithm must be one of ${HASH_ALGORITHMS.join(', ')}, got '${algorithm}'`);
  }
  return createHash(nodeName).update(text, 'utf8').digest('hex');
};

export const HASH_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.Hash': hash,
};
