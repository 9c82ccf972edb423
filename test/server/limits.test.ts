// `asl serve`: the request limits AWS enforces — name rules, ARN shapes, input and definition
// lengths — with AWS's error names.
import { CreateStateMachineCommand, DescribeExecutionCommand, DescribeStateMachineCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import { machineOperations } from '../../src/server/ops-machines.js';
import { ApiError } from '../../src/server/wire.js';
import { passDefinition, rejection, ROLE, serve, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

describe('asl serve: request limits', () => {
  it('takes names of 1-80 characters without the characters AWS forbids', async () => {
    served = await serve();
    const create = (name: string): Promise<unknown> => served!.client.send(new CreateStateMachineCommand({ name, definition: passDefinition, roleArn: ROLE }));
    await create('n'.repeat(80));
    const long = await rejection(create('n'.repeat(81)));
    expect(long.name).toBe('ValidationException');
    expect(long.message).toContain('Member must have length less than or equal to 80');
    for (const bad of ['has space', 'a/b', 'a:b', 'star*', 'tab\tname', 'ctl\u0085', 'brace{']) expect((await rejection(create(bad))).name).toBe('InvalidName');
    const { stateMachineArn } = await served.client.send(new CreateStateMachineCommand({ name: 'Ok-name_1.x', definition: passDefinition, roleArn: ROLE }));
    expect((await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'e'.repeat(81) })))).name).toBe('ValidationException');
    expect((await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'e$' })))).name).toBe('InvalidName');
  });

  it('refuses malformed ARNs and ARNs of the wrong kind with InvalidArn', async () => {
    served = await serve();
    const describe = (stateMachineArn: string): Promise<unknown> => served!.client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const malformed = [
      'not-an-arn',
      'arn:aws:lambda:us-east-1:123456789012:function:f',
      'arn:aws:states:us-east-1:1234:stateMachine:Short',
      'arn:aws:states:us-east-1:123456789012:stateMachine:',
      'arn:aws:states:us-east-1:123456789012:stateMachine:A:1:extra',
    ];
    for (const arn of malformed) expect((await rejection(describe(arn))).name).toBe('InvalidArn');
    const wrongKind = await rejection(describe('arn:aws:states:us-east-1:123456789012:execution:A:b'));
    expect(wrongKind.name).toBe('InvalidArn');
    expect(wrongKind.message).toContain('Resource type not valid in this context: execution');
    const asExecution = await rejection(served.client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:A' })));
    expect(asExecution.name).toBe('InvalidArn');
    // A well-formed ARN of a machine that is not there is another error.
    expect((await rejection(describe('arn:aws:states:us-east-1:123456789012:stateMachine:A'))).name).toBe('StateMachineDoesNotExist');
  });

  it('limits an execution input to 256 KiB of UTF-8 and a definition to 1 MiB characters', async () => {
    served = await serve();
    const { stateMachineArn } = await served.client.send(new CreateStateMachineCommand({ name: 'Big', definition: passDefinition, roleArn: ROLE }));
    const input = JSON.stringify({ who: 'x'.repeat(256 * 1024) });
    const tooBig = await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, input })));
    expect(tooBig.name).toBe('ValidationException');
    expect(tooBig.message).toContain("at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144");
    expect(tooBig.message).not.toContain('xxxx');
    // The limit counts UTF-8 bytes: 100,000 three-byte characters are over it.
    const wide = await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ who: '\u20ac'.repeat(100_000) }) })));
    expect(wide.name).toBe('ValidationException');
    // StartSyncExecution takes more (up to the 1 MiB body; the engine's payload limit, 1 MiB by
    // default, applies): issue 13's bench runs its Map over 10,000 items (268 KB of input) this way.
    const express = await served.client.send(new CreateStateMachineCommand({ name: 'BigExpress', definition: passDefinition, roleArn: ROLE, type: 'EXPRESS' }));
    const syncClient = new SFNClient({ endpoint: served.server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
    const synced = await syncClient.send(new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn, input }));
    syncClient.destroy();
    expect(synced.status).toBe('SUCCEEDED');
    // A definition that long cannot fit in a request body (1 MiB): the operation is asked directly.
    const engine = await openEngine({ clock: new VirtualClock() });
    try {
      const operations = machineOperations(engine);
      const definition = JSON.stringify({ Comment: 'c'.repeat(1024 * 1024), StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
      const refused = await rejection(operations['CreateStateMachine']!({ name: 'Huge', definition, roleArn: ROLE }));
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).type).toBe('ValidationException');
      expect(refused.message).toContain("at 'definition'");
      expect(await engine.store.listMachines()).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
