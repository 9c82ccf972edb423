// `asl run` with local Lambda modules (--lambda), --trace and --history.
import { describe, expect, it } from 'vitest';
import { aslRun, machine } from '../support/run-cli.js';

const FIXTURE = './test/fixtures/lambdas/greet.mjs';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:greet';
const TASK = machine({ T: { Type: 'Task', Resource: FN, End: true } });
const INVOKE = machine({
  T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'greet', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
});

describe('asl run --lambda', () => {
  it('calls the named export for a bare function ARN', async () => {
    const run = await aslRun(['m.json', '--lambda', `greet=${FIXTURE}#greet`, '--input-json', '{"name":"Ada"}'], { 'm.json': TASK });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ greeting: 'Hello, Ada!' });
  });

  it('calls the default export through lambda:invoke, registered by ARN', async () => {
    const run = await aslRun(['m.json', '--lambda', `${FN}=${FIXTURE}`, '--input-json', '{"x":1}'], { 'm.json': INVOKE });
    expect(JSON.parse(run.stdout)).toEqual({ event: { x: 1 }, functionName: 'greet' });
  });

  it('falls back to a `handler` export, the AWS convention', async () => {
    const run = await aslRun(['m.json', '--lambda', 'greet=./test/fixtures/lambdas/handler-only.mjs', '--input-json', '7'], { 'm.json': TASK });
    expect(JSON.parse(run.stdout)).toEqual({ handled: 7 });
  });

  it('fails the execution with the function error type when the handler throws', async () => {
    const run = await aslRun(['m.json', '--lambda', `greet=${FIXTURE}#reject`, '--json'], { 'm.json': TASK });
    expect(run.code).toBe(1);
    const { error, cause } = JSON.parse(run.stdout) as { error: string; cause: string };
    expect(error).toBe('CustomerNotFound');
    expect(JSON.parse(cause)).toEqual({ errorType: 'CustomerNotFound', errorMessage: 'no such customer', trace: [] });
  });

  it('lets a handler sleep on the virtual clock with --fast', async () => {
    const run = await aslRun(['m.json', '--fast', '--lambda', `greet=${FIXTURE}#slow`, '--input-json', '"z"', '--json'], { 'm.json': TASK });
    const { status, startDate, stopDate } = JSON.parse(run.stdout) as Record<string, string>;
    expect(status).toBe('SUCCEEDED');
    expect(Date.parse(stopDate ?? '') - Date.parse(startDate ?? '')).toBe(60_000);
  });

  it('explains a Task whose function was never registered', async () => {
    const run = await aslRun(['m.json'], { 'm.json': TASK });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('asl: execution FAILED: Lambda.ResourceNotFoundException: Function not found: ');
    expect(run.stderr).toContain('asl: hint: register the function with --lambda NAME=./module.js#export\n');
  });

  it.each([
    ['a module that does not exist', `greet=./test/fixtures/lambdas/missing.mjs`, 'cannot load ./test/fixtures/lambdas/missing.mjs'],
    ['an export that does not exist', `greet=${FIXTURE}#nope`, 'has no exported function named "nope"'],
    ['an export that is not a function', `greet=${FIXTURE}#notAFunction`, 'has no exported function named "notAFunction"'],
  ])('exits 3 for %s', async (_what, spec, message) => {
    const run = await aslRun(['m.json', '--lambda', spec], { 'm.json': TASK });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`--lambda ${spec}: `);
    expect(run.stderr).toContain(message);
  });
});

describe('asl run --trace and --history', () => {
  const WAIT = machine({ W: { Type: 'Wait', Seconds: 5, Next: 'P' }, P: { Type: 'Pass', End: true } });

  it('prints one line per event on stderr, with virtual time', async () => {
    const run = await aslRun(['m.json', '--fast', '--trace'], { 'm.json': WAIT });
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('#1 +0.000s ExecutionStarted');
    expect(lines).toContain('#2 +0.000s WaitStateEntered W');
    expect(lines).toContain('#3 +5.000s WaitStateExited W');
    expect(lines.at(-1)).toMatch(/^#\d+ \+5\.000s ExecutionSucceeded$/);
    expect(JSON.parse(run.stdout)).toEqual({});
  });

  it('prints AWS-shaped events with --trace --json', async () => {
    const run = await aslRun(['m.json', '--fast', '--trace', '--json'], { 'm.json': WAIT });
    const events = run.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ id: 1, type: 'ExecutionStarted', previousEventId: 0 });
    expect(events[1]).toMatchObject({ type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'W', input: '{}' } });
  });

  it('writes the AWS-shaped history array to the --history file', async () => {
    const run = await aslRun(['m.json', '--fast', '--history', 'out/h.json'], { 'm.json': WAIT });
    expect(run.code).toBe(0);
    const history = JSON.parse(run.written.get('out/h.json') ?? 'null') as Array<Record<string, unknown>>;
    expect(history.map((e) => e['type'])).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history[0]).toMatchObject({ id: 1, timestamp: '2026-01-01T00:00:00.000Z' });
    expect(history.at(-1)).toMatchObject({ timestamp: '2026-01-01T00:00:05.000Z', executionSucceededEventDetails: { output: '{}' } });
  });

  it('writes the history of a failed run too', async () => {
    const run = await aslRun(['m.json', '--history', 'h.json'], { 'm.json': machine({ F: { Type: 'Fail', Error: 'E' } }) });
    expect(run.code).toBe(1);
    expect(run.written.get('h.json')).toContain('"ExecutionFailed"');
  });
});
