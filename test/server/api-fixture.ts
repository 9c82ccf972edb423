// A server over an engine opened with the test's own options (a store file, lambdas), for the API
// tests that restart the server on the same store or need Tasks.
import { SFNClient } from '@aws-sdk/client-sfn';
import { VirtualClock } from '../../src/index.js';
import { openEngine, type EngineOptions } from '../../src/service/engine.js';
import { startServer } from '../../src/server/server.js';
import type { Served } from './fixture.js';

export async function serveEngine(options: EngineOptions = {}): Promise<Served> {
  const engine = await openEngine({ clock: new VirtualClock({ autoAdvance: true }), ...options });
  const server = await startServer({ engine, port: 0 });
  const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  return {
    engine,
    server,
    client,
    async stop() {
      client.destroy();
      await server.close();
      await engine.close();
    },
  };
}

/** A chain of `length` Pass states, each adding its index: a history of 2 * length + 2 events. */
export function passChain(length: number): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < length; i++) {
    states[`S${i}`] = { Type: 'Pass', Result: i, ResultPath: `$.s${i}`, ...(i === length - 1 ? { End: true } : { Next: `S${i + 1}` }) };
  }
  return JSON.stringify({ StartAt: 'S0', States: states });
}
