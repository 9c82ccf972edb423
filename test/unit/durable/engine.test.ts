// The engine on a store: executions are committed as they go, outlive the engine that started them,
// and go on (with their deadlines, finished Map iterations and in-flight tasks) when a new engine opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/index.js';
import { openEngine } from '../../../src/service/engine.js';
import type { LambdaHandler } from '../../../src/index.js';

const START = Date.UTC(2026, 0, 1);

const definition = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Map',
      MaxConcurrency: 1,
      ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'double', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } },
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 3600, Next: 'Done' },
    Done: { Type: 'Pass', End: true },
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-engine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const calls: number[] = [];
const double: LambdaHandler = async (event) => {
  calls.push(event as number);
  return (event as number) * 2;
};

async function turns(n = 10): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('engine', () => {
  it('goes on after the engine that started the execution closed', async () => {
    const file = join(dir, 'executions.db');
    const clock = new VirtualClock({ startMs: START });
    const first = await openEngine({ store: file, clock, lambdas: { double } });
    await first.register('Doubler', definition);
    const execution = await first.start('Doubler', [1, 2, 3], { name: 'run-1' });
    await turns();
    // The Map is done; the execution waits an hour.
    await first.close();
    expect((await execution.result).status).toBe('SUSPENDED');
    calls.length = 0;

    const clock2 = new VirtualClock({ startMs: clock.now(), autoAdvance: true });
    const second = await openEngine({ store: file, clock: clock2, lambdas: { double } });
    const resumed = second.execution(execution.arn);
    expect(resumed).toBeDefined();
    expect(await resumed?.result).toEqual({ status: 'SUCCEEDED', output: [2, 4, 6] });
    // The Wait kept its deadline: the hour counted from when it began.
    const record = await second.describe(execution.arn);
    expect(record?.status).toBe('SUCCEEDED');
    expect(record?.stopDate).toBe(START + 3_600_000);
    // Finished iterations were not run again.
    expect(calls).toEqual([]);
    const history = await second.history(execution.arn);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
    await second.close();
  });

  it('stores an execution that finished before its first commit', async () => {
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }) });
    await engine.register('Quick', { StartAt: 'P', States: { P: { Type: 'Pass', Result: 7, End: true } } });
    const execution = await engine.start('Quick', {});
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: 7 });
    const record = await engine.describe(execution.arn);
    expect(record).toMatchObject({ status: 'SUCCEEDED', output: 7 });
    expect((await engine.history(execution.arn)).map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    await engine.close();
  });
});
