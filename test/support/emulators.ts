// Real AWS-compatible servers on loopback for the aws backend's tests: dynalite (DynamoDB) and
// fauxqs (SQS and SNS), both from the project's own dependencies, each on 127.0.0.1 and a port the
// OS picks. Also a small Lambda Invoke endpoint (Lambda has no emulator among our dependencies)
// speaking the Invoke REST API, so the AWS SDK's Lambda client runs unchanged against it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { buildApp } from 'fauxqs';
import type { AwsCredentials } from '../../src/integrations/aws-backend.js';

/** Emulators accept any signature; the SDK only needs something to sign with. */
export const TEST_CREDENTIALS: AwsCredentials = { accessKeyId: 'AKIDTESTTESTTEST', secretAccessKey: 'test-secret' };
export const TEST_REGION = 'us-east-1';

export interface Emulators {
  /** http://127.0.0.1:<port> of dynalite. */
  readonly dynamodb: string;
  /** http://127.0.0.1:<port> of fauxqs (SQS and SNS on one endpoint). */
  readonly sqsSns: string;
  stop(): Promise<void>;
}

/** dynalite returns a node:http Server (or https with `ssl`), its own store behind it. */
type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

export async function startEmulators(): Promise<Emulators> {
  const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const fauxqs = buildApp({ logger: false });
  // Not fauxqs's startFauxqs(): that one listens on every interface.
  const sqsSns = await fauxqs.listen({ port: 0, host: '127.0.0.1' });
  return {
    dynamodb: urlOf(dynamo),
    sqsSns,
    async stop() {
      await Promise.all([closeServer(dynamo), fauxqs.close()]);
    },
  };
}

/** A loopback port nothing listens on (bound by us, then released): connections are refused at once. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

/** A function body for the Lambda stand-in: returns the result, or throws for a function error. */
export type StandInFunction = (event: unknown) => unknown;

export interface LambdaStandIn {
  readonly endpoint: string;
  /** What each function received, in order, with the access key id the request was signed with. */
  readonly received: Array<{ readonly name: string; readonly body: string; readonly accessKeyId: string }>;
  stop(): Promise<void>;
}

/**
 * Serves Lambda's Invoke API (POST /2015-03-31/functions/<name>/invocations): the request body is
 * the event, the response body the result; a throwing function answers with X-Amz-Function-Error
 * and the Node runtime's error payload; an unknown function is a 404 ResourceNotFoundException.
 */
export async function startLambdaStandIn(functions: Readonly<Record<string, StandInFunction>>): Promise<LambdaStandIn> {
  const received: Array<{ name: string; body: string; accessKeyId: string }> = [];
  let counter = 0;
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const requestId = `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
      const name = decodeURIComponent(match?.[1] ?? '').replace(/^arn:aws:lambda:[^:]*:[^:]*:function:/, '');
      const fn = functions[name];
      const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
      if (fn === undefined) {
        res.writeHead(404, { ...headers, 'x-amzn-errortype': 'ResourceNotFoundException' });
        res.end(JSON.stringify({ Type: 'User', Message: `Function not found: arn:aws:lambda:${TEST_REGION}:000000000000:function:${name}` }));
        return;
      }
      received.push({ name, body, accessKeyId: signingKeyId(req) });
      const async = req.headers['x-amz-invocation-type'] === 'Event';
      try {
        const result = fn(body === '' ? {} : JSON.parse(body));
        res.writeHead(async ? 202 : 200, { ...headers, 'x-amz-executed-version': '$LATEST' });
        res.end(async ? '' : JSON.stringify(result ?? null));
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        res.writeHead(200, { ...headers, 'x-amz-executed-version': '$LATEST', 'x-amz-function-error': 'Unhandled' });
        res.end(JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: [] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: urlOf(server), received, stop: () => closeServer(server) };
}

/** The access key id in a SigV4 Authorization header ("AWS4-HMAC-SHA256 Credential=<id>/<scope>, ..."). */
function signingKeyId(req: IncomingMessage): string {
  return /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

export interface StsStandIn {
  readonly endpoint: string;
  /** The RoleArn of every AssumeRole call, in order. */
  readonly assumed: string[];
  stop(): Promise<void>;
}

/** STS's AssumeRole (Query protocol): answers every role with the access key "ASIA" + the role's name. */
export async function startStsStandIn(): Promise<StsStandIn> {
  const assumed: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const form = new URLSearchParams(body);
      const roleArn = form.get('RoleArn') ?? '';
      assumed.push(roleArn);
      const key = `ASIA${roleArn.slice(roleArn.lastIndexOf('/') + 1).toUpperCase()}`;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
          `<AccessKeyId>${key}</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>` +
          `</Credentials><AssumedRoleUser><Arn>${roleArn}</Arn><AssumedRoleId>AROA:${form.get('RoleSessionName') ?? ''}</AssumedRoleId></AssumedRoleUser>` +
          '</AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: urlOf(server), assumed, stop: () => closeServer(server) };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function urlOf(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
