// Where a Map's children get their inputs when the items are streamed from S3: the count known
// before the first child (MapStateStarted, ToleratedFailurePercentage), batches built as the items
// arrive, and a Map resumed from a snapshot going on with the same items after those handed out.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';

const lines = (count: number): string => Array.from({ length: count }, (_, n) => JSON.stringify({ n })).join('\n');

function worldWith(body: string, clock = new VirtualClock({ startMs: START_MS })): ReturnType<typeof createLocalWorld> {
  return createLocalWorld({ clock, seed: { s3: { buckets: [{ Bucket: 'inputs', objects: [{ Key: 'items.jsonl', Body: body }] }] } } });
}

const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'inputs', Key: 'items.jsonl' } };

function machine(processor: JsonObject, extra: JsonObject = {}): JsonValue {
  return {
    StartAt: 'Each',
    States: { Each: { Type: 'Map', ItemReader: reader, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor }, End: true, ...extra } },
  };
}

const keep = { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } };
/** Fails for the items marked {"fifth": true}. */
const failingEveryFifth = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.fifth', BooleanEquals: true, Next: 'Broken' }], Default: 'Fine' },
    Broken: { Type: 'Fail', Error: 'Item.Bad' },
    Fine: { Type: 'Pass', End: true },
  },
};

describe('streamed items', () => {
  it('are counted before the first child: MapStateStarted has the number of items, batched or not', async () => {
    const plain = await runDefinition(machine(keep), {}, { world: worldWith(lines(7)) });
    const batched = await runDefinition(machine(keep, { ItemBatcher: { MaxItemsPerBatch: 3 } }), {}, { world: worldWith(lines(7)) });
    const length = (history: typeof plain.history): unknown => history.find((event) => event.type === 'MapStateStarted')?.details;
    expect([length(plain.history), length(batched.history)]).toEqual([{ length: 7 }, { length: 7 }]);
  });

  it('are batched as they arrive, by count and by bytes, with the ItemSelector applied first', async () => {
    const batcher = { ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { job: 'j' } }, ItemSelector: { 'v.$': '$$.Map.Item.Value.n', 'i.$': '$$.Map.Item.Index' } };
    const { result } = await runDefinition(machine(keep, batcher), {}, { world: worldWith(lines(5)) });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { job: 'j' }, Items: [{ v: 0, i: 0 }, { v: 1, i: 1 }] },
        { BatchInput: { job: 'j' }, Items: [{ v: 2, i: 2 }, { v: 3, i: 3 }] },
        { BatchInput: { job: 'j' }, Items: [{ v: 4, i: 4 }] },
      ],
    });
    // {"Items":[]} is 12 bytes, each {"n":k} 7 and a comma 1: 12 + 7 + 1 + 7 = 27 fits, a third item does not.
    const bySize = await runDefinition(machine(keep, { ItemBatcher: { MaxInputBytesPerBatch: 27 } }), {}, { world: worldWith(lines(5)) });
    expect(bySize.result).toEqual({ status: 'SUCCEEDED', output: [{ Items: [{ n: 0 }, { n: 1 }] }, { Items: [{ n: 2 }, { n: 3 }] }, { Items: [{ n: 4 }] }] });
  });

  it('weigh ToleratedFailurePercentage against all of them from the first failure on', async () => {
    const body = Array.from({ length: 10 }, (_, n) => JSON.stringify({ n, fifth: n % 5 === 4 })).join('\n');
    // Two of ten fail: 20% is tolerated at 20 and not at 19.
    const tolerated = await runDefinition(machine(failingEveryFifth, { ToleratedFailurePercentage: 20, MaxConcurrency: 1 }), {}, { world: worldWith(body) });
    const exceeded = await runDefinition(machine(failingEveryFifth, { ToleratedFailurePercentage: 19, MaxConcurrency: 1 }), {}, { world: worldWith(body) });
    expect(tolerated.result.status).toBe('SUCCEEDED');
    expect(exceeded.result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });
});

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('a Map over streamed items resumed from a snapshot', () => {
  it('goes on with the items after those it had handed out, running none of the finished ones again', async () => {
    const clock = new VirtualClock({ startMs: START_MS });
    const world = worldWith(lines(6), clock);
    const probed: number[] = [];
    const probe = (event: unknown): unknown => {
      probed.push((event as { n: number }).n);
      return event;
    };
    const processor = {
      StartAt: 'Probe',
      States: {
        Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:probe', Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 10, End: true },
      },
    };
    const definition = machine(processor, { MaxConcurrency: 1 });
    const first = createStateMachine(definition, { clock, world, seed: 3, lambdas: { probe } });
    const execution = first.start({});
    await settle();
    for (let i = 0; i < 2; i++) {
      clock.advance(10_000);
      await settle();
    }
    // Items 0 and 1 are done; item 2 waits in its Wait state.
    expect(probed).toEqual([0, 1, 2]);
    const snapshot = JSON.parse(JSON.stringify(execution.snapshot())) as JsonValue;
    execution.suspend();
    await execution.result;

    const second = createStateMachine(definition, { clock, world, seed: 3, lambdas: { probe } });
    const resumed = second.resume(snapshot);
    for (let i = 0; i < 8; i++) {
      await settle();
      clock.advance(10_000);
    }
    const result = await resumed.result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: [0, 1, 2, 3, 4, 5].map((n) => ({ n })) });
    // Items 3 to 5 were handed out once, after the resume; 0 and 1 never again.
    expect(probed.filter((n) => n !== 2)).toEqual([0, 1, 3, 4, 5]);
  });
});
