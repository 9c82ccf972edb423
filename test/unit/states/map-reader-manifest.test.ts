// Item readers over many objects: an S3 Inventory report (InputType MANIFEST: manifest.json and the
// gzip-compressed CSV files it lists) and a listing whose objects are read and flattened
// (listObjectsV2 with Transformation LOAD_AND_FLATTEN), and the ways each fails, with the place.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';

const root = mkdtempSync(join(tmpdir(), 'asl-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder bucket holding `files` (key → contents), fresh for each test. */
function bucketWith(files: Record<string, string | Buffer>): ReturnType<typeof createLocalWorld> {
  const folder = mkdtempSync(join(root, 'bucket-'));
  for (const [key, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, key)), { recursive: true });
    writeFileSync(join(folder, key), contents);
  }
  return createLocalWorld({ clock: new VirtualClock({ startMs: START_MS }), seed: { s3: { buckets: [{ Bucket: 'inventory', folder }] } } });
}

function machine(reader: JsonObject): JsonValue {
  return {
    StartAt: 'Each',
    States: {
      Each: { Type: 'Map', ItemReader: reader, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } }, End: true },
    },
  };
}

const manifestReader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'MANIFEST' }, Parameters: { Bucket: 'inventory', Key: 'report/manifest.json' } };

function manifest(keys: readonly string[]): string {
  return JSON.stringify({
    sourceBucket: 'photos',
    destinationBucket: 'arn:aws:s3:::inventory',
    version: '2016-11-30',
    fileFormat: 'CSV',
    fileSchema: 'Bucket, Key, Size, LastModifiedDate',
    files: keys.map((key) => ({ key, size: 1, MD5checksum: '0' })),
  });
}

const rows = (...lines: string[]): Buffer => gzipSync(Buffer.from(lines.map((line) => `${line}\n`).join('')));

describe('an S3 Inventory manifest', () => {
  it('gives every row of every listed file, uncompressed, keyed by the fileSchema columns', async () => {
    const world = bucketWith({
      'report/manifest.json': manifest(['report/data/one.csv.gz', 'report/data/two.csv.gz']),
      'report/data/one.csv.gz': rows('"photos","a.jpg","10","2026-01-01T00:00:00.000Z"', '"photos","b c.jpg","20","2026-01-02T00:00:00.000Z"'),
      'report/data/two.csv.gz': rows('"photos","d.jpg","30","2026-01-03T00:00:00.000Z"'),
    });
    const { result } = await runDefinition(machine(manifestReader), {}, { world });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { Bucket: 'photos', Key: 'a.jpg', Size: '10', LastModifiedDate: '2026-01-01T00:00:00.000Z' },
        { Bucket: 'photos', Key: 'b c.jpg', Size: '20', LastModifiedDate: '2026-01-02T00:00:00.000Z' },
        { Bucket: 'photos', Key: 'd.jpg', Size: '30', LastModifiedDate: '2026-01-03T00:00:00.000Z' },
      ],
    });
  });

  it('stops at MaxItems across files', async () => {
    const world = bucketWith({
      'report/manifest.json': manifest(['one.csv.gz', 'two.csv.gz']),
      'one.csv.gz': rows('p,a,1,t'),
      'two.csv.gz': rows('p,b,2,t', 'p,c,3,t'),
    });
    const reader = { ...manifestReader, ReaderConfig: { InputType: 'MANIFEST', MaxItems: 2 } };
    const { result } = await runDefinition(machine(reader), {}, { world });
    expect(result.status === 'SUCCEEDED' && (result.output as JsonObject[]).map((item) => item['Key'])).toEqual(['a', 'b']);
  });

  it('fails with States.ItemReaderFailed naming the manifest that is not there', async () => {
    const { result } = await runDefinition(machine(manifestReader), {}, { world: bucketWith({}) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(result.status === 'FAILED' && result.cause).toMatch(/^The manifest s3:\/\/inventory\/report\/manifest\.json could not be read: S3\.NoSuchKeyException/);
  });

  it('names a listed data file that is not there, and the manifest that lists it', async () => {
    const world = bucketWith({ 'report/manifest.json': manifest(['gone.csv.gz']) });
    const { result } = await runDefinition(machine(manifestReader), {}, { world });
    expect(result.status === 'FAILED' && result.cause).toMatch(/^The data file s3:\/\/inventory\/gone\.csv\.gz listed in the manifest s3:\/\/inventory\/report\/manifest\.json could not be read: S3\.NoSuchKeyException/);
  });

  it('names the file and line of a malformed row', async () => {
    const world = bucketWith({ 'report/manifest.json': manifest(['bad.csv.gz']), 'bad.csv.gz': rows('p,a,1,t', 'p,"b,2,t') });
    const { result } = await runDefinition(machine(manifestReader), {}, { world });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'The CSV file s3://inventory/bad.csv.gz is malformed at line 2: a quoted field is not closed before the end of the file.' });
  });

  it('refuses a manifest that is not an inventory manifest', async () => {
    const world = bucketWith({ 'report/manifest.json': '{"files": "none"}' });
    const { result } = await runDefinition(machine(manifestReader), {}, { world });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'The manifest s3://inventory/report/manifest.json is not an S3 Inventory manifest: it has no "files" list.' });
  });
});

describe('listObjectsV2 with LOAD_AND_FLATTEN', () => {
  const flatten = (inputType: string, extra: JsonObject = {}): JsonObject => ({
    Resource: 'arn:aws:states:::s3:listObjectsV2',
    ReaderConfig: { InputType: inputType, Transformation: 'LOAD_AND_FLATTEN', ...extra },
    Parameters: { Bucket: 'inventory', Prefix: 'in/' },
  });

  it('reads each listed object and gives their items one object after the other, skipping folder keys', async () => {
    // A memory bucket: a folder on disk cannot hold the console's "in/sub/" folder object.
    // Read as JSON, the empty folder object would fail: it is skipped.
    const objects = { 'in/a.json': '[{"n":1}, {"n":2}]', 'in/b.json': '[{"n":3}]', 'in/sub/': '', 'out/c.json': '[{"n":99}]' };
    const seed = { s3: { buckets: [{ Bucket: 'inventory', objects: Object.entries(objects).map(([Key, Body]) => ({ Key, Body })) }] } };
    const world = createLocalWorld({ clock: new VirtualClock({ startMs: START_MS }), seed });
    const { result } = await runDefinition(machine(flatten('JSON')), {}, { world });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: 1 }, { n: 2 }, { n: 3 }] });
  });

  it('reads JSON Lines and CSV files, MaxItems counting items across objects', async () => {
    const world = bucketWith({ 'in/1.jsonl': '1\n2\n', 'in/2.jsonl': '3\n4\n' });
    const jsonl = await runDefinition(machine(flatten('JSONL', { MaxItems: 3 })), {}, { world });
    expect(jsonl.result).toEqual({ status: 'SUCCEEDED', output: [1, 2, 3] });
    const csvWorld = bucketWith({ 'in/1.csv': 'x,y\n1,2\n', 'in/2.csv': 'x,y\n3,4\n' });
    const csv = await runDefinition(machine(flatten('CSV')), {}, { world: csvWorld });
    expect(csv.result).toEqual({ status: 'SUCCEEDED', output: [{ x: '1', y: '2' }, { x: '3', y: '4' }] });
  });

  it('names the object that is not a JSON array', async () => {
    const world = bucketWith({ 'in/1.json': '[1]', 'in/2.json': '{"not": "a list"', 'in/3.json': '"text"' });
    const { result } = await runDefinition(machine(flatten('JSON')), {}, { world });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(result.status === 'FAILED' && result.cause).toMatch(/^The JSON file s3:\/\/inventory\/in\/2\.json is not valid JSON/);
    const text = await runDefinition(machine(flatten('JSON')), {}, { world: bucketWith({ 'in/3.json': '"text"' }) });
    expect(text.result).toMatchObject({ error: 'States.ItemReaderFailed', cause: 's3://inventory/in/3.json: Attempting to map over non-iterable node.' });
  });
});
