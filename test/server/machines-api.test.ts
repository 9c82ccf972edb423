// `asl serve`: updating and deleting state machines, as the real AWS SDK sees it — versions that
// running executions keep, the DELETING state, and what survives a restart on a store file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand, DeleteStateMachineCommand, DescribeExecutionCommand, DescribeStateMachineCommand, DescribeStateMachineForExecutionCommand,
  ListStateMachinesCommand, ListTagsForResourceCommand, StartExecutionCommand, StopExecutionCommand, UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/index.js';
import { serveEngine } from './api-fixture.js';
import { passDefinition, rejection, ROLE, settled, waitDefinition, type Served } from './fixture.js';

const OTHER_ROLE = 'arn:aws:iam::123456789012:role/other';
const byeDefinition = JSON.stringify({ StartAt: 'Bye', States: { Bye: { Type: 'Pass', Result: 'bye', End: true } } });
const START = Date.UTC(2026, 0, 1);

let served: Served | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-serve-machines-'));
});
afterEach(async () => {
  await served?.stop();
  served = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function create(s: Served, name: string, definition = passDefinition, extra: Partial<ConstructorParameters<typeof CreateStateMachineCommand>[0]> = {}): Promise<string> {
  return (await s.client.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...extra }))).stateMachineArn ?? '';
}

async function outputOf(s: Served, stateMachineArn: string, input = '{"who":"x"}'): Promise<unknown> {
  const { executionArn } = await s.client.send(new StartExecutionCommand({ stateMachineArn, input }));
  return JSON.parse((await settled(s.client, executionArn ?? '')).output ?? 'null');
}

describe('UpdateStateMachine', () => {
  it('makes a new version: running executions keep theirs, new ones run the update', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    served = await serveEngine({ clock });
    const arn = await create(served, 'Waits', waitDefinition, { loggingConfiguration: { level: 'OFF' } });
    const described = await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({ roleArn: ROLE, loggingConfiguration: { level: 'OFF', includeExecutionData: false }, tracingConfiguration: { enabled: false } });
    expect(described.revisionId).toBeUndefined();
    const { executionArn: before } = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'before' }));

    clock.advance(60_000);
    const updated = await served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: byeDefinition, roleArn: OTHER_ROLE }));
    expect(updated.updateDate).toEqual(new Date(START + 60_000));
    expect(updated.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    const now = await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(now).toMatchObject({ definition: byeDefinition, roleArn: OTHER_ROLE, revisionId: updated.revisionId, status: 'ACTIVE' });
    expect(now.creationDate).toEqual(new Date(START));

    const old = await served.client.send(new DescribeStateMachineForExecutionCommand({ executionArn: before }));
    expect(old).toMatchObject({ stateMachineArn: arn, name: 'Waits', definition: waitDefinition, roleArn: ROLE });
    expect(old.updateDate).toEqual(new Date(START));
    expect(old.revisionId).toBeUndefined();
    expect(await outputOf(served, arn)).toBe('bye');
    const { executionArn: after } = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'after' }));
    const fresh = await served.client.send(new DescribeStateMachineForExecutionCommand({ executionArn: after }));
    expect(fresh).toMatchObject({ definition: byeDefinition, roleArn: OTHER_ROLE, revisionId: updated.revisionId });
    expect(fresh.updateDate).toEqual(new Date(START + 60_000));
    await served.client.send(new StopExecutionCommand({ executionArn: before }));
  });

  it('keeps the revision when nothing changes, and refuses what AWS refuses', async () => {
    served = await serveEngine();
    const arn = await create(served, 'Hello');
    const first = await served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, roleArn: OTHER_ROLE }));
    const again = await served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, roleArn: OTHER_ROLE }));
    expect(again.revisionId).toBe(first.revisionId);
    const logged = await served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, tracingConfiguration: { enabled: true } }));
    expect(logged.revisionId).not.toBe(first.revisionId);
    expect((await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).tracingConfiguration).toEqual({ enabled: true });

    const refusal = async (input: ConstructorParameters<typeof UpdateStateMachineCommand>[0]): Promise<string> => (await rejection(served!.client.send(new UpdateStateMachineCommand(input)))).name;
    expect(await refusal({ stateMachineArn: arn })).toBe('MissingRequiredParameter');
    expect(await refusal({ stateMachineArn: arn, definition: '{"StartAt":"Nowhere","States":{}}' })).toBe('InvalidDefinition');
    expect(await refusal({ stateMachineArn: `${arn}Missing`, roleArn: ROLE })).toBe('StateMachineDoesNotExist');
    expect(await refusal({ stateMachineArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', roleArn: ROLE })).toBe('InvalidArn');
    expect(await refusal({ stateMachineArn: arn, loggingConfiguration: { level: 'ALL' } })).toBe('InvalidLoggingConfiguration');
    expect(await refusal({ stateMachineArn: arn, roleArn: ROLE, publish: true })).toBe('ValidationException');
    expect(await outputOf(served, arn)).toEqual({ greeting: 'hello x' });
  });
});

describe('DeleteStateMachine', () => {
  it('lets running executions finish while the machine is DELETING, then the machine is gone', async () => {
    served = await serveEngine({ clock: new VirtualClock({ autoAdvance: false }) });
    const arn = await create(served, 'Waits', waitDefinition);
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'long' }));
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    expect((await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).status).toBe('DELETING');
    const refusals = [
      served.client.send(new StartExecutionCommand({ stateMachineArn: arn })),
      served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, roleArn: ROLE })),
      served.client.send(new CreateStateMachineCommand({ name: 'Waits', definition: waitDefinition, roleArn: ROLE })),
    ];
    for (const refused of refusals) expect((await rejection(refused)).name).toBe('StateMachineDeleting');
    expect((await served.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await served.client.send(new StopExecutionCommand({ executionArn }));
    expect((await rejection(served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn })))).name).toBe('StateMachineDoesNotExist');
    expect((await served.client.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([]);
    // The execution is still there to describe, and the name may be used again.
    expect((await served.client.send(new DescribeStateMachineForExecutionCommand({ executionArn }))).definition).toBe(waitDefinition);
    expect(await create(served, 'Waits', passDefinition)).toBe(arn);
    expect((await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition).toBe(passDefinition);
    expect(await served.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).toMatchObject({ tags: [] });
  });

  it('deletes an idle machine at once; an unknown one is no error; ARNs are checked', async () => {
    served = await serveEngine();
    const arn = await create(served, 'Idle');
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    expect((await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn: arn })))).name).toBe('StateMachineDoesNotExist');
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    expect((await rejection(served.client.send(new DeleteStateMachineCommand({ stateMachineArn: 'Idle' })))).name).toBe('InvalidArn');
    expect((await rejection(served.client.send(new DeleteStateMachineCommand({ stateMachineArn: `${arn}:1` })))).name).toBe('ValidationException');
  });
});

describe('machines on a store file', () => {
  it('keep role, revision, tags, dates and deletions across a restart, and run the current version', async () => {
    const store = join(dir, 'serve.db');
    served = await serveEngine({ store });
    const arn = await create(served, 'Hello', passDefinition, { tags: [{ key: 'team', value: 'core' }] });
    const gone = await create(served, 'Gone');
    await served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: byeDefinition }));
    // Back to the first definition: its version is older than the one just made, yet it is current.
    const { revisionId } = await served.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: passDefinition, roleArn: OTHER_ROLE }));
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn: gone }));
    await served.stop();

    served = await serveEngine({ store });
    const described = await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({ definition: passDefinition, roleArn: OTHER_ROLE, revisionId, status: 'ACTIVE' });
    expect(await served.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).toMatchObject({ tags: [{ key: 'team', value: 'core' }] });
    expect((await served.client.send(new ListStateMachinesCommand({}))).stateMachines?.map((m) => m.name)).toEqual(['Hello']);
    expect((await rejection(served.client.send(new DescribeStateMachineCommand({ stateMachineArn: gone })))).name).toBe('StateMachineDoesNotExist');
    expect(await outputOf(served, arn)).toEqual({ greeting: 'hello x' });
  });

  it('answers for a machine the engine registered without the API', async () => {
    const store = join(dir, 'engine.db');
    served = await serveEngine({ store });
    const record = await served.engine.register('Direct', passDefinition);
    const described = await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: record.arn }));
    expect(described).toMatchObject({ name: 'Direct', status: 'ACTIVE', definition: passDefinition });
    expect(described.creationDate).toEqual(new Date(record.createdAt));
    expect(await outputOf(served, record.arn)).toEqual({ greeting: 'hello x' });
  });
});
