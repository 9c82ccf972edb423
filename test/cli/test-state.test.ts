// `asl test-state` in process: the response JSON on stdout with exit 0 whatever the state did, 2 for
// an invalid definition, 3 for a request TestState refuses or a file that cannot be read.
import { describe, expect, it } from 'vitest';
import { runAsl } from '../support/fake-io.js';

const TASK = JSON.stringify({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { 'FunctionName': 'bill', 'Payload.$': '$' },
  ResultSelector: { 'total.$': '$.Payload.total' },
  Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 4 }],
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Apologise', ResultPath: '$.error' }],
  Next: 'Ship',
});
const MACHINE = 'StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    Result: hi\n    Next: Bye\n  Bye:\n    Type: Succeed\n';
const files = { 'task.json': TASK, 'machine.yaml': MACHINE, 'result.json': '{"Payload":{"total":12}}', 'bad.json': '{"Type":"Task","End":true}' };

const parse = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

describe('asl test-state', () => {
  it('prints the response of a mocked Task with its data flow', async () => {
    const run = await runAsl(['test-state', '--definition', 'task.json', '--input', '{"qty":3}', '--mock-result', '@result.json', '--inspection-level', 'DEBUG'], files);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const response = parse(run.stdout);
    expect(response).toMatchObject({ status: 'SUCCEEDED', output: '{"total":12}', nextState: 'Ship' });
    expect(response['inspectionData']).toMatchObject({ afterParameters: '{"FunctionName":"bill","Payload":{"qty":3}}', afterResultSelector: '{"total":12}' });
  });

  it('exits 0 for RETRIABLE and CAUGHT_ERROR, as the API answers them', async () => {
    const retriable = await runAsl(['test-state', '--definition', 'task.json', '--mock-error', 'Busy', '--mock-cause', 'later'], files);
    expect(retriable.code).toBe(0);
    expect(parse(retriable.stdout)).toEqual({ status: 'RETRIABLE', error: 'Busy', cause: 'later' });
    const caught = await runAsl(['test-state', '--definition', 'task.json', '--input', '{}', '--mock-error', 'Busy', '--retrier-retry-count', '3'], files);
    expect(caught.code).toBe(0);
    expect(parse(caught.stdout)).toEqual({ status: 'CAUGHT_ERROR', error: 'Busy', nextState: 'Apologise', output: '{"error":{"Error":"Busy"}}' });
  });

  it('tests a named state of a whole YAML definition', async () => {
    const run = await runAsl(['test-state', '--definition', 'machine.yaml', '--state-name', 'Hello'], files);
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual({ status: 'SUCCEEDED', output: '"hi"', nextState: 'Bye' });
  });

  it('exits 3 naming the option for a refused request', async () => {
    const unknown = await runAsl(['test-state', '--definition', 'machine.yaml', '--state-name', 'Nope'], files);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('--state-name: ValidationException');
    const badInput = await runAsl(['test-state', '--definition', 'task.json', '--input', '{oops'], files);
    expect(badInput.code).toBe(3);
    expect(badInput.stderr).toContain('--input: InvalidExecutionInput');
    const mockedPass = await runAsl(['test-state', '--definition', 'machine.yaml', '--mock-result', '1'], files);
    expect(mockedPass.code).toBe(3);
    expect(mockedPass.stderr).toContain("State type 'Pass' is not supported when a mock is specified");
  });

  it('exits 3 for a missing file or a cause without an error', async () => {
    expect((await runAsl(['test-state', '--definition', 'nowhere.json'], files)).code).toBe(3);
    expect((await runAsl(['test-state', '--definition', 'task.json', '--input', '@nowhere.json'], files)).code).toBe(3);
    const causeOnly = await runAsl(['test-state', '--definition', 'task.json', '--mock-cause', 'x'], files);
    expect(causeOnly.code).toBe(3);
    expect(causeOnly.stderr).toContain('--mock-cause needs --mock-error');
  });

  it('exits 2 with the diagnostics for an invalid definition', async () => {
    const run = await runAsl(['test-state', '--definition', 'bad.json'], files);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('bad.json');
    expect(run.stderr).toMatch(/error [A-Z_]+/);
  });
});
