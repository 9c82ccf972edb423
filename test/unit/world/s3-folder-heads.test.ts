// A folder bucket's HeadObject and ListObjectsV2 read no file whole: the ETag is hashed a chunk at a
// time (over 16 MiB it is derived from the file's size and time instead) and kept while the file
// keeps its size and time; a file too large to hand out whole is an S3 error, not a crash.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { failure, testWorld } from './support.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'asl-world-s3-heads-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const etagOf = (bytes: Buffer): string => `"${createHash('md5').update(bytes).digest('hex')}"`;

describe('folder bucket heads', () => {
  it('lists and heads a file of several hash chunks with its size and MD5, hashing it again only when it changes', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    bytes.write('start', 0);
    bytes.write('end', bytes.length - 3);
    const file = join(folder, 'big.bin');
    writeFileSync(file, bytes);
    const { caller } = testWorld({ baseDir: folder, seed: { s3: { buckets: [{ Bucket: 'data', folder: '.' }] } } });
    const s3 = caller('s3');
    const [listed] = (await s3('ListObjectsV2', { Bucket: 'data' })).Contents as JsonObject[];
    expect(listed).toMatchObject({ Key: 'big.bin', Size: bytes.length, ETag: etagOf(bytes) });
    expect(await s3('HeadObject', { Bucket: 'data', Key: 'big.bin' })).toMatchObject({ ContentLength: bytes.length, ETag: etagOf(bytes) });
    expect(await s3('HeadObject', { Bucket: 'data', Key: 'big.bin' })).not.toHaveProperty('Body');

    // Same size and time: the kept ETag is given (the file is not read again).
    const mtime = new Date(Date.UTC(2026, 0, 1));
    utimesSync(file, mtime, mtime);
    const firstStamped = (await s3('HeadObject', { Bucket: 'data', Key: 'big.bin' })).ETag;
    const changed = Buffer.from(bytes);
    changed.write('other', 0);
    writeFileSync(file, changed);
    utimesSync(file, mtime, mtime);
    expect((await s3('HeadObject', { Bucket: 'data', Key: 'big.bin' })).ETag).toBe(firstStamped);
    // A new time: hashed again.
    const later = new Date(Date.UTC(2026, 0, 2));
    utimesSync(file, later, later);
    expect((await s3('HeadObject', { Bucket: 'data', Key: 'big.bin' })).ETag).toBe(etagOf(changed));
  });

  it('gives one ETag for an object, whichever call asks: PutObject, GetObject, HeadObject or ListObjectsV2', async () => {
    const { caller, world } = testWorld({ baseDir: folder, seed: { s3: { buckets: [{ Bucket: 'data', folder: '.' }] } } });
    const s3 = caller('s3');
    for (const [key, body] of [['small.txt', 'hello'], ['big.txt', 'b'.repeat(17 * 1024 * 1024)]] as const) {
      const put = (await s3('PutObject', { Bucket: 'data', Key: key, Body: body })).ETag;
      expect((await s3('GetObject', { Bucket: 'data', Key: key })).ETag).toBe(put);
      expect((await s3('HeadObject', { Bucket: 'data', Key: key })).ETag).toBe(put);
      expect(((await s3('ListObjectsV2', { Bucket: 'data', Prefix: key })).Contents as JsonObject[])[0]?.ETag).toBe(put);
    }
    expect((await s3('HeadObject', { Bucket: 'data', Key: 'small.txt' })).ETag).toBe(etagOf(Buffer.from('hello')));
    expect((await s3('HeadObject', { Bucket: 'data', Key: 'big.txt' })).ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    // The world's snapshot names a folder bucket's objects by size.
    expect(world.snapshot().s3.buckets[0]?.objects).toEqual([{ Key: 'big.txt', Size: 17 * 1024 * 1024 }, { Key: 'small.txt', Size: 5 }]);
  });

  it('refuses to get a file larger than a Buffer holds with an S3 error naming it, and lists the bucket all the same', async () => {
    // Sparse: 2.5 GiB of size, no disk blocks; GetObject is refused before anything is read.
    const huge = join(folder, 'huge.bin');
    writeFileSync(huge, '');
    truncateSync(huge, 2.5 * 1024 ** 3);
    writeFileSync(join(folder, 'small.json'), '[1]');
    const { caller } = testWorld({ baseDir: folder, seed: { s3: { buckets: [{ Bucket: 'data', folder: '.' }] } } });
    const s3 = caller('s3');
    const error = await failure(s3('GetObject', { Bucket: 'data', Key: 'huge.bin' }));
    expect(error.code).toBe('InvalidRequest');
    expect(error.message).toContain('"huge.bin" (2684354560 bytes');
    expect((await s3('GetObject', { Bucket: 'data', Key: 'small.json' })).Body).toBe('[1]');
    // Over 16 MiB, the ETag takes the multipart form from the file's key, size and time: no byte is read.
    const listed = (await s3('ListObjectsV2', { Bucket: 'data' })).Contents as JsonObject[];
    expect(listed.map((c) => [c.Key, c.Size])).toEqual([['huge.bin', 2684354560], ['small.json', 3]]);
    expect(listed[0]?.ETag).toMatch(/^"[0-9a-f]{32}-320"$/);
    expect(listed[1]?.ETag).toBe(etagOf(Buffer.from('[1]')));
    expect((await s3('HeadObject', { Bucket: 'data', Key: 'huge.bin' })).ETag).toBe(listed[0]?.ETag);
    const later = new Date(Date.UTC(2026, 0, 3));
    utimesSync(huge, later, later);
    expect((await s3('HeadObject', { Bucket: 'data', Key: 'huge.bin' })).ETag).not.toBe(listed[0]?.ETag);
  });
});
