// Drives executions step by step on a VirtualClock, and stops one at a clock step to go on from its
// snapshot (as JSON text) in a fresh machine on a fresh clock: what the durable tests compare.
import { VirtualClock } from '../../src/index.js';
import type { Execution, HistoryEvent, JsonValue, StateMachine } from '../../src/index.js';

export const START = Date.UTC(2026, 0, 1);

/** Lets every promise and immediate settle (the virtual clock does not move). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the clock until the execution ends; gives the number of clock steps it took. */
export async function finish(execution: Execution, clock: VirtualClock): Promise<number> {
  for (let steps = 0; ; steps++) {
    await settle();
    if (execution.status !== 'RUNNING') return steps;
    clock.advanceToNext();
  }
}

export interface StoppedRun {
  /** The first run, suspended after its snapshot was taken. */
  readonly first: Execution;
  /** The run resumed from the snapshot, finished. */
  readonly second: Execution;
  /** Both histories one after the other: what an uninterrupted run recorded, if resuming is right. */
  readonly history: HistoryEvent[];
}

/** Runs until the clock has moved `stopAfter` times, snapshots, suspends, and resumes the JSON text in a fresh machine. */
export async function stopAndResume(machineOn: (clock: VirtualClock) => StateMachine, input: JsonValue, name: string, stopAfter: number): Promise<StoppedRun> {
  const clock = new VirtualClock({ startMs: START });
  const first = machineOn(clock).start(input, { name });
  for (let i = 0; i < stopAfter; i++) {
    await settle();
    clock.advanceToNext();
  }
  await settle();
  const text = JSON.stringify(first.snapshot());
  first.suspend();
  const snapshot = JSON.parse(text) as { takenAt: number };
  const resumedClock = new VirtualClock({ startMs: snapshot.takenAt });
  const second = machineOn(resumedClock).resume(snapshot as unknown as JsonValue);
  await finish(second, resumedClock);
  return { first, second, history: [...first.history, ...second.history] };
}
