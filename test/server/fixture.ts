// A served in-memory engine and an SDK client pointed at it, for the `asl serve` tests.
import { DescribeExecutionCommand, SFNClient, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { openEngine, VirtualClock } from '../../src/index.js';
import type { Engine, EngineOptions } from '../../src/service/engine.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

export interface Served {
  readonly engine: Engine;
  readonly server: RunningServer;
  readonly client: SFNClient;
  stop(): Promise<void>;
}

/** `autoAdvance: false` keeps Wait states pending, so an execution stays RUNNING until stopped. */
export function serve(autoAdvance = true): Promise<Served> {
  return serveEngine({ clock: new VirtualClock({ autoAdvance }) });
}

/** A server over an engine opened with the test's own options (a store file, lambdas); a self-advancing virtual clock unless given one. */
export async function serveEngine(options: EngineOptions = {}): Promise<Served> {
  const engine = await openEngine({ clock: new VirtualClock({ autoAdvance: true }), ...options });
  const server = await startServer({ engine, port: 0 });
  const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  return {
    engine,
    server,
    client,
    async stop() {
      client.destroy();
      await server.close();
      await engine.close();
    },
  };
}

/** Describes until the execution leaves RUNNING; bounded, and never waits on the real clock. */
export async function settled(client: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (let turn = 0; turn < 200; turn++) {
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${executionArn} is still RUNNING after 200 polls`);
}

/** The error an SDK call rejects with (fails the test when it resolves). */
export async function rejection(call: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export const passDefinition = JSON.stringify({
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hello {}', $.who)" }, End: true } },
});

export const failDefinition = JSON.stringify({
  StartAt: 'Boom',
  States: { Boom: { Type: 'Fail', Error: 'Custom.Broken', Cause: 'it broke' } },
});

export const waitDefinition = JSON.stringify({
  StartAt: 'Pause',
  States: { Pause: { Type: 'Wait', Seconds: 3600, End: true } },
});

export const ROLE = 'arn:aws:iam::123456789012:role/test';
