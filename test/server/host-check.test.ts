// Which names a loopback `asl serve` answers to (src/server/host-check.ts): this machine's names and
// their `sync-` forms, in a Host header or an absolute-form (proxy-style) target; never a foreign
// name, which is what a DNS-rebinding web page sends.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostGuard, loopbackNameAllowed, requestedHost } from '../../src/server/host-check.js';
import { serve, type Served } from './fixture.js';

let served: Served;
beforeAll(async () => {
  served = await serve();
});
afterAll(() => served.stop());

/** ListStateMachines sent to the server's socket with the given target and Host, as a raw client would. */
function post(target: string, host: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: served.server.port, method: 'POST', path: target, headers: { Host: host, 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('asl serve: the names it answers to', () => {
  it('answers localhost names, IP addresses and their sync- forms, in origin or absolute form', async () => {
    const port = served.server.port;
    const accepted = await Promise.all([
      post('/', `127.0.0.1:${port}`),
      post('/', `localhost:${port}`),
      post('/', `[::1]:${port}`),
      post('/', `sync-localhost:${port}`),
      post('/', `api.localhost:${port}`),
      post(`http://sync-localhost:${port}/`, `sync-localhost:${port}`),
      post(`http://sync-127.0.0.1:${port}/`, `sync-127.0.0.1:${port}`),
    ]);
    expect(accepted.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(accepted[5]?.body).toEqual({ stateMachines: [] });
  });

  it('refuses other names with AccessDeniedException, judging an absolute target by its own authority', async () => {
    const port = served.server.port;
    const refused = await Promise.all([
      post('/', `rebound.example:${port}`),
      post('/', `sync-rebound.example:${port}`),
      post('/', `localhost.rebound.example:${port}`),
      // In absolute form the target names the host (RFC 9112 §3.2.2): a local Host header does not help.
      post(`http://rebound.example:${port}/`, `localhost:${port}`),
    ]);
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expect(answer.body['__type']).toBe('AccessDeniedException');
    }
    expect(String(refused[0]?.body['message'])).toContain("'rebound.example'");
  });

  it('reads the name from the target or the Host header, lower-case and without port or brackets', () => {
    expect(requestedHost('/', 'LocalHost:8083')).toBe('localhost');
    expect(requestedHost('/', '[::1]:8083')).toBe('::1');
    expect(requestedHost('/', 'localhost.')).toBe('localhost');
    expect(requestedHost('http://Sync-Localhost:8083/', 'other:1')).toBe('sync-localhost');
    expect(requestedHost('/', undefined)).toBeUndefined();
    expect(loopbackNameAllowed(undefined)).toBe(true);
    expect(loopbackNameAllowed('dev-box')).toBe(false);
    expect(loopbackNameAllowed('dev-box', ['Dev-Box'])).toBe(true);
    expect(loopbackNameAllowed('sync-dev-box', ['dev-box'])).toBe(true);
  });

  it('checks nothing when the server listens beyond loopback (--allow-remote)', () => {
    const foreign = ['/', 'build-server.internal:8083'] as const;
    expect(() => hostGuard('0.0.0.0')(...foreign)).not.toThrow();
    expect(() => hostGuard('127.0.0.1')(...foreign)).toThrow(/build-server\.internal/);
    expect(() => hostGuard('::1', ['build-server.internal'])(...foreign)).not.toThrow();
  });
});
