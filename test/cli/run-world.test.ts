// `asl run` with service Tasks: the local world seeded from --world and written to --world-out,
// --region, and --services/--endpoint sending a service to a real SQS emulator on loopback.
import { createHash } from 'node:crypto';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aslRun, machine } from '../support/run-cli.js';
import { type Emulators, startEmulators, TEST_CREDENTIALS, TEST_REGION } from '../support/emulators.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
const ORDER = machine({
  Save: {
    Type: 'Task',
    Resource: 'arn:aws:states:::dynamodb:putItem',
    Parameters: { TableName: 'Orders', Item: { id: { 'S.$': '$.id' } } },
    ResultPath: null,
    Next: 'Queue',
  },
  Queue: {
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage',
    Parameters: { 'QueueUrl.$': '$.queueUrl', 'MessageBody.$': '$.id' },
    ResultSelector: { 'md5.$': '$.MD5OfMessageBody' },
    End: true,
  },
});
const SEED = JSON.stringify({
  dynamodb: { tables: [{ TableName: 'Orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], Items: [] }] },
  sqs: { queues: [{ QueueName: 'jobs', QueueUrl: QUEUE_URL }] },
});
const INPUT = JSON.stringify({ id: 'o-1', queueUrl: QUEUE_URL });
const files = { 'm.json': ORDER, 'world.json': SEED, 'in.json': INPUT };

interface Snapshot {
  dynamodb: { tables: Array<{ TableName: string; Items: unknown[] }> };
  sqs: { queues: Array<{ QueueName: string; Messages: Array<{ Body: string }> }> };
}

describe('asl run --world / --world-out', () => {
  it('runs against the seeded world and writes what the run left behind', async () => {
    const run = await aslRun(['m.json', '--input', 'in.json', '--world', 'world.json', '--world-out', 'out.json'], files);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ md5: createHash('md5').update('o-1').digest('hex') });
    const world = JSON.parse(run.written.get('out.json') ?? '{}') as Snapshot;
    expect(world.dynamodb.tables[0]).toMatchObject({ TableName: 'Orders', Items: [{ id: { S: 'o-1' } }] });
    expect(world.sqs.queues[0]?.Messages.map((m) => m.Body)).toEqual(['o-1']);
  });

  it('seeds a later run from an earlier --world-out', async () => {
    const first = await aslRun(['m.json', '--input', 'in.json', '--world', 'world.json', '--world-out', 'out.json'], files);
    const second = await aslRun(['m.json', '--input-json', JSON.stringify({ id: 'o-2', queueUrl: QUEUE_URL }), '--world', 'out.json', '--world-out', 'out2.json'], {
      ...files,
      'out.json': first.written.get('out.json') ?? '',
    });
    const world = JSON.parse(second.written.get('out2.json') ?? '{}') as Snapshot;
    expect(world.sqs.queues[0]?.Messages.map((m) => m.Body)).toEqual(['o-1', 'o-2']);
  });

  it('fails the task as AWS would when the world lacks the table', async () => {
    const run = await aslRun(['m.json', '--input', 'in.json', '--world-out', 'out.json'], files);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('asl: execution FAILED: DynamoDB.ResourceNotFoundException');
    expect(JSON.parse(run.written.get('out.json') ?? '{}')).toMatchObject({ dynamodb: { tables: [] }, sqs: { queues: [] } });
  });

  it('puts the machine and the world in --region', async () => {
    const run = await aslRun(['m.json', '--input', 'in.json', '--world', 'world.json', '--region', 'eu-west-1', '--json'], files);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'SUCCEEDED', executionArn: expect.stringMatching(/^arn:aws:states:eu-west-1:/) });
  });

  it("adds a --template's own resources to the --world seed", async () => {
    const template = JSON.stringify({
      Resources: {
        Alerts: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'alerts' } },
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { Definition: JSON.parse(machine({ P: { Type: 'Pass', End: true } })) as unknown } },
      },
    });
    const run = await aslRun(['--template', 't.json', '--world', 'world.json', '--world-out', 'out.json'], { ...files, 't.json': template });
    expect(run.code).toBe(0);
    const world = JSON.parse(run.written.get('out.json') ?? '{}') as Snapshot;
    expect(world.sqs.queues.map((q) => q.QueueName).sort()).toEqual(['alerts', 'jobs']);
  });

  it.each([
    [['--world', 'nope.json'], 'nope.json: cannot read: ENOENT: no such file or directory\n'],
    [['--world', 'list.json'], 'list.json: a world seed is a JSON object'],
    [['--world', 'bad-table.json'], 'bad-table.json: cannot seed the local world:'],
    [['--world', 'world.json', '--world-out', '/unwritable/out.json'], '/unwritable/out.json: cannot write the world: EACCES'],
    [['--endpoint', 'sqs=http://127.0.0.1:9324'], '--endpoint: applies to services on the aws backend: add --services aws (or SERVICE=aws)\n'],
    [['--services', 'cloud'], "error: option '--services <backends>' argument 'cloud' is invalid."],
    [['--region', 'mars'], "error: option '--region <region>' argument 'mars' is invalid."],
  ])('%j exits 3', async (args, message) => {
    const run = await aslRun(['m.json', '--input', 'in.json', ...args], { ...files, 'list.json': '[]', 'bad-table.json': '{"dynamodb": {"tables": [{}]}}' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(message);
  });
});

describe('asl run --services aws --endpoint', () => {
  let emulators: Emulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(async () => {
    await emulators.stop();
  });

  it('sends SQS to the endpoint and keeps DynamoDB on the local world', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
    try {
      const sqs = new SQSClient({ region: TEST_REGION, endpoint: emulators.sqsSns, credentials: TEST_CREDENTIALS });
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'cli-jobs' }));
      const input = JSON.stringify({ id: 'o-9', queueUrl: QueueUrl });
      const args = ['m.json', '--input-json', input, '--world', 'world.json', '--world-out', 'out.json', '--services', 'sqs=aws', '--endpoint', `sqs=${emulators.sqsSns}`, '--region', TEST_REGION];
      const run = await aslRun(args, files);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      expect(received.Messages?.map((m) => m.Body)).toEqual(['o-9']);
      const world = JSON.parse(run.written.get('out.json') ?? '{}') as Snapshot;
      expect(world.dynamodb.tables[0]?.Items).toEqual([{ id: { S: 'o-9' } }]);
      expect(world.sqs.queues[0]?.Messages).toEqual([]);
      sqs.destroy();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
