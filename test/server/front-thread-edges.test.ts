// The HTTP front thread (src/server/front-thread.ts) at the edges of HTTP, over raw sockets: what a
// client that pipelines, streams, stalls or reads slowly gets, and what close() does to each.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import type { Engine } from '../../src/service/engine.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

const ROLE = 'arn:aws:iam::123456789012:role/edges';

let running: { engine: Engine; server: RunningServer } | undefined;
afterEach(async () => {
  // Bounded: a test that found close() hanging has said so already.
  await Promise.race([running?.server.close(), realDelay(2000)]);
  await running?.engine.close();
  running = undefined;
});

async function start(clock: VirtualClock): Promise<{ engine: Engine; server: RunningServer }> {
  const engine = await openEngine({ clock });
  running = { engine, server: await startServer({ engine, port: 0 }) };
  return running;
}

/** A raw connection: what it received so far (latin1), and a promise of its close. */
interface Raw {
  readonly socket: Socket;
  received(): string;
  /** Resolves once `done` holds, checked as data arrives (the answers come from the front thread, not this one). */
  when(done: () => boolean): Promise<void>;
  readonly closed: Promise<void>;
}

async function open(port: number): Promise<Raw> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const waiting = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    for (const check of [...waiting]) check();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve) => socket.once('connect', resolve));
  const when = (done: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done()) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      void closed.then(() => {
        if (waiting.delete(check)) reject(new Error(`the connection closed first; it received ${chunks.length} chunks`));
      });
      check();
    });
  return { socket, received: () => Buffer.concat(chunks).toString('latin1'), when, closed };
}

function post(operation: string, body: unknown): string {
  const text = JSON.stringify(body);
  return `POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.${operation}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

function statuses(text: string): string[] {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1] ?? '');
}

/** Waits, a turn at a time, until `done` (what this thread's engine does); the test's timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

function realDelay(ms: number): Promise<'timed out'> {
  return new Promise((resolve) => AbortSignal.timeout(ms).addEventListener('abort', () => resolve('timed out')));
}

async function machine(port: number, name: string, definition: unknown, type: 'STANDARD' | 'EXPRESS'): Promise<string> {
  const raw = await open(port);
  raw.socket.write(post('CreateStateMachine', { name, definition: JSON.stringify(definition), roleArn: ROLE, type }));
  await raw.when(() => raw.received().includes('"stateMachineArn"'));
  raw.socket.destroy();
  return /"stateMachineArn":"([^"]+)"/.exec(raw.received())?.[1] ?? '';
}

describe('asl serve: HTTP edges of the front thread', () => {
  it('answers pipelined requests in their order, the first answered last', async () => {
    const clock = new VirtualClock();
    const { server } = await start(clock);
    const arn = await machine(server.port, 'Nap', { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 60, End: true } } }, 'EXPRESS');
    const raw = await open(server.port);
    raw.socket.write(post('StartSyncExecution', { stateMachineArn: arn, name: 'first' }) + post('ListStateMachines', {}) + post('NoSuchOperation', {}));
    // The two later answers are ready long before the first; none goes out ahead of it.
    await until(() => clock.pendingCount > 0);
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(raw.received()).toBe('');
    await clock.advance(60_000);
    await raw.when(() => statuses(raw.received()).length === 3);
    const text = raw.received();
    expect(statuses(text)).toEqual(['200', '200', '400']);
    expect(text.indexOf('"name":"first"')).toBeLessThan(text.indexOf('"stateMachines"'));
    expect(text.indexOf('"stateMachines"')).toBeLessThan(text.indexOf('UnknownOperationException'));
    raw.socket.destroy();
  });

  it('refuses a chunked body over 1 MiB with 413 and takes one just under it', async () => {
    const { server } = await start(new VirtualClock());
    for (const [size, status] of [
      [1024 * 1024 - 64, '200'],
      [3 * 1024 * 1024, '413'],
    ] as const) {
      const raw = await open(server.port);
      const body = JSON.stringify({ pad: 'y'.repeat(size - 12) });
      raw.socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.ListActivities\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let at = 0; at < body.length; at += 65_536) {
        const chunk = body.slice(at, at + 65_536);
        raw.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      }
      raw.socket.write('0\r\n\r\n');
      await raw.when(() => statuses(raw.received()).length === 1);
      expect(statuses(raw.received())).toEqual([status]);
      raw.socket.destroy();
    }
  });

  it('closes without waiting on connections that sent nothing, half a head or half a body', async () => {
    const { server } = await start(new VirtualClock());
    const silent = await open(server.port);
    const halfHead = await open(server.port);
    halfHead.socket.write('POST / HTTP/1.1\r\nHost: local');
    const halfBody = await open(server.port);
    halfBody.socket.write(post('ListStateMachines', {}).replace('Content-Length: 2', 'Content-Length: 40'));
    // Each reached the front thread (a request's head answered on a fourth connection comes after them).
    const probe = await open(server.port);
    probe.socket.write(post('ListStateMachines', {}));
    await probe.when(() => statuses(probe.received()).length === 1);
    // Node stops timing connections out once its server closes: these would hold close() until their clients left.
    expect(await Promise.race([server.close().then(() => 'closed'), realDelay(2000)])).toBe('closed');
    await Promise.all([silent.closed, halfHead.closed, halfBody.closed, probe.closed]);
    expect(silent.received()).toBe('');
  });

  it('closes without cutting off an answer written to a client that reads it only later', async () => {
    const { engine, server } = await start(new VirtualClock({ autoAdvance: true }));
    // Eight Pass states, each passing on three copies of a 250 KB input: a history of about 11 MB,
    // far more than the sockets' buffers hold while the client does not read.
    const copies = { 'a.$': '$$.Execution.Input', 'b.$': '$$.Execution.Input', 'c.$': '$$.Execution.Input' };
    const states = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`P${i}`, { Type: 'Pass', Parameters: copies, ...(i < 7 ? { Next: `P${i + 1}` } : { End: true }) }]));
    await engine.register('Wide', { StartAt: 'P0', States: states });
    const execution = await engine.start('Wide', { pad: 'p'.repeat(250_000) });
    await execution.result;
    // An idle keep-alive connection: its end tells that the front thread has begun closing.
    const idle = await open(server.port);
    idle.socket.write(post('ListStateMachines', {}));
    await idle.when(() => statuses(idle.received()).length === 1);
    const raw = await open(server.port);
    raw.socket.once('data', () => raw.socket.pause());
    raw.socket.write(post('GetExecutionHistory', { executionArn: execution.arn, maxResults: 1000 }));
    // The head arrived: the whole answer is written on the server's side, most of it not sent yet.
    await raw.when(() => statuses(raw.received()).length === 1);
    const closed = server.close();
    await idle.closed;
    raw.socket.resume();
    await raw.closed;
    await closed;
    const text = raw.received();
    const length = Number(/Content-Length: (\d+)/.exec(text)?.[1]);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(length).toBeGreaterThan(10_000_000);
    expect(body.length).toBe(length);
    expect(JSON.parse(body)).toMatchObject({ events: expect.arrayContaining([expect.objectContaining({ type: 'ExecutionSucceeded' })]) });
  });
});
