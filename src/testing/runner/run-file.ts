// Runs one test file: reads it and the files it names (through the host, so the CLI's Io and tests'
// fakes both work), then each case on a virtual clock that jumps over Waits and retry delays, with a
// fresh local world (seeded when the file names a seed) and the case's mocks.
import { dirname, join } from 'node:path';
import { VirtualClock } from '../../core/clock.js';
import type { JsonObject, JsonValue } from '../../core/json.js';
import { DefinitionError } from '../../definition/compile.js';
import { parseDefinition } from '../../definition/source.js';
import { MockConfigError, type MockConfig } from '../../integrations/mock-config.js';
import type { LambdaHandler } from '../../integrations/types.js';
import { createStateMachine } from '../../runtime/execution.js';
import type { StateMachineOptions } from '../../runtime/types.js';
import type { WorldSeed } from '../../world/seed.js';
import { createLocalWorld } from '../../world/world.js';
import { checkExpectations, type CaseFailure } from './expectations.js';
import { pointerTo, readTestFile, type TestCase, type TestFile } from './format.js';

/** How the runner reaches files: the CLI passes its Io, tests a fake. */
export interface TestHost {
  /** Reads a UTF-8 file; rejects when it cannot. */
  readFile(path: string): Promise<string>;
  /** Imports a module of Lambda handlers (test files with "lambdas"); absent: such files are refused. */
  loadModule?(path: string): Promise<Record<string, unknown>>;
}

export interface RunTestFileOptions {
  /** Extra machine options for a definition, e.g. a coverage `probe`; called once per test file. */
  readonly instrument?: (definition: { readonly fileName: string; readonly text: string }) => Partial<StateMachineOptions>;
}

/** A problem that stops a test file from running, at a JSON Pointer of the file it is in. */
export interface FileProblem {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  readonly failures: readonly CaseFailure[];
}

export type TestFileResult =
  | { readonly file: string; readonly status: 'ran'; readonly definition: string; readonly cases: readonly CaseResult[] }
  /** The test file, or the definition it names, is invalid (exit code 2). */
  | { readonly file: string; readonly status: 'invalid'; readonly problems: readonly FileProblem[] }
  /** A file could not be read (exit code 3). */
  | { readonly file: string; readonly status: 'unreadable'; readonly message: string };

/** Where every execution starts on the virtual clock unless the file says `startTime`. */
export const DEFAULT_START_TIME = '2026-01-01T00:00:00Z';
const DEFAULT_SEED = 7;
/** The name of every case's execution (its ARN ends in `:StateMachine:test-execution`). */
export const EXECUTION_NAME = 'test-execution';

const DATA_FILE_MAX_BYTES = 256 * 1024 * 1024;

class Unreadable extends Error {}
class Invalid extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

export async function runTestFile(file: string, host: TestHost, options: RunTestFileOptions = {}): Promise<TestFileResult> {
  try {
    const parsed = await readParsed(file, host);
    const checked = readTestFile(parsed);
    if ('problems' in checked) return { file, status: 'invalid', problems: checked.problems.map((problem) => ({ file, ...problem })) };
    const prepared = await prepare(file, checked.file, host, options);
    const cases: CaseResult[] = [];
    for (const testCase of checked.file.cases) cases.push(await runCase(file, checked.file, testCase, prepared, host));
    return { file, status: 'ran', definition: prepared.definitionFile, cases };
  } catch (error) {
    if (error instanceof Invalid) return { file, status: 'invalid', problems: error.problems };
    if (error instanceof Unreadable) return { file, status: 'unreadable', message: error.message };
    throw error;
  }
}

interface Prepared {
  readonly definitionFile: string;
  readonly definition: JsonValue;
  readonly seed: WorldSeed | undefined;
  readonly mockConfig: JsonValue | undefined;
  readonly fileMocks: JsonObject | undefined;
  readonly machineOptions: StateMachineOptions;
  readonly startMs: number;
}

async function prepare(file: string, test: TestFile, host: TestHost, options: RunTestFileOptions): Promise<Prepared> {
  const base = dirname(file);
  const definitionFile = join(base, test.definition);
  const text = await readText(definitionFile, host);
  const parsed = parseDefinition(text, { fileName: definitionFile });
  const errors = parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'ERROR');
  if (parsed.value === undefined || errors.length > 0) throw new Invalid(errors.map((d) => ({ file: definitionFile, pointer: d.path || '/', message: d.message })));
  const lambdas = test.lambdas === undefined ? undefined : await loadLambdas(file, join(base, test.lambdas), host);
  const instrumented = instrument(options, definitionFile, text);
  return {
    definitionFile,
    definition: parsed.value,
    seed: test.world === undefined ? undefined : ((await readParsed(join(base, test.world), host)) as unknown as WorldSeed),
    mockConfig: test.mockConfig === undefined ? undefined : await readParsed(join(base, test.mockConfig), host),
    fileMocks: await mocksValue(file, '/mocks', test.mocks, host),
    machineOptions: {
      ...(test.type === undefined ? {} : { type: test.type }),
      seed: test.seed ?? DEFAULT_SEED,
      ...(lambdas === undefined ? {} : { lambdas }),
      ...instrumented,
    },
    startMs: Date.parse(test.startTime ?? DEFAULT_START_TIME),
  };
}

/** The instrument's extra options; a definition it refuses (coverage compiles it) makes the file invalid. */
function instrument(options: RunTestFileOptions, fileName: string, text: string): Partial<StateMachineOptions> {
  try {
    return options.instrument?.({ fileName, text }) ?? {};
  } catch (error) {
    if (error instanceof DefinitionError) throw new Invalid(error.diagnostics.map((d) => ({ file: fileName, pointer: d.path || '/', message: d.message })));
    throw error;
  }
}

async function runCase(file: string, test: TestFile, testCase: TestCase, prepared: Prepared, host: TestHost): Promise<CaseResult> {
  const clock = new VirtualClock({ startMs: prepared.startMs, autoAdvance: true });
  const baseDir = test.world === undefined ? dirname(file) : dirname(join(dirname(file), test.world));
  const world = prepared.seed === undefined ? undefined : createLocalWorld({ clock, seed: prepared.seed, baseDir });
  const caseMocks = await mocksValue(file, pointerTo(testCase.pointer, 'mocks'), testCase.mocks, host);
  const mocks = caseMocks ?? prepared.fileMocks;
  let machine;
  try {
    machine = createStateMachine(prepared.definition, {
      ...prepared.machineOptions,
      clock,
      ...(world === undefined ? {} : { world }),
      ...(mocks === undefined || testCase.testCase !== undefined ? {} : { mocks: mocks as unknown as MockConfig }),
      ...(testCase.testCase === undefined ? {} : { mockConfig: { config: prepared.mockConfig ?? null, testCase: testCase.testCase } }),
    });
  } catch (error) {
    if (error instanceof DefinitionError) {
      throw new Invalid(error.diagnostics.map((d) => ({ file: prepared.definitionFile, pointer: d.path || '/', message: d.message })));
    }
    if (error instanceof MockConfigError) {
      const at = testCase.testCase === undefined ? (caseMocks === undefined ? '/mocks' : pointerTo(testCase.pointer, 'mocks')) : pointerTo(testCase.pointer, 'testCase');
      throw new Invalid([{ file, pointer: at, message: error.message }]);
    }
    throw error;
  }
  // One fixed name, so ARNs in outputs and world snapshots are the same for every case.
  const execution = machine.start(testCase.input, { name: EXECUTION_NAME });
  const result = await execution.result;
  const failures = checkExpectations(testCase.expect, { result, history: execution.history, world });
  return { name: testCase.name, passed: failures.length === 0, failures };
}

async function mocksValue(file: string, pointer: string, mocks: JsonObject | string | undefined, host: TestHost): Promise<JsonObject | undefined> {
  if (mocks === undefined || typeof mocks === 'object') return mocks;
  const value = await readParsed(join(dirname(file), mocks), host);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Invalid([{ file, pointer, message: `${mocks} must hold an object of mocked states` }]);
  }
  return value;
}

async function loadLambdas(file: string, path: string, host: TestHost): Promise<Record<string, LambdaHandler>> {
  if (host.loadModule === undefined) throw new Invalid([{ file, pointer: '/lambdas', message: 'this runner cannot load Lambda modules' }]);
  let module: Record<string, unknown>;
  try {
    module = await host.loadModule(path);
  } catch (error) {
    throw new Unreadable(`cannot load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const handlers: Record<string, LambdaHandler> = {};
  for (const [name, value] of Object.entries(module)) if (typeof value === 'function') handlers[name] = value as LambdaHandler;
  return handlers;
}

async function readText(path: string, host: TestHost): Promise<string> {
  try {
    return await host.readFile(path);
  } catch (error) {
    throw new Unreadable(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A JSON or YAML file's value; a syntax error is an invalid file. */
async function readParsed(path: string, host: TestHost): Promise<JsonValue> {
  // Test files, seeds and mock files are not definitions: AWS's 1 MB definition limit does not apply.
  const parsed = parseDefinition(await readText(path, host), { fileName: path, maxBytes: DATA_FILE_MAX_BYTES });
  const problem = parsed.diagnostics.find((diagnostic) => diagnostic.severity === 'ERROR');
  if (parsed.value === undefined || problem !== undefined) {
    // The parser speaks of "the definition"; this file is a test file, seed or mock file.
    const message = (problem?.message ?? 'cannot be parsed').replace(/^The definition /, 'The file ');
    const where = problem?.line === undefined || message.includes('(line ') ? '' : ` (line ${problem.line}, column ${problem.column ?? 1})`;
    throw new Invalid([{ file: path, pointer: problem?.path || '/', message: `${message}${where}` }]);
  }
  return parsed.value;
}
