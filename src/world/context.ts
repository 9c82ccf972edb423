// What every local service shares: where the world lives (region, account), its clock, and one
// seeded id stream, so that MessageIds, EventIds and request ids replay with the run's seed.
import * as nodeCrypto from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Random } from '../core/random.js';
import { uuidV4 } from '../core/ids.js';
import { ServiceError } from '../integrations/backend.js';
import type { JsonObject } from '../core/json.js';

export interface WorldContext {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** A fresh UUID from the world's seeded random stream. */
  uuid(): string;
}

export function createWorldContext(region: string, accountId: string, clock: Clock, random: Random): WorldContext {
  return { region, accountId, clock, uuid: () => uuidV4(random) };
}

/** One local service: answers an API action with the API's response JSON, or throws a ServiceError. */
export interface LocalService {
  call(action: string, input: JsonObject, signal: AbortSignal): JsonObject | Promise<JsonObject>;
}

// crypto.hash (Node 20.12+) hashes in one call, without a Hash object per message; older Node 20
// releases fall back to createHash.
const oneShotHash: ((algorithm: string, data: string | Uint8Array) => string) | undefined =
  typeof nodeCrypto.hash === 'function' ? (algorithm, data) => nodeCrypto.hash(algorithm, data, 'hex') : undefined;

export function md5Hex(data: string | Uint8Array): string {
  return oneShotHash ? oneShotHash('md5', data) : nodeCrypto.createHash('md5').update(data).digest('hex');
}

export function sha256Hex(data: string): string {
  return oneShotHash ? oneShotHash('sha256', data) : nodeCrypto.createHash('sha256').update(data).digest('hex');
}

// A Map of 1,000 publishes mostly runs within the same millisecond: format each instant once.
let lastIsoMs = Number.NaN;
let lastIso = '';

/** ISO 8601 with milliseconds, the form SNS and SQS print. */
export function isoTime(epochMs: number): string {
  if (epochMs !== lastIsoMs) {
    lastIso = new Date(epochMs).toISOString();
    lastIsoMs = epochMs;
  }
  return lastIso;
}

/** The error every service raises for an action the local world does not implement. */
export function unsupportedAction(service: string, action: string): ServiceError {
  return new ServiceError(
    service,
    'UnsupportedOperation',
    `The local world does not implement ${service}:${action}; mock this state (--mock-config) or run it on the aws backend (--services aws).`,
    400,
  );
}

/** The last segment of a queue URL, queue ARN or topic ARN: the resource's name. */
export function lastSegment(value: string, separator: string): string {
  const index = value.lastIndexOf(separator);
  return index < 0 ? value : value.slice(index + 1);
}
