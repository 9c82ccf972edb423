// The service integrations beyond Lambda, each a translation between ASL and one AWS API, all
// served by the backend chosen per service (the local world or the aws backend).
import { createAwsSdkIntegration } from './aws-sdk.js';
import { DYNAMODB_INTEGRATION } from './dynamodb.js';
import { EVENTS_INTEGRATION } from './events.js';
import { createOptimizedIntegration } from './optimized.js';
import type { BackendChooser } from './service-call.js';
import { SNS_INTEGRATION } from './sns.js';
import { SQS_INTEGRATION } from './sqs.js';
import { createStatesIntegration } from './states.js';
import type { Integration } from './types.js';

export type { BackendChooser } from './service-call.js';

/** sns:publish, sqs:sendMessage, dynamodb:*Item, events:putEvents, states:startExecution and aws-sdk:*, on these backends. */
export function createServiceIntegrations(backends: BackendChooser): Integration[] {
  return [
    ...[SNS_INTEGRATION, SQS_INTEGRATION, DYNAMODB_INTEGRATION, EVENTS_INTEGRATION].map((spec) => createOptimizedIntegration(spec, backends)),
    createStatesIntegration(backends),
    createAwsSdkIntegration(backends),
  ];
}
