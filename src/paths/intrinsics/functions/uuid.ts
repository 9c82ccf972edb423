// States.UUID (INTRINSICS.md §2): a version 4 UUID drawn from the execution's seeded randomness, so
// a replayed execution gets the same ids (ARCHITECTURE.md 1.1: no crypto.randomUUID outside core).
import { uuidV4 } from '../../../core/ids.js';
import type { IntrinsicImpl } from '../failure.js';

export const UUID_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.UUID': (_args, data) => uuidV4(data.random),
};
