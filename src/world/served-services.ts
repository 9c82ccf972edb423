// Which services the local world serves, in a module of its own: a machine's own world is loaded on
// its first service call (runtime/service-backends.ts), and until then `serves()` answers from here
// without loading the world's code.
import type { WorldServices } from './world-state.js';

/** The services the local world serves, by the SDK client id (and 'events', the ARN's name for EventBridge). */
export const WORLD_SERVICE_IDS: Readonly<Record<string, keyof Omit<WorldServices, 'context'>>> = {
  sns: 'sns',
  sqs: 'sqs',
  dynamodb: 'dynamodb',
  s3: 's3',
  eventbridge: 'eventbridge',
  events: 'eventbridge',
};

/** True when the local world serves the service (SDK client id). */
export function worldServes(service: string): boolean {
  return Object.prototype.hasOwnProperty.call(WORLD_SERVICE_IDS, service);
}
