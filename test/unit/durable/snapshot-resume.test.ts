// Snapshot → JSON text → resume in a fresh machine gives the output and the history of the run that
// never stopped: at every point where the execution waits (a Wait, a retry back-off, Tasks in flight,
// a Map or Parallel part done).
import { describe, expect, it } from 'vitest';
import { createStateMachine, VirtualClock } from '../../../src/index.js';
import type { HistoryEvent, JsonValue, LambdaHandler } from '../../../src/index.js';
import { finish, START, stopAndResume } from '../../support/stop-and-resume.js';


const definition = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Parameters: { 'items.$': '$.items', 'id.$': 'States.UUID()' }, Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 30, Next: 'Fan' },
    Fan: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemProcessor: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'work', Payload: { 'n.$': '$.n', 'retry.$': '$$.State.RetryCount' } },
            Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 5, MaxAttempts: 2, JitterStrategy: 'FULL' }],
            ResultSelector: { 'value.$': '$.Payload', 'r.$': 'States.MathRandom(1, 1000)' },
            Next: 'Rest',
          },
          Rest: { Type: 'Wait', Seconds: 7, End: true },
        },
      },
      ResultPath: '$.mapped',
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 100, Next: 'Done' }, Done: { Type: 'Pass', Result: 'slow', End: true } } },
        { StartAt: 'Fast', States: { Fast: { Type: 'Pass', Result: 'fast', Assign: { seen: 1 }, End: true } } },
      ],
      ResultPath: '$.both',
      End: true,
    },
  },
};

/**
 * A Lambda that takes 3 s of virtual time and fails the first attempt for even items. It decides from
 * its input alone: a resumed run invokes an in-flight task again, and must get the same answer.
 */
function worker(clock: VirtualClock): LambdaHandler {
  return async (event) => {
    const { n, retry } = event as { n: number; retry: number };
    await clock.sleep(3_000);
    if (retry === 0 && n % 2 === 0) throw Object.assign(new Error('flaky'), { name: 'Flaky' });
    return { doubled: n * 2 };
  };
}

function machineOn(clock: VirtualClock) {
  return createStateMachine(definition, { clock, seed: 42, lambdas: { work: worker(clock) } });
}

const input = { items: [{ n: 1 }, { n: 2 }, { n: 3 }] };

async function uninterrupted(): Promise<{ output: JsonValue; history: readonly HistoryEvent[]; steps: number }> {
  const clock = new VirtualClock({ startMs: START });
  const execution = machineOn(clock).start(input, { name: 'e1' });
  const steps = await finish(execution, clock);
  const result = await execution.result;
  if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
  return { output: result.output, history: execution.history, steps };
}

/** Runs until the clock has moved `stopAfter` times, snapshots, and resumes the JSON text in a fresh machine. */
async function stoppedAt(stopAfter: number): Promise<{ output: JsonValue; history: HistoryEvent[] }> {
  const { first, second, history } = await stopAndResume(machineOn, input, 'e1', stopAfter);
  expect((await first.result).status).toBe('SUSPENDED');
  const result = await second.result;
  if (result.status !== 'SUCCEEDED') throw new Error(`resumed run ${result.status}: ${result.error} ${result.cause}`);
  return { output: result.output, history };
}

describe('snapshot and resume', () => {
  it('gives the same output and history whatever the stop point', async () => {
    const reference = await uninterrupted();
    expect(reference.steps).toBeGreaterThan(5);
    for (let stop = 0; stop < reference.steps; stop++) {
      const resumed = await stoppedAt(stop);
      expect(resumed.output, `stop ${stop}`).toEqual(reference.output);
      expect(resumed.history, `stop ${stop}`).toEqual(reference.history);
    }
  });
});
