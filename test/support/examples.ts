// Runs one asl-examples/ folder the way its README describes, on a virtual clock: its mocks
// (mocks.json, or a test case of mock-config.json), its world (world.json seeds a local world whose
// snapshot the test compares with expected-world.json) and its local HTTP service (server.mjs,
// started on a free port; URLs in the input that name its default port are pointed there).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createLocalWorld,
  type ExecutionResult,
  type JsonValue,
  type MockConfig,
  type StateMachineOptions,
  VirtualClock,
  type WorldSeed,
  type WorldSnapshot,
} from '../../src/index.js';
import { runDefinition, START_MS } from './run.js';

export interface ExampleRun {
  readonly result: ExecutionResult;
  /** What the run left in the local world, when the example seeds one. */
  readonly world: WorldSnapshot | undefined;
}

interface ExampleServer {
  readonly url: string;
  close(): Promise<void>;
}

interface ServerModule {
  readonly DEFAULT_PORT: number;
  startServer(port: number): Promise<ExampleServer>;
}

export function readJson(dir: string, file: string): JsonValue {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonValue;
}

/** The test cases an example's mock-config.json is checked under: one expected.<TestCase>.json each. */
export function mockTestCases(files: readonly string[]): string[] {
  return files.flatMap((file) => /^expected\.(.+)\.json$/.exec(file)?.[1] ?? []).sort();
}

/** Runs the example plainly, or under a test case of its mock-config.json. */
export async function runExample(dir: string, testCase?: string): Promise<ExampleRun> {
  const has = (file: string): boolean => existsSync(join(dir, file));
  const clock = new VirtualClock({ startMs: START_MS, autoAdvance: true });
  const world = has('world.json') ? createLocalWorld({ clock, seed: readJson(dir, 'world.json') as WorldSeed, baseDir: dir }) : undefined;
  const options: StateMachineOptions = {
    clock,
    ...(world === undefined ? {} : { world }),
    ...(has('mocks.json') ? { mocks: readJson(dir, 'mocks.json') as MockConfig } : {}),
    ...(testCase === undefined ? {} : { mockConfig: { config: readJson(dir, 'mock-config.json'), testCase } }),
  };
  let input = readJson(dir, 'input.json');
  // Mocked runs never reach the service, so only plain runs start it.
  const server = has('server.mjs') && testCase === undefined ? await startExampleServer(dir) : undefined;
  try {
    if (server !== undefined) input = pointAt(input, `http://127.0.0.1:${server.defaultPort}`, server.url);
    const definition = readFileSync(join(dir, 'definition.asl.json'), 'utf8');
    const { result } = await runDefinition(definition, input, options);
    return { result, world: world === undefined ? undefined : withFoldersRelativeTo(dir, world.snapshot()) };
  } finally {
    await server?.close();
  }
}

async function startExampleServer(dir: string): Promise<ExampleServer & { readonly defaultPort: number }> {
  const module = (await import(pathToFileURL(join(dir, 'server.mjs')).href)) as ServerModule;
  const server = await module.startServer(0);
  return { url: new URL(server.url).origin, defaultPort: module.DEFAULT_PORT, close: () => server.close() };
}

/** Replaces `from` at the start of every string in the value by `to`. */
function pointAt(value: JsonValue, from: string, to: string): JsonValue {
  if (typeof value === 'string') return value.startsWith(from) ? to + value.slice(from.length) : value;
  if (Array.isArray(value)) return value.map((item) => pointAt(item, from, to));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pointAt(item, from, to)]));
}

/** A folder bucket's path as world.json gives it (`./data`), not the absolute path the snapshot holds, which differs per checkout. */
function withFoldersRelativeTo(dir: string, snapshot: WorldSnapshot): WorldSnapshot {
  const buckets = snapshot.s3?.buckets?.map((bucket) => {
    const folder = bucket['folder'];
    return typeof folder === 'string' ? { ...bucket, folder: `./${relative(dir, folder).split(sep).join('/')}` } : bucket;
  });
  return buckets === undefined ? snapshot : { ...snapshot, s3: { ...snapshot.s3, buckets } };
}
