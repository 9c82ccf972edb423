// onEvent subscribers that fail (issue 9): detached and reported once, never an uncaught exception
// or unhandled rejection (either would end a Node process), and the execution runs on unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEvent, JsonValue } from '../../../src/index.js';
import { runDefinition } from '../../support/run.js';

const THREE_STATES: JsonValue = {
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Seconds: 1, Next: 'B' }, B: { Type: 'Pass', End: true } },
};

/** Lets microtasks, promise callbacks and process warnings (emitted on the next tick) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a failing onEvent subscriber', () => {
  const escaped: unknown[] = [];
  const warnings: Error[] = [];
  const onEscape = (error: unknown): void => {
    escaped.push(error);
  };
  const onWarning = (warning: Error): void => {
    warnings.push(warning);
  };

  beforeEach(() => {
    escaped.length = 0;
    warnings.length = 0;
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
    process.off('warning', onWarning);
  });

  it('that throws is detached and reported to onSubscriberError once; the run completes', async () => {
    const seen: string[] = [];
    const reports: Array<{ error: unknown; event: HistoryEvent }> = [];
    const { result, history } = await runDefinition(THREE_STATES, {}, {
      onEvent: (event) => {
        seen.push(event.type);
        if (event.type === 'PassStateExited') throw new Error('subscriber bug');
      },
      onSubscriberError: (error, event) => reports.push({ error, event }),
    });
    await settle();
    expect(result.status).toBe('SUCCEEDED');
    expect(seen).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited']);
    expect(reports).toHaveLength(1);
    expect((reports[0]?.error as Error).message).toBe('subscriber bug');
    expect(reports[0]?.event.type).toBe('PassStateExited');
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(escaped).toEqual([]);
  });

  it('that is async and rejects is detached and reported, with no unhandled rejection', async () => {
    const seen: string[] = [];
    const reports: unknown[] = [];
    const { result } = await runDefinition(THREE_STATES, {}, {
      onEvent: async (event) => {
        seen.push(event.type);
        await Promise.resolve();
        throw new Error(`async bug on ${event.type}`);
      },
      onSubscriberError: (error) => reports.push(error),
    });
    await settle();
    expect(result.status).toBe('SUCCEEDED');
    expect(reports).toHaveLength(1);
    expect((reports[0] as Error).message).toBe('async bug on ExecutionStarted');
    // Events fan out synchronously, so a few more reach it before its rejection is seen.
    expect(seen.length).toBeLessThan(7);
    expect(escaped).toEqual([]);
  });

  it('without onSubscriberError becomes a Node process warning, not an uncaught exception', async () => {
    const { result } = await runDefinition(THREE_STATES, {}, {
      onEvent: () => {
        throw new Error('no handler given');
      },
    });
    await settle();
    expect(result.status).toBe('SUCCEEDED');
    expect(escaped).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('An onEvent subscriber failed on event #1 (ExecutionStarted) and was detached: no handler given');
    expect((warnings[0] as Error & { code?: string }).code).toBe('ASL_SUBSCRIBER_ERROR');
  });

  it('whose reporter throws as well still lets the run complete', async () => {
    const { result } = await runDefinition(THREE_STATES, {}, {
      onEvent: () => {
        throw new Error('first');
      },
      onSubscriberError: () => {
        throw new Error('second');
      },
    });
    await settle();
    expect(result.status).toBe('SUCCEEDED');
    expect(escaped).toEqual([]);
  });

  it('that returns a thenable whose then() throws is detached too', async () => {
    const reports: unknown[] = [];
    const { result } = await runDefinition(THREE_STATES, {}, {
      onEvent: () => ({
        then: () => {
          throw new Error('odd thenable');
        },
      }),
      onSubscriberError: (error) => reports.push(error),
    });
    await settle();
    expect(result.status).toBe('SUCCEEDED');
    expect(reports.map((e) => (e as Error).message)).toEqual(['odd thenable']);
    expect(escaped).toEqual([]);
  });

  it('leaves the kept history complete', async () => {
    const { result, history } = await runDefinition(THREE_STATES, {}, {
      onEvent: () => {
        throw new Error('bug');
      },
      onSubscriberError: () => undefined,
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(history.map((e) => e.type)).toEqual([
      'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });
});
