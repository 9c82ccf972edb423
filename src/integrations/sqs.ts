// arn:aws:states:::sqs:sendMessage (INTEGRATIONS.md §3, AWS connect-sqs): the SendMessage API, with
// a MessageBody that is not a string sent as its JSON text. Result: {MD5OfMessageBody, MessageId,
// MD5OfMessageAttributes when there are attributes, SequenceNumber for FIFO queues} plus the SDK
// metadata. Failures are SQS.<Exception>, and SQS.AmazonSQSException for what the model does not
// declare (recorded: a null MessageBody is MissingParameter).
import { AslError } from '../core/errors.js';
import type { JsonObject } from '../core/json.js';
import type { OptimizedService } from './optimized.js';

export const SQS_INTEGRATION: OptimizedService = {
  service: 'sqs',
  vocabulary: { client: 'sqs', prefix: 'SQS', serviceName: 'AmazonSQS', catchAll: 'AmazonSQSException' },
  headers: 'sqs-json',
  callbacks: true,
  actions: {
    sendMessage: {
      action: 'SendMessage',
      fields: {
        DelaySeconds: 'integer',
        MessageAttributes: 'object',
        MessageBody: 'text',
        MessageDeduplicationId: 'string',
        MessageGroupId: 'string',
        MessageSystemAttributes: 'object',
        QueueUrl: 'string',
      },
    },
  },
  prepare: checkQueueHost,
};

/**
 * The SDK sends the request to the queue URL's host, so a QueueUrl that is not a URL is taken for a
 * host name and the request never leaves (recorded in error_handling/test_task_service_sqs.py:
 * SQS.SdkClientException "Unable to execute HTTP request: <name>: Name or service not known").
 */
function checkQueueHost(request: JsonObject): JsonObject {
  const url = request['QueueUrl'];
  if (typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const host = url.split('/')[0] ?? url;
    throw new AslError('SQS.SdkClientException', `Unable to execute HTTP request: ${host}: Name or service not known`);
  }
  return request;
}
