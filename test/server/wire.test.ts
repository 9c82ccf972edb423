// `asl serve` on the raw wire: what a client other than the SDK sees for requests the SDK never sends.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server/server.js';
import { serve, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

async function post(target: string | undefined, body: string, method = 'POST'): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.0' };
  if (target !== undefined) headers['X-Amz-Target'] = target;
  const response = await fetch(served?.server.url ?? '', method === 'POST' ? { method, headers, body } : { method, headers });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

describe('asl serve: the AWS JSON 1.0 wire', () => {
  it('answers a known operation with the protocol content type and a request id', async () => {
    served = await serve();
    const answer = await post('AWSStepFunctions.ListStateMachines', '{}');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json).toEqual({ stateMachines: [] });
  });

  it('names an unknown or missing target UnknownOperationException', async () => {
    served = await serve();
    for (const target of ['AWSStepFunctions.LaunchRocket', 'AmazonSQS.ListQueues', 'AWSStepFunctions.toString', undefined]) {
      const answer = await post(target, '{}');
      expect(answer.status).toBe(400);
      expect(answer.json['__type']).toBe('UnknownOperationException');
      expect(answer.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    }
  });

  it('names malformed JSON and non-object bodies SerializationException', async () => {
    served = await serve();
    for (const body of ['{"name": ', '[1, 2]', '"text"']) {
      const answer = await post('AWSStepFunctions.ListStateMachines', body);
      expect(answer.status).toBe(400);
      expect(answer.json['__type']).toBe('SerializationException');
      expect(typeof answer.json['message']).toBe('string');
    }
  });

  it('refuses a body over 1 MiB before reading it as JSON', async () => {
    served = await serve();
    const answer = await post('AWSStepFunctions.ValidateStateMachineDefinition', JSON.stringify({ definition: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(answer.status).toBe(413);
    expect(answer.json['__type']).toBe('RequestEntityTooLargeException');
  });

  it('refuses a chunked body (no Content-Length) once it passes 1 MiB', async () => {
    served = await serve();
    const { hostname, port } = new URL(served.server.url);
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest({ hostname, port, method: 'POST', headers: { 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines', 'Transfer-Encoding': 'chunked' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      // The server may close the socket while we still write: only the answer matters.
      request.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) request.write(chunk);
      request.end();
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body)).toMatchObject({ __type: 'RequestEntityTooLargeException' });
  });

  it('refuses methods other than POST, and missing required members as ValidationException', async () => {
    served = await serve();
    const get = await post('AWSStepFunctions.ListStateMachines', '', 'GET');
    expect(get.status).toBe(405);
    const missing = await post('AWSStepFunctions.DescribeExecution', '{}');
    expect(missing.status).toBe(400);
    expect(missing.json['__type']).toBe('ValidationException');
  });
});
