// Where an ItemReader reads: through the S3 backend chosen for the machine — the aws backend when
// `services: { s3: 'aws' }` (here a scripted stand-in that answers as the SDK conversion does), or
// a local bucket that is a folder on disk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { VirtualClock } from '../../../src/core/clock.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';
import { fails, replied, scriptedBackend } from '../integrations/service-support.js';

const distributed = (reader: JsonValue): JsonValue => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemReader: reader,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } },
      End: true,
    },
  },
});

describe('the aws backend', () => {
  it('lists every page of a prefix, following continuation tokens, and stops at MaxItems', async () => {
    const pages: Record<string, JsonObject> = {
      first: { IsTruncated: true, NextContinuationToken: 'page-2', Contents: [{ Key: 'p/1', ETag: '"e1"', Size: 1, LastModified: '2026-01-01T00:00:05.000Z', StorageClass: 'STANDARD' }] },
      'page-2': { IsTruncated: true, NextContinuationToken: 'page-3', Contents: [{ Key: 'p/2', ETag: '"e2"', Size: 2, LastModified: '2026-01-01T00:00:09.500Z', StorageClass: 'GLACIER' }] },
      'page-3': { IsTruncated: false, Contents: [{ Key: 'p/3', ETag: '"e3"', Size: 3, LastModified: '2026-01-01T00:00:10.000Z', StorageClass: 'STANDARD' }] },
    };
    const aws = scriptedBackend({ 's3 ListObjectsV2': (input) => replied(pages[String(input['ContinuationToken'] ?? 'first')] ?? {}) }, 'aws');
    const reader = { Resource: 'arn:aws:states:::s3:listObjectsV2', ReaderConfig: { MaxItems: 2 }, Parameters: { Bucket: 'remote', 'Prefix.$': '$.prefix' } };
    const { result } = await runDefinition(distributed(reader), { prefix: 'p/' }, { services: { s3: 'aws' }, awsBackend: aws });
    const seconds = START_MS / 1000;
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { Etag: '"e1"', Key: 'p/1', LastModified: seconds + 5, Size: 1, StorageClass: 'STANDARD' },
        { Etag: '"e2"', Key: 'p/2', LastModified: seconds + 9, Size: 2, StorageClass: 'GLACIER' },
      ],
    });
    // Listed twice, page by page: once to count the children, once to hand them out (map-items.ts).
    const pass = [
      ['s3', 'ListObjectsV2', { Bucket: 'remote', Prefix: 'p/' }],
      ['s3', 'ListObjectsV2', { Bucket: 'remote', Prefix: 'p/', ContinuationToken: 'page-2' }],
    ];
    expect(aws.calls.map((call) => [call.service, call.action, call.input])).toEqual([...pass, ...pass]);
  });

  it('reads an object with GetObject and reports S3’s refusal as States.ItemReaderFailed', async () => {
    const aws = scriptedBackend({ 's3 GetObject': fails('s3', 'AccessDenied', 'Access Denied', 403) }, 'aws');
    const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'remote', Key: 'secret.json' } };
    const { result } = await runDefinition(distributed(reader), {}, { services: { s3: 'aws' }, awsBackend: aws });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(result.status === 'FAILED' && result.cause).toMatch(/^S3\.AccessDeniedException: Access Denied \(Service: S3, Status Code: 403/);
    expect(aws.calls.map((call) => [call.action, call.input])).toEqual([['GetObject', { Bucket: 'remote', Key: 'secret.json' }]]);
  });
});

describe('a local bucket that is a folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'asl-reader-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a CSV file written on disk', async () => {
    writeFileSync(join(folder, 'people.csv'), 'name,age\nAda,36\nAlan,41\n');
    const world = createLocalWorld({ clock: new VirtualClock({ startMs: START_MS }), seed: { s3: { buckets: [{ Bucket: 'disk', folder }] } } });
    const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'disk', Key: 'people.csv' } };
    const { result } = await runDefinition(distributed(reader), {}, { world });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ name: 'Ada', age: '36' }, { name: 'Alan', age: '41' }] });
  });
});
