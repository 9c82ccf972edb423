// Local S3 multipart uploads, the streamed write of a ResultWriter: parts written as they come (a
// folder bucket straight to disk, hidden from listings until completed), a part sent again replacing
// that part and the ones after it, S3's errors for unknown uploads and mismatched part lists.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { failure, testWorld } from './support.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folderWorld() {
  const folder = mkdtempSync(join(tmpdir(), 'asl-world-uploads-'));
  folders.push(folder);
  const t = testWorld({ baseDir: folder, seed: { s3: { buckets: [{ Bucket: 'out', folder: 'out' }] } } });
  return { ...t, folder: join(folder, 'out'), s3: t.caller('s3') };
}

function memoryWorld() {
  const t = testWorld({ seed: { s3: { buckets: [{ Bucket: 'out', objects: [] }] } } });
  return { ...t, s3: t.caller('s3') };
}

type Call = (action: string, input: JsonObject) => Promise<JsonObject>;

async function upload(s3: Call, key: string, parts: string[]): Promise<{ uploadId: string; etags: string[] }> {
  const created = await s3('CreateMultipartUpload', { Bucket: 'out', Key: key, ContentType: 'application/json' });
  const uploadId = String(created['UploadId']);
  const etags: string[] = [];
  for (const [i, body] of parts.entries()) etags.push(String((await s3('UploadPart', { Bucket: 'out', Key: key, UploadId: uploadId, PartNumber: i + 1, Body: body }))['ETag']));
  return { uploadId, etags };
}

const partList = (etags: string[]): JsonObject => ({ Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) });
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('local S3 multipart uploads', () => {
  it('writes a folder bucket\'s parts to disk as they come and shows the object only once completed', async () => {
    const { s3, folder } = folderWorld();
    const { uploadId, etags } = await upload(s3, 'run/SUCCEEDED_0.json', ['[1,', '2,', '3]']);
    expect(etags).toEqual([`"${md5('[1,')}"`, `"${md5('2,')}"`, `"${md5('3]')}"`]);
    // The parts are on disk already, but not an object yet.
    expect(readdirSync(join(folder, '.asl-uploads')).sort()).toEqual([uploadId, `${uploadId}.json`]);
    expect((await s3('ListObjectsV2', { Bucket: 'out' }))['KeyCount']).toBe(0);
    const done = await s3('CompleteMultipartUpload', { Bucket: 'out', Key: 'run/SUCCEEDED_0.json', UploadId: uploadId, MultipartUpload: partList(etags) });
    // S3's multipart ETag: the MD5 of the parts' MD5s, then the number of parts.
    const digests = Buffer.concat(['[1,', '2,', '3]'].map((part) => createHash('md5').update(part).digest()));
    expect(done).toMatchObject({ Bucket: 'out', Key: 'run/SUCCEEDED_0.json', Location: '/out/run/SUCCEEDED_0.json', ETag: `"${createHash('md5').update(digests).digest('hex')}-3"` });
    expect(readFileSync(join(folder, 'run/SUCCEEDED_0.json'), 'utf8')).toBe('[1,2,3]');
    expect(await s3('GetObject', { Bucket: 'out', Key: 'run/SUCCEEDED_0.json' })).toMatchObject({ Body: '[1,2,3]', ContentType: 'application/json' });
    expect(readdirSync(join(folder, '.asl-uploads'))).toEqual([]);
    expect((await s3('ListObjectsV2', { Bucket: 'out' }))['KeyCount']).toBe(1);
  });

  it('replaces a part sent again and drops the ones after it (a writer going back to its checkpoint)', async () => {
    for (const { s3 } of [memoryWorld(), folderWorld()]) {
      const { uploadId } = await upload(s3, 'k.json', ['aaa', 'bbb', 'ccc']);
      const again = String((await s3('UploadPart', { Bucket: 'out', Key: 'k.json', UploadId: uploadId, PartNumber: 2, Body: 'BB' }))['ETag']);
      const third = String((await s3('UploadPart', { Bucket: 'out', Key: 'k.json', UploadId: uploadId, PartNumber: 3, Body: 'C' }))['ETag']);
      const first = `"${md5('aaa')}"`;
      await s3('CompleteMultipartUpload', { Bucket: 'out', Key: 'k.json', UploadId: uploadId, MultipartUpload: partList([first, again, third]) });
      expect((await s3('GetObject', { Bucket: 'out', Key: 'k.json' }))['Body']).toBe('aaaBBC');
    }
  });

  it('answers S3\'s errors: unknown upload, parts out of order, a part list that does not match', async () => {
    const { s3 } = memoryWorld();
    expect((await failure(s3('UploadPart', { Bucket: 'out', Key: 'k', UploadId: 'nope', PartNumber: 1, Body: 'x' }))).code).toBe('NoSuchUpload');
    const { uploadId, etags } = await upload(s3, 'k', ['x']);
    expect((await failure(s3('UploadPart', { Bucket: 'out', Key: 'k', UploadId: uploadId, PartNumber: 3, Body: 'z' }))).code).toBe('InvalidPartOrder');
    expect((await failure(s3('CompleteMultipartUpload', { Bucket: 'out', Key: 'k', UploadId: uploadId, MultipartUpload: { Parts: [{ ETag: '"0"', PartNumber: 1 }] } }))).code).toBe('InvalidPart');
    expect((await failure(s3('CreateMultipartUpload', { Bucket: 'nobucket', Key: 'k' }))).code).toBe('NoSuchBucket');
    await s3('CompleteMultipartUpload', { Bucket: 'out', Key: 'k', UploadId: uploadId, MultipartUpload: partList(etags) });
    // Completed: the upload is gone.
    expect((await failure(s3('AbortMultipartUpload', { Bucket: 'out', Key: 'k', UploadId: uploadId }))).code).toBe('NoSuchUpload');
  });

  it('goes on with a folder bucket\'s upload in a world created again over the folder (a restarted process)', async () => {
    const base = mkdtempSync(join(tmpdir(), 'asl-world-uploads-'));
    folders.push(base);
    const seed = { s3: { buckets: [{ Bucket: 'out', folder: 'out' }] } };
    const before = testWorld({ baseDir: base, seed }).caller('s3');
    const { uploadId, etags } = await upload(before, 'r/SUCCEEDED_0.json', ['[1,', '2,']);
    // A part cut short by the crash: bytes on disk past the parts the upload recorded.
    appendFileSync(join(base, 'out', '.asl-uploads', uploadId), 'half a par');
    const after = testWorld({ baseDir: base, seed }).caller('s3');
    const third = String((await after('UploadPart', { Bucket: 'out', Key: 'r/SUCCEEDED_0.json', UploadId: uploadId, PartNumber: 3, Body: '3]' }))['ETag']);
    await after('CompleteMultipartUpload', { Bucket: 'out', Key: 'r/SUCCEEDED_0.json', UploadId: uploadId, MultipartUpload: partList([...etags, third]) });
    expect(readFileSync(join(base, 'out', 'r/SUCCEEDED_0.json'), 'utf8')).toBe('[1,2,3]');
    expect(readdirSync(join(base, 'out', '.asl-uploads'))).toEqual([]);
  });

  it('aborting removes the parts written so far', async () => {
    const { s3, folder } = folderWorld();
    const { uploadId } = await upload(s3, 'gone.json', ['12345']);
    await s3('AbortMultipartUpload', { Bucket: 'out', Key: 'gone.json', UploadId: uploadId });
    expect(readdirSync(join(folder, '.asl-uploads'))).toEqual([]);
    expect(existsSync(join(folder, 'gone.json'))).toBe(false);
  });
});
