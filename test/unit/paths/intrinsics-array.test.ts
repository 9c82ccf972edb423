import { describe, it, expect } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { failure, intrinsicCause, run } from './intrinsic-helpers.js';

const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('array intrinsics: recorded and documented results', () => {
  it.each<[string, JsonValue, JsonValue]>([
    ["States.Array('Foo', 2020, $.obj, null)", { obj: { a: 1 } }, ['Foo', 2020, { a: 1 }, null]],
    ['States.Array()', {}, []],
    ['States.Array(true, -1.5, States.Array(1))', {}, [true, -1.5, [1]]],
    ['States.ArrayPartition($.a, 4)', { a: nine }, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]],
    ['States.ArrayPartition($.a, 3)', { a: [0, 1, 2] }, [[0, 1, 2]]],
    ['States.ArrayPartition($.a, 5)', { a: [0, 1, 2] }, [[0, 1, 2]]],
    ['States.ArrayPartition($.a, 2)', { a: [] }, []],
    ['States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] }, true],
    ['States.ArrayContains($.a, $.v)', { a: [{ 1: 2, 2: [] }], v: { 2: [], 1: 2 } }, true],
    ['States.ArrayContains($.a, $.v)', { a: [], v: [] }, false],
    ['States.ArrayContains($.a, false)', { a: [true, false] }, true],
    ['States.ArrayContains($.a, 1)', { a: ['1', [1]] }, false],
    ['States.ArrayContains($.a, null)', { a: [null] }, true],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.ArrayRange(0, 10, 3)', {}, [0, 3, 6, 9]],
    ['States.ArrayRange(1, 9, 9)', {}, [1]],
    ['States.ArrayRange(0, 10, 5)', {}, [0, 5, 10]],
    ['States.ArrayRange(5, 1, -2)', {}, [5, 3, 1]],
    ['States.ArrayRange(5, 1, 1)', {}, []],
    ['States.ArrayRange(3, 3, 1)', {}, [3]],
    ['States.ArrayRange(1, 1000, 1)', {}, Array.from({ length: 1000 }, (_, i) => i + 1)],
    ['States.ArrayGetItem($.a, 5)', { a: nine }, 6],
    ['States.ArrayGetItem($.a, 0)', { a: [{ x: 1 }] }, { x: 1 }],
    ['States.ArrayLength($.a)', { a: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 0, 0] }, 20],
    ['States.ArrayLength($.a)', { a: [] }, 0],
    ['States.ArrayUnique($.a)', { a: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]],
    ['States.ArrayUnique($.a)', { a: [{ a: 1, b: [2] }, { b: [2], a: 1 }, [1], [1], '1', 1, null, null] }, [{ a: 1, b: [2] }, [1], '1', 1, null]],
    ['States.ArrayUnique($.a)', { a: [] }, []],
  ])('%s on %j', (text, input, expected) => {
    expect(run(text, input)).toEqual(expected);
  });

  it('ArrayGetItem returns the element itself', () => {
    const item = { deep: [1] };
    expect(run('States.ArrayGetItem($.a, 0)', { a: [item] })).toBe(item);
  });

  it('ArrayUnique keeps the first occurrence of equal objects', () => {
    const first = { a: 1 };
    expect((run('States.ArrayUnique($.a)', { a: [first, { a: 1 }] }) as JsonValue[])[0]).toBe(first);
  });
});

describe('array intrinsics: States.IntrinsicFailure', () => {
  it.each<[string, JsonValue, string, string]>([
    ['States.ArrayPartition($.a, 0)', { a: [1] }, 'States.ArrayPartition', 'the chunk size must be a positive integer, got 0'],
    ['States.ArrayPartition($.a, -2)', { a: [1] }, 'States.ArrayPartition', 'the chunk size must be a positive integer, got -2'],
    ['States.ArrayPartition($.a, 1.5)', { a: [1] }, 'States.ArrayPartition', 'argument 2 must be an integer, got a number (1.5)'],
    ['States.ArrayPartition($.a, 2)', { a: 'abc' }, 'States.ArrayPartition', 'argument 1 must be an array, got a string ("abc")'],
    ['States.ArrayContains($.a, 1)', { a: { x: 1 } }, 'States.ArrayContains', 'argument 1 must be an array, got an object ({"x":1})'],
    ['States.ArrayRange(1, 2000, 1)', {}, 'States.ArrayRange', 'the range would have 2000 elements; the limit is 1000'],
    ['States.ArrayRange(1, 5, 0)', {}, 'States.ArrayRange', 'the step must not be 0'],
    ['States.ArrayRange(1.5, 5, 1)', {}, 'States.ArrayRange', 'argument 1 must be an integer, got a number (1.5)'],
    ['States.ArrayRange($.s, 5, 1)', { s: '1' }, 'States.ArrayRange', 'argument 1 must be an integer, got a string ("1")'],
    ['States.ArrayGetItem($.a, 9)', { a: nine }, 'States.ArrayGetItem', 'index 9 is out of range for an array of length 9'],
    ['States.ArrayGetItem($.a, -1)', { a: nine }, 'States.ArrayGetItem', 'index -1 is out of range for an array of length 9'],
    ['States.ArrayGetItem($.a, 0)', { a: null }, 'States.ArrayGetItem', 'argument 1 must be an array, got null'],
    ['States.ArrayLength($.a)', { a: 'abc' }, 'States.ArrayLength', 'argument 1 must be an array, got a string ("abc")'],
    ['States.ArrayUnique($.a)', { a: 3 }, 'States.ArrayUnique', 'argument 1 must be an array, got a number (3)'],
  ])('%s on %j', (text, input, name, problem) => {
    const error = failure(text, input);
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause(name, problem));
  });
});
