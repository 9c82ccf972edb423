// A loop of states that never wait (Pass, Choice, Wait 0) still steps out to the event loop now
// and then, so abort(), TimeoutSeconds and other timers can stop it; on an auto-advancing virtual
// clock those steps are not idleness, so virtual time stands still while the loop runs.
import { describe, expect, it } from 'vitest';
import { createStateMachine, type JsonValue, VirtualClock } from '../../../src/index.js';

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const START = Date.UTC(2026, 0, 1);

/** Choice + Pass counting to `limit` (2 transitions a round), or forever when limit is null. */
function countingLoop(limit: number | null, extra: Record<string, JsonValue> = {}): JsonValue {
  return {
    ...extra,
    StartAt: 'Check',
    States: {
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.n', NumericLessThan: limit ?? Number.MAX_SAFE_INTEGER, Next: 'Step' }],
        Default: 'Done',
      },
      Step: { Type: 'Pass', Parameters: { 'n.$': limit === null ? '$.n' : 'States.MathAdd($.n, 1)' }, Next: 'Check' },
      Done: { Type: 'Succeed' },
    },
  };
}

const waitZeroLoop: JsonValue = {
  StartAt: 'Again',
  States: {
    Again: { Type: 'Wait', Seconds: 0, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Again' },
    Done: { Type: 'Succeed' },
  },
};

function express(definition: JsonValue, clock: VirtualClock, onEvent?: () => void) {
  return createStateMachine(definition, {
    type: 'EXPRESS',
    clock,
    seed: 1,
    maxTransitions: Infinity,
    recordHistory: false,
    ...(onEvent ? { onEvent } : {}),
  });
}

describe('a loop that never waits', () => {
  it.each([
    ['Choice + Pass', countingLoop(null)],
    ['Wait 0 + Choice', waitZeroLoop],
  ])('%s stops when aborted', async (_name, definition) => {
    let events = 0;
    const execution = express(definition, new VirtualClock({ startMs: START, autoAdvance: true }), () => events++).start({ n: 0 });
    await macrotask();
    const seenBeforeAbort = events;
    execution.abort('Stopped', 'by the test');
    const result = await execution.result;
    expect(result).toEqual({ status: 'ABORTED', error: 'Stopped', cause: 'by the test' });
    expect(seenBeforeAbort).toBeGreaterThan(1000);
  });

  it('stops with TIMED_OUT when its TimeoutSeconds comes due while it runs', async () => {
    const clock = new VirtualClock({ startMs: START });
    const execution = express(countingLoop(null, { TimeoutSeconds: 30 }), clock).start({ n: 0 });
    await macrotask();
    clock.advance(30_000);
    const result = await execution.result;
    expect(result.status).toBe('TIMED_OUT');
    expect(result).toMatchObject({ error: 'States.Timeout' });
  });

  it('takes no virtual time, so an auto-advancing clock does not fire TimeoutSeconds under it', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    // 40,000 transitions: four pauses, during each of which the 5 s timer is the only one pending.
    const result = await express(countingLoop(20000, { TimeoutSeconds: 5 }), clock).start({ n: 0 }).result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: { n: 20000 } });
    expect(clock.now()).toBe(START);
  });

  it('still times out on virtual time when the loop waits', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    const definition: JsonValue = {
      TimeoutSeconds: 5,
      StartAt: 'Tick',
      States: {
        Tick: { Type: 'Wait', Seconds: 1, Next: 'Tock' },
        Tock: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Tick' },
        Done: { Type: 'Succeed' },
      },
    };
    const result = await createStateMachine(definition, { clock, seed: 1 }).start({}).result;
    expect(result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out after 5 seconds.' });
    expect(clock.now() - START).toBe(5000);
  });

  it('lets other work of the process run between its pauses', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    const execution = express(waitZeroLoop, clock).start({});
    let turns = 0;
    for (let i = 0; i < 3; i++) {
      await macrotask();
      turns++;
    }
    execution.abort();
    expect((await execution.result).status).toBe('ABORTED');
    expect(turns).toBe(3);
  });
});

describe('the Express 5-minute limit on a virtual clock', () => {
  it('is also measured on the wall clock, so a loop that never waits still ends as TIMED_OUT', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    const wallClock = new VirtualClock({ startMs: START });
    const machine = createStateMachine(countingLoop(null), { type: 'EXPRESS', clock, wallClock, seed: 1, maxTransitions: Infinity, recordHistory: false });
    const execution = machine.start({ n: 0 });
    await macrotask();
    wallClock.advance(299_999);
    await macrotask();
    wallClock.advance(1);
    const result = await execution.result;
    expect(result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out after 300 seconds.' });
    expect(clock.now()).toBe(START);
    expect(wallClock.pendingCount).toBe(0);
  });

  it('leaves no wall-clock timer behind once the execution ends', async () => {
    const wallClock = new VirtualClock({ startMs: START });
    const machine = createStateMachine(countingLoop(10), { type: 'EXPRESS', clock: new VirtualClock({ autoAdvance: true }), wallClock, seed: 1 });
    expect((await machine.start({ n: 0 }).result).status).toBe('SUCCEEDED');
    expect(wallClock.pendingCount).toBe(0);
  });

  it('is not armed for Standard executions', async () => {
    const wallClock = new VirtualClock({ startMs: START });
    const standard = createStateMachine(countingLoop(null), { clock: new VirtualClock({ autoAdvance: true }), wallClock, seed: 1, recordHistory: false, maxHistoryEvents: Infinity });
    const execution = standard.start({ n: 0 });
    await macrotask();
    expect(wallClock.pendingCount).toBe(0);
    execution.abort();
    expect((await execution.result).status).toBe('ABORTED');
  });
});

describe('VirtualClock.pauseBusyWork', () => {
  it('holds auto-advance back while a pause is under way, then lets it go', async () => {
    const clock = new VirtualClock({ startMs: 0, autoAdvance: true });
    let woke = false;
    void clock.sleep(1000).then(() => (woke = true));
    for (let i = 0; i < 3; i++) await clock.pauseBusyWork();
    expect(woke).toBe(false);
    expect(clock.now()).toBe(0);
    await macrotask();
    await macrotask();
    expect(woke).toBe(true);
    expect(clock.now()).toBe(1000);
  });
});
