// kill -9 of `asl serve` (issue 13): a server on a SQLite store runs executions waiting on Wait
// timers, a Map whose children wait, and task tokens; it is SIGKILLed mid-wait and started again on
// the same file, where the tokens handed out before the kill are answered.
// Every execution must then finish SUCCEEDED with the right output and a history an uninterrupted
// run would have: ids 1..N, no event lost or doubled, no Wait ended before its time.
// A separate process and real time are the point (a crash cannot be simulated in-process); the Waits
// are 1-4 s, so the test spends a few seconds. The CLI is bundled from src/ (kill-serve-process.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { type HistoryEvent, type JsonValue, openSqliteStore } from '../../src/index.js';
import { runDefinition } from '../support/run.js';
import { ROLE } from './fixture.js';
import { bundleCli, startServe, type ServeProcess } from './kill-serve-process.js';

const ACCOUNT = 'arn:aws:states:us-east-1:123456789012';
/** How long the test waits for an execution to reach a Wait, or to finish after the restart. */
const DEADLINE_MS = 30_000;

const MACHINES: Record<string, JsonValue> = {
  Sleeper: {
    StartAt: 'Nap',
    States: {
      Nap: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Wake' },
      Wake: { Type: 'Pass', Parameters: { 'slept.$': '$.seconds', woke: true }, End: true },
    },
  },
  Fan: {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Nap',
          States: {
            Nap: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Double' },
            Double: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'twice.$': 'States.MathAdd($.n, $.n)' }, End: true },
          },
        },
        End: true,
      },
    },
  },
  // Waits for a task token it hands to a child execution (which does not answer it): the test answers after the restart.
  Asker: {
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
        Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Sleeper', Input: { seconds: 1, 'token.$': '$$.Task.Token' } },
        End: true,
      },
    },
  },
};

interface Case {
  readonly machine: string;
  readonly name: string;
  readonly input: { readonly seconds?: number; readonly items?: ReadonlyArray<{ n: number; seconds: number }> };
  readonly output: JsonValue;
}

const CASES: readonly Case[] = [
  { machine: 'Sleeper', name: 'sleep-2a', input: { seconds: 2 }, output: { slept: 2, woke: true } },
  { machine: 'Sleeper', name: 'sleep-2b', input: { seconds: 2 }, output: { slept: 2, woke: true } },
  // Most likely still waiting after the restart: the new process sets its timer again, for the time left.
  { machine: 'Sleeper', name: 'sleep-4', input: { seconds: 4 }, output: { slept: 4, woke: true } },
  {
    machine: 'Fan',
    name: 'fan-3',
    input: { items: [{ n: 1, seconds: 1 }, { n: 2, seconds: 2 }, { n: 3, seconds: 3 }] },
    output: [{ n: 1, twice: 2 }, { n: 2, twice: 4 }, { n: 3, twice: 6 }],
  },
  { machine: 'Fan', name: 'fan-2', input: { items: [{ n: 4, seconds: 2 }, { n: 5, seconds: 2 }] }, output: [{ n: 4, twice: 8 }, { n: 5, twice: 10 }] },
  { machine: 'Asker', name: 'ask-1', input: {}, output: { answered: 'ask-1' } },
  { machine: 'Asker', name: 'ask-2', input: {}, output: { answered: 'ask-2' } },
];

const executionArn = (c: Case): string => `${ACCOUNT}:execution:${c.machine}:${c.name}`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const label = (event: HistoryEvent): string => `${event.type}${event.details?.name === undefined ? '' : `:${event.details.name}`}${event.details?.index === undefined ? '' : `#${event.details.index}`}`;

function clientFor(server: ServeProcess): SFNClient {
  return new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
}

/** How many Waits the execution has entered (an Asker: whether its token is out), as the server reports its history. */
async function waitsEntered(client: SFNClient, arn: string): Promise<number> {
  const history = await client.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }));
  return (history.events ?? []).filter((event) => event.type === 'WaitStateEntered' || event.type === 'TaskSubmitted').length;
}

/** Polls until `done` holds; fails after DEADLINE_MS. */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > DEADLINE_MS) throw new Error(`timed out waiting until ${what}`);
    await pause(25);
  }
}

/**
 * After the restart, reads each Asker's token from its TaskScheduled parameters (as a worker given
 * the token before the crash would hold it) and answers it with SendTaskSuccess.
 */
async function answerTaskTokens(client: SFNClient): Promise<void> {
  for (const c of CASES.filter((one) => one.machine === 'Asker')) {
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn: executionArn(c), maxResults: 1000 }));
    const scheduled = history.events?.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails;
    const parameters = JSON.parse(scheduled?.parameters ?? '{}') as { Input?: { token?: string } };
    await client.send(new SendTaskSuccessCommand({ taskToken: parameters.Input?.token, output: JSON.stringify({ answered: c.name }) }));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'asl-serve-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('asl serve under kill -9', () => {
  it('finishes executions waiting on timers and Map children after a SIGKILL and a restart', { timeout: 90_000 }, async () => {
    const store = join(dir, 'serve.db');
    const log: string[] = [];
    const servers: ServeProcess[] = [];
    onTestFailed(() => console.error(`asl serve kill -9 test (store ${store}):\n${log.join('\n')}\n${servers.map((s) => s.stderr()).join('\n')}`));
    const cli = await bundleCli(dir);

    const first = await startServe(cli, store);
    servers.push(first);
    const client = clientFor(first);
    for (const [name, definition] of Object.entries(MACHINES)) {
      await client.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
    }
    await Promise.all(CASES.map((c) => client.send(new StartExecutionCommand({ stateMachineArn: `${ACCOUNT}:stateMachine:${c.machine}`, name: c.name, input: JSON.stringify(c.input) }))));
    // Every execution waits: each Sleeper in its Wait, each Fan child in its own.
    await until('every execution waits', async () => {
      const entered = await Promise.all(CASES.map((c) => waitsEntered(client, executionArn(c))));
      return CASES.every((c, i) => (entered[i] ?? 0) >= (c.input.items?.length ?? 1));
    });
    await first.kill9();
    client.destroy();
    const killedAt = Date.now();

    // What the killed server left: every execution RUNNING in the store, its last Waits pending.
    const left = await openSqliteStore(store);
    try {
      for (const c of CASES) expect((await left.getExecution(executionArn(c)))?.status, c.name).toBe('RUNNING');
    } finally {
      await left.close();
    }

    const second = await startServe(cli, store);
    servers.push(second);
    const again = clientFor(second);
    log.push(`killed at ${killedAt}, second server on ${second.url} at ${Date.now()}`);
    await answerTaskTokens(again);
    await until('every execution finished', async () => {
      const described = await Promise.all(CASES.map((c) => again.send(new DescribeExecutionCommand({ executionArn: executionArn(c) }))));
      return described.every((d) => d.status !== 'RUNNING');
    });
    for (const c of CASES) {
      const described = await again.send(new DescribeExecutionCommand({ executionArn: executionArn(c) }));
      expect(described.status, c.name).toBe('SUCCEEDED');
      expect(JSON.parse(described.output ?? 'null'), c.name).toEqual(c.output);
    }
    again.destroy();
    // Ctrl-C: the server stops and closes its store cleanly.
    expect(await second.interrupt()).toBe(0);

    const db = await openSqliteStore(store);
    try {
      for (const c of CASES) {
        const history = await db.history(executionArn(c));
        log.push(`${c.name}: ${history.map(label).join(' ')}`);
        expect(history.map((event) => event.id), c.name).toEqual(history.map((_, i) => i + 1));
        for (const event of history) expect(event.previousEventId, `${c.name} event ${event.id}`).toBeLessThan(event.id);
        expect(history[0]?.type).toBe('ExecutionStarted');
        expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
        if (c.machine === 'Asker') {
          // Sent once before the kill, answered once after it.
          expect(history.map(label), c.name).toEqual(['ExecutionStarted', 'TaskStateEntered:Ask', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited:Ask', 'ExecutionSucceeded']);
          continue;
        }
        // The same events as an uninterrupted run; Map children interleave by real time, so as a multiset there.
        const reference = await runDefinition(MACHINES[c.machine] as JsonValue, c.input as JsonValue);
        expect(reference.result).toEqual({ status: 'SUCCEEDED', output: c.output });
        if (c.machine === 'Fan') expect(history.map(label).sort(), c.name).toEqual(reference.history.map(label).sort());
        else expect(history.map(label), c.name).toEqual(reference.history.map(label));
        expectNoWaitEndedEarly(history, c);
      }
    } finally {
      await db.close();
    }
  });
});

/** Each Wait lasted at least its seconds on the wall clock, across the kill. */
function expectNoWaitEndedEarly(history: readonly HistoryEvent[], c: Case): void {
  const seconds = c.input.items?.map((item) => item.seconds) ?? [c.input.seconds ?? 0];
  const entered = history.filter((event) => event.type === 'WaitStateEntered');
  expect(entered).toHaveLength(seconds.length);
  for (const event of entered) {
    const exit = history.find((later) => later.type === 'WaitStateExited' && later.previousEventId === event.id);
    const index = iterationOf(history, event);
    const wanted = (index === undefined ? seconds[0] : seconds[index]) ?? 0;
    if (c.input.items !== undefined) expect(index, `${c.name}: the Map iteration of wait ${event.id}`).toBeDefined();
    expect(exit?.timestamp ?? 0, `${c.name} wait ${index ?? ''}`).toBeGreaterThanOrEqual(event.timestamp + wanted * 1000);
  }
}

/** The Map iteration an event belongs to: the index of the MapIterationStarted its thread goes back to. */
function iterationOf(history: readonly HistoryEvent[], event: HistoryEvent): number | undefined {
  for (let at = history.find((e) => e.id === event.previousEventId); at !== undefined; at = history.find((e) => e.id === at?.previousEventId)) {
    if (at.type === 'MapIterationStarted') return at.details?.index;
  }
  return undefined;
}
