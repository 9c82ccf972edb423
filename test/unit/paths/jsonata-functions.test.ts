import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { SeededRandom } from '../../../src/core/random.js';
import { bindings, evaluate, failure, NOW } from './jsonata-helpers.js';

describe('$partition', () => {
  it.each<[string, JsonValue]>([
    ['$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)', [[1, 2, 3], [4, 5, 6], [7, 8, 9]]],
    ['$partition([1, 2, 3, 4, 5], 2)', [[1, 2], [3, 4], [5]]],
    // Recorded: a single chunk stays an array of one array (test_array_jsonata.py::test_array_partition).
    ['$partition([0], 1)', [[0]]],
    ['$partition([0, 1, 2, 3], 4)', [[0, 1, 2, 3]]],
    ['$partition([0, 1, 2, 3], 5)', [[0, 1, 2, 3]]],
    ['$partition([], 2)', []],
  ])('%s → %j', async (expression, expected) => {
    expect(await evaluate(`{% ${expression} %}`)).toEqual(expected);
  });

  it.each(['$partition([1, 2], 0)', '$partition([1, 2], 1.5)'])('%s fails', async (expression) => {
    expect((await failure(`{% ${expression} %}`)).cause).toContain('threw an error during evaluation. The chunk size of $partition must be a positive integer');
  });
});

describe('$range', () => {
  it.each<[string, JsonValue]>([
    ['$range(0, 9, 3)', [0, 3, 6, 9]],
    ['$range(0, 10, 3)', [0, 3, 6, 9]],
    ['$range(1, 9, 2)', [1, 3, 5, 7, 9]],
    ['$range(0, 10, 2)', [0, 2, 4, 6, 8, 10]],
    ['$range(5, 1, -2)', [5, 3, 1]],
    // Recorded: a one-element range is returned bare (test_array_jsonata.py::test_array_range).
    ['$range(1, 9, 9)', 1],
    ['{"r": $range(1, 9, 9)}', { r: 1 }],
    ['$count($range(1, 1000, 1))', 1000],
  ])('%s → %j', async (expression, expected) => {
    expect(await evaluate(`{% ${expression} %}`)).toEqual(expected);
  });

  it('returns nothing when the step points away from the end (an empty sequence)', async () => {
    expect((await failure('{% $range(5, 1, 1) %}')).cause).toContain('returned nothing (undefined).');
  });

  it.each([
    ['$range(0, 1e9, 1)', '$range would return 1000000001 elements; the limit is 1000'],
    ['$range(0, 1000, 1)', '$range would return 1001 elements; the limit is 1000'],
    ['$range(0, 5, 0)', 'The step of $range must not be 0'],
    ['$range(0.5, 5, 1)', 'The start of $range must be an integer, got 0.5'],
  ])('%s fails: %s', async (expression, message) => {
    expect((await failure(`{% ${expression} %}`)).cause).toContain(`threw an error during evaluation. ${message}`);
  });
});

describe('$hash', () => {
  const hex = (algorithm: string, text: string): string => createHash(algorithm).update(text, 'utf8').digest('hex');

  it.each([
    ['MD5', 'md5'],
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
    ['SHA-384', 'sha384'],
    ['SHA-512', 'sha512'],
  ])('%s gives the lowercase hex digest', async (algorithm, node) => {
    expect(await evaluate(`{% $hash('input data', '${algorithm}') %}`)).toBe(hex(node, 'input data'));
  });

  it('hashes non-strings as compact JSON', async () => {
    expect(await evaluate("{% $hash({'a': [1, 2]}, 'SHA-256') %}")).toBe(hex('sha256', '{"a":[1,2]}'));
  });

  it('rejects unknown algorithms', async () => {
    expect((await failure("{% $hash('x', 'SHA-3') %}")).cause).toContain(
      "The algorithm of $hash must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got 'SHA-3'",
    );
  });

  it('can be partially applied', async () => {
    expect(await evaluate("{% $map(['a', 'b'], $hash(?, 'MD5')) %}")).toEqual([hex('md5', 'a'), hex('md5', 'b')]);
  });
});

describe('$random and $uuid', () => {
  it('draws from the execution PRNG without a seed', async () => {
    const expected = new SeededRandom(99);
    const values = await evaluate('{% [$random(), $random()] %}', bindings({ random: new SeededRandom(99) }));
    expect(values).toEqual([expected.next(), expected.next()]);
  });

  it('is deterministic for an integer seed, whatever the execution PRNG', async () => {
    const a = await evaluate('{% $random(42) %}', bindings({ random: new SeededRandom(1) }));
    const b = await evaluate('{% $random(42) %}', bindings({ random: new SeededRandom(2) }));
    expect(a).toBe(b);
    expect(a).toBe(new SeededRandom(42).next());
    expect(a).not.toBe(await evaluate('{% $random(43) %}'));
  });

  it('rejects a non-integer seed', async () => {
    expect((await failure('{% $random(1.5) %}')).cause).toContain('The seed of $random must be an integer, got 1.5');
  });

  it('$uuid() gives a v4 UUID from the execution PRNG', async () => {
    const first = await evaluate('{% $uuid() %}', bindings({ random: new SeededRandom(5) }));
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await evaluate('{% $uuid() %}', bindings({ random: new SeededRandom(5) }))).toBe(first);
    expect(await evaluate('{% $uuid() %}', bindings({ random: new SeededRandom(6) }))).not.toBe(first);
  });

  it('evaluates the expressions of a value in order, so draws are reproducible', async () => {
    const value = { a: '{% $uuid() %}', b: ['{% $random() %}', '{% $uuid() %}'] };
    const one = await evaluate(value, bindings({ random: new SeededRandom(3) }));
    expect(await evaluate(value, bindings({ random: new SeededRandom(3) }))).toEqual(one);
  });

  it('$shuffle draws from the execution PRNG too', async () => {
    const one = await evaluate('{% $shuffle([1, 2, 3, 4, 5, 6, 7, 8]) %}', bindings({ random: new SeededRandom(11) }));
    expect(await evaluate('{% $shuffle([1, 2, 3, 4, 5, 6, 7, 8]) %}', bindings({ random: new SeededRandom(11) }))).toEqual(one);
    expect([...(one as number[])].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('$parse', () => {
  // Recorded: test_json_manipulation_jsonata.py::test_parse.
  it.each<[string, JsonValue]>([
    ['-0', 0],
    ['1', 1],
    ['1.1', 1.1],
    ['true', true],
    ['"HelloWorld"', 'HelloWorld'],
    ['[1, 2, "HelloWorld"]', [1, 2, 'HelloWorld']],
    ['{"Arg1": 1, "Arg2": []}', { Arg1: 1, Arg2: [] }],
    ['[1]', [1]],
  ])('%s → %j', async (text, expected) => {
    const out = await evaluate('{% $parse($states.input.FunctionInput) %}', bindings({ input: { FunctionInput: text } }));
    expect(out).toEqual(expected);
    if (expected === 0) expect(Object.is(out, 0)).toBe(true);
  });

  it('fails on invalid JSON', async () => {
    expect((await failure("{% $parse('{nope') %}")).cause).toContain('threw an error during evaluation. $parse could not parse its argument as JSON');
  });
});

describe('$now and $millis', () => {
  it('come from the bindings clock', async () => {
    expect(await evaluate('{% $now() %}')).toBe('2024-01-02T03:04:05.678Z');
    expect(await evaluate('{% $millis() %}')).toBe(NOW);
    expect(await evaluate('{% $now() %}', bindings({ now: 0 }))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('format with a picture and a timezone like JSONata', async () => {
    expect(await evaluate("{% $now('[Y0001]-[M01]-[D01]') %}")).toBe('2024-01-02');
    expect(await evaluate("{% $now('[H01]:[m01]', '+0200') %}")).toBe('05:04');
  });

  it('also drive the date defaults of $toMillis', async () => {
    // A picture without a date takes today's date, which must be the execution clock's.
    expect(await evaluate("{% $toMillis('10:30', '[H01]:[m01]') %}")).toBe(Date.UTC(2024, 0, 2, 10, 30));
  });
});

describe('$fromMillis', () => {
  it.each<[string, JsonValue]>([
    ['$fromMillis(0)', '1970-01-01T00:00:00.000Z'],
    ['$fromMillis(1700000000000, "[Y0001]-[M01]-[D01]")', '2023-11-14'],
    ['$fromMillis(1700000000000, "[H01]:[m01]", "+0530")', '03:43'],
  ])('%s → %j, as JSONata formats it', async (expression, expected) => {
    expect(await evaluate(`{% ${expression} %}`)).toEqual(expected);
  });

  it('refuses a time past the dates JavaScript can hold instead of writing "0NaN-NaN-NaN…"', async () => {
    expect((await failure('{% $fromMillis(1e20) %}')).cause).toContain('$fromMillis cannot turn 100000000000000000000 into a date');
  });
});
