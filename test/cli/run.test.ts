// `asl run` against the library contract: output on stdout, failures on stderr, exit codes 0-3.
import { describe, expect, it } from 'vitest';
import { aslRun, machine } from '../support/run-cli.js';

const PASS = machine({ P: { Type: 'Pass', Result: { hello: 'world' }, End: true } });
const IDENTITY = machine({ P: { Type: 'Pass', End: true } });
const FAIL = machine({ F: { Type: 'Fail', Error: 'Oops', Cause: 'it broke' } });
const WAIT = machine({ W: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } });

describe('asl run: output and exit codes', () => {
  it('prints the output JSON on stdout and exits 0', async () => {
    const run = await aslRun(['m.json'], { 'm.json': PASS });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ hello: 'world' });
  });

  it('starts with {} when no input is given', async () => {
    expect(JSON.parse((await aslRun(['m.json'], { 'm.json': IDENTITY })).stdout)).toEqual({});
  });

  it.each([
    ['--input FILE', ['--input', 'in.json'], ''],
    ['--input - (stdin)', ['--input', '-'], '{"n": 1}'],
    ['--input-json', ['--input-json', '{"n": 1}'], ''],
  ])('reads the input from %s', async (_what, args, stdin) => {
    const run = await aslRun(['m.json', ...args], { 'm.json': IDENTITY, 'in.json': '{"n": 1}' }, stdin);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ n: 1 });
  });

  it('reads the definition from stdin with "-"', async () => {
    const run = await aslRun(['-', '--input-json', '[1]'], {}, IDENTITY);
    expect(JSON.parse(run.stdout)).toEqual([1]);
  });

  it('reports a failed execution on stderr and exits 1', async () => {
    const run = await aslRun(['m.json'], { 'm.json': FAIL });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'asl: execution FAILED: Oops: it broke\n', written: new Map() });
  });

  it('prints a DescribeExecution-like object with --json', async () => {
    const run = await aslRun(['m.json', '--json', '--input-json', '{"a":1}', '--fast'], { 'm.json': PASS });
    const described = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(described).toMatchObject({ status: 'SUCCEEDED', input: '{"a":1}', output: '{"hello":"world"}' });
    expect(described['executionArn']).toMatch(/^arn:aws:states:[^:]+:\d{12}:execution:/);
    expect(Object.keys(described)).toEqual(['executionArn', 'stateMachineArn', 'name', 'status', 'startDate', 'stopDate', 'input', 'output']);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('puts error and cause in the --json object, and nothing on stderr', async () => {
    const run = await aslRun(['m.json', '--json'], { 'm.json': FAIL });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'FAILED', error: 'Oops', cause: 'it broke' });
    expect(JSON.parse(run.stdout)).not.toHaveProperty('output');
  });

  it('skips an hour-long Wait with --fast, in virtual time', async () => {
    const started = performance.now();
    const run = await aslRun(['m.json', '--fast', '--json'], { 'm.json': WAIT });
    expect(performance.now() - started).toBeLessThan(5_000);
    const { status, startDate, stopDate } = JSON.parse(run.stdout) as Record<string, string>;
    expect(status).toBe('SUCCEEDED');
    expect(Date.parse(stopDate ?? '') - Date.parse(startDate ?? '')).toBe(3_600_000);
  });

  it('gives the same output for the same --seed', async () => {
    const uuid = machine({ U: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()' }, End: true } });
    const first = await aslRun(['m.json', '--seed', '7'], { 'm.json': uuid });
    const second = await aslRun(['m.json', '--seed', '7'], { 'm.json': uuid });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
  });

  it('fails a state whose output exceeds --payload-limit', async () => {
    const big = machine({ P: { Type: 'Pass', Result: 'x'.repeat(2048), End: true } });
    const run = await aslRun(['m.json', '--payload-limit', '1KiB', '--json'], { 'm.json': big });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('stops an Express run past --max-transitions', async () => {
    const states = Object.fromEntries(['A', 'B', 'C', 'D'].map((n, i, all) => [n, i === all.length - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: all[i + 1] }]));
    const run = await aslRun(['m.json', '--mode', 'express', '--max-transitions', '2', '--json'], { 'm.json': machine(states) });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((await aslRun(['m.json', '--mode', 'express', '--max-transitions', 'Infinity'], { 'm.json': machine(states) })).code).toBe(0);
  });
});

describe('asl run: invalid definitions and usage errors', () => {
  it('prints the diagnostics on stderr, like validate, and exits 2', async () => {
    const bad = '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}\n}';
    const run = await aslRun(['bad.json'], { 'bad.json': bad });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bad\.json:3:\d+: error MISSING_TRANSITION_TARGET .*\(at \/States\/A\/Next\)\n/);
    expect(run.stderr).toMatch(/bad\.json: invalid \(\d+ errors?\)\n$/);
  });

  it.each([
    ['a missing definition', ['nope.json'], 'nope.json: cannot read: ENOENT: no such file or directory'],
    ['a missing input file', ['m.json', '--input', 'nope.json'], 'nope.json: cannot read: ENOENT'],
    ['input that is not JSON', ['m.json', '--input', 'bad-in.json'], "bad-in.json:2:9: invalid JSON input: Trailing comma before '}' is not allowed in JSON\n"],
    ['inline input that is not JSON', ['m.json', '--input-json', '{"a": }'], "--input-json:1:7: invalid JSON input: Unexpected '}'"],
    ['an empty input file', ['m.json', '--input', 'empty.json'], 'empty.json: invalid JSON input: the input is empty'],
    ['stdin used twice', ['-', '--input', '-'], '--input: standard input is already the definition'],
    ['--input with --input-json', ['m.json', '--input', 'in.json', '--input-json', '{}'], 'cannot be used with option'],
    ['a bad --payload-limit', ['m.json', '--payload-limit', 'lots'], "option '--payload-limit <size>' argument 'lots' is invalid"],
    ['a bad --seed', ['m.json', '--seed', 'x'], "option '--seed <n>' argument 'x' is invalid"],
    ['a bad --mode', ['m.json', '--mode', 'local'], "argument 'local' is invalid"],
    ['a bad --lambda', ['m.json', '--lambda', 'greet'], "option '--lambda <spec>' argument 'greet' is invalid"],
    ['no definition', [], "missing required argument 'definition'"],
  ])('exits 3 for %s, with a message on stderr', async (_what, args, message) => {
    const files = { 'm.json': IDENTITY, 'in.json': '{}', 'bad-in.json': '{\n  "a": 1,\n}', 'empty.json': ' \n' };
    const run = await aslRun(args, files);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('reports an unwritable --history file with exit 3, before the run', async () => {
    const run = await aslRun(['m.json', '--history', '/unwritable/h.json'], { 'm.json': PASS });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('/unwritable/h.json: cannot write history: EACCES: permission denied');
  });
});
