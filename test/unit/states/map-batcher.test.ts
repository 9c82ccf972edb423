// A Distributed Map handing its children batches of items (ItemBatcher): the limits in their three
// forms (static, *Path, JSONata), BatchInput, the ItemSelector applied before batching, byte sizes
// counted in UTF-8, and the ways an unusable limit fails.
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { groupIntoBatches } from '../../../src/states/map-batcher.js';
import { runDefinition } from '../../support/run.js';

/** A Distributed Map whose children hand back what they were given. */
function batchingMap(batcher: JsonObject, extra: JsonObject = {}): JsonValue {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.list',
        ItemBatcher: batcher,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
        End: true,
        ...extra,
      },
    },
  };
}

async function outcome(definition: JsonValue, input: JsonValue) {
  return (await runDefinition(definition, input)).result;
}

describe('grouping items into batches', () => {
  it('gives each child at most MaxItemsPerBatch items, in item order', async () => {
    const result = await outcome(batchingMap({ MaxItemsPerBatch: 2 }), { list: [1, 2, 3, 4, 5] });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }] });
  });

  it('gives no child at all for an empty list', async () => {
    expect(await outcome(batchingMap({ MaxItemsPerBatch: 3 }), { list: [] })).toEqual({ status: 'SUCCEEDED', output: [] });
  });

  it('adds the BatchInput, read from the state input, to every batch', async () => {
    const result = await outcome(batchingMap({ MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run', fixed: true } }), { run: 'r-9', list: ['a', 'b', 'c'] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { run: 'r-9', fixed: true }, Items: ['a', 'b'] },
        { BatchInput: { run: 'r-9', fixed: true }, Items: ['c'] },
      ],
    });
  });

  it('applies the ItemSelector to each item before batching, with $$.Map.Item', async () => {
    const definition = batchingMap({ MaxItemsPerBatch: 2 }, { ItemSelector: { 'at.$': '$$.Map.Item.Index', 'name.$': '$$.Map.Item.Value', 'run.$': '$.run' } });
    const result = await outcome(definition, { run: 7, list: ['x', 'y', 'z'] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [{ Items: [{ at: 0, name: 'x', run: 7 }, { at: 1, name: 'y', run: 7 }] }, { Items: [{ at: 2, name: 'z', run: 7 }] }],
    });
  });

  it('closes a batch before it would pass MaxInputBytesPerBatch, counting the batch as the child receives it', async () => {
    // {"Items":[]} is 12 bytes and each "xx" 4: two items need 12 + 4 + 1 + 4 = 21 bytes.
    const twoFit = await outcome(batchingMap({ MaxInputBytesPerBatch: 21 }), { list: ['xx', 'xx', 'xx'] });
    expect(twoFit).toEqual({ status: 'SUCCEEDED', output: [{ Items: ['xx', 'xx'] }, { Items: ['xx'] }] });
    const oneFits = await outcome(batchingMap({ MaxInputBytesPerBatch: 20 }), { list: ['xx', 'xx'] });
    expect(oneFits).toEqual({ status: 'SUCCEEDED', output: [{ Items: ['xx'] }, { Items: ['xx'] }] });
  });

  it('takes the lower of the two limits when both are given', async () => {
    const result = await outcome(batchingMap({ MaxItemsPerBatch: 2, MaxInputBytesPerBatch: 1000 }), { list: [1, 2, 3] });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: [1, 2] }, { Items: [3] }] });
  });

  it('counts bytes in UTF-8 and includes the BatchInput in each batch', () => {
    // {"Items":[]} 12 bytes, "é" 4 bytes in UTF-8 (3 characters in JSON text).
    expect(groupIntoBatches(['é', 'é'], { maxItems: Infinity, maxBytes: 20 }, undefined)).toEqual([{ Items: ['é'] }, { Items: ['é'] }]);
    expect(groupIntoBatches(['é', 'é'], { maxItems: Infinity, maxBytes: 21 }, undefined)).toEqual([{ Items: ['é', 'é'] }]);
    // {"BatchInput":1,"Items":[]} is 27 bytes: the same items no longer share a batch.
    expect(groupIntoBatches(['é', 'é'], { maxItems: Infinity, maxBytes: 35 }, 1)).toEqual([{ BatchInput: 1, Items: ['é'] }, { BatchInput: 1, Items: ['é'] }]);
  });
});

describe('limits read from the input (JSONPath)', () => {
  it('reads MaxItemsPerBatchPath and MaxInputBytesPerBatchPath, as numbers or numeric strings', async () => {
    const result = await outcome(batchingMap({ MaxItemsPerBatchPath: '$.size', MaxInputBytesPerBatchPath: '$.bytes' }), { size: '3', bytes: 1024, list: [1, 2, 3, 4] });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Items: [1, 2, 3] }, { Items: [4] }] });
  });

  it('fails with States.Runtime for a value that is not an integer', async () => {
    const result = await outcome(batchingMap({ MaxItemsPerBatchPath: '$.size' }), { size: 'two', list: [1] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.status === 'FAILED' && result.cause).toContain('The MaxItemsPerBatchPath field refers to value "two" which is not a valid integer: $.size');
  });

  it('fails with States.Runtime for a limit out of range', async () => {
    const none = await outcome(batchingMap({ MaxItemsPerBatchPath: '$.size' }), { size: 0, list: [1] });
    expect(none.status === 'FAILED' && none.cause).toContain('The MaxItemsPerBatchPath field refers to value "0" which is out of range; it must be a positive integer: $.size');
    const huge = await outcome(batchingMap({ MaxInputBytesPerBatchPath: '$.bytes' }), { bytes: 300_000, list: [1] });
    expect(huge).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(huge.status === 'FAILED' && huge.cause).toContain('it must be from 1 to 262144: $.bytes');
  });

  it('fails with States.Runtime, naming the item, when one item alone is over MaxInputBytesPerBatch', async () => {
    const result = await outcome(batchingMap({ MaxInputBytesPerBatch: 20 }), { list: ['ok', 'much too long for the batch'] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.status === 'FAILED' && result.cause).toContain('The item at index 1 is 29 bytes, more than the ItemBatcher\'s MaxInputBytesPerBatch of 20 bytes');
  });
});

describe('JSONata batchers', () => {
  function jsonataMap(batcher: JsonObject): JsonValue {
    return {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemSelector: { v: '{% $states.context.Map.Item.Value * 10 %}' },
          ItemBatcher: batcher,
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
  }

  it('evaluates MaxItemsPerBatch and BatchInput expressions against the state input', async () => {
    const result = await outcome(jsonataMap({ MaxItemsPerBatch: '{% $states.input.n %}', BatchInput: { tag: '{% $states.input.tag %}' } }), { n: 2, tag: 'T', list: [1, 2, 3] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { tag: 'T' }, Items: [{ v: 10 }, { v: 20 }] },
        { BatchInput: { tag: 'T' }, Items: [{ v: 30 }] },
      ],
    });
  });

  it('fails with States.QueryEvaluationError when an expression gives no usable limit', async () => {
    const result = await outcome(jsonataMap({ MaxInputBytesPerBatch: '{% $states.input.n %}' }), { n: 'lots', list: [1] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(result.status === 'FAILED' && result.cause).toContain("Expected 'integer from 1 to 262144', but was 'string' for value: \"lots\"");
  });
});
