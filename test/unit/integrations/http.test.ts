// The HTTP Task against a real node:http server on loopback: what goes out (method, URL, headers,
// body and its encodings) and what comes back (the result, States.Http.StatusCode.<n>, unreachable hosts).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createHttpIntegration } from '../../../src/integrations/http.js';
import { parseResource } from '../../../src/integrations/resource.js';
import type { TaskContext } from '../../../src/integrations/types.js';
import { closedLoopbackPort, readBody } from '../../support/emulators.js';
import { runDefinition } from '../../support/run.js';
import { rejectionOf } from '../../support/rejection.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];
/** Resolved when the server has received a request it will never answer. */
let hanging: () => void = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/hang')) {
        hanging();
      } else if (req.url?.startsWith('/missing')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"message":"no such order"}');
      } else if (req.url?.startsWith('/text')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
        res.end('plain words');
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-trace': 't-1' });
        res.end(JSON.stringify({ ok: true, method: req.method }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const CONNECTION = 'arn:aws:events:us-east-1:123456789012:connection/orders/1';
const integration = createHttpIntegration({ connections: { [CONNECTION]: { headers: { Authorization: 'Bearer local-token' }, queryParameters: { tenant: 't1' } } } });
const context: TaskContext = { signal: new AbortController().signal, sleep: () => Promise.resolve(), now: () => 0 };
const call = (parameters: JsonValue): Promise<JsonValue> =>
  integration.invoke({ resource: parseResource('arn:aws:states:::http:invoke'), parameters, stateName: 'Call', taskToken: undefined }, context);

const rejection = (work: Promise<unknown>): Promise<AslError> => rejectionOf(work, AslError);

describe('HTTP Task', () => {
  it('sends a JSON body with query parameters and returns headers, parsed body, status and status text', async () => {
    const result = (await call({ ApiEndpoint: `${base}/orders?source=sfn`, Method: 'POST', QueryParameters: { page: 2, tag: ['a', 'b'] }, Headers: { 'X-Order': '7' }, RequestBody: { id: 7, items: [1, 2] } })) as JsonObject;
    expect(result).toMatchObject({ ResponseBody: { ok: true, method: 'POST' }, StatusCode: 200, StatusText: 'OK' });
    expect((result['Headers'] as JsonObject)['x-trace']).toEqual(['t-1']);
    const sent = received.at(-1) as Received;
    expect(sent.url).toBe('/orders?source=sfn&page=2&tag=a&tag=b');
    expect(sent.headers['x-order']).toBe('7');
    expect(sent.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(sent.body)).toEqual({ id: 7, items: [1, 2] });
  });

  it.each([
    ['INDICES', 'tags%5B0%5D=a&tags%5B1%5D=b&name=Ann+Lee&address%5Bcity%5D=Paris'],
    ['REPEAT', 'tags=a&tags=b&name=Ann+Lee&address%5Bcity%5D=Paris'],
    ['COMMAS', 'tags=a%2Cb&name=Ann+Lee&address%5Bcity%5D=Paris'],
    ['BRACKETS', 'tags%5B%5D=a&tags%5B%5D=b&name=Ann+Lee&address%5Bcity%5D=Paris'],
  ])('URL-encodes the body with ArrayFormat %s', async (format, expected) => {
    await call({
      ApiEndpoint: `${base}/form`,
      Method: 'PUT',
      RequestBody: { tags: ['a', 'b'], name: 'Ann Lee', address: { city: 'Paris' } },
      Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: format } },
    });
    const sent = received.at(-1) as Received;
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.body).toBe(expected);
  });

  it('adds what a configured connection adds, and returns a text body as text', async () => {
    const result = (await call({ ApiEndpoint: `${base}/text`, Method: 'get', Authentication: { ConnectionArn: CONNECTION } })) as JsonObject;
    expect(result['ResponseBody']).toBe('plain words');
    expect((result['Headers'] as JsonObject)['set-cookie']).toEqual(['a=1', 'b=2']);
    const sent = received.at(-1) as Received;
    expect(sent).toMatchObject({ method: 'GET', url: '/text?tenant=t1', body: '' });
    expect(sent.headers.authorization).toBe('Bearer local-token');
  });

  it('fails a non-2xx answer with States.Http.StatusCode.<n>, the response as the cause', async () => {
    const err = await rejection(call({ ApiEndpoint: `${base}/missing`, Method: 'GET' }));
    expect(err.error).toBe('States.Http.StatusCode.404');
    expect(JSON.parse(err.cause ?? '')).toMatchObject({ ResponseBody: { message: 'no such order' }, StatusCode: 404, StatusText: 'Not Found' });
  });

  it('fails at once with States.Http.Socket when nothing listens', async () => {
    const port = await closedLoopbackPort();
    const err = await rejection(call({ ApiEndpoint: `http://127.0.0.1:${port}/x`, Method: 'GET' }));
    expect(err.error).toBe('States.Http.Socket');
    expect(err.cause).toContain('ECONNREFUSED');
  });

  it('settles with the abort reason when the task is stopped while the server has not answered', async () => {
    const controller = new AbortController();
    const arrived = new Promise<void>((resolve) => (hanging = resolve));
    const reason = new Error('task stopped');
    const work = integration.invoke(
      { resource: parseResource('arn:aws:states:::http:invoke'), parameters: { ApiEndpoint: `${base}/hang`, Method: 'GET' }, stateName: 'Call', taskToken: undefined },
      { ...context, signal: controller.signal },
    );
    await arrived;
    controller.abort(reason);
    await expect(work).rejects.toBe(reason);
  });

  it('gives up on a server that never answers with States.Http.Socket', async () => {
    // A real socket cannot run on the virtual clock: this waits 100 ms of real time.
    const impatient = createHttpIntegration({ timeoutMs: 100 });
    const work = impatient.invoke({ resource: parseResource('arn:aws:states:::http:invoke'), parameters: { ApiEndpoint: `${base}/hang`, Method: 'GET' }, stateName: 'Call', taskToken: undefined }, context);
    const err = await rejection(work);
    expect(err.error).toBe('States.Http.Socket');
    expect(err.cause).toBe(`Unable to reach ${base}: no response within 0.1 seconds`);
  });

  it.each([
    [{ ApiEndpoint: 'ftp://127.0.0.1/file', Method: 'GET' }, "The value of the field 'ApiEndpoint' must be an http or https URL"],
    [{ ApiEndpoint: 'not a url', Method: 'GET' }, "The value of the field 'ApiEndpoint' must be an http or https URL"],
    [{ Method: 'GET' }, "The field 'ApiEndpoint' is required but was missing"],
    [{ ApiEndpoint: 'http://127.0.0.1/', Method: 'FETCH' }, "The value of the field 'Method' must be one of"],
    [{ ApiEndpoint: 'http://127.0.0.1/', Method: 'GET', Headers: { Host: 'evil' } }, "The header 'Host' is not allowed in an HTTP Task"],
    [{ ApiEndpoint: 'http://127.0.0.1/', Method: 'POST', RequestBody: { a: 1 }, Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: 'SPACES' } } }, "The value of the field 'ArrayFormat' must be one of"],
  ])('refuses bad parameters before sending anything: %j', async (parameters, why) => {
    const before = received.length;
    const err = await rejection(call(parameters));
    expect(err.error).toBe('States.Runtime');
    expect(err.cause).toContain(why);
    expect(received.length).toBe(before);
  });

  it('runs in a state machine whose Catch reads the failed response', async () => {
    const definition = {
      StartAt: 'Fetch',
      States: {
        Fetch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::http:invoke',
          Parameters: { 'ApiEndpoint.$': '$.url', Method: 'GET' },
          Catch: [{ ErrorEquals: ['States.Http.StatusCode.404'], ResultPath: '$.failure', Next: 'NotFound' }],
          End: true,
        },
        NotFound: { Type: 'Pass', Parameters: { 'error.$': '$.failure.Error', 'response.$': 'States.StringToJson($.failure.Cause)' }, End: true },
      },
    };
    // The default registry serves http:invoke; no connections are needed for an unauthenticated call.
    const { result } = await runDefinition(definition, { url: `${base}/missing/1` });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { error: 'States.Http.StatusCode.404', response: { StatusCode: 404, ResponseBody: { message: 'no such order' } } } });
  });
});
