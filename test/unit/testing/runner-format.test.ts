// The test-file format: what readTestFile accepts, and the problems it names (JSON Pointer + words).
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/index.js';
import { readTestFile } from '../../../src/testing/runner/index.js';

function problems(value: JsonValue): Array<{ pointer: string; message: string }> {
  const read = readTestFile(value);
  return 'problems' in read ? read.problems : [];
}

describe('readTestFile', () => {
  it('accepts a full file and fills in defaults (input {}; pointers of cases)', () => {
    const read = readTestFile({
      definition: 'm.asl.json',
      type: 'EXPRESS',
      world: 'world.json',
      mockConfig: 'mock-config.json',
      seed: 3,
      startTime: '2026-05-01T10:00:00Z',
      cases: [
        { name: 'ok', expect: {} },
        { name: 'busy', input: { a: 1 }, testCase: 'Busy', expect: { error: 'E', causeContains: 'x', path: ['A'] } },
        { name: 'world', mocks: { A: { '0': { Return: 1 } } }, expect: { outputContains: { a: 1 }, world: { queues: { q: [] }, snapshot: {} } } },
      ],
    });
    expect('file' in read).toBe(true);
    if (!('file' in read)) return;
    expect(read.file.type).toBe('EXPRESS');
    expect(read.file.cases.map((c) => [c.name, c.input, c.pointer])).toEqual([
      ['ok', {}, '/cases/0'],
      ['busy', { a: 1 }, '/cases/1'],
      ['world', {}, '/cases/2'],
    ]);
  });

  it('refuses what is not an object, and a file without definition or cases', () => {
    expect(problems([])).toEqual([{ pointer: '/', message: 'a test file must be a JSON object' }]);
    expect(problems({})).toEqual([
      { pointer: '/definition', message: 'is required: the definition file, relative to the test file' },
      { pointer: '/cases', message: 'must be a non-empty array of cases' },
    ]);
  });

  it('names unknown members with what is expected there', () => {
    expect(problems({ definition: 'm.json', cases: [{ name: 'a', expect: { outptu: 1 } }], mock: {} })).toEqual([
      { pointer: '/mock', message: 'unknown member "mock" (expected one of: definition, type, world, lambdas, mockConfig, mocks, seed, startTime, cases)' },
      { pointer: '/cases/0/expect/outptu', message: 'unknown member "outptu" (expected one of: status, output, outputContains, error, cause, causeContains, path, world)' },
    ]);
  });

  it('checks the type of every member, at its pointer', () => {
    const found = problems({
      definition: 7,
      type: 'FAST',
      seed: 1.5,
      startTime: 'yesterday',
      cases: [{ name: '', mocks: 3, expect: { status: 'OK', path: 'A', error: 5, world: { queues: { q: 'x' }, tables: [] } } }],
    });
    expect(found).toEqual([
      { pointer: '/definition', message: 'must be a non-empty string' },
      { pointer: '/type', message: 'must be "STANDARD" or "EXPRESS"' },
      { pointer: '/seed', message: 'must be an integer' },
      { pointer: '/startTime', message: 'must be an ISO 8601 date-time' },
      { pointer: '/cases/0/name', message: 'must be a non-empty string' },
      { pointer: '/cases/0/mocks', message: 'must be an object or a file name' },
      { pointer: '/cases/0/expect/status', message: 'must be one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED' },
      { pointer: '/cases/0/expect/path', message: 'must be an array of state names' },
      { pointer: '/cases/0/expect/error', message: 'must be a non-empty string' },
      { pointer: '/cases/0/expect/world/queues', message: 'must be an object whose members are arrays' },
      { pointer: '/cases/0/expect/world/tables', message: 'must be an object whose members are arrays' },
    ]);
  });

  it('refuses contradictions: output and outputContains, output and error, mocks and testCase, testCase without mockConfig', () => {
    expect(problems({ definition: 'm', cases: [{ name: 'a', mocks: {}, testCase: 'T', expect: { output: 1, outputContains: 1, error: 'E' } }] })).toEqual([
      { pointer: '/cases/0/testCase', message: 'needs a "mockConfig" file at the top of the test file' },
      { pointer: '/cases/0', message: 'give either "mocks" or "testCase", not both' },
      { pointer: '/cases/0/expect', message: 'give either "output" (exact) or "outputContains" (partial), not both' },
      { pointer: '/cases/0/expect', message: 'an execution has either an output (SUCCEEDED) or an error and cause, not both' },
    ]);
  });

  it('requires a unique name and an expect object per case, escaping pointers as RFC 6901 says', () => {
    expect(problems({ definition: 'm', cases: [{ name: 'a', expect: {} }, { name: 'a' }, 'x', { name: 'b', expect: { 'a/b~': 1 } }] })).toEqual([
      { pointer: '/cases/1/name', message: 'repeats the case name "a"' },
      { pointer: '/cases/1/expect', message: 'is required (an object, {} for "succeeds")' },
      { pointer: '/cases/2', message: 'a case must be an object' },
      { pointer: '/cases/3/expect/a~1b~0', message: expect.stringContaining('unknown member "a/b~"') as string },
    ]);
  });
});
