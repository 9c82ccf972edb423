// Map Runs from the AWS CLI a user has (Debian's awscli 2.9): `aws stepfunctions list-map-runs` and
// `describe-map-run` against `asl serve`, parsed and printed by the CLI's own botocore. Its model
// predates Map Run redrives (2023), so it prints the counts without failuresNotRedrivable and
// pendingRedrive, and no redriveCount: botocore keeps only the members its model knows.
import { CreateStateMachineCommand, ListMapRunsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, errorCode, requireAwsCli, type AwsCli } from './awscli-runner.js';
import { ROLE, serve, settled, type Served } from './fixture.js';

const ACCOUNT = 'arn:aws:states:us-east-1:123456789012';

let served: Served;
let cli: AwsCli;
let executionArn: string;
let mapRunArn: string;

beforeAll(async () => {
  requireAwsCli();
  served = await serve();
  cli = awsCli(served.server.url);
  const definition = JSON.stringify({
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        Label: 'each',
        MaxConcurrency: 3,
        ToleratedFailurePercentage: 50,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Odd',
          States: {
            Odd: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 3, Next: 'Nope' }], Default: 'Fine' },
            Fine: { Type: 'Succeed' },
            Nope: { Type: 'Fail', Error: 'Three' },
          },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await served.client.send(new CreateStateMachineCommand({ name: 'Counted', definition, roleArn: ROLE }));
  executionArn = (await served.client.send(new StartExecutionCommand({ stateMachineArn, input: '[1, 2, 3, 4]' }))).executionArn ?? '';
  expect((await settled(served.client, executionArn)).status).toBe('SUCCEEDED');
  mapRunArn = (await served.client.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]?.mapRunArn ?? '';
});
afterAll(async () => {
  cli.dispose();
  await served.stop();
});

describe('asl serve: Map Runs from the AWS CLI', () => {
  it('lists and describes a Map Run, and names the error of an unknown one', { timeout: 120_000 }, async () => {
    const unknown = mapRunArn.replace(/:[0-9a-f-]{36}$/, ':00000000-0000-4000-8000-000000000000');
    const [listed, described, missing] = await Promise.all([
      cli.json(['list-map-runs', '--execution-arn', executionArn]),
      cli.json(['describe-map-run', '--map-run-arn', mapRunArn]),
      cli.stepfunctions(['describe-map-run', '--map-run-arn', unknown]),
    ]);
    expect(listed).toEqual({
      mapRuns: [{ executionArn, mapRunArn, stateMachineArn: `${ACCOUNT}:stateMachine:Counted/each`, startDate: expect.any(String), stopDate: expect.any(String) }],
    });
    const counts = { pending: 0, running: 0, succeeded: 3, failed: 1, timedOut: 0, aborted: 0, total: 4, resultsWritten: expect.any(Number) as number };
    expect(described).toEqual({
      mapRunArn,
      executionArn,
      status: 'SUCCEEDED',
      startDate: expect.any(String),
      stopDate: expect.any(String),
      maxConcurrency: 3,
      toleratedFailurePercentage: 50,
      toleratedFailureCount: 0,
      itemCounts: counts,
      executionCounts: counts,
    });
    expect(missing.code).not.toBe(0);
    expect(errorCode(missing)).toBe('ResourceNotFound');
  });
});
