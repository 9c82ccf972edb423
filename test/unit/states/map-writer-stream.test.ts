// A ResultWriter streams: records reach S3 in item order while later children still run, result
// files are split by size (a limit of a few hundred bytes here), the children that never ran when
// the Map Run failed are listed in PENDING_0.json, and a Map resumed from a snapshot writes the same
// files as one that was never interrupted.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { useResultLimits } from '../../../src/states/map-results.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';

type World = ReturnType<typeof createLocalWorld>;
const signal = new AbortController().signal;
const folders: string[] = [];

beforeEach(() => useResultLimits({ maxFileBytes: 300, partBytes: 60 }));
afterEach(() => {
  useResultLimits();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function memoryWorld(clock = new VirtualClock({ startMs: START_MS })): World {
  return createLocalWorld({ clock, seed: { s3: { buckets: [{ Bucket: 'results', objects: [] }] } } });
}

function folderWorld(clock: VirtualClock): { world: World; folder: string } {
  const base = mkdtempSync(join(tmpdir(), 'asl-writer-stream-'));
  folders.push(base);
  return { world: createLocalWorld({ clock, baseDir: base, seed: { s3: { buckets: [{ Bucket: 'results', folder: 'results' }] } } }), folder: join(base, 'results') };
}

async function read(world: World, key: string): Promise<string> {
  return String((await world.call({ service: 's3', action: 'GetObject', input: { Bucket: 'results', Key: key }, signal }))['Body']);
}

/** Every object under the Map Run's folder, by key. */
async function objects(world: World): Promise<Record<string, string>> {
  const listing = await world.call({ service: 's3', action: 'ListObjectsV2', input: { Bucket: 'results' }, signal });
  const out: Record<string, string> = {};
  for (const entry of (listing['Contents'] ?? []) as JsonObject[]) out[String(entry['Key'])] = await read(world, String(entry['Key']));
  return out;
}

type Manifest = { ResultFiles: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', Array<{ Key: string; Size: number }>> };

/** Children pass their item on; "bad" fails; "slow" waits 10 seconds first. */
function definition(writerConfig: JsonObject, extra: JsonObject = {}): JsonValue {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        Label: 'Export',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Check',
          States: {
            Check: { Type: 'Choice', Choices: [{ Variable: '$.kind', StringEquals: 'bad', Next: 'Broken' }, { Variable: '$.kind', StringEquals: 'slow', Next: 'Pause' }], Default: 'Done' },
            Broken: { Type: 'Fail', Error: 'Item.Bad', Cause: 'this item is bad' },
            Pause: { Type: 'Wait', Seconds: 10, Next: 'Done' },
            Done: { Type: 'Pass', End: true },
          },
        },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'out' }, WriterConfig: writerConfig },
        End: true,
        ...extra,
      },
    },
  };
}

const items = (count: number, special: Record<number, string> = {}): JsonValue[] => Array.from({ length: count }, (_, n) => ({ kind: special[n] ?? 'ok', n, pad: 'x'.repeat(20) }));

describe('result files split by size', () => {
  it('splits SUCCEEDED files before they pass the limit, lists every one in the manifest, and keeps item order', async () => {
    const world = memoryWorld();
    const list = items(14);
    const { result } = await runDefinition(definition({ Transformation: 'COMPACT', OutputType: 'JSON' }, { MaxConcurrency: 3 }), list, { world });
    if (result.status !== 'SUCCEEDED') throw new Error(JSON.stringify(result));
    const manifest = JSON.parse(await read(world, (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key)) as Manifest;
    const files = manifest.ResultFiles.SUCCEEDED;
    expect(files.length).toBeGreaterThan(2);
    expect(files.map((file) => file.Key.slice(file.Key.lastIndexOf('/') + 1))).toEqual(files.map((_, i) => `SUCCEEDED_${i}.json`));
    const outputs: JsonValue[] = [];
    for (const file of files) {
      const body = await read(world, file.Key);
      expect(Buffer.byteLength(body)).toBe(file.Size);
      expect(file.Size).toBeLessThanOrEqual(300);
      outputs.push(...(JSON.parse(body) as JsonValue[]));
    }
    expect(outputs).toEqual(list);
    expect(manifest.ResultFiles.FAILED).toEqual([]);
    expect(manifest.ResultFiles.PENDING).toEqual([]);
  });

  it('splits JSON Lines files the same way, one record a line', async () => {
    const world = memoryWorld();
    const { result } = await runDefinition(definition({ Transformation: 'COMPACT', OutputType: 'JSONL' }), items(9), { world });
    const key = (result.status === 'SUCCEEDED' && (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key) || '';
    const manifest = JSON.parse(await read(world, key)) as Manifest;
    const lines: string[] = [];
    for (const file of manifest.ResultFiles.SUCCEEDED) lines.push(...(await read(world, file.Key)).split('\n'));
    expect(manifest.ResultFiles.SUCCEEDED.length).toBeGreaterThan(1);
    expect(lines.map((line) => (JSON.parse(line) as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('streaming', () => {
  it('has the finished children\'s records on disk, and out of the Map\'s progress, while a later child still runs', async () => {
    const clock = new VirtualClock({ startMs: START_MS });
    const { world, folder } = folderWorld(clock);
    const machine = createStateMachine(definition({ Transformation: 'COMPACT' }, { MaxConcurrency: 1 }), { clock, world, seed: 3 });
    const execution = machine.start(items(8, { 6: 'slow' }));
    await settle();
    // Children 0-5 ended; 6 waits. Their records went out in parts of the upload in progress.
    const [upload] = readdirSync(join(folder, '.asl-uploads'));
    const written = readFileSync(join(folder, '.asl-uploads', upload ?? ''), 'utf8');
    expect(written.startsWith('[')).toBe(true);
    expect((JSON.parse(`${written.replace(/,$/, '')}]`) as Array<{ n: number }>).map((item) => item.n)).toEqual([0, 1, 2, 3, 4, 5]);
    // Those children's results are gone from the Map's progress: memory holds the children in flight.
    const snapshot = execution.snapshot() as unknown as { root: { visit: { children: { results: unknown[] } } } };
    expect(snapshot.root.visit.children.results).toEqual([]);
    clock.advance(10_000);
    expect((await execution.result).status).toBe('SUCCEEDED');
  });
});

describe('a Map Run that fails', () => {
  it('still writes what ran: SUCCEEDED and FAILED, and the children that never ran in PENDING_0.json', async () => {
    const world = memoryWorld();
    const list = items(5, { 1: 'bad' });
    const { result } = await runDefinition(definition({ Transformation: 'COMPACT' }, { MaxConcurrency: 1 }), list, { world });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const all = await objects(world);
    const manifestKey = Object.keys(all).find((key) => key.endsWith('/manifest.json')) ?? '';
    const manifest = JSON.parse(all[manifestKey] ?? '{}') as Manifest;
    const body = (status: keyof Manifest['ResultFiles']): JsonObject[] => manifest.ResultFiles[status].flatMap((file) => JSON.parse(all[file.Key] ?? '[]') as JsonObject[]);
    expect(body('SUCCEEDED')).toEqual([list[0]]);
    expect(body('FAILED').map((record) => [record['Error'], record['Input'], record['Status']])).toEqual([['Item.Bad', JSON.stringify(list[1]), 'FAILED']]);
    expect(body('PENDING')).toEqual([2, 3, 4].map((n) => ({ Input: JSON.stringify(list[n]), InputDetails: { Included: true }, Status: 'PENDING' })));
    // Split by size like the others (300 bytes here).
    expect(manifest.ResultFiles.PENDING.map((file) => file.Key.slice(file.Key.lastIndexOf('/') + 1))).toEqual(['PENDING_0.json', 'PENDING_1.json']);
  });
});

describe('a write that fails while children run', () => {
  it('fails the Map Run with States.ResultWriterFailed naming the object it could not write', async () => {
    const broken = definition({ Transformation: 'COMPACT' }, { MaxConcurrency: 1, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'missing', Prefix: 'out' } } });
    const { result, history } = await runDefinition(broken, items(6), { world: memoryWorld() });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed' });
    expect(result.status === 'FAILED' ? result.cause : '').toMatch(/^Failed to write the Map Run results to s3:\/\/missing\/out\/[^/]+\/SUCCEEDED_0\.json: .*NoSuchBucket/);
    expect(history.map((event) => event.type)).toContain('MapRunFailed');
  });
});

describe('a Map resumed from a snapshot', () => {
  it('writes the same files as a run that was never interrupted, records sent before the snapshot included', async () => {
    const list = items(9, { 5: 'slow' });
    const machineDefinition = definition({ Transformation: 'NONE' }, { MaxConcurrency: 1 });

    const clock = new VirtualClock({ startMs: START_MS });
    const whole = memoryWorld(clock);
    const straight = createStateMachine(machineDefinition, { clock, world: whole, seed: 5 }).start(list, { name: 'export' });
    await settle();
    clock.advance(10_000);
    const expected = await straight.result;

    const clock2 = new VirtualClock({ startMs: START_MS });
    const world = memoryWorld(clock2);
    const first = createStateMachine(machineDefinition, { clock: clock2, world, seed: 5 }).start(list, { name: 'export' });
    await settle();
    // Children 0-4 are in S3 (parts of 60 bytes), 5 waits.
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as JsonValue;
    first.suspend();
    await first.result;
    const resumed = createStateMachine(machineDefinition, { clock: clock2, world, seed: 5 }).resume(snapshot);
    await settle();
    clock2.advance(10_000);
    expect(await resumed.result).toEqual(expected);
    expect(await objects(world)).toEqual(await objects(whole));
  });
});

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
