// EXPRESS machines through `asl serve` with the real @aws-sdk/client-sfn: StartSyncExecution (which
// the SDK sends to a `sync-` host unless disableHostPrefix is set), StartExecution run in memory,
// and the operations AWS refuses for express executions.
import { request } from 'node:http';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import { startServer } from '../../src/server/server.js';
import { failDefinition, passDefinition, ROLE, rejection, serve, type Served } from './fixture.js';

let served: Served | undefined;
let sync: SFNClient | undefined;
afterEach(async () => {
  sync?.destroy();
  sync = undefined;
  await served?.stop();
  served = undefined;
});

/** A client that keeps StartSyncExecution on the server's own host. */
function syncClient(s: Served): SFNClient {
  sync = new SFNClient({ endpoint: s.server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
  return sync;
}

async function create(s: Served, name: string, definition: string, type: 'STANDARD' | 'EXPRESS'): Promise<string> {
  const created = await s.client.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, type }));
  return created.stateMachineArn ?? '';
}

const waitThenPass = JSON.stringify({
  StartAt: 'Pause',
  States: { Pause: { Type: 'Wait', Seconds: 250, Next: 'Done' }, Done: { Type: 'Pass', Result: { done: true }, End: true } },
});

describe('asl serve: StartSyncExecution', () => {
  it('runs an express machine to the end and answers with its outcome', async () => {
    served = await serve();
    const arn = await create(served, 'Greeter', passDefinition, 'EXPRESS');
    const out = await syncClient(served).send(new StartSyncExecutionCommand({ stateMachineArn: arn, name: 'first', input: JSON.stringify({ who: 'sync' }) }));
    expect(out.status).toBe('SUCCEEDED');
    expect(JSON.parse(out.output ?? '')).toEqual({ greeting: 'hello sync' });
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:Greeter:first:[0-9a-f-]{36}$/);
    expect(out).toMatchObject({ stateMachineArn: arn, name: 'first', input: '{"who":"sync"}', inputDetails: { included: true }, outputDetails: { included: true } });
    expect(out.startDate).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(out.stopDate).toEqual(out.startDate);
    expect(out.billingDetails).toEqual({ billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 });
    // Nothing is stored: an express execution leaves no record behind.
    expect((await served.engine.list()).executions).toEqual([]);
  });

  it('answers 200 with FAILED, the error and the cause, for a failed execution', async () => {
    served = await serve();
    const arn = await create(served, 'Breaker', failDefinition, 'EXPRESS');
    const out = await syncClient(served).send(new StartSyncExecutionCommand({ stateMachineArn: arn }));
    expect(out).toMatchObject({ status: 'FAILED', error: 'Custom.Broken', cause: 'it broke' });
    expect(out.output).toBeUndefined();
    expect(out.name).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('bills the duration in 100 ms steps of the engine clock', async () => {
    served = await serve();
    const arn = await create(served, 'Waiter', waitThenPass, 'EXPRESS');
    const out = await syncClient(served).send(new StartSyncExecutionCommand({ stateMachineArn: arn, includedData: 'METADATA_ONLY' }));
    expect(out.status).toBe('SUCCEEDED');
    expect(out.billingDetails?.billedDurationInMilliseconds).toBe(250_000);
    expect((out.stopDate?.getTime() ?? 0) - (out.startDate?.getTime() ?? 0)).toBe(250_000);
    // METADATA_ONLY: the payloads are left out.
    expect(out.input).toBeUndefined();
    expect(out.output).toBeUndefined();
    expect(out.outputDetails).toEqual({ included: false });
  });

  it('refuses STANDARD machines, unknown machines and bad input as AWS does', async () => {
    served = await serve();
    const standard = await create(served, 'Standard', passDefinition, 'STANDARD');
    const express = await create(served, 'Express', passDefinition, 'EXPRESS');
    const client = syncClient(served);
    const wrongType = await rejection(client.send(new StartSyncExecutionCommand({ stateMachineArn: standard })));
    expect(wrongType.name).toBe('StateMachineTypeNotSupported');
    expect(wrongType.$metadata?.httpStatusCode).toBe(400);
    expect((await rejection(client.send(new StartSyncExecutionCommand({ stateMachineArn: `${express}Missing` })))).name).toBe('StateMachineDoesNotExist');
    expect((await rejection(client.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{nope' })))).name).toBe('InvalidExecutionInput');
    expect((await rejection(client.send(new StartSyncExecutionCommand({ stateMachineArn: express, name: 'a b' })))).name).toBe('InvalidName');
  });

  it('answers a Host with the sync- prefix the SDK adds by default', async () => {
    served = await serve();
    const arn = await create(served, 'Hosted', passDefinition, 'EXPRESS');
    const { port } = served.server;
    const body = JSON.stringify({ stateMachineArn: arn, input: '{"who":"host"}' });
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const call = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/', headers: { Host: `sync-127.0.0.1:${port}`, 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.StartSyncExecution', 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      call.on('error', reject);
      call.end(body);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 'SUCCEEDED', output: '{"greeting":"hello host"}' });
  });
});

describe('asl serve: closing with a StartSyncExecution in flight', () => {
  it('answers it at once (503) rather than wait for the express execution', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const engine = await openEngine({ clock });
    const server = await startServer({ engine, port: 0 });
    const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true, maxAttempts: 1 });
    try {
      const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'Slow', definition: waitThenPass, roleArn: ROLE, type: 'EXPRESS' }));
      const pending = rejection(client.send(new StartSyncExecutionCommand({ stateMachineArn })));
      // The execution waits on the virtual clock, which never moves here.
      // The request reaches this thread through the HTTP thread: waited for a turn at a time, bounded by the test's timeout.
      while (clock.pendingCount === 0) await new Promise((resolve) => setImmediate(resolve));
      await server.close();
      const error = await pending;
      expect(error.name).toBe('ServiceUnavailable');
      expect(error.$metadata?.httpStatusCode).toBe(503);
    } finally {
      client.destroy();
      await engine.close();
    }
  });
});

describe('asl serve: StartExecution of an express machine', () => {
  it('starts it in memory and refuses its ARN where AWS does', async () => {
    served = await serve(false);
    const arn = await create(served, 'Async', waitThenPass, 'EXPRESS');
    const started = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'one' }));
    expect(started.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:Async:one:[0-9a-f-]{36}$/);
    expect(started.startDate).toEqual(new Date(Date.UTC(2026, 0, 1)));
    // Not idempotent: the same name starts another execution.
    const again = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'one' }));
    expect(again.executionArn).not.toBe(started.executionArn);
    const executionArn = started.executionArn ?? '';
    for (const call of [
      served.client.send(new DescribeExecutionCommand({ executionArn })),
      served.client.send(new GetExecutionHistoryCommand({ executionArn })),
      served.client.send(new StopExecutionCommand({ executionArn })),
    ]) {
      const error = await rejection(call);
      expect(error.name).toBe('InvalidArn');
      expect(error.message).toBe("Invalid Arn: 'Resource type not valid in this context: express'");
    }
    const listed = await rejection(served.client.send(new ListExecutionsCommand({ stateMachineArn: arn })));
    expect(listed.name).toBe('StateMachineTypeNotSupported');
    expect((await served.engine.list()).executions).toEqual([]);
  });

  it('follows a machine deleted and created anew with the other type', async () => {
    served = await serve();
    const arn = await create(served, 'Shifty', passDefinition, 'EXPRESS');
    const first = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect(first.executionArn).toMatch(/:express:Shifty:/);
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    expect((await rejection(syncClient(served).send(new StartSyncExecutionCommand({ stateMachineArn: arn })))).name).toBe('StateMachineDoesNotExist');
    expect(await create(served, 'Shifty', passDefinition, 'STANDARD')).toBe(arn);
    const second = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect(second.executionArn).toMatch(/:execution:Shifty:/);
  });

  it('still starts STANDARD executions durably', async () => {
    served = await serve();
    const arn = await create(served, 'Durable', passDefinition, 'STANDARD');
    const started = await served.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"who":"std"}' }));
    expect(started.executionArn).toMatch(/:execution:Durable:/);
    const listed = await served.client.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual([started.executionArn]);
  });
});
