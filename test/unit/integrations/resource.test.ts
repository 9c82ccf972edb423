import { describe, expect, it } from 'vitest';
import { parseFunctionRef, parseResource } from '../../../src/integrations/resource.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:my-fn';

describe('parseResource', () => {
  it.each([
    [FN, 'lambda', 'function', 'request-response', 'lambda', FN],
    [`${FN}:prod`, 'lambda', 'function', 'request-response', 'lambda', `${FN}:prod`],
    [`${FN}:$LATEST`, 'lambda', 'function', 'request-response', 'lambda', `${FN}:$LATEST`],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:f', 'lambda', 'function', 'request-response', 'lambda', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f'],
    ['arn:aws:states:::lambda:invoke', 'lambda', 'invoke', 'request-response', 'lambda', 'invoke'],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', 'lambda', 'invoke', 'waitForTaskToken', 'lambda', 'invoke.waitForTaskToken'],
    ['arn:aws:states:::states:startExecution.sync', 'states', 'startExecution', 'sync', 'states', 'startExecution.sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'states', 'startExecution', 'sync', 'states', 'startExecution.sync:2'],
    ['arn:aws:states:::sns:publish', 'sns', 'publish', 'request-response', 'sns', 'publish'],
    ['arn:aws:states:::dynamodb:getItem', 'dynamodb', 'getItem', 'request-response', 'dynamodb', 'getItem'],
    ['arn:aws:states:us-east-1:123456789012:sqs:sendMessage', 'sqs', 'sendMessage', 'request-response', 'sqs', 'sendMessage'],
    ['arn:aws:states:::aws-sdk:s3:listBuckets', 'aws-sdk:s3', 'listBuckets', 'request-response', 'aws-sdk:s3', 'listBuckets'],
    ['arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken', 'aws-sdk:sfn', 'startExecution', 'waitForTaskToken', 'aws-sdk:sfn', 'startExecution.waitForTaskToken'],
    ['arn:aws:states:us-east-1:123456789012:activity:worker', 'activity', 'activity', 'request-response', 'activity', 'arn:aws:states:us-east-1:123456789012:activity:worker'],
  ])('%s', (arn, service, action, pattern, historyResourceType, historyResource) => {
    expect(parseResource(arn)).toEqual({
      arn,
      service,
      action,
      pattern,
      functionArn: service === 'lambda' && action === 'function' ? arn : undefined,
      historyResourceType,
      historyResource,
    });
  });

  it.each(['', 'not-an-arn', 'arn:aws:s3:::bucket/key', 'arn:aws:lambda:us-east-1:123456789012:layer:x', 'arn:aws:states:::'])(
    'never throws: %j is service "unknown"',
    (arn) => {
      expect(parseResource(arn)).toMatchObject({ arn, service: 'unknown', pattern: 'request-response', functionArn: undefined });
    },
  );
});

describe('parseFunctionRef', () => {
  it.each([
    ['my-fn', { name: 'my-fn', qualifier: undefined, arn: undefined }],
    ['my-fn:prod', { name: 'my-fn', qualifier: 'prod', arn: undefined }],
    ['123456789012:function:my-fn', { name: 'my-fn', qualifier: undefined, arn: undefined }],
    ['123456789012:function:my-fn:7', { name: 'my-fn', qualifier: '7', arn: undefined }],
    [FN, { name: 'my-fn', qualifier: undefined, arn: FN }],
    [`${FN}:$LATEST`, { name: 'my-fn', qualifier: '$LATEST', arn: `${FN}:$LATEST` }],
  ])('%s', (ref, expected) => {
    expect(parseFunctionRef(ref)).toEqual(expected);
  });
});
