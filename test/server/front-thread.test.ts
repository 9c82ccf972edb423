// The HTTP front thread (src/server/front-thread.ts): requests read on a thread of their own and
// answered on the engine's, handed over in batches, each answer to its own request.
import { Agent, request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import { startServer } from '../../src/server/server.js';
import { serve, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const ROLE = 'arn:aws:iam::123456789012:role/front';

/** One POST on `agent`; the status, the headers that matter here and the JSON body. */
function call(url: string, agent: Agent, operation: string, body: unknown): Promise<{ status: number; requestId: string | undefined; connection: string | undefined; json: Record<string, unknown> }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const request = httpRequest({ hostname, port, method: 'POST', agent, headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}`, 'Content-Length': Buffer.byteLength(text) } }, (response) => {
      let answer = '';
      response.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, requestId: response.headers['x-amzn-requestid'] as string | undefined, connection: response.headers.connection, json: JSON.parse(answer) as Record<string, unknown> }),
      );
    });
    request.on('error', reject);
    request.end(text);
  });
}

describe('asl serve: the HTTP front thread', () => {
  it('gives each of 300 concurrent calls on 50 keep-alive connections its own answer', async () => {
    served = await serve();
    const url = served.server.url;
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    try {
      const created = await call(url, agent, 'CreateStateMachine', { name: 'Many', definition: pass, roleArn: ROLE });
      const stateMachineArn = created.json['stateMachineArn'] as string;
      const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => call(url, agent, 'StartExecution', { stateMachineArn, name: `run-${i}`, input: JSON.stringify({ i }) })));
      expect(answers.map((answer) => answer.status)).toEqual(Array(300).fill(200));
      expect(answers.map((answer) => answer.json['executionArn'])).toEqual(Array.from({ length: 300 }, (_, i) => `arn:aws:states:us-east-1:123456789012:execution:Many:run-${i}`));
      // One request id per call.
      expect(new Set(answers.map((answer) => answer.requestId)).size).toBe(300);
      // An error answered in the same batches as the others: a name taken.
      const again = await Promise.all([call(url, agent, 'StartExecution', { stateMachineArn, name: 'run-7', input: '{"other":1}' }), call(url, agent, 'ListStateMachines', {})]);
      expect(again[0]).toMatchObject({ status: 400, json: { __type: 'ExecutionAlreadyExists' } });
      expect(again[1]).toMatchObject({ status: 200, json: { stateMachines: [expect.objectContaining({ name: 'Many' })] } });
    } finally {
      agent.destroy();
    }
  });

  it('closes: a call answered while closing ends its connection, and new connections are refused', async () => {
    const clock = new VirtualClock();
    const engine = await openEngine({ clock });
    const server = await startServer({ engine, port: 0 });
    const agent = new Agent({ keepAlive: true });
    try {
      const napping = JSON.stringify({ StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 60, End: true } } });
      const created = await call(server.url, agent, 'CreateStateMachine', { name: 'Napping', definition: napping, roleArn: ROLE, type: 'EXPRESS' });
      // A StartSyncExecution in flight on the engine's thread (its Wait on a clock that never moves)
      // when the server closes: closing answers it at once, and that answer ends its connection.
      const pending = call(server.url, agent, 'StartSyncExecution', { stateMachineArn: created.json['stateMachineArn'] });
      // The request reaches this thread through the HTTP thread: waited for a turn at a time, bounded by the test's timeout.
      while (clock.pendingCount === 0) await new Promise((resolve) => setImmediate(resolve));
      const closed = server.close();
      const answer = await pending;
      expect(answer).toMatchObject({ status: 503, connection: 'close', json: { __type: 'ServiceUnavailable' } });
      await closed;
      await expect(call(server.url, new Agent(), 'ListStateMachines', {})).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
      await engine.close();
    }
  });

  it('goes on answering after clients leave in the middle of a body', async () => {
    const engine = await openEngine({ clock: new VirtualClock() });
    const failures: Error[] = [];
    const server = await startServer({ engine, port: 0, onError: (error) => failures.push(error) });
    try {
      const { port } = new URL(server.url);
      for (let i = 0; i < 3; i++) {
        const socket = connect(Number(port), '127.0.0.1');
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Length: 100\r\n\r\n{"half":');
        await new Promise((resolve) => setImmediate(resolve));
        socket.destroy();
      }
      const answer = await call(server.url, new Agent(), 'ListStateMachines', {});
      expect(answer).toMatchObject({ status: 200, json: { stateMachines: [] } });
      expect(failures).toEqual([]);
    } finally {
      await server.close();
      await engine.close();
    }
  });

  it('rejects as listen would when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const engine = await openEngine({ clock: new VirtualClock() });
    try {
      await expect(startServer({ engine, port })).rejects.toMatchObject({ code: 'EADDRINUSE', message: expect.stringContaining(String(port)) });
    } finally {
      await engine.close();
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
