// `asl serve` without --store keeps its executions in asl-serve.db in the working directory, so a
// restart goes on with them; `--store :memory:` keeps nothing. A real process (the CLI bundled from
// src/), since the store is a file the server opens where it runs.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { passDefinition, ROLE } from './fixture.js';
import { bundleCli, startServe } from './kill-serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-serve-default-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clientFor = (url: string): SFNClient => new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

describe('asl serve: the default store', () => {
  it('is asl-serve.db in the working directory, and what it holds survives a restart', { timeout: 60_000 }, async () => {
    const cli = await bundleCli(dir);
    const work = join(dir, 'work');
    mkdirSync(work);
    const first = await startServe(cli, undefined, work);
    expect(first.stdout()).toContain(`(store ${join(work, 'asl-serve.db')})`);
    const client = clientFor(first.url);
    await client.send(new CreateStateMachineCommand({ name: 'Kept', definition: passDefinition, roleArn: ROLE }));
    client.destroy();
    expect(await first.interrupt()).toBe(0);
    expect(existsSync(join(work, 'asl-serve.db'))).toBe(true);

    const second = await startServe(cli, undefined, work);
    const again = clientFor(second.url);
    expect((await again.send(new ListStateMachinesCommand({}))).stateMachines?.map((m) => m.name)).toEqual(['Kept']);
    again.destroy();
    expect(await second.interrupt()).toBe(0);

    const memory = await startServe(cli, ':memory:', work);
    expect(memory.stdout()).toContain('(store :memory:, nothing kept)');
    const none = clientFor(memory.url);
    expect((await none.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([]);
    none.destroy();
    expect(await memory.interrupt()).toBe(0);
  });
});
