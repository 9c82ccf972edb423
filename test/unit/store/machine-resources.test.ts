// Machine resources (what `asl serve` keeps per state machine: status, role, tags, revision) in both
// stores, across a reopen of the SQLite file, and in a file made by the schema before they existed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../../src/store/errors.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { SCHEMA_VERSION } from '../../../src/store/sqlite-schema.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ExecutionStore, MachineResource } from '../../../src/store/types.js';
import { MACHINE_ARN, executionArn, machine, newExecution } from './store-fixtures.js';

const OTHER_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Audit';

function resource(overrides: Partial<MachineResource> = {}): MachineResource {
  return {
    arn: MACHINE_ARN,
    status: 'ACTIVE',
    definitionHash: 'aaaa',
    roleArn: 'arn:aws:iam::123456789012:role/orders',
    createdAt: 1_000,
    tags: [{ key: 'team', value: 'payments' }, { key: 'empty', value: '' }],
    settings: { loggingConfiguration: { level: 'OFF', includeExecutionData: false } },
    ...overrides,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-resources-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const stores: Record<string, () => Promise<ExecutionStore>> = {
  memory: async () => createMemoryStore(),
  sqlite: () => openSqliteStore(join(dir, 'store.db')),
};

for (const [kind, open] of Object.entries(stores)) {
  describe(`machine resources in the ${kind} store`, () => {
    it('stores, replaces and lists resources, optional members staying absent', async () => {
      const store = await open();
      expect(await store.getMachineResource(MACHINE_ARN)).toBeUndefined();
      const bare: MachineResource = { arn: OTHER_ARN, status: 'ACTIVE', definitionHash: 'bbbb', createdAt: 500, tags: [], settings: {} };
      await store.putMachineResource(resource());
      await store.putMachineResource(bare);
      expect(await store.getMachineResource(MACHINE_ARN)).toEqual(resource());
      expect(await store.getMachineResource(OTHER_ARN)).toStrictEqual(bare);
      const updated = resource({ status: 'DELETING', definitionHash: 'cccc', updatedAt: 2_000, revisionId: 'rev-1', tags: [{ key: 'team', value: 'core' }] });
      await store.putMachineResource(updated);
      expect(await store.getMachineResource(MACHINE_ARN)).toEqual(updated);
      expect((await store.listMachineResources()).map((r) => [r.arn, r.status])).toEqual([
        [OTHER_ARN, 'ACTIVE'],
        [MACHINE_ARN, 'DELETING'],
      ]);
      await store.close();
    });

    it('hands out copies: changing what was given or got back leaves the store as it was', async () => {
      const store = await open();
      const given = { ...resource(), tags: [{ key: 'team', value: 'payments' }], settings: { note: { level: 1 } } };
      await store.putMachineResource(given);
      given.tags[0] = { key: 'changed', value: 'x' };
      (given.settings.note as { level: number }).level = 2;
      const got = await store.getMachineResource(MACHINE_ARN);
      expect(got?.tags).toEqual([{ key: 'team', value: 'payments' }]);
      expect(got?.settings).toEqual({ note: { level: 1 } });
      (got?.tags as unknown as { key: string }[]).push({ key: 'more' });
      expect((await store.getMachineResource(MACHINE_ARN))?.tags).toHaveLength(1);
      await store.close();
    });
  });
}

describe('machine resources in an SQLite file', () => {
  it('survive closing and reopening the file', async () => {
    const file = join(dir, 'store.db');
    const first = await openSqliteStore(file);
    await first.putMachineResource(resource({ status: 'DELETED', updatedAt: 3_000, revisionId: 'rev-2' }));
    await first.close();
    const second = await openSqliteStore(file);
    expect(await second.getMachineResource(MACHINE_ARN)).toEqual(resource({ status: 'DELETED', updatedAt: 3_000, revisionId: 'rev-2' }));
    await second.close();
  });

  it('opens a store of schema version 1, keeping its executions, and migrates it to the current version', async () => {
    const file = join(dir, 'v1.db');
    const writer = await openSqliteStore(file);
    await writer.putMachine(machine());
    await writer.createExecution(newExecution('old'));
    await writer.close();
    // What version 1 made: the same tables without machine_resources (nor activities, of version 3, and map_runs, of version 4).
    const raw = new Database(file);
    raw.exec('DROP TABLE machine_resources');
    raw.exec('DROP TABLE activities');
    raw.exec('DROP TABLE map_runs');
    raw.pragma('user_version = 1');
    raw.close();

    const store = await openSqliteStore(file);
    expect((await store.getExecution(executionArn('old')))?.input).toEqual({ order: 'old', items: [1, 2] });
    expect(await store.getMachineResource(MACHINE_ARN)).toBeUndefined();
    await store.putMachineResource(resource());
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
    const reopened = await openSqliteStore(file);
    expect(await reopened.getMachineResource(MACHINE_ARN)).toEqual(resource());
    await reopened.close();
  });

  it('refuses a current-version store that lost the machine_resources table, leaving it as it was', async () => {
    const file = join(dir, 'broken.db');
    await (await openSqliteStore(file)).close();
    const raw = new Database(file);
    raw.exec('DROP TABLE machine_resources');
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(StoreCorruptError);
    await expect(openSqliteStore(file)).rejects.toThrow(/lacks the table\(s\) machine_resources/);
  });
});
