import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createLocalWorld, createStateMachine, loadStateMachineFromTemplate, VirtualClock } from '../../../../src/index.js';
import type { WorldSeed } from '../../../../src/index.js';

const DIR = 'test/fixtures/templates';

describe("a template's resources as a seed for the local world", () => {
  it('names every topic, queue, table and bucket as Ref and Fn::GetAtt do in the definition', async () => {
    const sm = await loadStateMachineFromTemplate(await readFile(`${DIR}/sam-template.yaml`, 'utf8'), { fileName: `${DIR}/sam-template.yaml` });
    expect(sm.worldSeed).toEqual({
      dynamodb: {
        tables: [
          {
            TableName: 'orders-dev',
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
          },
        ],
      },
      sqs: { queues: [{ QueueName: 'work', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/work', Attributes: {} }] },
      sns: { topics: [{ Name: 'AlertsTopic', TopicArn: 'arn:aws:sns:us-east-1:123456789012:AlertsTopic', Attributes: {} }], subscriptions: [] },
    });
  });

  it('lets the machine publish to the topic its template declares', async () => {
    const sm = await loadStateMachineFromTemplate(await readFile(`${DIR}/two-machines.yaml`, 'utf8'), { stateMachine: 'Notifier' });
    const world = createLocalWorld({ seed: sm.worldSeed as WorldSeed });
    const machine = createStateMachine(sm.definition, { world, clock: new VirtualClock({ autoAdvance: true }) });
    const result = await machine.start({ message: 'deployed' }).result;
    expect(result.status).toBe('SUCCEEDED');
    expect(world.published('notifications')).toMatchObject([{ Message: 'deployed', Subject: 'Production' }]);
  });

  it('creates FIFO queues with the ".fifo" name CloudFormation would give them, and SAM SimpleTables with their key', async () => {
    const template = [
      'Resources:',
      '  Jobs: {Type: AWS::SQS::Queue, Properties: {FifoQueue: true, VisibilityTimeout: 60}}',
      '  Users: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: userId, Type: Number}}}',
      '  M:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      Definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}',
    ].join('\n');
    const sm = await loadStateMachineFromTemplate(template);
    expect(sm.worldSeed).toEqual({
      dynamodb: { tables: [{ TableName: 'Users', KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'N' }] }] },
      sqs: { queues: [{ QueueName: 'Jobs.fifo', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/Jobs.fifo', Attributes: { FifoQueue: 'true', VisibilityTimeout: '60' } }] },
    });
    expect(() => createLocalWorld({ seed: sm.worldSeed as WorldSeed })).not.toThrow();
  });
});
