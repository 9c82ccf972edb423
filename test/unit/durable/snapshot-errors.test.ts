// Snapshots that cannot be used are refused with SnapshotError before anything runs, and a
// snapshot cannot be taken where the execution could not go on from.
import { describe, expect, it } from 'vitest';
import { createStateMachine, SnapshotError, VirtualClock } from '../../../src/index.js';
import type { JsonValue } from '../../../src/index.js';

const START = Date.UTC(2026, 0, 1);
const waiting = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, Next: 'P' }, P: { Type: 'Pass', End: true } } };

function snapshotOfWaiting(): JsonValue {
  const execution = createStateMachine(waiting, { clock: new VirtualClock({ startMs: START }) }).start({});
  const snapshot = JSON.parse(JSON.stringify(execution.snapshot())) as JsonValue;
  execution.suspend();
  return snapshot;
}

describe('snapshot errors', () => {
  it('records the execution deadline: TimeoutSeconds from the start date, or null', () => {
    const clock = new VirtualClock({ startMs: START });
    const timed = createStateMachine({ ...waiting, TimeoutSeconds: 90 }, { clock }).start({});
    const untimed = createStateMachine(waiting, { clock }).start({});
    expect(timed.snapshot().deadline).toBe(START + 90_000);
    expect(untimed.snapshot().deadline).toBeNull();
    timed.suspend();
    untimed.suspend();
  });

  it('refuses a snapshot taken on another version of the definition', () => {
    const other = createStateMachine({ ...waiting, Comment: 'changed' }, { clock: new VirtualClock({ startMs: START }) });
    expect(() => other.resume(snapshotOfWaiting())).toThrow(SnapshotError);
    expect(() => other.resume(snapshotOfWaiting())).toThrow(/another version of the definition/);
  });

  it('refuses what is not a snapshot, and a snapshot of another format version', () => {
    const machine = createStateMachine(waiting, { clock: new VirtualClock({ startMs: START }) });
    expect(() => machine.resume('not a snapshot')).toThrow(/must be a JSON object/);
    expect(() => machine.resume({ ...(snapshotOfWaiting() as object), version: 99 })).toThrow(/version 99/);
  });

  it('refuses a snapshot whose thread stands at a state the definition does not have', () => {
    const machine = createStateMachine(waiting, { clock: new VirtualClock({ startMs: START }) });
    const snapshot = snapshotOfWaiting() as { root: Record<string, JsonValue> };
    snapshot.root['state'] = 'Gone';
    expect(() => machine.resume(snapshot as unknown as JsonValue)).toThrow(/state "Gone"/);
  });

  it('cannot snapshot a finished execution, nor inside an onEvent listener', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    const machine = createStateMachine(waiting, { clock });
    const thrown: unknown[] = [];
    const holder: { execution?: { snapshot(): unknown } } = {};
    const resumed = machine.resume(snapshotOfWaiting(), {
      onEvent: (event) => {
        if (event.type !== 'WaitStateExited') return;
        try {
          holder.execution?.snapshot();
        } catch (error) {
          thrown.push(error);
        }
      },
    });
    holder.execution = resumed;
    expect(await resumed.result).toMatchObject({ status: 'SUCCEEDED' });
    expect(thrown).toHaveLength(1);
    expect(thrown[0]).toBeInstanceOf(SnapshotError);
    expect(String(thrown[0])).toMatch(/inside an onEvent listener/);
    expect(() => resumed.snapshot()).toThrow(/SUCCEEDED/);
  });

  it('a suspended execution records nothing more and gives SUSPENDED', async () => {
    const clock = new VirtualClock({ startMs: START });
    const execution = createStateMachine(waiting, { clock }).start({});
    const before = execution.history.length;
    execution.suspend();
    clock.advanceToNext();
    expect(await execution.result).toEqual({ status: 'SUSPENDED' });
    expect(execution.history).toHaveLength(before);
    expect(execution.status).toBe('SUSPENDED');
  });
});
