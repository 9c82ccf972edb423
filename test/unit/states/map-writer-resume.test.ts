// A Distributed Map with a ResultWriter resumed from a snapshot: the children that failed before the
// snapshot are still filed as FAILED (the snapshot keeps which ones failed), the others as SUCCEEDED.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { createLocalWorld } from '../../../src/world/world.js';

const definition: JsonValue = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      MaxConcurrency: 1,
      ToleratedFailureCount: 5,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Broken' }], Default: 'Pause' },
          Broken: { Type: 'Fail', Error: 'Item.Bad', Cause: 'this item is bad' },
          Pause: { Type: 'Wait', Seconds: 10, End: true },
        },
      },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'jobs' } },
      End: true,
    },
  },
};

const signal = new AbortController().signal;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('a Map with a ResultWriter across a snapshot', () => {
  it('files the child that failed before the snapshot as FAILED after the resume', async () => {
    const clock = new VirtualClock();
    const world = createLocalWorld({ clock, seed: { s3: { buckets: [{ Bucket: 'results', objects: [] }] } } });
    const first = createStateMachine(definition, { clock, world, seed: 5 });
    const execution = first.start(['bad', 'good']);
    await settle();
    // The first child failed; the second waits in its Wait state.
    const snapshot = JSON.parse(JSON.stringify(execution.snapshot())) as JsonValue;
    execution.suspend();
    await execution.result;

    const second = createStateMachine(definition, { clock, world, seed: 5 });
    const resumed = second.resume(snapshot);
    await settle();
    clock.advance(10_000);
    const result = await resumed.result;
    if (result.status !== 'SUCCEEDED') throw new Error(`the run failed: ${JSON.stringify(result)}`);
    const key = (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key;
    const manifest = await world.call({ service: 's3', action: 'GetObject', input: { Bucket: 'results', Key: key }, signal });
    const files = (JSON.parse(String(manifest['Body'])) as { ResultFiles: { FAILED: JsonObject[]; SUCCEEDED: JsonObject[] } }).ResultFiles;
    const read = async (file: JsonObject | undefined): Promise<JsonObject[]> =>
      JSON.parse(String((await world.call({ service: 's3', action: 'GetObject', input: { Bucket: 'results', Key: String(file?.['Key']) }, signal }))['Body'])) as JsonObject[];
    expect((await read(files.FAILED[0])).map((record) => [record['Input'], record['Error'], record['Status']])).toEqual([['"bad"', 'Item.Bad', 'FAILED']]);
    expect((await read(files.SUCCEEDED[0])).map((record) => [record['Input'], record['Status']])).toEqual([['"good"', 'SUCCEEDED']]);
  });
});
