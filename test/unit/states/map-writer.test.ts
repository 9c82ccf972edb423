// A Distributed Map writing its children's results to S3 (ResultWriter) in the local world: AWS's
// layout of manifest and result files, WriterConfig's transformations and output types, the Map's
// result replaced by the writer details, and the ways a write fails (States.ResultWriterFailed).
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { validateDefinition } from '../../../src/definition/validate.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';

type World = ReturnType<typeof createLocalWorld>;

function emptyBucket(name = 'results'): World {
  return createLocalWorld({ clock: new VirtualClock({ startMs: START_MS }), seed: { s3: { buckets: [{ Bucket: name, objects: [] }] } } });
}

async function read(world: World, bucket: string, key: string): Promise<string> {
  const object = await world.call({ service: 's3', action: 'GetObject', input: { Bucket: bucket, Key: key }, signal: new AbortController().signal });
  return object['Body'] as string;
}

async function keys(world: World, bucket: string): Promise<string[]> {
  const listing = await world.call({ service: 's3', action: 'ListObjectsV2', input: { Bucket: bucket }, signal: new AbortController().signal });
  return ((listing['Contents'] ?? []) as JsonObject[]).map((entry) => entry['Key'] as string);
}

/** Children fail on the item "bad" and otherwise hand back their input. */
const processor: JsonObject = {
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Broken' }], Default: 'Echo' },
    Broken: { Type: 'Fail', Error: 'Item.Bad', Cause: 'this item is bad' },
    Echo: { Type: 'Pass', End: true },
  },
};

function writingMap(writer: JsonObject, extra: JsonObject = {}): JsonValue {
  return { StartAt: 'Each', States: { Each: { Type: 'Map', Label: 'Exporter', ItemProcessor: processor, ResultWriter: writer, End: true, ...extra } } };
}

const toResults = (extra: JsonObject = {}): JsonObject => ({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'jobs' }, ...extra });

async function run(definition: JsonValue, input: JsonValue, world: World) {
  return (await runDefinition(definition, input, { world })).result;
}

describe('writing the results to S3', () => {
  it('writes SUCCEEDED_0.json and manifest.json under <Prefix>/<map run id>/ and returns where', async () => {
    const world = emptyBucket();
    const result = await run(writingMap(toResults()), ['north', 'south'], world);
    if (result.status !== 'SUCCEEDED') throw new Error(`the run failed: ${JSON.stringify(result)}`);
    const output = result.output as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
    expect(output.MapRunArn).toMatch(/^arn:aws:states:us-east-1:\d{12}:mapRun:.+\/Exporter:[^:]+$/);
    const runId = output.MapRunArn.slice(output.MapRunArn.lastIndexOf(':') + 1);
    expect(output).toEqual({ MapRunArn: output.MapRunArn, ResultWriterDetails: { Bucket: 'results', Key: `jobs/${runId}/manifest.json` } });
    expect((await keys(world, 'results')).sort()).toEqual([`jobs/${runId}/SUCCEEDED_0.json`, `jobs/${runId}/manifest.json`]);

    const succeeded = await read(world, 'results', `jobs/${runId}/SUCCEEDED_0.json`);
    const manifest = JSON.parse(await read(world, 'results', `jobs/${runId}/manifest.json`)) as JsonObject;
    expect(manifest).toEqual({
      DestinationBucket: 'results',
      MapRunArn: output.MapRunArn,
      ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [{ Key: `jobs/${runId}/SUCCEEDED_0.json`, Size: Buffer.byteLength(succeeded) }] },
    });
    const records = JSON.parse(succeeded) as JsonObject[];
    expect(records.map((record) => [record['Input'], record['Output'], record['Status']])).toEqual([
      ['"north"', '"north"', 'SUCCEEDED'],
      ['"south"', '"south"', 'SUCCEEDED'],
    ]);
    expect(records[0]).toMatchObject({ InputDetails: { Included: true }, OutputDetails: { Included: true }, RedriveCount: 0, RedriveStatus: 'NOT_REDRIVABLE' });
    expect(records[0]?.['ExecutionArn']).toMatch(/:execution:.+\/Exporter:/);
    expect(records[0]?.['StateMachineArn']).toMatch(/:stateMachine:.+\/Exporter$/);
  });

  it('puts tolerated failures in FAILED_0.json as records with their error, whatever the Transformation', async () => {
    const world = emptyBucket();
    const definition = writingMap(toResults({ WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } }), { ToleratedFailureCount: 1 });
    const result = await run(definition, ['ok', 'bad', { n: 3 }], world);
    expect(result.status).toBe('SUCCEEDED');
    const key = (result.status === 'SUCCEEDED' && (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key) || '';
    const manifest = JSON.parse(await read(world, 'results', key)) as { ResultFiles: Record<string, Array<{ Key: string }>> };
    const [succeededFile] = manifest.ResultFiles['SUCCEEDED'] ?? [];
    const [failedFile] = manifest.ResultFiles['FAILED'] ?? [];
    expect(JSON.parse(await read(world, 'results', succeededFile?.Key ?? ''))).toEqual(['ok', { n: 3 }]);
    const failed = JSON.parse(await read(world, 'results', failedFile?.Key ?? '')) as JsonObject[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ Error: 'Item.Bad', Cause: 'this item is bad', Input: '"bad"', Status: 'FAILED' });
    expect(failed[0]?.['Output']).toBeUndefined();
  });

  it('writes JSON Lines, flattening array outputs, with OutputType JSONL and Transformation FLATTEN', async () => {
    const world = emptyBucket();
    const definition = writingMap(toResults({ WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' } }), { ItemSelector: { 'pair.$': 'States.Array($$.Map.Item.Value, $$.Map.Item.Index)' }, ItemProcessor: { ...processor, StartAt: 'Unwrap', States: { Unwrap: { Type: 'Pass', OutputPath: '$.pair', End: true } } } });
    const result = await run(definition, ['a', 'b'], world);
    const key = (result.status === 'SUCCEEDED' && (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key) || '';
    expect(await read(world, 'results', key.replace('manifest.json', 'SUCCEEDED_0.json'))).toBe('"a"\n0\n"b"\n1');
  });

  it('records each batch as one child when an ItemBatcher is present', async () => {
    const world = emptyBucket();
    const definition = writingMap(toResults({ WriterConfig: { Transformation: 'NONE' } }), {
      ItemBatcher: { MaxItemsPerBatch: 2 },
      ItemProcessor: { ...processor, StartAt: 'Count', States: { Count: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($.Items)' }, End: true } } },
    });
    const result = await run(definition, [1, 2, 3], world);
    const key = (result.status === 'SUCCEEDED' && (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key) || '';
    const records = JSON.parse(await read(world, 'results', key.replace('manifest.json', 'SUCCEEDED_0.json'))) as JsonObject[];
    expect(records.map((record) => [record['Input'], record['Output']])).toEqual([
      ['{"Items":[1,2]}', '{"n":2}'],
      ['{"Items":[3]}', '{"n":1}'],
    ]);
  });

  it('takes the bucket and prefix from JSONata Arguments, and ResultPath places the details', async () => {
    const world = emptyBucket('exports');
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: '{% $states.input.bucket %}', Prefix: '{% "runs/" & $states.input.day %}' } },
          Output: '{% {"written": $states.result.ResultWriterDetails} %}',
          End: true,
        },
      },
    };
    const result = await run(definition, { bucket: 'exports', day: 'mon', list: [1] }, world);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { written: { Bucket: 'exports' } } });
    const key = (result.status === 'SUCCEEDED' && ((result.output as JsonObject)['written'] as { Key: string }).Key) || '';
    expect(key).toMatch(/^runs\/mon\/[^/]+\/manifest\.json$/);
    expect(JSON.parse(await read(world, 'exports', key))).toMatchObject({ DestinationBucket: 'exports' });
  });
});

describe('WriterConfig without a Resource', () => {
  it('reshapes the Map result and writes nothing', async () => {
    const world = emptyBucket();
    const definition = writingMap({ WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } }, { ItemProcessor: { ...processor, StartAt: 'Pair', States: { Pair: { Type: 'Pass', Parameters: { 'p.$': 'States.Array($, $)' }, OutputPath: '$.p', End: true } } } });
    expect(await run(definition, ['x', 'y'], world)).toEqual({ status: 'SUCCEEDED', output: ['x', 'x', 'y', 'y'] });
    expect(await keys(world, 'results')).toEqual([]);
  });

  it('keeps a child whose output is null as null under COMPACT', async () => {
    const definition = writingMap({ WriterConfig: { Transformation: 'COMPACT' } }, { ItemProcessor: { ...processor, StartAt: 'Nothing', States: { Nothing: { Type: 'Pass', Result: null, End: true } } } });
    expect(await run(definition, ['x', 'y'], emptyBucket())).toEqual({ status: 'SUCCEEDED', output: [null, null] });
  });
});

describe('when the write fails', () => {
  it('fails the Map with States.ResultWriterFailed naming the object and the S3 error', async () => {
    const result = await run(writingMap({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'no-such-bucket', Prefix: 'p' } }), ['a'], emptyBucket());
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed' });
    const cause = result.status === 'FAILED' ? (result.cause ?? '') : '';
    expect(cause).toMatch(/Failed to write the Map Run results to s3:\/\/no-such-bucket\/p\/[^/]+\/SUCCEEDED_0\.json: /);
    expect(cause).toContain('NoSuchBucket');
  });

  it('fails with States.ResultWriterFailed when the Parameters give no bucket, and a Catch can take it', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.list',
          ItemProcessor: processor,
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Prefix: 'p' } },
          Catch: [{ ErrorEquals: ['States.ResultWriterFailed'], ResultPath: '$.error', Next: 'Report' }],
          End: true,
        },
        Report: { Type: 'Pass', End: true },
      },
    };
    const caught = await run(definition, { list: ['a'] }, emptyBucket());
    expect(caught).toMatchObject({ status: 'SUCCEEDED', output: { list: ['a'], error: { Error: 'States.ResultWriterFailed' } } });
    const cause = caught.status === 'SUCCEEDED' ? String(((caught.output as JsonObject)['error'] as JsonObject)['Cause']) : '';
    expect(cause).toContain('The ResultWriter Parameters must give the bucket to write to as a non-empty string "Bucket"; got {"Prefix":"p"}.');
  });
});

describe('validating a ResultWriter', () => {
  const distributed = (writer: JsonObject): JsonValue => writingMap(writer);

  it('accepts a WriterConfig alone and rejects unknown WriterConfig values', () => {
    expect(validateDefinition(distributed({ WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } })).diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
    const bad = validateDefinition(distributed(toResults({ WriterConfig: { Transformation: 'SQUASH', OutputType: 'CSV' } })));
    expect(bad.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} ${d.path}`)).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/Each/ResultWriter/WriterConfig/OutputType',
      'SCHEMA_VALIDATION_FAILED /States/Each/ResultWriter/WriterConfig/Transformation',
    ]);
  });

  it('still needs a Resource when there is no WriterConfig', () => {
    const result = validateDefinition(distributed({ Parameters: { Bucket: 'results' } }));
    expect(result.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => d.path)).toEqual(['/States/Each/ResultWriter']);
  });
});
