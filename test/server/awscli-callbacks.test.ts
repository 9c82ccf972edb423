// `asl serve` with the AWS CLI for what runs across executions: a nested `.sync:2` execution, and a
// `.waitForTaskToken` task whose token the CLI reads from the history (its TaskScheduled parameters
// carry it, as on AWS) and answers with send-task-success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, errorCode, requireAwsCli, type AwsCli } from './awscli-runner.js';
import { ROLE, serve, settled, type Served } from './fixture.js';

const ACCOUNT_ARN = 'arn:aws:states:us-east-1:123456789012';
const CHILD_ARN = `${ACCOUNT_ARN}:stateMachine:Doubler`;
const CLI_TEST_TIMEOUT_MS = 120_000;

const doubler = JSON.stringify({ StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } } });
const parent = JSON.stringify({
  StartAt: 'Nested',
  States: { Nested: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: CHILD_ARN, Input: { 'n.$': '$.n' } }, OutputPath: '$.Output', End: true } },
});
const asker = JSON.stringify({
  StartAt: 'Ask',
  States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken', Parameters: { StateMachineArn: CHILD_ARN, Input: { n: 1, 'token.$': '$$.Task.Token' } }, End: true } },
});

let served: Served;
let cli: AwsCli;

beforeAll(async () => {
  requireAwsCli();
  served = await serve(true);
  cli = awsCli(served.server.url);
});
afterAll(async () => {
  cli.dispose();
  await served.stop();
});

interface WireEvent {
  readonly type: string;
  readonly taskScheduledEventDetails?: { readonly parameters: string };
}

describe('asl serve with the AWS CLI: nested executions and callbacks', () => {
  it('runs a nested .sync:2 execution and answers a task token read from the history', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    await Promise.all([
      cli.json(['create-state-machine', '--name', 'Doubler', '--definition', doubler, '--role-arn', ROLE]),
      cli.json(['create-state-machine', '--name', 'Parent', '--definition', parent, '--role-arn', ROLE]),
      cli.json(['create-state-machine', '--name', 'Asker', '--definition', asker, '--role-arn', ROLE]),
    ]);
    const [nested, asking] = await Promise.all([
      cli.json(['start-execution', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Parent`, '--name', 'p-1', '--input', '{"n":21}']),
      cli.json(['start-execution', '--state-machine-arn', `${ACCOUNT_ARN}:stateMachine:Asker`, '--name', 'a-1']),
    ]);
    await settled(served.client, String(nested['executionArn']));
    const [described, children] = await Promise.all([
      cli.json(['describe-execution', '--execution-arn', String(nested['executionArn'])]),
      cli.json(['list-executions', '--state-machine-arn', CHILD_ARN]),
    ]);
    expect([described['status'], JSON.parse(String(described['output']))]).toEqual(['SUCCEEDED', { doubled: 42 }]);
    // The child is an execution of its own, listed under its machine (with the Asker's child).
    expect((children['executions'] as unknown[]).length).toBe(2);

    const history = await cli.json(['get-execution-history', '--execution-arn', String(asking['executionArn'])]);
    const scheduled = (history['events'] as WireEvent[]).find((event) => event.type === 'TaskScheduled');
    const token = (JSON.parse(String(scheduled?.taskScheduledEventDetails?.parameters)) as { Input: { token: string } }).Input.token;
    expect(token.length).toBeGreaterThan(20);
    expect(await cli.json(['send-task-heartbeat', '--task-token', token])).toEqual({});
    expect(await cli.json(['send-task-success', '--task-token', token, '--task-output', '{"approved":true}'])).toEqual({});
    const answered = await settled(served.client, String(asking['executionArn']));
    expect([answered.status, answered.output]).toEqual(['SUCCEEDED', '{"approved":true}']);

    const [again, bogus] = await Promise.all([
      cli.stepfunctions(['send-task-success', '--task-token', token, '--task-output', '{}']),
      cli.stepfunctions(['send-task-failure', '--task-token', 'not-a-token', '--error', 'E']),
    ]);
    expect([again.code, errorCode(again)]).toEqual([254, 'TaskTimedOut']);
    expect([bogus.code, errorCode(bogus)]).toEqual([254, 'InvalidToken']);
  });
});
