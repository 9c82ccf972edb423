// Step Functions Local's `stateMachineArn#TestCase` through `asl serve`: the execution runs under that
// test case of the server's MockConfigFile, is named as usual, and keeps its mocks across a restart
// of a durable store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import type { Engine } from '../../src/service/engine.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { rejection, ROLE, settled } from './fixture.js';

const MOCKS = {
  StateMachines: {
    Orders: { TestCases: { HappyPath: { Charge: 'ChargeOk' }, Declined: { Charge: 'ChargeDeclined' } } },
    QuickOrders: { TestCases: { HappyPath: { Charge: 'ChargeOk' } } },
  },
  MockedResponses: {
    ChargeOk: { '0': { Return: { Payload: { charged: 42 } } } },
    ChargeDeclined: { '0': { Throw: { Error: 'Card.Declined', Cause: 'insufficient funds' } } },
  },
};

/** A Wait first (so an execution can be caught mid-way), then a Lambda no one serves unless it is mocked. */
const ORDERS = JSON.stringify({
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', Seconds: 30, Next: 'Charge' },
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Charge', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
  },
});

interface Running {
  readonly engine: Engine;
  readonly server: RunningServer;
  readonly client: SFNClient;
  readonly clock: VirtualClock;
}

let running: Running | undefined;
const temps: string[] = [];
afterEach(async () => {
  await stop();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function stop(): Promise<void> {
  running?.client.destroy();
  await running?.server.close();
  await running?.engine.close();
  running = undefined;
}

async function serve(store = ':memory:', autoAdvance = true): Promise<Running> {
  const clock = new VirtualClock({ autoAdvance });
  const engine = await openEngine({ store, clock, mockConfigFile: MOCKS });
  const server = await startServer({ engine, port: 0 });
  const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
  running = { engine, server, client, clock };
  return running;
}

async function create(client: SFNClient, name: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> {
  return (await client.send(new CreateStateMachineCommand({ name, definition: ORDERS, roleArn: ROLE, type }))).stateMachineArn ?? '';
}

describe('asl serve: stateMachineArn#TestCase', () => {
  it('runs a STANDARD execution under the test case the ARN names', async () => {
    const { client } = await serve();
    const arn = await create(client, 'Orders');
    const happy = await client.send(new StartExecutionCommand({ stateMachineArn: `${arn}#HappyPath`, name: 'happy' }));
    // Named as any execution of the machine: the test case is not part of the execution's ARN.
    expect(happy.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:Orders:happy');
    expect(await settled(client, happy.executionArn ?? '')).toMatchObject({ status: 'SUCCEEDED', output: '{"charged":42}' });
    const declined = await client.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Declined` }));
    expect(await settled(client, declined.executionArn ?? '')).toMatchObject({ status: 'FAILED', error: 'Card.Declined', cause: 'insufficient funds' });
    // Without a test case nothing is mocked: the Lambda is called, and there is none.
    const plain = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect((await settled(client, plain.executionArn ?? '')).status).toBe('FAILED');
  });

  it('applies to StartSyncExecution of an EXPRESS machine too', async () => {
    const { client } = await serve();
    const arn = await create(client, 'QuickOrders', 'EXPRESS');
    const out = await client.send(new StartSyncExecutionCommand({ stateMachineArn: `${arn}#HappyPath`, input: '{}' }));
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"charged":42}', stateMachineArn: arn });
  });

  it('refuses a test case the MockConfigFile does not have', async () => {
    const { client } = await serve();
    const arn = await create(client, 'Orders');
    const unknown = await rejection(client.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Sideways` })));
    expect(unknown.name).toBe('ValidationException');
    expect(unknown.message).toMatch(/no test case "Sideways".*"HappyPath", "Declined"/);
    const unlisted = await create(client, 'Unlisted');
    expect((await rejection(client.send(new StartExecutionCommand({ stateMachineArn: `${unlisted}#HappyPath` })))).name).toBe('ValidationException');
    expect((await rejection(client.send(new StartExecutionCommand({ stateMachineArn: `${arn}#` })))).name).toBe('InvalidArn');
  });

  it('keeps the test case of an execution that resumes after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-mock-case-'));
    temps.push(dir);
    const store = join(dir, 'executions.db');
    const first = await serve(store, false);
    const arn = await create(first.client, 'Orders');
    const started = await first.client.send(new StartExecutionCommand({ stateMachineArn: `${arn}#HappyPath`, name: 'across' }));
    await stop();
    const second = await serve(store, false);
    second.clock.advance(30_000);
    expect(await settled(second.client, started.executionArn ?? '')).toMatchObject({ status: 'SUCCEEDED', output: '{"charged":42}' });
  });
});
