// testState at TRACE on an HTTP Task, against a real node:http server on loopback: the request sent
// and the response received appear in inspectionData; DEBUG leaves them out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testState } from '../../../src/index.js';
import { readBody } from '../../support/emulators.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echoed: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (path: string): string =>
  JSON.stringify({
    Type: 'Task',
    Resource: 'arn:aws:states:::http:invoke',
    Parameters: { ApiEndpoint: `${base}${path}`, Method: 'POST', Headers: { 'x-order': '7' }, RequestBody: { 'id.$': '$.id' } },
    ResultSelector: { 'status.$': '$.StatusCode', 'body.$': '$.ResponseBody' },
    End: true,
  });

it('TRACE shows the HTTP request and response', async () => {
  const response = await testState({ definition: call('/orders'), input: '{"id":7}', inspectionLevel: 'TRACE' });
  expect(response).toMatchObject({ status: 'SUCCEEDED', output: JSON.stringify({ status: 201, body: { echoed: '{"id":7}' } }) });
  const { request, response: answer } = response.inspectionData ?? {};
  expect(request).toMatchObject({ protocol: 'http', method: 'POST', url: `${base}/orders`, body: '{"id":7}' });
  expect(JSON.parse(request?.headers ?? '{}')).toMatchObject({ 'x-order': '7' });
  expect(answer).toMatchObject({ protocol: 'http', statusCode: '201', statusMessage: 'Created', body: '{"echoed":"{\\"id\\":7}"}' });
  expect(JSON.parse(answer?.headers ?? '{}')).toMatchObject({ 'content-type': 'application/json' });
});

it('TRACE shows the response of a failed call too', async () => {
  const response = await testState({ definition: call('/missing'), input: '{"id":7}', inspectionLevel: 'TRACE' });
  expect(response).toMatchObject({ status: 'FAILED', error: 'States.Http.StatusCode.404' });
  expect(response.inspectionData?.response?.statusCode).toBe('404');
});

it('DEBUG leaves the HTTP exchange out', async () => {
  const response = await testState({ definition: call('/orders'), input: '{"id":7}', inspectionLevel: 'DEBUG' });
  expect(response.status).toBe('SUCCEEDED');
  expect(response.inspectionData?.request).toBeUndefined();
  expect(response.inspectionData?.response).toBeUndefined();
});
