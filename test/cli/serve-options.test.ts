// `asl serve --mock-config FILE --services ... --endpoint SERVICE=URL`: the service flags of `asl run`
// for every execution (and TestState) the server runs, and Step Functions Local's MockConfigFile
// whose test cases a start picks with `ARN#TestCase`.
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand, TestStateCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { startLambdaStandIn, type LambdaStandIn } from '../support/emulators.js';
import { fakeIo, runAsl, type FakeIo } from '../support/fake-io.js';
import { ROLE, settled } from '../server/fixture.js';

/** Waits for real I/O (the server binding its socket): a short timer, not a wait for time to pass. */
const ioTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

const MOCKS = JSON.stringify({
  StateMachines: { Billing: { TestCases: { Mocked: { Charge: 'Charged' } } } },
  MockedResponses: { Charged: { '0': { Return: { Payload: { from: 'mock' } } } } },
});

const BILLING = JSON.stringify({
  StartAt: 'Charge',
  States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Charge', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } },
});

async function startServe(args: readonly string[], io: FakeIo): Promise<{ url: string; serving: Promise<number> }> {
  const serving = runCli(['node', 'asl', 'serve', '--port', '0', '--store', ':memory:', ...args], io);
  for (let turns = 0; !/on http:\/\//.test(io.out()); turns++) {
    if (turns > 2_500 || io.err() !== '') throw new Error(`the server never started: ${io.err()}`);
    await ioTurn();
  }
  return { url: /on (http:\/\/\S+)/.exec(io.out())?.[1] ?? '', serving };
}

describe('asl serve --services aws --endpoint --mock-config', () => {
  let lambda: LambdaStandIn;
  beforeAll(async () => {
    lambda = await startLambdaStandIn({ Charge: (event) => ({ from: 'lambda', event }) });
  });
  afterAll(async () => {
    await lambda.stop();
  });

  it('sends unmocked Tasks to the endpoint and mocks the test case an ARN names', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTESTTESTTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    const io = fakeIo({ 'mocks.json': MOCKS });
    const { url, serving } = await startServe(['--mock-config', 'mocks.json', '--services', 'lambda=aws', '--endpoint', `lambda=${lambda.endpoint}`], io);
    const client = new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
    try {
      expect(io.out()).toMatch(/mocks mocks\.json/);
      const arn = (await client.send(new CreateStateMachineCommand({ name: 'Billing', definition: BILLING, roleArn: ROLE }))).stateMachineArn ?? '';
      const real = await client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"amount":5}' }));
      expect(await settled(client, real.executionArn ?? '')).toMatchObject({ status: 'SUCCEEDED', output: '{"from":"lambda","event":{"amount":5}}' });
      const mocked = await client.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Mocked`, input: '{"amount":6}' }));
      expect(await settled(client, mocked.executionArn ?? '')).toMatchObject({ status: 'SUCCEEDED', output: '{"from":"mock"}' });
      // TestState's Task goes where the server's Tasks go.
      const tested = await client.send(new TestStateCommand({ definition: BILLING, input: '{"amount":7}' }));
      expect(tested).toMatchObject({ status: 'SUCCEEDED', output: '{"from":"lambda","event":{"amount":7}}' });
      expect(lambda.received.map((r) => JSON.parse(r.body) as unknown)).toEqual([{ amount: 5 }, { amount: 7 }]);
    } finally {
      client.destroy();
      vi.unstubAllEnvs();
      io.interrupt();
    }
    expect(await serving).toBe(0);
  });

  it.each([
    [['--endpoint', 'lambda=http://127.0.0.1:9'], /--endpoint: applies to services on the aws backend/],
    [['--services', 'everywhere'], /Expected "local", "aws"/],
    [['--endpoint', 'lambda'], /Expected SERVICE=URL/],
    [['--mock-config', 'missing.json'], /missing\.json/],
    [['--mock-config', 'inline.json'], /is not a Step Functions Local MockConfigFile/],
    [['--mock-config', 'broken.json'], /MockedResponses has no "Nothing"/],
  ])('refuses %j before serving (exit 3)', async (args, message) => {
    const files = {
      'inline.json': JSON.stringify({ Charge: { '0': { Return: {} } } }),
      'broken.json': JSON.stringify({ StateMachines: { Billing: { TestCases: { Oops: { Charge: 'Nothing' } } } }, MockedResponses: {} }),
    };
    const run = await runAsl(['serve', '--port', '0', '--store', ':memory:', ...args], files);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(message);
  });
});
