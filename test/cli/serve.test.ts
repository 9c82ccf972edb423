// `asl serve`: listens on loopback, answers the Step Functions API, and stops on Ctrl-C with exit 0;
// any other address needs --allow-remote.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIo, runAsl } from '../support/fake-io.js';

/** Waits for real I/O (the server binding its socket): a short timer, not a wait for time to pass. */
const ioTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

describe('asl serve', () => {
  it('serves the API on loopback until Ctrl-C', async () => {
    const io = fakeIo();
    const serving = runCli(['node', 'asl', 'serve', '--port', '0', '--store', ':memory:'], io);
    for (let turns = 0; !/on http:\/\//.test(io.out()); turns++) {
      if (turns > 2_500) throw new Error(`the server never started: ${io.err()}`);
      await ioTurn();
    }
    const url = /on (http:\/\/\S+)/.exec(io.out())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stateMachines: [] });
    expect(io.interrupt()).toBe(true);
    expect(await serving).toBe(0);
  });

  it('answers a name given with --allow-host, and refuses any other name (DNS rebinding)', async () => {
    const io = fakeIo();
    const serving = runCli(['node', 'asl', 'serve', '--port', '0', '--store', ':memory:', '--allow-host', 'devbox'], io);
    for (let turns = 0; !/on http:\/\//.test(io.out()); turns++) {
      if (turns > 2_500) throw new Error(`the server never started: ${io.err()}`);
      await ioTurn();
    }
    const port = Number(/:(\d+) /.exec(io.out())?.[1]);
    const statusFor = (host: string): Promise<number | undefined> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { Host: host, 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', reject);
        req.end('{}');
      });
    expect(await statusFor(`devbox:${port}`)).toBe(200);
    expect(await statusFor(`localhost:${port}`)).toBe(200);
    expect(await statusFor(`attacker.example:${port}`)).toBe(403);
    expect(io.interrupt()).toBe(true);
    expect(await serving).toBe(0);
  });

  it('refuses to listen beyond loopback without --allow-remote', async () => {
    const run = await runAsl(['serve', '--host', '0.0.0.0', '--port', '0', '--store', ':memory:']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--allow-remote/);
  });
});
