// Array intrinsics (INTRINSICS.md §2): States.Array, ArrayPartition, ArrayContains, ArrayRange,
// ArrayGetItem, ArrayLength, ArrayUnique. Results are fresh arrays; elements are shared, since
// JSON values are never mutated.
import { jsonEqual, type JsonValue } from '../../../core/json.js';
import { MAX_ARRAY_RANGE_LENGTH } from '../signatures.js';
import { argAt, expectArray, expectInteger, fail, type IntrinsicImpl } from '../failure.js';

const array: IntrinsicImpl = (args) => args.slice();

const arrayPartition: IntrinsicImpl = (args) => {
  const items = expectArray(args, 0);
  const size = expectInteger(args, 1);
  if (size <= 0) fail(`the chunk size must be a positive integer, got ${size}`);
  const chunks: JsonValue[] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

const arrayContains: IntrinsicImpl = (args) => {
  const items = expectArray(args, 0);
  const wanted = argAt(args, 1);
  return items.some((item) => jsonEqual(item, wanted));
};

const arrayRange: IntrinsicImpl = (args) => {
  const start = expectInteger(args, 0);
  const end = expectInteger(args, 1);
  const step = expectInteger(args, 2);
  if (step === 0) fail('the step must not be 0');
  // Inclusive of `end` when a step lands on it; a step pointing away from `end` gives [].
  const span = Math.floor((end - start) / step);
  const length = span < 0 ? 0 : span + 1;
  if (length > MAX_ARRAY_RANGE_LENGTH) {
    fail(`the range would have ${length} elements; the limit is ${MAX_ARRAY_RANGE_LENGTH}`);
  }
  const out: JsonValue[] = [];
  for (let i = 0; i < length; i++) out.push(start + i * step);
  return out;
};

const arrayGetItem: IntrinsicImpl = (args) => {
  const items = expectArray(args, 0);
  const index = expectInteger(args, 1);
  if (index < 0 || index >= items.length) {
    fail(`index ${index} is out of range for an array of length ${items.length}`);
  }
  return items[index] as JsonValue;
};

const arrayLength: IntrinsicImpl = (args) => expectArray(args, 0).length;

/** First occurrences in order, by deep equality: scalars through a Set, containers pairwise. */
const arrayUnique: IntrinsicImpl = (args) => {
  const items = expectArray(args, 0);
  const seenScalars = new Set<JsonValue>();
  const keptContainers: JsonValue[] = [];
  const out: JsonValue[] = [];
  for (const item of items) {
    if (typeof item === 'object' && item !== null) {
      if (keptContainers.some((kept) => jsonEqual(kept, item))) continue;
      keptContainers.push(item);
    } else {
      if (seenScalars.has(item)) continue;
      seenScalars.add(item);
    }
    out.push(item);
  }
  return out;
};

export const ARRAY_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.Array': array,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': arrayContains,
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': arrayLength,
  'States.ArrayUnique': arrayUnique,
};
