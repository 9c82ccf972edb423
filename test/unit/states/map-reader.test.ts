// A Distributed Map reading its items from S3 (ItemReader) in the local world: JSON, JSON Lines,
// CSV and object listings, MaxItems in its three forms, and the ways a read fails.
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { VirtualClock } from '../../../src/core/clock.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition, START_MS } from '../../support/run.js';

type Objects = Record<string, string>;

function worldWith(objects: Objects): ReturnType<typeof createLocalWorld> {
  const clock = new VirtualClock({ startMs: START_MS });
  return createLocalWorld({ clock, seed: { s3: { buckets: [{ Bucket: 'inputs', objects: Object.entries(objects).map(([Key, Body]) => ({ Key, Body })) }] } } });
}

/** A Distributed Map that hands each item back unchanged, reading with `reader`. */
function machine(reader: JsonObject, extra: JsonObject = {}): JsonValue {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemReader: reader,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } },
        End: true,
        ...extra,
      },
    },
  };
}

const getObject = (config: JsonObject, key = 'data'): JsonObject => ({
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig: config,
  Parameters: { Bucket: 'inputs', 'Key.$': `$.${key}` },
});

async function run(objects: Objects, definition: JsonValue, input: JsonValue = { data: 'orders' }) {
  const { result } = await runDefinition(definition, input, { world: worldWith(objects) });
  return result;
}

describe('reading a JSON file', () => {
  it('iterates the array in the object named by the input, ignoring ItemsPath', async () => {
    const result = await run({ orders: '[{"id": 1}, {"id": 2}, 3]' }, machine(getObject({ InputType: 'JSON' }), { ItemsPath: '$.nowhere' }));
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ id: 1 }, { id: 2 }, 3] });
  });

  it('follows an ItemsPointer into the document', async () => {
    const result = await run({ orders: '{"batch": {"lines": ["a", "b"]}}' }, machine(getObject({ InputType: 'JSON', ItemsPointer: '/batch/lines' })));
    expect(result).toEqual({ status: 'SUCCEEDED', output: ['a', 'b'] });
  });

  it('fails with States.ItemReaderFailed when the file holds no array', async () => {
    const result = await run({ orders: '"just text"' }, machine(getObject({ InputType: 'JSON' })));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'Attempting to map over non-iterable node.' });
  });

  it('says where a broken JSON file is', async () => {
    const result = await run({ orders: '[1, 2,' }, machine(getObject({ InputType: 'JSON' })));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(result.status === 'FAILED' && result.cause).toContain('s3://inputs/orders is not valid JSON');
  });

  it('fails when the pointer names nothing', async () => {
    const result = await run({ orders: '{"batch": []}' }, machine(getObject({ InputType: 'JSON', ItemsPointer: '/missing' })));
    expect(result).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'The provided ReaderConfig.ItemsPointer does not match any valid path in the JSON structure.' });
  });
});

describe('reading JSON Lines', () => {
  it('takes one item per line, skipping blank lines and CRLF endings', async () => {
    const result = await run({ orders: '{"n":1}\r\n\n{"n":2}\n"three"\n' }, machine(getObject({ InputType: 'JSONL' })));
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: 1 }, { n: 2 }, 'three'] });
  });

  it('names the line of a malformed record', async () => {
    const result = await run({ orders: '{"n":1}\n{"n":\n' }, machine(getObject({ InputType: 'JSONL' })));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(result.status === 'FAILED' && result.cause).toContain('s3://inputs/orders is malformed at line 2');
  });
});

describe('reading CSV', () => {
  it('keys each row by the first row, keeping every value a string', async () => {
    const text = 'sku,qty,note\nA-1,3,"fragile, handle ""with care"""\nB-2,10,"two\nlines"\n';
    const result = await run({ orders: text }, machine(getObject({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' })));
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { sku: 'A-1', qty: '3', note: 'fragile, handle "with care"' },
        { sku: 'B-2', qty: '10', note: 'two\nlines' },
      ],
    });
  });

  it('uses GIVEN headers and a named delimiter, padding short rows and dropping extra fields', async () => {
    const result = await run({ orders: 'x|y|z\nonly\n' }, machine(getObject({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['first', 'second'], CSVDelimiter: 'PIPE' })));
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ first: 'x', second: 'y' }, { first: 'only', second: '' }] });
  });

  it('reads tab- and semicolon-separated files', async () => {
    const tabs = await run({ orders: 'a\tb\n1\t2\n' }, machine(getObject({ InputType: 'CSV', CSVDelimiter: 'TAB' })));
    const semicolons = await run({ orders: 'a;b\n1;2\n' }, machine(getObject({ InputType: 'CSV', CSVDelimiter: 'SEMICOLON' })));
    expect([tabs, semicolons]).toEqual([{ status: 'SUCCEEDED', output: [{ a: '1', b: '2' }] }, { status: 'SUCCEEDED', output: [{ a: '1', b: '2' }] }]);
  });

  it('refuses duplicate headers', async () => {
    const result = await run({ orders: 'a,a\n1,2\n' }, machine(getObject({ InputType: 'CSV' })));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'CSV headers cannot contain duplicates.' });
  });

  it('names the line where an unclosed quote starts', async () => {
    const result = await run({ orders: 'a,b\n1,2\n3,"open\n4,5\n' }, machine(getObject({ InputType: 'CSV' })));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: 'The CSV file s3://inputs/orders is malformed at line 3: a quoted field is not closed before the end of the file.' });
  });
});

describe('MaxItems', () => {
  const rows = { orders: 'n\n1\n2\n3\n' };

  it('stops after MaxItems rows', async () => {
    const result = await run(rows, machine(getObject({ InputType: 'CSV', MaxItems: 2 })));
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: '1' }, { n: '2' }] });
  });

  it('reads MaxItemsPath from the input or a variable, 0 meaning no limit', async () => {
    const fromInput = await run(rows, machine(getObject({ InputType: 'CSV', MaxItemsPath: '$.limit' })), { data: 'orders', limit: '1' });
    const unlimited = await run(rows, machine(getObject({ InputType: 'CSV', MaxItemsPath: '$.limit' })), { data: 'orders', limit: 0 });
    expect(fromInput).toEqual({ status: 'SUCCEEDED', output: [{ n: '1' }] });
    expect(unlimited).toEqual({ status: 'SUCCEEDED', output: [{ n: '1' }, { n: '2' }, { n: '3' }] });
  });

  it('fails on a negative or non-integer MaxItemsPath value', async () => {
    const negative = await run(rows, machine(getObject({ InputType: 'CSV', MaxItemsPath: '$.limit' })), { data: 'orders', limit: -3 });
    const text = await run(rows, machine(getObject({ InputType: 'CSV', MaxItemsPath: '$.limit' })), { data: 'orders', limit: 'many' });
    expect(negative).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'field MaxItems must be positive' });
    expect(text).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'The MaxItemsPath field refers to value "many" which is not a valid integer: $.limit' });
  });

  it('takes JSONata Arguments and a MaxItems expression', async () => {
    const reader = {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSONL', MaxItems: '{% $states.input.limit %}' },
      Arguments: { Bucket: 'inputs', Key: '{% $states.input.data %}' },
    };
    const definition = { QueryLanguage: 'JSONata', ...(machine(reader) as JsonObject) };
    const result = await run({ orders: '1\n2\n3\n' }, definition, { data: 'orders', limit: 2 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [1, 2] });
  });
});

describe('listing objects', () => {
  it('gives each object under the prefix as {Etag, Key, LastModified, Size, StorageClass}', async () => {
    const reader = { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'inputs', Prefix: 'in/' } };
    const result = await run({ 'in/a.txt': 'hello', 'in/b.txt': '', 'out/c.txt': 'x' }, machine(reader));
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { Etag: '"5d41402abc4b2a76b9719d911017c592"', Key: 'in/a.txt', LastModified: START_MS / 1000, Size: 5, StorageClass: 'STANDARD' },
        { Etag: '"d41d8cd98f00b204e9800998ecf8427e"', Key: 'in/b.txt', LastModified: START_MS / 1000, Size: 0, StorageClass: 'STANDARD' },
      ],
    });
  });
});

describe('objects that are not there', () => {
  it('fails with States.ItemReaderFailed naming S3’s error for a missing key or bucket', async () => {
    const key = await run({}, machine(getObject({ InputType: 'JSON' })));
    const bucket = await run({}, machine({ Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'elsewhere' } }));
    expect(key).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(key.status === 'FAILED' && key.cause).toContain('S3.NoSuchKeyException: The specified key does not exist.');
    expect(bucket.status === 'FAILED' && bucket.cause).toContain('S3.NoSuchBucketException: The specified bucket does not exist');
  });

  it('can be caught like any error', async () => {
    const definition = machine(getObject({ InputType: 'JSON' })) as { States: Record<string, JsonObject> };
    const { End: _end, ...each } = definition.States['Each'] as JsonObject;
    definition.States['Each'] = { ...each, Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], ResultPath: '$.problem', Next: 'Fallback' }], Next: 'Fallback' };
    definition.States['Fallback'] = { Type: 'Pass', OutputPath: '$.problem.Error', End: true };
    const result = await run({}, definition as unknown as JsonValue);
    expect(result).toEqual({ status: 'SUCCEEDED', output: 'States.ItemReaderFailed' });
  });
});
