// arn:aws:states:::sns:publish (INTEGRATIONS.md §3, AWS connect-sns): the Publish API, with a
// Message that is not a string sent as its JSON text. Result: {MessageId, SequenceNumber for FIFO
// topics} plus the SDK metadata; failures are SNS.<Exception> (SNS.NotFoundException for a topic
// that does not exist, SNS.InvalidParameterException for a FIFO topic without MessageGroupId).
import type { OptimizedService } from './optimized.js';

export const SNS_INTEGRATION: OptimizedService = {
  service: 'sns',
  vocabulary: { client: 'sns', prefix: 'SNS', serviceName: 'AmazonSNS', catchAll: 'AmazonSNSException' },
  headers: 'sns-xml',
  callbacks: true,
  actions: {
    publish: {
      action: 'Publish',
      fields: {
        Message: 'text',
        MessageAttributes: 'object',
        MessageDeduplicationId: 'string',
        MessageGroupId: 'string',
        MessageStructure: 'string',
        PhoneNumber: 'string',
        Subject: 'string',
        TargetArn: 'string',
        TopicArn: 'string',
      },
    },
  },
};
