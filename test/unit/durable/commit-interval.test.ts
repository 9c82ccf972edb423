// A running execution is committed at most every minCommitIntervalMs of real time: a Map whose Tasks
// each wait one event-loop turn would otherwise rewrite its snapshot (every finished result) on
// every turn. The finishing commit is never held back.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, openEngine, VirtualClock } from '../../../src/index.js';
import type { Commit, ExecutionStore, LambdaHandler } from '../../../src/index.js';

const definition = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      MaxConcurrency: 1,
      ItemProcessor: { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'turn', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } },
      End: true,
    },
  },
};

/** Answers on the next turn of the event loop, as a Task waiting on I/O would. */
const turn: LambdaHandler = (event) => new Promise((resolve) => setImmediate(() => resolve(event)));

/** The memory store, counting the commits of running executions. */
function countingStore(): { store: ExecutionStore; running: () => number } {
  const inner = createMemoryStore();
  let running = 0;
  const store: ExecutionStore = {
    kind: inner.kind,
    acquire: (owner, isAlive) => inner.acquire(owner, isAlive),
    putMachine: (machine) => inner.putMachine(machine),
    getMachine: (arn, hash) => inner.getMachine(arn, hash),
    listMachines: () => inner.listMachines(),
    getMachineResource: (arn) => inner.getMachineResource(arn),
    putMachineResource: (resource) => inner.putMachineResource(resource),
    listMachineResources: () => inner.listMachineResources(),

    putActivity: (activity) => inner.putActivity(activity),
    deleteActivity: (arn) => inner.deleteActivity(arn),
    listActivities: () => inner.listActivities(),
    putMapRun: (run) => inner.putMapRun(run),
    getMapRun: (arn) => inner.getMapRun(arn),
    listMapRuns: (executionArn) => inner.listMapRuns(executionArn),
    createExecution: (execution) => inner.createExecution(execution),
    commit: (commit: Commit) => {
      if (commit.status === 'RUNNING') running++;
      return inner.commit(commit);
    },
    commitMany: (writes) => {
      for (const write of writes) if ('commit' in write && write.commit.status === 'RUNNING') running++;
      return inner.commitMany(writes);
    },
    getExecution: (arn) => inner.getExecution(arn),
    listExecutions: (filter) => inner.listExecutions(filter),
    history: (arn, query) => inner.history(arn, query),
    close: () => inner.close(),
  };
  return { store, running: () => running };
}

async function commitsFor(minCommitIntervalMs: number | undefined): Promise<number> {
  const { store, running } = countingStore();
  const engine = await openEngine({ store, clock: new VirtualClock({ autoAdvance: true }), lambdas: { turn }, ...(minCommitIntervalMs === undefined ? {} : { minCommitIntervalMs }) });
  await engine.register('Turns', definition);
  const items = Array.from({ length: 150 }, (_, i) => i);
  const execution = await engine.start('Turns', items);
  expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: items });
  expect((await engine.describe(execution.arn))?.status).toBe('SUCCEEDED');
  await engine.close();
  return running();
}

describe('commit interval', () => {
  it('commits every turn with an interval of 0, and far less often by default', async () => {
    const everyTurn = await commitsFor(0);
    const spaced = await commitsFor(undefined);
    expect(everyTurn).toBeGreaterThanOrEqual(100);
    expect(spaced).toBeLessThan(everyTurn / 5);
  });
});
