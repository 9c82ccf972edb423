// Nested executions in the engine: a child started by states:startExecution is one of the engine's
// own executions (stored, listed, with its own history), and a durable parent waiting on a .sync
// child goes on with that same child after the engine closed and a new one opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/index.js';
import type { JsonObject } from '../../../src/index.js';
import { openEngine } from '../../../src/service/engine.js';

const START = Date.UTC(2026, 0, 1);
const CHILD = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

const child = {
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', Seconds: 600, Next: 'Answer' },
    Answer: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'parent.$': '$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID' }, End: true },
  },
};

const parent = {
  StartAt: 'Nest',
  States: {
    Nest: {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: CHILD, Input: { 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
      OutputPath: '$.Output',
      End: true,
    },
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-nested-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('nested executions in the engine', () => {
  it('stores and lists the child as one of its executions, with its own history and ids', async () => {
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }) });
    await engine.register('Child', child);
    await engine.register('Parent', parent);
    const execution = await engine.start('Parent', {}, { name: 'p1' });
    const result = await execution.result;
    const { executions } = await engine.list({ machineArn: CHILD });
    expect(executions).toHaveLength(1);
    const childArn = executions[0]?.arn ?? '';
    // $$.Execution.Id of the child is its own ARN; the parent's id reaches it as given.
    expect(result).toEqual({ status: 'SUCCEEDED', output: { id: childArn, parent: execution.arn } });
    expect(await engine.describe(childArn)).toMatchObject({ status: 'SUCCEEDED', startDate: START, stopDate: START + 600_000 });
    expect((await engine.history(childArn)).map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect((await engine.history(execution.arn)).map((e) => e.type)).toContain('TaskSucceeded');
    await engine.close();
  });

  it('registers a child given only as a stateMachines definition on its first start', async () => {
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }), stateMachines: { [CHILD]: child } });
    await engine.register('Parent', parent);
    const result = await (await engine.start('Parent', {})).result;
    expect(result.status).toBe('SUCCEEDED');
    expect((await engine.store.getMachine(CHILD))?.name).toBe('Child');
    expect((await engine.list({ machineArn: CHILD })).executions.map((e) => e.status)).toEqual(['SUCCEEDED']);
    await engine.close();
  });

  it('fails the parent with StepFunctions.StateMachineDoesNotExistException for a machine it does not know', async () => {
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }) });
    await engine.register('Parent', parent);
    expect(await (await engine.start('Parent', {})).result).toMatchObject({ status: 'FAILED', error: 'StepFunctions.StateMachineDoesNotExistException' });
    await engine.close();
  });

  it('refuses to start a child whose machine asl serve is deleting, or has deleted, as AWS does', async () => {
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }) });
    const { definitionHash } = await engine.register('Child', child);
    await engine.register('Parent', parent);
    const resource = { arn: CHILD, definitionHash, createdAt: START, tags: [], settings: {} };
    await engine.store.putMachineResource({ ...resource, status: 'DELETING' });
    expect(await (await engine.start('Parent', {})).result).toMatchObject({ status: 'FAILED', error: 'StepFunctions.StateMachineDeletingException', cause: expect.stringContaining(CHILD) });
    await engine.store.putMachineResource({ ...resource, status: 'DELETED' });
    expect(await (await engine.start('Parent', {})).result).toMatchObject({ status: 'FAILED', error: 'StepFunctions.StateMachineDoesNotExistException' });
    // Listing a deleted machine's executions is refused too (an aws-sdk task names the error Sfn.*).
    await engine.register('Lister', { StartAt: 'List', States: { List: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:listExecutions', Parameters: { StateMachineArn: CHILD }, End: true } } });
    expect(await (await engine.start('Lister', {})).result).toMatchObject({ status: 'FAILED', error: 'Sfn.StateMachineDoesNotExistException' });
    await engine.store.putMachineResource({ ...resource, status: 'ACTIVE' });
    expect(await (await engine.start('Parent', {})).result).toMatchObject({ status: 'SUCCEEDED' });
    expect((await engine.list({ machineArn: CHILD })).executions).toHaveLength(1);
    await engine.close();
  });

  it('lets a child answer its parent\'s .waitForTaskToken task through aws-sdk:sfn:sendTaskSuccess', async () => {
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }) });
    await engine.register('Child', {
      StartAt: 'Reply',
      States: { Reply: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess', Parameters: { 'TaskToken.$': '$.token', Output: { 'answer.$': '$.question' } }, End: true } },
    });
    await engine.register('Parent', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Parameters: { StateMachineArn: CHILD, Input: { question: 'why?', 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    expect(await (await engine.start('Parent', {})).result).toEqual({ status: 'SUCCEEDED', output: { answer: 'why?' } });
    // The child ends after its answer, as on AWS; the parent may have ended first (their final commits
    // can go to the store a turn apart), so wait for the child's own end.
    const [child] = (await engine.list({ machineArn: CHILD })).executions;
    await engine.execution(child?.arn ?? '')?.result;
    expect((await engine.list({ machineArn: CHILD })).executions.map((e) => e.status)).toEqual(['SUCCEEDED']);
    await engine.close();
  });

  it('stops the child when the parent is stopped', async () => {
    const clock = new VirtualClock({ startMs: START });
    const engine = await openEngine({ clock });
    await engine.register('Child', child);
    await engine.register('Parent', parent);
    const execution = await engine.start('Parent', {});
    await turns();
    execution.abort();
    expect((await execution.result).status).toBe('ABORTED');
    await turns();
    const [only] = (await engine.list({ machineArn: CHILD })).executions;
    expect(only?.status).toBe('ABORTED');
    await engine.close();
  });

  it('goes on with the same child after a close and a reopen, both finishing', async () => {
    const file = join(dir, 'executions.db');
    const clock = new VirtualClock({ startMs: START });
    const first = await openEngine({ store: file, clock });
    await first.register('Child', child);
    await first.register('Parent', parent);
    const execution = await first.start('Parent', {}, { name: 'p1' });
    await turns();
    clock.advance(100_000);
    await turns();
    const [running] = (await first.list({ machineArn: CHILD })).executions;
    expect(running?.status).toBe('RUNNING');
    await first.close();
    expect((await execution.result).status).toBe('SUSPENDED');
    // Closing the parent's engine did not stop the child: it is still RUNNING in the store.
    const peek = await openEngine({ store: file, clock, resume: false });
    expect((await peek.describe(running?.arn ?? ''))?.status).toBe('RUNNING');
    await peek.close();

    const second = await openEngine({ store: file, clock: new VirtualClock({ startMs: clock.now(), autoAdvance: true }) });
    const resumed = second.execution(execution.arn);
    expect(resumed).toBeDefined();
    const result = await resumed?.result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: { id: running?.arn, parent: execution.arn } });
    const children = (await second.list({ machineArn: CHILD })).executions;
    expect(children.map((e: { arn: string; status: string }) => [e.arn, e.status])).toEqual([[running?.arn, 'SUCCEEDED']]);
    // The child's Wait kept its deadline across the restart.
    expect((await second.describe(running?.arn ?? ''))?.stopDate).toBe(START + 600_000);
    const parentOutput = (await second.describe(execution.arn))?.output as JsonObject | undefined;
    expect(parentOutput?.['id']).toBe(running?.arn);
    await second.close();
  });

  it('finds its named child again when the child finished first after a reopen', async () => {
    const file = join(dir, 'executions.db');
    const clock = new VirtualClock({ startMs: START });
    const first = await openEngine({ store: file, clock });
    await first.register('Child', child);
    const named = { ...parent, States: { Nest: { ...parent.States.Nest, Parameters: { ...parent.States.Nest.Parameters, Name: 'kid' } } } };
    await first.register('Parent', named);
    const execution = await first.start('Parent', {}, { name: 'p1' });
    await turns();
    await first.close();

    // The child goes on (and ends) before its parent does.
    const second = await openEngine({ store: file, clock: new VirtualClock({ startMs: START + 600_000, autoAdvance: true }), resume: false });
    const [resumedChild] = await second.resumeRunning((record) => record.machineArn === CHILD);
    expect(await resumedChild?.result).toMatchObject({ status: 'SUCCEEDED' });
    const [resumedParent] = await second.resumeRunning();
    expect(resumedParent?.arn).toBe(execution.arn);
    expect(await resumedParent?.result).toEqual({ status: 'SUCCEEDED', output: { id: resumedChild?.arn, parent: execution.arn } });
    expect((await second.list({ machineArn: CHILD })).executions).toHaveLength(1);
    await second.close();
  });
});
