// The work of `asl serve` (commands/serve.ts): an engine on the store (its RUNNING executions go
// on), the API server on top, until Ctrl-C; then the server stops and running executions are
// committed where they stand, to go on at the next `asl serve` on the same store.
import { openEngine, startServer, StoreError } from '../index.js';
import type { ServeCommandOptions } from './commands/serve.js';
import { ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveApi(opts: ServeCommandOptions, io: Io): Promise<ExitCode> {
  const remote = !LOOPBACK.has(opts.host);
  if (remote && opts.allowRemote !== true) {
    io.stderr(renderProblem('--host', `${opts.host} would let anyone who reaches it run state machines here (the API has no authentication); add --allow-remote to mean it`, false));
    return ExitCode.USAGE_OR_IO;
  }
  if (remote) io.stderr(`asl: warning: serving on ${opts.host}: the API has no authentication\n`);
  let engine;
  try {
    engine = await openEngine({ store: opts.store });
  } catch (error) {
    if (error instanceof StoreError) return fail(io, renderProblem(opts.store, error.message, false));
    throw error;
  }
  let server;
  try {
    server = await startServer({ engine, host: opts.host, port: opts.port });
  } catch (error) {
    await engine.close();
    return fail(io, renderProblem(`${opts.host}:${opts.port}`, `cannot listen: ${describeError(error)}`, false));
  }
  io.stdout(`asl serve: the Step Functions API on ${server.url} (store ${opts.store}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    const stop = io.onInterrupt?.(() => resolve());
    if (stop === undefined) resolve();
  });
  await server.close();
  await engine.close();
  return ExitCode.OK;
}

function fail(io: Io, message: string): ExitCode {
  io.stderr(message);
  return ExitCode.USAGE_OR_IO;
}
