// `asl serve` driven by the AWS CLI a user has (Debian's awscli, /usr/bin/aws): `aws stepfunctions ...
// --endpoint-url URL` against an in-process server on loopback. The CLI parses, pages and prints
// what the server answers with its own botocore, so these tests check the wire from a second,
// independent client (the SDK tests are in server.test.ts). Each CLI call costs about a second of
// Python start-up (several on a busy machine: the timeouts allow for a full parallel suite), so the
// tests make few calls and run independent ones side by side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, errorCode, requireAwsCli, type AwsCli } from './awscli-runner.js';
import { passDefinition, ROLE, serve, settled, waitDefinition, type Served } from './fixture.js';

const ACCOUNT_ARN = 'arn:aws:states:us-east-1:123456789012';
/** About 10 s on a quiet 2-core machine; far more while the whole suite runs beside it. */
const CLI_TEST_TIMEOUT_MS = 120_000;
let served: Served;
let cli: AwsCli;

beforeAll(async () => {
  requireAwsCli();
  // Without auto-advance a Wait stays pending: the Sleeper runs until the CLI stops it.
  served = await serve(false);
  cli = awsCli(served.server.url);
});
afterAll(async () => {
  cli.dispose();
  await served.stop();
});

interface WireEvent {
  readonly id: number;
  readonly type: string;
  readonly previousEventId: number;
}

const ids = (result: Record<string, unknown>): number[] => (result['events'] as WireEvent[]).map((event) => event.id);

describe('asl serve with the AWS CLI', () => {
  it('creates machines, runs, describes, pages the history, lists and stops executions', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const [hello, sleeper] = await Promise.all([
      cli.json(['create-state-machine', '--name', 'Hello', '--definition', passDefinition, '--role-arn', ROLE]),
      cli.json(['create-state-machine', '--name', 'Sleeper', '--definition', waitDefinition, '--role-arn', ROLE]),
    ]);
    expect(hello['stateMachineArn']).toBe(`${ACCOUNT_ARN}:stateMachine:Hello`);
    expect(sleeper['stateMachineArn']).toBe(`${ACCOUNT_ARN}:stateMachine:Sleeper`);

    const [run, nap] = await Promise.all([
      cli.json(['start-execution', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Hello`, '--name', 'run-1', '--input', '{"who":"cli"}']),
      cli.json(['start-execution', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Sleeper`, '--name', 'nap']),
    ]);
    const runArn = `${ACCOUNT_ARN}:execution:Hello:run-1`;
    const napArn = `${ACCOUNT_ARN}:execution:Sleeper:nap`;
    expect(run['executionArn']).toBe(runArn);
    expect(nap['executionArn']).toBe(napArn);
    expect(typeof run['startDate']).toBe('string');
    await settled(served.client, runArn);
    const fullHistory = (await served.engine.history(runArn)).length;
    expect(fullHistory).toBe(4);

    const [described, autoPaged, firstItems, listed, stopped] = await Promise.all([
      cli.json(['describe-execution', '--execution-arn', runArn]),
      // The CLI follows nextToken itself: two requests of two events each, printed as one list.
      cli.json(['get-execution-history', '--execution-arn', runArn, '--page-size', '2']),
      // --max-items cuts a page in the middle: the CLI's NextToken wraps the server's token and an offset.
      cli.json(['get-execution-history', '--execution-arn', runArn, '--page-size', '2', '--max-items', '3']),
      cli.json(['list-executions', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Hello`]),
      cli.json(['stop-execution', '--execution-arn', napArn, '--error', 'Cli.Stopped', '--cause', 'enough']),
    ]);
    expect(described).toMatchObject({ executionArn: runArn, name: 'run-1', status: 'SUCCEEDED', input: '{"who":"cli"}' });
    expect(JSON.parse(String(described['output']))).toEqual({ greeting: 'hello cli' });
    expect(ids(autoPaged)).toEqual([1, 2, 3, 4]);
    expect((autoPaged['events'] as WireEvent[]).map((event) => event.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(ids(firstItems)).toEqual([1, 2, 3]);
    expect(typeof firstItems['NextToken']).toBe('string');
    expect(listed['executions']).toEqual([expect.objectContaining({ executionArn: runArn, name: 'run-1', status: 'SUCCEEDED' })]);
    expect(typeof stopped['stopDate']).toBe('string');

    const [rest, reversed, napDescribed] = await Promise.all([
      cli.json(['get-execution-history', '--execution-arn', runArn, '--page-size', '2', '--starting-token', String(firstItems['NextToken'])]),
      cli.json(['get-execution-history', '--execution-arn', runArn, '--reverse-order', '--no-include-execution-data', '--page-size', '3']),
      cli.json(['describe-execution', '--execution-arn', napArn]),
    ]);
    expect(ids(rest)).toEqual([4]);
    expect(ids(reversed)).toEqual([4, 3, 2, 1]);
    const started = (reversed['events'] as Array<Record<string, unknown>>).at(-1);
    expect(started).toMatchObject({ type: 'ExecutionStarted', executionStartedEventDetails: { roleArn: expect.any(String) } });
    expect(started?.['executionStartedEventDetails']).not.toHaveProperty('input');
    expect(napDescribed).toMatchObject({ status: 'ABORTED', error: 'Cli.Stopped', cause: 'enough' });
  });

  it('prints AWS error codes for bad input and unknown ARNs, and exits 254', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const broken = JSON.stringify({ StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } });
    const runs = await Promise.all([
      cli.stepfunctions(['create-state-machine', '--name', 'Broken', '--definition', broken, '--role-arn', ROLE]),
      cli.stepfunctions(['create-state-machine', '--name', 'Not JSON', '--definition', passDefinition, '--role-arn', ROLE]),
      cli.stepfunctions(['start-execution', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Nope`]),
      cli.stepfunctions(['describe-execution', '--execution-arn', `${ACCOUNT_ARN}:execution:Hello:never-ran`]),
      cli.stepfunctions(['describe-state-machine', '--state-machine-arn', 'not-an-arn']),
      cli.stepfunctions(['start-execution', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Nope`, '--input', '{"unclosed": ']),
    ]);
    expect(runs.map(errorCode)).toEqual(['InvalidDefinition', 'InvalidName', 'StateMachineDoesNotExist', 'ExecutionDoesNotExist', 'InvalidArn', 'InvalidExecutionInput']);
    expect(runs.map((run) => run.code)).toEqual([254, 254, 254, 254, 254, 254]);
    expect(runs[0]?.stderr).toContain('MISSING_TRANSITION_TARGET');
    expect(runs[3]?.stderr).toContain(`${ACCOUNT_ARN}:execution:Hello:never-ran`);
  });
});
