// The local world: in-process SNS, SQS, DynamoDB (dynalite), S3 and EventBridge behind the
// ServiceBackend port, so a machine that publishes, queues and writes runs with nothing installed.
// Seedable from the conformance `setup` format, readable back as a JSON snapshot, deterministic
// under an injected clock and seeded random stream.
import type { Readable } from 'node:stream';
import type { Clock } from '../core/clock.js';
import { SystemClock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import type { Random } from '../core/random.js';
import { SeededRandom } from '../core/random.js';
import type { ServiceBackend, ServiceCall, ServiceId } from '../integrations/backend.js';
import { ServiceError, withResponseMetadata } from '../integrations/backend.js';
import type { LocalService } from './context.js';
import { createWorldContext } from './context.js';
import { DynamoDbService } from './dynamodb.js';
import { EventBridgeService } from './eventbridge.js';
import { S3Service } from './s3.js';
import type { WorldSeed, WorldSnapshot } from './seed.js';
import { SnsService } from './sns.js';
import { SqsService } from './sqs.js';
import { WORLD_SERVICE_IDS, worldServes } from './served-services.js';
import type { WorldServices } from './world-state.js';
import { applySeed, queuedMessageJson, takeSnapshot } from './world-state.js';

export type { WorldSeed, WorldSnapshot } from './seed.js';

export interface LocalWorldOptions {
  /** Default us-east-1, as the engine's. */
  readonly region?: string;
  /** Default 123456789012, as the engine's. */
  readonly accountId?: string;
  /** Timestamps (SNS, SQS visibility and delays, S3 LastModified, events). Default: the system clock. */
  readonly clock?: Clock;
  /** Source of MessageIds, EventIds, request ids and table ids. Default: a fixed seed, so runs repeat. */
  readonly random?: Random;
  /** Resources (and data) to start with; see WorldSeed. */
  readonly seed?: WorldSeed;
  /** Folder that relative bucket `folder`s in seeds resolve against. Default: the working directory. */
  readonly baseDir?: string;
}

export class LocalWorld implements ServiceBackend {
  readonly kind = 'local';
  readonly settlesOnAbort = true;
  private readonly services: WorldServices;
  private readonly baseDir: string;

  constructor(options: LocalWorldOptions = {}) {
    const context = createWorldContext(
      options.region ?? 'us-east-1',
      options.accountId ?? '123456789012',
      options.clock ?? new SystemClock(),
      options.random ?? new SeededRandom(0x5eed),
    );
    const sqs = new SqsService(context);
    const sns = new SnsService(context, sqs);
    this.services = { context, sqs, sns, dynamodb: new DynamoDbService(context), s3: new S3Service(context), eventbridge: new EventBridgeService(context, sqs, sns) };
    this.baseDir = options.baseDir ?? '.';
    if (options.seed) this.seed(options.seed);
  }

  get region(): string {
    return this.services.context.region;
  }

  get accountId(): string {
    return this.services.context.accountId;
  }

  serves(service: ServiceId): boolean {
    return worldServes(service);
  }

  call(call: ServiceCall): Promise<JsonObject> {
    const id = worldServes(call.service) ? WORLD_SERVICE_IDS[call.service] : undefined;
    if (id === undefined) {
      return Promise.reject(
        new ServiceError(call.service, 'UnsupportedService', `The local world does not serve ${call.service}; mock this state (--mock-config) or run it on the aws backend (--services aws).`),
      );
    }
    if (call.signal.aborted) return Promise.reject(call.signal.reason);
    const requestId = this.services.context.uuid();
    const service: LocalService = this.services[id];
    // Most actions answer synchronously: no async function around them, one settled promise out.
    let answer: JsonObject | Promise<JsonObject>;
    try {
      answer = service.call(call.action, call.input, call.signal);
    } catch (error) {
      return Promise.reject(worldFailure(error, call, requestId));
    }
    const metadata = { requestId, httpStatusCode: 200 };
    if (!(answer instanceof Promise)) return Promise.resolve(withResponseMetadata(answer, metadata));
    return answer.then(
      (response) => withResponseMetadata(response, metadata),
      (error: unknown) => {
        throw worldFailure(error, call, requestId);
      },
    );
  }

  /** S3 GetObject with its body as a stream (ServiceBackend.callStreaming); any other call as `call`. */
  callStreaming(call: ServiceCall): Promise<JsonObject> {
    if (call.service !== 's3' || call.action !== 'GetObject') return this.call(call);
    if (call.signal.aborted) return Promise.reject(call.signal.reason);
    const requestId = this.services.context.uuid();
    try {
      return Promise.resolve(withResponseMetadata(this.services.s3.getObjectStreaming(call.input), { requestId, httpStatusCode: 200 }));
    } catch (error) {
      return Promise.reject(worldFailure(error, call, requestId));
    }
  }

  /** Adds the seed's tables, queues, topics, subscriptions, buckets and rules (existing ones are kept). */
  seed(seed: WorldSeed): void {
    applySeed(this.services, seed, this.baseDir);
  }

  /** Everything the world holds now, as plain JSON (see WorldSnapshot). */
  snapshot(): WorldSnapshot {
    return takeSnapshot(this.services);
  }

  /** The messages a queue (name, URL or ARN) still holds, oldest first, received or not. */
  messages(queue: string): JsonObject[] {
    return this.services.sqs.queue(queue).messages.map(queuedMessageJson);
  }

  /** A table's items (DynamoDB JSON) in the order a Scan returns them: by hashed partition key, then sort key. */
  items(table: string): JsonObject[] {
    if (!this.services.dynamodb.table(table)) throw new Error(`The local world has no DynamoDB table ${table}`);
    return this.services.dynamodb.items(table);
  }

  /** Every message published to a topic (ARN or name), in order. */
  published(topic: string): JsonObject[] {
    const found = this.services.sns.allTopics().find((candidate) => candidate.TopicArn === topic || candidate.Name === topic);
    if (!found) throw new Error(`The local world has no SNS topic ${topic}`);
    return found.published.map((record) => ({ ...record }));
  }

  /** Every EventBridge event received, on any bus, in order. */
  events(): JsonObject[] {
    return this.services.eventbridge.received.map((event) => ({ ...event }));
  }

  /** An S3 object's bytes as a stream; throws ServiceError NoSuchBucket / NoSuchKey. */
  openObjectStream(bucket: string, key: string): Readable {
    return this.services.s3.openObjectStream(bucket, key);
  }
}

/** What a local service threw, as the call's rejection: a ServiceError carrying the request id, or the abort. */
function worldFailure(error: unknown, call: ServiceCall, requestId: string): unknown {
  if (error instanceof ServiceError) {
    return new ServiceError(error.service, error.code, error.message, error.statusCode, { requestId, retryable: error.retryable });
  }
  if (call.signal.aborted) return error;
  // A fault of the world itself still reaches the machine as a service error, never a crash.
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceError(call.service, 'InternalFailure', message, 500, { requestId });
}

/**
 * A local world for the `local` backend.
 *
 * ```ts
 * const world = createLocalWorld({ seed: { sqs: { queues: [{ QueueName: 'jobs' }] } } });
 * await world.call({ service: 'sqs', action: 'SendMessage', input: { QueueUrl: 'jobs', MessageBody: 'hi' }, signal });
 * world.messages('jobs'); // [{ MessageId, Body: 'hi', ... }]
 * ```
 */
export function createLocalWorld(options: LocalWorldOptions = {}): LocalWorld {
  return new LocalWorld(options);
}
