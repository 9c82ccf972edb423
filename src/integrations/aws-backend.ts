// The aws backend (ARCHITECTURE.md 1.10, 1.13): the ServiceBackend port served by AWS SDK v3
// clients, with the SDK's standard credential and region chain and an endpoint per service, so the
// same state machine runs against AWS, LocalStack, moto, dynalite or fauxqs. Client packages are
// imported on a service's first call, never at startup; a service asl-engine does not ship a client
// for is loaded from the user's node_modules.
import { type BodyStream, withBodyStream } from '../core/body-stream.js';
import { SystemClock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import { type ServiceBackend, type ServiceCall, ServiceError, withResponseMetadata } from './backend.js';
import { commandInput, metadataOf, responseJson, toServiceError } from './aws-backend-convert.js';
import { type AwsCredentials, createRoleCredentials } from './aws-backend-credentials.js';
import { type ModuleLoader, type SdkClient, type SdkModule, createModuleCache, defaultModuleLoader, projectModuleLoader } from './aws-backend-modules.js';
import { packageSuffix } from './aws-backend-packages.js';

export type { AwsCredentials } from './aws-backend-credentials.js';

export interface AwsBackendOptions {
  /** The region of every client; default: the SDK's chain (AWS_REGION, ~/.aws/config, ...). */
  readonly region?: string;
  /**
   * Endpoint URL per service id ("dynamodb", "sqs", "secrets-manager" or "secretsmanager"), and
   * "*" for every service without its own (one LocalStack for all). Default: the SDK's own, which
   * also honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.
   */
  readonly endpoints?: Readonly<Record<string, string>>;
  /** Fixed credentials or a provider; default: the SDK's chain (environment, profile, SSO, instance role...). */
  readonly credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
  /** A role every call assumes (STS AssumeRole), unless the Task names its own in `Credentials`. */
  readonly roleArn?: string;
  /** How packages are imported (tests, bundlers); default: import(), then the project directory's node_modules. */
  readonly loadModule?: ModuleLoader;
  /** Where the user's own client packages are installed; default: the working directory. */
  readonly projectDirectory?: string;
  /** Attempts per call including the first (the SDK's retry strategy); default: the SDK's (3). */
  readonly maxAttempts?: number;
  /**
   * Gives up on a connection, and on a response, after this long (then the call fails with
   * <Service>.SdkClientException); default 10 s and 60 s, so that a black-holed endpoint cannot
   * keep a Task without TimeoutSeconds waiting forever.
   */
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Anything else for every client's constructor (it wins over the options above). */
  readonly clientConfig?: Readonly<Record<string, unknown>>;
  /** Epoch ms, to tell when assumed-role credentials need refreshing; default: the system clock. */
  readonly now?: () => number;
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface AwsBackend extends ServiceBackend {
  readonly kind: 'aws';
  /** S3 GetObject with the SDK's Body left a stream (every other call as `call`). */
  callStreaming(call: ServiceCall): Promise<JsonObject>;
}

export function createAwsBackend(options: AwsBackendOptions = {}): AwsBackend {
  const modules = createModuleCache(options.loadModule ?? (options.projectDirectory === undefined ? defaultModuleLoader : projectModuleLoader(options.projectDirectory)));
  /** One client per package and role: clients hold connection pools and cached credentials. */
  const clients = new Map<string, SdkClient>();
  const clock = new SystemClock();
  const roleCredentials = createRoleCredentials(assumeRole, options.now ?? (() => clock.now()));

  function clientFor(service: string, module: SdkModule, roleArn: string | undefined): SdkClient {
    const key = `${module.packageName}\u0000${roleArn ?? ''}`;
    let client = clients.get(key);
    if (client === undefined) {
      const credentials = roleArn === undefined ? options.credentials : () => roleCredentials(roleArn);
      client = new module.Client(clientConfig(service, credentials));
      clients.set(key, client);
    }
    return client;
  }

  function clientConfig(service: string, credentials: AwsBackendOptions['credentials']): Record<string, unknown> {
    const endpoint = endpointOf(service);
    const config: Record<string, unknown> = {};
    if (options.region !== undefined) config['region'] = options.region;
    if (endpoint !== undefined) config['endpoint'] = endpoint;
    // Emulators serve buckets by path (http://host:port/bucket), not by virtual host name.
    if (endpoint !== undefined && packageSuffix(service) === 's3') config['forcePathStyle'] = true;
    if (credentials !== undefined) config['credentials'] = credentials;
    if (options.maxAttempts !== undefined) config['maxAttempts'] = options.maxAttempts;
    config['requestHandler'] = {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    };
    return { ...config, ...options.clientConfig };
  }

  function endpointOf(service: string): string | undefined {
    const endpoints = options.endpoints;
    if (endpoints === undefined) return undefined;
    return endpoints[service] ?? endpoints[packageSuffix(service)] ?? endpoints[service.replace(/-/g, '')] ?? endpoints['*'];
  }

  /** AssumeRole through the backend's own STS client, with its base credentials. */
  async function assumeRole(input: { RoleArn: string; RoleSessionName: string }): Promise<unknown> {
    const sts = await modules('sts');
    const Command = sts.command('AssumeRole');
    if (Command === undefined) throw new ServiceError('sts', 'SdkClientException', `${sts.packageName} has no AssumeRoleCommand.`, 0);
    return clientFor('sts', sts, undefined).send(new Command(input));
  }

  /** The SDK's output for one call (the client package is loaded on the service's first call). */
  async function send(request: ServiceCall): Promise<unknown> {
    const { service, action, input, signal } = request;
    const roleArn = request.roleArn ?? options.roleArn;
    const module = await modules(service);
    const Command = module.command(action);
    if (Command === undefined) {
      throw new ServiceError(service, 'InvalidAction', `The action ${action} is not valid for this service: ${module.packageName} has no ${action}Command.`, 400);
    }
    if (roleArn !== undefined) await roleCredentials(roleArn);
    const client = clientFor(service, module, roleArn);
    return client.send(new Command(commandInput(packageSuffix(service), action, input)), { abortSignal: signal });
  }

  async function call(request: ServiceCall): Promise<JsonObject> {
    try {
      const output = await send(request);
      return withResponseMetadata(await responseJson(packageSuffix(request.service), request.action, output), metadataOf(output));
    } catch (thrown) {
      throw toServiceError(request.service, thrown, request.signal);
    }
  }

  /** S3 GetObject with the SDK's Body (a Node Readable) left as the stream it is (ServiceBackend.callStreaming). */
  async function callStreaming(request: ServiceCall): Promise<JsonObject> {
    if (packageSuffix(request.service) !== 's3' || request.action !== 'GetObject') return call(request);
    try {
      const output = await send(request);
      const body = streamOf(output);
      if (body === undefined) return withResponseMetadata(await responseJson('s3', 'GetObject', output), metadataOf(output));
      const { Body: _body, ...rest } = output as Record<string, unknown>;
      return withBodyStream(withResponseMetadata(await responseJson('s3', 'GetObject', rest), metadataOf(output)), body);
    } catch (thrown) {
      throw toServiceError(request.service, thrown, request.signal);
    }
  }

  return { kind: 'aws', serves: () => true, call, callStreaming };
}

/** The output's Body when it can be read chunk by chunk (in Node, the SDK's Body is a Readable). */
function streamOf(output: unknown): BodyStream | undefined {
  const body = typeof output === 'object' && output !== null ? (output as { Body?: unknown }).Body : undefined;
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body ? (body as BodyStream) : undefined;
}
