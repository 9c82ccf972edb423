import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { ServiceError } from '../../../src/integrations/backend.js';
import { failure, testWorld } from './support.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'asl-world-s3-'));
  folders.push(folder);
  return folder;
}

function memoryWorld() {
  const t = testWorld({
    seed: {
      s3: {
        buckets: [{ Bucket: 'inputs', objects: [
          { Key: 'a/1.json', Body: '[1]' }, { Key: 'a/2.json', Body: '[2]' }, { Key: 'a/deep/3.json', Body: '[3]' },
          { Key: 'b/x.csv', Body: 'h\n1\n', ContentType: 'text/csv' }, { Key: 'bin', BodyBase64: Buffer.from('hi').toString('base64') },
        ] }],
      },
    },
  });
  return { ...t, s3: t.caller('s3') };
}

describe('local S3', () => {
  it('gets objects with their metadata, and reports missing keys and buckets', async () => {
    const { s3 } = memoryWorld();
    expect(await s3('GetObject', { Bucket: 'inputs', Key: 'b/x.csv' })).toEqual({
      AcceptRanges: 'bytes', Body: 'h\n1\n', ContentType: 'text/csv', ContentLength: 4, ETag: `"${createHash('md5').update('h\n1\n').digest('hex')}"`, LastModified: '2026-05-01T12:00:00.000Z', Metadata: {}, ServerSideEncryption: 'AES256',
    });
    expect((await s3('GetObject', { Bucket: 'inputs', Key: 'a/1.json' })).ContentType).toBe('application/json');
    expect((await s3('GetObject', { Bucket: 'inputs', Key: 'bin' })).Body).toBe('hi');
    expect((await failure(s3('GetObject', { Bucket: 'inputs', Key: 'none' }))).code).toBe('NoSuchKey');
    expect((await failure(s3('HeadObject', { Bucket: 'inputs', Key: 'none' }))).code).toBe('NotFound');
    const noBucket = await failure(s3('GetObject', { Bucket: 'nobucket', Key: 'k' }));
    expect([noBucket.code, noBucket.statusCode]).toEqual(['NoSuchBucket', 404]);
  });

  it('puts, heads and deletes objects, stamping LastModified from the clock', async () => {
    const { s3, clock } = memoryWorld();
    clock.advance(60_000);
    const put = await s3('PutObject', { Bucket: 'inputs', Key: 'new.txt', Body: 'fresh' });
    const head = await s3('HeadObject', { Bucket: 'inputs', Key: 'new.txt' });
    expect(head).toMatchObject({ ETag: put.ETag, ContentLength: 5, LastModified: '2026-05-01T12:01:00.000Z' });
    expect(head.Body).toBeUndefined();
    await s3('DeleteObject', { Bucket: 'inputs', Key: 'new.txt' });
    expect((await failure(s3('GetObject', { Bucket: 'inputs', Key: 'new.txt' }))).code).toBe('NoSuchKey');
  });

  it('copies objects between buckets and deletes several at once', async () => {
    const { s3 } = memoryWorld();
    await s3('CreateBucket', { Bucket: 'archive' });
    const copied = await s3('CopyObject', { Bucket: 'archive', Key: 'x.csv', CopySource: 'inputs/b%2Fx.csv' });
    expect(copied.CopyObjectResult).toMatchObject({ LastModified: '2026-05-01T12:00:00.000Z' });
    expect(await s3('GetObject', { Bucket: 'archive', Key: 'x.csv' })).toMatchObject({ Body: 'h\n1\n', ContentType: 'text/csv' });
    expect((await failure(s3('CopyObject', { Bucket: 'archive', Key: 'y', CopySource: 'inputs/none' }))).code).toBe('NoSuchKey');
    expect(await s3('DeleteObjects', { Bucket: 'inputs', Delete: { Objects: [{ Key: 'a/1.json' }, { Key: 'a/2.json' }] } })).toEqual({ Deleted: [{ Key: 'a/1.json' }, { Key: 'a/2.json' }] });
    expect(((await s3('ListObjectsV2', { Bucket: 'inputs', Prefix: 'a/' })).Contents as JsonObject[]).map((c) => c.Key)).toEqual(['a/deep/3.json']);
  });

  it('lists with prefix, delimiter, MaxKeys and continuation tokens', async () => {
    const { s3 } = memoryWorld();
    const grouped = await s3('ListObjectsV2', { Bucket: 'inputs', Prefix: 'a/', Delimiter: '/' });
    expect((grouped.Contents as JsonObject[]).map((c) => c.Key)).toEqual(['a/1.json', 'a/2.json']);
    expect(grouped.CommonPrefixes).toEqual([{ Prefix: 'a/deep/' }]);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page: JsonObject = await s3('ListObjectsV2', { Bucket: 'inputs', MaxKeys: 2, ...(token ? { ContinuationToken: token } : {}) });
      keys.push(...((page.Contents as JsonObject[] | undefined) ?? []).map((c) => String(c.Key)));
      token = page.IsTruncated === true ? String(page.NextContinuationToken) : undefined;
    } while (token);
    expect(keys).toEqual(['a/1.json', 'a/2.json', 'a/deep/3.json', 'b/x.csv', 'bin']);
    const top = await s3('ListObjectsV2', { Bucket: 'inputs', Delimiter: '/', MaxKeys: 1 });
    expect([top.CommonPrefixes, top.IsTruncated]).toEqual([[{ Prefix: 'a/' }], true]);
    const after = await s3('ListObjectsV2', { Bucket: 'inputs', Delimiter: '/', ContinuationToken: String(top.NextContinuationToken) });
    expect([after.CommonPrefixes, (after.Contents as JsonObject[]).map((c) => c.Key)]).toEqual([[{ Prefix: 'b/' }], ['bin']]);
  });

  it('creates and lists buckets, refusing to delete one that holds objects', async () => {
    const { s3 } = memoryWorld();
    await s3('CreateBucket', { Bucket: 'results' });
    expect((await failure(s3('CreateBucket', { Bucket: 'results' }))).code).toBe('BucketAlreadyOwnedByYou');
    expect(((await s3('ListBuckets', {})).Buckets as JsonObject[]).map((b) => b.Name)).toEqual(['inputs', 'results']);
    expect((await failure(s3('DeleteBucket', { Bucket: 'inputs' }))).code).toBe('BucketNotEmpty');
    await s3('DeleteBucket', { Bucket: 'results' });
  });

  it('streams an object for item readers', async () => {
    const { world } = memoryWorld();
    expect(await text(world.openObjectStream('inputs', 'b/x.csv'))).toBe('h\n1\n');
    expect(() => world.openObjectStream('inputs', 'missing')).toThrow(ServiceError);
  });

  it('serves a bucket from a folder, reading and writing inside it only', async () => {
    const folder = tempFolder();
    mkdirSync(join(folder, 'in'));
    writeFileSync(join(folder, 'in', 'items.json'), '[{"id":1}]');
    const outside = join(folder, '..', `outside-${folders.length}.txt`);
    const { caller, world } = testWorld({ baseDir: folder, seed: { s3: { buckets: [{ Bucket: 'data', folder: '.' }] } } });
    const s3 = caller('s3');
    expect((await s3('GetObject', { Bucket: 'data', Key: 'in/items.json' })).Body).toBe('[{"id":1}]');
    await s3('PutObject', { Bucket: 'data', Key: 'out/result.json', Body: '{"ok":true}', ContentType: 'application/json' });
    expect(readFileSync(join(folder, 'out', 'result.json'), 'utf8')).toBe('{"ok":true}');
    expect(((await s3('ListObjectsV2', { Bucket: 'data' })).Contents as JsonObject[]).map((c) => c.Key)).toEqual(['in/items.json', 'out/result.json']);
    for (const key of ['../outside.txt', 'in/../../outside.txt', '/etc/passwd']) {
      const error = await failure(s3('PutObject', { Bucket: 'data', Key: key, Body: 'x' }));
      expect(error.code).toBe('InvalidArgument');
      expect((await failure(s3('GetObject', { Bucket: 'data', Key: key }))).code).toBe('InvalidArgument');
    }
    expect(() => readFileSync(outside)).toThrow();
    expect(await text(world.openObjectStream('data', 'in/items.json'))).toBe('[{"id":1}]');
    expect(world.snapshot().s3.buckets).toEqual([{ Bucket: 'data', folder, objects: [{ Key: 'in/items.json', Size: 10 }, { Key: 'out/result.json', Size: 11 }] }]);
  });
});
