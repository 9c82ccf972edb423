// StartExecution's name rules when starts of one name arrive together: AWS answers a STANDARD start
// that repeats a running execution's name and input with that execution (idempotent), and refuses
// any other start of a taken name (ExecutionAlreadyExists). Over a SQLite store, whose first commit
// of an execution comes a turn after its start.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/index.js';
import { serveEngine, type Served } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'asl-start-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

const ROLE = 'arn:aws:iam::123456789012:role/race';
const napping = JSON.stringify({ StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 60, End: true } } });

function post(operation: string, body: unknown): string {
  const text = JSON.stringify(body);
  return `POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.${operation}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

/** Sends `requests` pipelined in one write (so that the server takes them up in one turn) and returns each answer's status and body. */
async function pipelined(port: number, requests: readonly string[]): Promise<{ status: number; json: Record<string, unknown> }[]> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  const answers = (): RegExpMatchArray[] => [...text.matchAll(/HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n(\{[^\r]*?\})(?=HTTP\/1\.1 |$)/g)];
  // Checked as data arrives (the answers come from the front thread); the test's timeout bounds it.
  const all = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (answers().length >= requests.length) resolve();
    });
    socket.once('close', () => reject(new Error(`the connection closed after ${answers().length} answers`)));
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(requests.join(''));
  await all;
  socket.destroy();
  return answers().map((match) => ({ status: Number(match[1]), json: JSON.parse(match[2] ?? '') as Record<string, unknown> }));
}

describe('asl serve: StartExecution of one name, several at once', () => {
  it('answers every repeat of a running start (same name, same input) with its execution, and refuses another input', async () => {
    served = await serveEngine({ store: join(dir, 'same.db'), clock: new VirtualClock() });
    const [created] = await pipelined(served.server.port, [post('CreateStateMachine', { name: 'Racing', definition: napping, roleArn: ROLE })]);
    const stateMachineArn = created?.json['stateMachineArn'];
    const start = (input: string): string => post('StartExecution', { stateMachineArn, name: 'once', input });
    const answers = await pipelined(served.server.port, [start('{"n":1}'), start('{"n":1}'), start('{"n":1}'), start('{"n":2}')]);
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:Racing:once';
    expect(answers.slice(0, 3)).toEqual(Array(3).fill({ status: 200, json: { executionArn: arn, startDate: expect.any(Number) } }));
    expect(answers[3]).toMatchObject({ status: 400, json: { __type: 'ExecutionAlreadyExists' } });
    // One execution, whatever the number of starts.
    const [listed] = await pipelined(served.server.port, [post('ListExecutions', { stateMachineArn })]);
    expect(listed?.json['executions']).toEqual([expect.objectContaining({ executionArn: arn, status: 'RUNNING' })]);
  });

  it('refuses the name of a finished execution, even with its input', async () => {
    served = await serveEngine({ store: join(dir, 'finished.db') });
    const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const [created] = await pipelined(served.server.port, [post('CreateStateMachine', { name: 'Done', definition: pass, roleArn: ROLE })]);
    const stateMachineArn = created?.json['stateMachineArn'];
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:Done:once';
    const [first] = await pipelined(served.server.port, [post('StartExecution', { stateMachineArn, name: 'once', input: '{}' })]);
    expect(first).toMatchObject({ status: 200, json: { executionArn: arn } });
    for (let turn = 0; (await served.engine.describe(arn))?.status !== 'SUCCEEDED'; turn++) {
      if (turn > 20_000) throw new Error('the execution never finished');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [again] = await pipelined(served.server.port, [post('StartExecution', { stateMachineArn, name: 'once', input: '{}' })]);
    expect(again).toMatchObject({ status: 400, json: { __type: 'ExecutionAlreadyExists' } });
  });
});
