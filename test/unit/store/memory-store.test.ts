import { describe } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { describeStoreContract } from './store-contract.js';
import { describeCommitManyContract } from './store-contract-many.js';

describe('memory store', () => {
  describeStoreContract('memory', { open: async () => createMemoryStore() });
  describeCommitManyContract({ open: async () => createMemoryStore() });
});
