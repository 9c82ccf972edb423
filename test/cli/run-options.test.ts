import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseByteSize, parseLambdaSpec, parseLimit, parseMode, parseSeed } from '../../src/cli/run-options.js';

describe('asl run option parsers', () => {
  it.each([
    ['262144', 262_144],
    ['256KiB', 262_144],
    ['256kib', 262_144],
    ['1MiB', 1_048_576],
    ['300KB', 300_000],
    ['2 MB', 2_000_000],
    ['10b', 10],
    ['1GiB', 1024 ** 3],
    ['1.5MiB', 1_572_864],
    ['2gb', 2_000_000_000],
    ['Infinity', Infinity],
    ['infinity', Infinity],
  ])('--payload-limit %s = %i bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', '0', '-1', '0.1b', '1TiB', 'lots', '9999999999999999MiB', '1.MiB'])('--payload-limit rejects %j', (text) => {
    expect(() => parseByteSize(text)).toThrow(InvalidArgumentError);
  });

  it.each([
    ['7', 7],
    ['-3', -3],
    ['0', 0],
  ])('--seed %s', (text, seed) => {
    expect(parseSeed(text)).toBe(seed);
  });

  it.each(['x', '1.5', '', '1e3'])('--seed rejects %j', (text) => {
    expect(() => parseSeed(text)).toThrow(InvalidArgumentError);
  });

  it.each([
    ['100', 100],
    ['Infinity', Infinity],
    ['inf', Infinity],
  ])('--max-transitions %s', (text, limit) => {
    expect(parseLimit(text)).toBe(limit);
  });

  it.each(['0', '-5', 'many', '2.5'])('--max-transitions rejects %j', (text) => {
    expect(() => parseLimit(text)).toThrow(InvalidArgumentError);
  });

  it.each([
    ['standard', 'STANDARD'],
    ['EXPRESS', 'EXPRESS'],
    ['Express', 'EXPRESS'],
  ])('--mode %s', (text, mode) => {
    expect(parseMode(text)).toBe(mode);
  });

  it('--mode rejects anything else', () => {
    expect(() => parseMode('local')).toThrow(InvalidArgumentError);
  });

  it.each([
    ['greet=./fns.js#greet', { name: 'greet', modulePath: './fns.js', exportName: 'greet' }],
    ['greet=./fns.js', { name: 'greet', modulePath: './fns.js', exportName: undefined }],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:greet=./dir#1/fns.mjs#handler',
      { name: 'arn:aws:lambda:us-east-1:123456789012:function:greet', modulePath: './dir#1/fns.mjs', exportName: 'handler' },
    ],
  ])('--lambda %s', (text, spec) => {
    expect(parseLambdaSpec(text)).toEqual({ ...spec, text });
  });

  it.each(['greet', '=./fns.js', 'greet=', 'greet=./fns.js#'])('--lambda rejects %j', (text) => {
    expect(() => parseLambdaSpec(text)).toThrow(InvalidArgumentError);
  });
});
