import { describe, it, expect } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { failure, intrinsicCause, run } from './intrinsic-helpers.js';

describe('States.Base64Encode / Base64Decode', () => {
  it.each<[string, string]>([
    ['Data to encode', 'RGF0YSB0byBlbmNvZGU='],
    ['', ''],
    ['hi', 'aGk='],
    ['héllo wörld 😀', 'aMOpbGxvIHfDtnJsZCDwn5iA'],
  ])('%j ⇄ %j', (text, encoded) => {
    expect(run('States.Base64Encode($.s)', { s: text })).toBe(encoded);
    expect(run('States.Base64Decode($.s)', { s: encoded })).toBe(text);
  });

  it('decodes without padding, as Java does', () => {
    expect(run("States.Base64Decode('aGk')")).toBe('hi');
  });

  it('accepts 10,000 characters and rejects 10,001', () => {
    expect(run('States.Base64Encode($.s)', { s: 'a'.repeat(10_000) })).toHaveLength(13_336);
    expect(failure('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) }).cause).toBe(
      intrinsicCause('States.Base64Encode', 'the string to encode has 10001 characters; the limit is 10000'),
    );
    expect(failure('States.Base64Decode($.s)', { s: 'A'.repeat(10_004) }).error).toBe('States.IntrinsicFailure');
  });

  it.each<[JsonValue, string]>([
    ['not base64!', 'the string is not valid Base64'],
    ['aGk=aGk=', 'the string is not valid Base64'],
    ['a', 'the string is not valid Base64'],
    ['aG=', 'the string is not valid Base64'],
    [12, 'argument 1 must be a string, got a number (12)'],
  ])('Base64Decode fails for %j', (s, problem) => {
    const error = failure('States.Base64Decode($.s)', { s });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause('States.Base64Decode', problem));
  });
});

describe('States.Hash', () => {
  it.each<[string, string, string]>([
    ['input data', 'MD5', '812f45842bc6d66ee14572ce20db8e86'],
    ['input data', 'SHA-1', 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ['input data', 'SHA-256', 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
    ['abc', 'MD5', '900150983cd24fb0d6963f7d28e17f72'],
    ['abc', 'SHA-384', 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'],
    [
      'abc',
      'SHA-512',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
  ])('%s with %s', (data, algorithm, digest) => {
    expect(run('States.Hash($.d, $.alg)', { d: data, alg: algorithm })).toBe(digest);
  });

  it('hashes other values as their compact JSON', () => {
    expect(run("States.Hash($.d, 'MD5')", { d: { a: [1, 2] } })).toBe(run("States.Hash('{\"a\":[1,2]}', 'MD5')"));
    expect(run("States.Hash(42, 'SHA-1')")).toBe(run("States.Hash('42', 'SHA-1')"));
  });

  it.each<[string, JsonValue, string]>([
    ["States.Hash('x', 'sha-256')", {}, "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got 'sha-256'"],
    ["States.Hash('x', 'toString')", {}, "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got 'toString'"],
    ["States.Hash($.d, 'MD5')", { d: 'a'.repeat(10_001) }, 'the data to hash has 10001 characters; the limit is 10000'],
  ])('fails for %s', (text, input, problem) => {
    const error = failure(text, input);
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause('States.Hash', problem));
  });
});

describe('States.UUID', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is a lowercase version 4 UUID', () => {
    for (let seed = 0; seed < 100; seed++) expect(run('States.UUID()', {}, { seed })).toMatch(V4);
  });

  it('is the same for the same seed and differs between draws', () => {
    expect(run('States.UUID()', {}, { seed: 9 })).toBe(run('States.UUID()', {}, { seed: 9 }));
    const pair = run('States.Array(States.UUID(), States.UUID())', {}, { seed: 9 }) as string[];
    expect(pair[0]).not.toBe(pair[1]);
  });
});
