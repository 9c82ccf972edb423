// The execution API: results, abort, history streaming, subscribers, limits, bad input.
import { describe, expect, it } from 'vitest';
import { createStateMachine, DefinitionError, type HistoryEvent, type JsonValue, VirtualClock } from '../../../src/index.js';
import { runDefinition } from '../../support/run.js';

const waitLong: JsonValue = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } };
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('execution API', () => {
  it('aborts a running execution: ABORTED with the given error and cause, nothing left pending', async () => {
    const clock = new VirtualClock();
    const execution = createStateMachine(waitLong, { clock }).start({});
    await flush();
    expect(execution.status).toBe('RUNNING');
    execution.abort('UserStop', 'stopped by test');
    const result = await execution.result;
    expect(result).toEqual({ status: 'ABORTED', error: 'UserStop', cause: 'stopped by test' });
    expect(execution.history.at(-1)?.type).toBe('ExecutionAborted');
    expect(clock.pendingCount).toBe(0);
  });

  it('streams every event through events(), ending when the execution settles', async () => {
    const clock = new VirtualClock({ autoAdvance: true });
    const execution = createStateMachine(waitLong, { clock }).start({ a: 1 });
    const streamed: HistoryEvent[] = [];
    for await (const event of execution.events()) streamed.push(event);
    expect(streamed).toEqual(execution.history);
    expect(streamed.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded']);
  });

  it('detaches a subscriber that throws without breaking the execution', async () => {
    const seen: string[] = [];
    let thrown = 0;
    const onUncaught = (): void => {
      thrown++;
    };
    process.on('uncaughtException', onUncaught);
    try {
      const { result } = await runDefinition(waitLong, {}, {
        onEvent: (event) => {
          seen.push(event.type);
          throw new Error('subscriber bug');
        },
        onSubscriberError: () => undefined,
      });
      await flush();
      expect(result.status).toBe('SUCCEEDED');
      expect(seen).toEqual(['ExecutionStarted']);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(thrown).toBe(0);
  });

  it('keeps no history when recordHistory is false, and still runs', async () => {
    const { result, history } = await runDefinition(waitLong, {}, { recordHistory: false });
    expect(result.status).toBe('SUCCEEDED');
    expect(history).toEqual([]);
  });

  it('numbers events the same with and without a kept history (causes quote the Entered event id)', async () => {
    const failing: JsonValue = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', InputPath: '$.missing', End: true } },
    };
    const kept = await runDefinition(failing, {});
    const dropped = await runDefinition(failing, {}, { recordHistory: false });
    expect(dropped.result).toEqual(kept.result);
    expect(kept.result.status === 'FAILED' ? kept.result.cause : '').toContain('(entered at the event id #4)');
  });

  it('fails an execution whose input is over the payload limit (a 2 MiB input against the 1 MiB default)', async () => {
    const { result } = await runDefinition(waitLong, { blob: 'x'.repeat(2 * 1024 * 1024) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('measures a value whose quick bound is over the limit exactly, in every state it passes', async () => {
    // 60 characters: about 72 bytes of JSON, but a bound of 6 bytes a character (362) is over the
    // limit, so the first check measures it exactly and the later ones use that size.
    const chain: JsonValue = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', End: true } } };
    const fits = await runDefinition(chain, { text: 'x'.repeat(60) }, { payloadLimitBytes: 100 });
    expect(fits.result).toMatchObject({ status: 'SUCCEEDED', output: { text: 'x'.repeat(60) } });
    const over = await runDefinition(chain, { text: 'x'.repeat(120) }, { payloadLimitBytes: 100 });
    expect(over.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('fails a state that assigns a variable over 256 KiB with States.DataLimitExceeded', async () => {
    const assignBig: JsonValue = { StartAt: 'Big', States: { Big: { Type: 'Pass', Assign: { 'blob.$': '$.blob' }, End: true } } };
    const { result } = await runDefinition(assignBig, { blob: 'v'.repeat(270_000) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    const { result: small } = await runDefinition(assignBig, { blob: 'v'.repeat(1_000) });
    expect(small.status).toBe('SUCCEEDED');
  });

  it('fails, with a clear cause, an execution whose input nests 100,000 levels deep', async () => {
    let deep: JsonValue = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const { result } = await runDefinition(waitLong, { deep });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.status === 'FAILED' ? result.cause : '').toContain('nests more than 1000 levels');
  });

  it('throws DefinitionError with diagnostics for an invalid definition', () => {
    const build = (): unknown => createStateMachine({ StartAt: 'Nope', States: { A: { Type: 'Succeed' } } });
    expect(build).toThrow(DefinitionError);
    try {
      build();
    } catch (error) {
      expect((error as DefinitionError).diagnostics.map((d) => d.code)).toContain('MISSING_TRANSITION_TARGET');
    }
  });

  it('gives ARNs in AWS shape for Standard and Express executions', () => {
    const standard = createStateMachine(waitLong, { clock: new VirtualClock(), name: 'orders', seed: 1 }).start({}, { name: 'run-1' });
    expect(standard.arn).toBe('arn:aws:states:us-east-1:123456789012:execution:orders:run-1');
    const express = createStateMachine(waitLong, { clock: new VirtualClock(), name: 'orders', type: 'EXPRESS', seed: 1 }).start({}, { name: 'run-1' });
    expect(express.arn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:orders:run-1:[0-9a-f-]{36}$/);
    standard.abort();
    express.abort();
  });
});
