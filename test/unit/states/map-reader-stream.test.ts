// ItemReaders stream: a JSONL or CSV object is read chunk by chunk as the Map's children need its
// items, never whole; MaxItems stops the read; a broken stream fails the Map Run with the place.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyStreamOf, withBodyStream } from '../../../src/core/body-stream.js';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { type ServiceBackend, ServiceError, withResponseMetadata } from '../../../src/integrations/backend.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';

const distributed = (reader: JsonObject, processor: JsonObject, extra: JsonObject = {}): JsonValue => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemReader: reader,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, ...processor },
      End: true,
      ...extra,
    },
  },
});
const keep = { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } };
const jsonl = (extra: JsonObject = {}): JsonObject => ({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL', ...extra }, Parameters: { Bucket: 'remote', Key: 'items.jsonl' } });

/** One opening of the streamed object: from which byte, how many lines it has given, whether the reader let it go. */
interface Opening {
  readonly offset: number;
  produced: number;
  released: boolean;
}

/**
 * An S3 backend that streams GetObject's body (lines {"n":1} to {"n":lines}) one line per chunk,
 * produced only when the reader asks for it, honouring Range "bytes=N-", and records each opening
 * (a Map opens the object twice: to count, then to run). The openings `breaks` picks (numbered
 * from 1) fail with a reset connection when they reach line `brokenAt`.
 */
const jsonLine = (n: number): string => `{"n":${n}}\n`;

function lazyS3(lines: number, brokenAt = 0, breaks: (opening: number) => boolean = () => false, shape: (n: number, last: boolean) => string = jsonLine): ServiceBackend & { openings: Opening[] } {
  const openings: Opening[] = [];
  async function* body(opening: Opening, broken: boolean): AsyncGenerator<Uint8Array> {
    try {
      let at = 0;
      for (let n = 1; n <= lines; n++) {
        const line = shape(n, n === lines);
        at += line.length;
        if (at <= opening.offset) continue;
        if (broken && n === brokenAt) throw new Error('connection reset by peer');
        opening.produced++;
        yield new TextEncoder().encode(line.slice(Math.max(0, line.length - (at - opening.offset))));
      }
    } finally {
      opening.released = true;
    }
  }
  const refuse = (): Promise<JsonObject> => Promise.reject(new ServiceError('s3', 'InvalidAction', 'only streamed GetObject here'));
  return {
    kind: 'aws',
    openings,
    serves: () => true,
    call: refuse,
    callStreaming: (call) => {
      if (call.action !== 'GetObject') return refuse();
      const range = /^bytes=(\d+)-$/.exec(String(call.input['Range'] ?? ''));
      const opening: Opening = { offset: range ? Number(range[1]) : 0, produced: 0, released: false };
      openings.push(opening);
      return Promise.resolve(withBodyStream(withResponseMetadata({}, { requestId: 'r', httpStatusCode: 200 }), body(opening, breaks(openings.length))));
    },
  };
}

describe('a JSONL object in a folder bucket', () => {
  const folder = mkdtempSync(join(tmpdir(), 'asl-stream-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is read in chunks, records and multi-byte characters split across chunk ends coming out whole', async () => {
    // About 650 KB: the folder bucket reads 64 KiB at a time, so about ten chunks end mid-record.
    const count = 3_000;
    const word = (n: number): string => `zürich-日本-${'x'.repeat(150 + (n % 97))}`;
    const text = Array.from({ length: count }, (_, n) => JSON.stringify({ n, word: word(n) })).join('\r\n');
    writeFileSync(join(folder, 'big.jsonl'), text);
    const world = createLocalWorld({ clock: new VirtualClock({ startMs: START_MS }), seed: { s3: { buckets: [{ Bucket: 'disk', folder }] } } });
    const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'disk', Key: 'big.jsonl' } };
    const select = { StartAt: 'Keep', States: { Keep: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'w.$': '$.word' }, End: true } } };
    const { result, history } = await runDefinition(distributed(reader, select), {}, { world });
    if (result.status !== 'SUCCEEDED') throw new Error(JSON.stringify(result));
    const output = result.output as Array<{ n: number; w: string }>;
    expect(output).toHaveLength(count);
    expect(output.every((item, n) => item.n === n && item.w === word(n))).toBe(true);
    expect(history.find((event) => event.type === 'MapStateStarted')?.details).toEqual({ length: count });
  });
});

describe('the local world streaming GetObject', () => {
  const folder = mkdtempSync(join(tmpdir(), 'asl-range-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('streams a folder or memory object from the byte a Range names, with no Body', async () => {
    writeFileSync(join(folder, 'k.txt'), 'hello, world');
    const seed = { s3: { buckets: [{ Bucket: 'disk', folder }, { Bucket: 'mem', objects: [{ Key: 'k.txt', Body: 'hello, world' }] }] } };
    const world = createLocalWorld({ clock: new VirtualClock({ startMs: START_MS }), seed });
    const signal = new AbortController().signal;
    for (const Bucket of ['disk', 'mem']) {
      const response = await world.callStreaming({ service: 's3', action: 'GetObject', input: { Bucket, Key: 'k.txt', Range: 'bytes=7-' }, signal });
      const chunks: Buffer[] = [];
      for await (const chunk of bodyStreamOf(response) ?? []) chunks.push(Buffer.from(chunk));
      expect([response['Body'], Buffer.concat(chunks).toString()]).toEqual([undefined, 'world']);
    }
    await expect(world.callStreaming({ service: 's3', action: 'GetObject', input: { Bucket: 'mem', Key: 'nothing' }, signal })).rejects.toMatchObject({ code: 'NoSuchKey' });
  });
});

describe('a streamed object on the aws backend', () => {
  it('is read only a little ahead of the children: with MaxConcurrency 1, child n runs when about n lines are read', async () => {
    const s3 = lazyS3(200);
    const seen: Array<[number, number]> = [];
    const probe = (event: unknown): unknown => {
      // The second opening is the one that hands the items out (the first counted them).
      seen.push([(event as { n: number }).n, s3.openings[1]?.produced ?? -1]);
      return event;
    };
    const processor = { StartAt: 'Probe', States: { Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:probe', End: true } } };
    const { result } = await runDefinition(distributed(jsonl(), processor, { MaxConcurrency: 1 }), {}, { services: { s3: 'aws' }, awsBackend: s3, lambdas: { probe } });
    expect(result.status).toBe('SUCCEEDED');
    expect(seen).toHaveLength(200);
    // Child n starts once line n is read, and the reader is at most one line ahead of it.
    for (const [n, produced] of seen) expect(produced - n).toBeGreaterThanOrEqual(0);
    for (const [n, produced] of seen) expect(produced - n).toBeLessThanOrEqual(1);
    expect(s3.openings.map((opening) => opening.released)).toEqual([true, true]);
  });

  it('streams a JSON array element by element just as closely', async () => {
    const s3 = lazyS3(100, 0, () => false, (n, last) => `${n === 1 ? '[' : ','}{"n":${n}}${last ? ']' : ''}`);
    const seen: number[] = [];
    const probe = (event: unknown): unknown => {
      seen.push((s3.openings[1]?.produced ?? 0) - (event as { n: number }).n);
      return event;
    };
    const processor = { StartAt: 'Probe', States: { Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:probe', End: true } } };
    const reader = { ...jsonl(), ReaderConfig: { InputType: 'JSON' } };
    const { result } = await runDefinition(distributed(reader, processor, { MaxConcurrency: 1 }), {}, { services: { s3: 'aws' }, awsBackend: s3, lambdas: { probe } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: Array.from({ length: 100 }, (_, i) => ({ n: i + 1 })) });
    // An element is whole once the comma after it has come: the reader is one piece ahead at most.
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1);
  });

  it('stops reading at MaxItems and lets the stream go', async () => {
    const s3 = lazyS3(100_000);
    const { result } = await runDefinition(distributed(jsonl({ MaxItems: 3 }), keep), {}, { services: { s3: 'aws' }, awsBackend: s3 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: 1 }, { n: 2 }, { n: 3 }] });
    expect(s3.openings.map((opening) => opening.produced)).toEqual([3, 3]);
    expect(s3.openings.every((opening) => opening.released)).toBe(true);
  });

  it('opens the object again from the byte it had reached when the stream breaks', async () => {
    const s3 = lazyS3(50, 7, (opening) => opening === 1);
    const { result } = await runDefinition(distributed(jsonl(), keep), {}, { services: { s3: 'aws' }, awsBackend: s3 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: Array.from({ length: 50 }, (_, i) => ({ n: i + 1 })) });
    // Six lines of 8 bytes were read before the break: the count goes on from byte 48, the run starts afresh.
    expect(s3.openings.map((opening) => opening.offset)).toEqual([0, 48, 0]);
  });

  it('fails with States.ItemReaderFailed naming the object when the stream keeps breaking', async () => {
    const s3 = lazyS3(50, 7, () => true);
    const { result } = await runDefinition(distributed(jsonl(), keep), {}, { services: { s3: 'aws' }, awsBackend: s3 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'Reading s3://remote/items.jsonl failed: connection reset by peer' });
    // The first opening and three more from byte 48, each breaking at line 7.
    expect(s3.openings.map((opening) => opening.offset)).toEqual([0, 48, 48, 48]);
  });

  it('fails the Map Run when the stream breaks for good after the children have started', async () => {
    // The counting pass reads it all; the run's opening, and every reopening, breaks at line 7.
    const s3 = lazyS3(50, 7, (opening) => opening > 1);
    const { result, history } = await runDefinition(distributed(jsonl(), keep, { MaxConcurrency: 1 }), {}, { services: { s3: 'aws' }, awsBackend: s3 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'Reading s3://remote/items.jsonl failed: connection reset by peer' });
    const types = history.map((event) => event.type);
    expect(types.slice(types.indexOf('MapStateStarted'))).toEqual(['MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
    expect(s3.openings.map((opening) => opening.produced)).toEqual([50, 6, 0, 0, 0]);
  });

  it('reads the whole Body from a backend that cannot stream', async () => {
    const plain: ServiceBackend = {
      kind: 'aws',
      serves: () => true,
      call: (call) => Promise.resolve(call.action === 'GetObject' ? { Body: 'a,b\n1,2\n3,4\n' } : {}),
    };
    const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'remote', Key: 'rows.csv' } };
    const { result } = await runDefinition(distributed(reader, keep), {}, { services: { s3: 'aws' }, awsBackend: plain });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ a: '1', b: '2' }, { a: '3', b: '4' }] });
  });
});
