// The work of `asl serve` (commands/serve.ts): an engine on the store (its RUNNING executions go
// on), the API server on top, until Ctrl-C; then the server stops and running executions are
// committed where they stand, to go on at the next `asl serve` on the same store. Every machine
// and TestState share one local world and the service backends the flags choose.
import { resolve } from 'node:path';
import { createLocalWorld, isMockConfigFile, MEMORY_LOCATION, MockConfigError, openEngine, openSqliteStore, resolveMockConfigFile, startServer, StoreError, SystemClock } from '../index.js';
import type { ExecutionStore, JsonObject, JsonValue } from '../index.js';
import type { ServeCommandOptions } from './commands/serve.js';
import { ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';
import { loadServices } from './run-services.js';
import { type Loaded, readJsonFile } from './run-sources.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveApi(opts: ServeCommandOptions, io: Io): Promise<ExitCode> {
  const remote = !LOOPBACK.has(opts.host);
  if (remote && opts.allowRemote !== true) {
    io.stderr(renderProblem('--host', `${opts.host} would let anyone who reaches it run state machines here (the API has no authentication); add --allow-remote to mean it`, false));
    return ExitCode.USAGE_OR_IO;
  }
  if (remote) io.stderr(`asl: warning: serving on ${opts.host}: the API has no authentication\n`);
  const clock = new SystemClock();
  const services = await loadServices({ ...(opts.services === undefined ? {} : { services: opts.services }), ...(opts.endpoint === undefined ? {} : { endpoint: opts.endpoint }) }, clock, io, false);
  if (!services.ok) return fail(io, services.message);
  const mocks = opts.mockConfig === undefined ? undefined : await loadMockConfigFile(opts.mockConfig, io);
  if (mocks !== undefined && !mocks.ok) return fail(io, mocks.message);
  const { world: _world, services: choice, awsBackend } = services.value.options;
  // One world for every machine, so that what one execution leaves in a queue or table the next one finds.
  const shared = { world: createLocalWorld({ clock }), ...(choice === undefined ? {} : { services: choice }), ...(awsBackend === undefined ? {} : { awsBackend }) };
  let engine;
  let store: ExecutionStore | string = opts.store;
  try {
    // A server's store checkpoints its WAL on a worker thread, so checkpoints never stall requests (sqlite-checkpointer.ts).
    if (opts.store !== MEMORY_LOCATION && opts.store.trim() !== '') store = await openSqliteStore(opts.store, { backgroundCheckpoints: true });
    engine = await openEngine({ store, clock, ...shared, ...(mocks === undefined ? {} : { mockConfigFile: mocks.value }) });
  } catch (error) {
    if (typeof store !== 'string') await store.close();
    if (error instanceof StoreError) return fail(io, renderProblem(opts.store, error.message, false));
    throw error;
  }
  let server;
  // Set when the HTTP thread fails while serving (a bug): the server stops as on Ctrl-C, and says why.
  let broken: (() => void) | undefined;
  let failure: Error | undefined;
  try {
    server = await startServer({
      engine,
      host: opts.host,
      port: opts.port,
      testState: shared,
      ...(opts.allowHost === undefined ? {} : { allowedHosts: opts.allowHost }),
      onError: (error) => {
        failure ??= error;
        broken?.();
      },
    });
  } catch (error) {
    await engine.close();
    return fail(io, renderProblem(`${opts.host}:${opts.port}`, `cannot listen: ${describeError(error)}`, false));
  }
  const mocked = opts.mockConfig === undefined ? '' : `, mocks ${opts.mockConfig} (start ARN#TestCase)`;
  const where = opts.store === MEMORY_LOCATION ? ':memory:, nothing kept' : resolve(opts.store);
  io.stdout(`asl serve: the Step Functions API on ${server.url} (store ${where}${mocked}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    broken = resolve;
    const stop = io.onInterrupt?.(() => resolve());
    if (stop === undefined || failure !== undefined) resolve();
  });
  await server.close();
  await engine.close();
  if (failure !== undefined) return fail(io, renderProblem(`${opts.host}:${opts.port}`, `the HTTP thread failed: ${describeError(failure)}`, false));
  return ExitCode.OK;
}

/**
 * Reads a Step Functions Local MockConfigFile and checks every test case of every state machine in
 * it now, so that a mistake in the file stops the server from starting rather than one execution.
 */
async function loadMockConfigFile(file: string, io: Io): Promise<Loaded<JsonValue>> {
  const parsed = await readJsonFile(file, io, false);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  if (!isMockConfigFile(config)) {
    return { ok: false, message: renderProblem(file, 'is not a Step Functions Local MockConfigFile ({"StateMachines": ..., "MockedResponses": ...}); asl serve picks one of its test cases per execution (ARN#TestCase)', false) };
  }
  const machines = isJsonObject(config) ? config['StateMachines'] : undefined;
  try {
    for (const [stateMachineName, machine] of Object.entries(isJsonObject(machines) ? machines : {})) {
      const cases = isJsonObject(machine) ? machine['TestCases'] : undefined;
      for (const testCase of Object.keys(isJsonObject(cases) ? cases : { '': null })) resolveMockConfigFile({ config, testCase, stateMachineName });
    }
  } catch (error) {
    if (error instanceof MockConfigError) return { ok: false, message: renderProblem(file, error.message, false) };
    throw error;
  }
  return { ok: true, value: config };
}

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(io: Io, message: string): ExitCode {
  io.stderr(message);
  return ExitCode.USAGE_OR_IO;
}
