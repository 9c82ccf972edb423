// The `.asl.test.json|yaml` file format: what a test file may say, and its validation. Validation is
// hand-written (no schema library) so that every problem names the file and the JSON Pointer of the
// member at fault, in words a test author understands.
import type { JsonObject, JsonValue } from '../../core/json.js';

export const STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type ExpectedStatus = (typeof STATUSES)[number];

/** What the world must hold after a case: readable helpers, and a partial snapshot for the rest. */
export interface WorldExpectation {
  /** Queue name → the bodies of the messages it still holds, oldest first (JSON bodies may be given as values). */
  readonly queues?: Readonly<Record<string, readonly JsonValue[]>>;
  /** Table name → its items (DynamoDB JSON), in Scan order; each item matched partially. */
  readonly tables?: Readonly<Record<string, readonly JsonValue[]>>;
  /** Topic name or ARN → the messages published to it, in order (JSON messages may be given as values). */
  readonly topics?: Readonly<Record<string, readonly JsonValue[]>>;
  /** Partial match against `world.snapshot()` (the --world-out format). */
  readonly snapshot?: JsonValue;
}

export interface CaseExpectation {
  readonly status?: ExpectedStatus;
  readonly output?: JsonValue;
  readonly outputContains?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  readonly causeContains?: string;
  readonly path?: readonly string[];
  readonly world?: WorldExpectation;
}

export interface TestCase {
  readonly name: string;
  readonly input: JsonValue;
  /** Inline mocks (state name → Step Functions Local responses), or a file holding them. */
  readonly mocks?: JsonObject | string;
  /** The test case of the file's `mockConfig` to run under. */
  readonly testCase?: string;
  readonly expect: CaseExpectation;
  /** Where the case sits in its file, for messages: `/cases/3`. */
  readonly pointer: string;
}

export interface TestFile {
  /** Paths below are relative to the test file's folder. */
  readonly definition: string;
  readonly type?: 'STANDARD' | 'EXPRESS';
  readonly world?: string;
  readonly lambdas?: string;
  readonly mockConfig?: string;
  readonly mocks?: JsonObject | string;
  readonly seed?: number;
  readonly startTime?: string;
  readonly cases: readonly TestCase[];
}

/** One thing wrong with a test file, at a JSON Pointer inside it. */
export interface FormatProblem {
  readonly pointer: string;
  readonly message: string;
}

const FILE_KEYS = ['$schema', 'definition', 'type', 'world', 'lambdas', 'mockConfig', 'mocks', 'seed', 'startTime', 'cases'];
const CASE_KEYS = ['name', 'input', 'mocks', 'testCase', 'expect'];
const EXPECT_KEYS = ['status', 'output', 'outputContains', 'error', 'cause', 'causeContains', 'path', 'world'];
const WORLD_KEYS = ['queues', 'tables', 'topics', 'snapshot'];

type Check = (value: JsonValue, pointer: string) => string | undefined;

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text: Check = (value) => (typeof value === 'string' && value !== '' ? undefined : 'must be a non-empty string');
const objectOrFile: Check = (value) =>
  isObject(value) || (typeof value === 'string' && value !== '') ? undefined : 'must be an object or a file name';
const stringList: Check = (value) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'must be an array of state names';
const arraysByName: Check = (value) =>
  isObject(value) && Object.values(value).every(Array.isArray) ? undefined : 'must be an object whose members are arrays';

/** Escapes a member name for a JSON Pointer (RFC 6901). */
export function pointerTo(base: string, key: string | number): string {
  return `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Checks a parsed test file; returns the typed file, or every problem found. */
export function readTestFile(value: JsonValue): { file: TestFile } | { problems: FormatProblem[] } {
  const problems: FormatProblem[] = [];
  const report = (pointer: string, message: string): void => {
    problems.push({ pointer: pointer === '' ? '/' : pointer, message });
  };
  if (!isObject(value)) return { problems: [{ pointer: '/', message: 'a test file must be a JSON object' }] };
  members(value, '', FILE_KEYS, report, {
    definition: text,
    type: (v) => (v === 'STANDARD' || v === 'EXPRESS' ? undefined : 'must be "STANDARD" or "EXPRESS"'),
    world: text,
    lambdas: text,
    mockConfig: text,
    mocks: objectOrFile,
    seed: (v) => (typeof v === 'number' && Number.isInteger(v) ? undefined : 'must be an integer'),
    startTime: (v) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? undefined : 'must be an ISO 8601 date-time'),
  });
  if (value['definition'] === undefined) report('/definition', 'is required: the definition file, relative to the test file');
  const cases = value['cases'];
  if (!Array.isArray(cases) || cases.length === 0) report('/cases', 'must be a non-empty array of cases');
  const names = new Set<string>();
  (Array.isArray(cases) ? cases : []).forEach((item, index) => {
    const pointer = pointerTo('/cases', index);
    if (!isObject(item)) return report(pointer, 'a case must be an object');
    members(item, pointer, CASE_KEYS, report, { name: text, mocks: objectOrFile, testCase: text });
    const name = item['name'];
    if (name === undefined) report(pointerTo(pointer, 'name'), 'is required');
    else if (typeof name === 'string' && names.has(name)) report(pointerTo(pointer, 'name'), `repeats the case name "${name}"`);
    if (typeof name === 'string') names.add(name);
    if (item['testCase'] !== undefined && value['mockConfig'] === undefined) {
      report(pointerTo(pointer, 'testCase'), 'needs a "mockConfig" file at the top of the test file');
    }
    if (item['testCase'] !== undefined && item['mocks'] !== undefined) report(pointer, 'give either "mocks" or "testCase", not both');
    const expectation = item['expect'];
    if (expectation === undefined) return report(pointerTo(pointer, 'expect'), 'is required (an object, {} for "succeeds")');
    checkExpectation(expectation, pointerTo(pointer, 'expect'), report);
  });
  if (problems.length > 0) return { problems };
  return { file: toTestFile(value) };
}

function checkExpectation(value: JsonValue, pointer: string, report: (pointer: string, message: string) => void): void {
  if (!isObject(value)) return report(pointer, 'must be an object');
  members(value, pointer, EXPECT_KEYS, report, {
    status: (v) => (typeof v === 'string' && (STATUSES as readonly string[]).includes(v) ? undefined : `must be one of ${STATUSES.join(', ')}`),
    error: text,
    cause: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
    causeContains: text,
    path: stringList,
  });
  if (value['output'] !== undefined && value['outputContains'] !== undefined) {
    report(pointer, 'give either "output" (exact) or "outputContains" (partial), not both');
  }
  const failing = value['error'] !== undefined || value['cause'] !== undefined || value['causeContains'] !== undefined;
  if (failing && (value['output'] !== undefined || value['outputContains'] !== undefined)) {
    report(pointer, 'an execution has either an output (SUCCEEDED) or an error and cause, not both');
  }
  const world = value['world'];
  if (world === undefined) return;
  const worldPointer = pointerTo(pointer, 'world');
  if (!isObject(world)) return report(worldPointer, 'must be an object');
  members(world, worldPointer, WORLD_KEYS, report, { queues: arraysByName, tables: arraysByName, topics: arraysByName });
}

/** Reports unknown members and runs each member's check. */
function members(
  value: JsonObject,
  pointer: string,
  known: readonly string[],
  report: (pointer: string, message: string) => void,
  checks: Readonly<Record<string, Check>>,
): void {
  for (const [key, member] of Object.entries(value)) {
    const at = pointerTo(pointer, key);
    if (!known.includes(key)) {
      report(at, `unknown member "${key}" (expected one of: ${known.filter((k) => k !== '$schema').join(', ')})`);
      continue;
    }
    const problem = checks[key]?.(member, at);
    if (problem !== undefined) report(at, problem);
  }
}

function toTestFile(value: JsonObject): TestFile {
  const cases = (value['cases'] as JsonObject[]).map((item, index): TestCase => ({
    name: item['name'] as string,
    input: item['input'] ?? {},
    ...(item['mocks'] === undefined ? {} : { mocks: item['mocks'] as JsonObject | string }),
    ...(item['testCase'] === undefined ? {} : { testCase: item['testCase'] as string }),
    expect: item['expect'] as CaseExpectation,
    pointer: pointerTo('/cases', index),
  }));
  return { ...(value as unknown as Omit<TestFile, 'cases'>), cases };
}
