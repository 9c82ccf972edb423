// Checks one execution against a case's expectations. Each failed expectation becomes a
// CaseFailure naming the expectation, saying what went wrong and listing the differences.
import type { HistoryEvent } from '../../core/events.js';
import type { JsonValue } from '../../core/json.js';
import type { ExecutionResult } from '../../runtime/types.js';
import type { LocalWorld } from '../../world/world.js';
import { describeDifference, diffJson, type Difference } from './diff.js';
import type { CaseExpectation, WorldExpectation } from './format.js';

export interface CaseFailure {
  /** Which expectation: status, output, outputContains, error, cause, causeContains, path, world.queues.jobs, ... */
  readonly expectation: string;
  readonly message: string;
  readonly differences: readonly Difference[];
}

export interface Observed {
  readonly result: ExecutionResult;
  readonly history: readonly HistoryEvent[];
  readonly world: LocalWorld | undefined;
}

/** What was expected of `observed` but did not happen; empty when the case passes. */
export function checkExpectations(expectation: CaseExpectation, observed: Observed): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const { result } = observed;
  const status = expectation.status ?? (failsByDefault(expectation) ? 'FAILED' : 'SUCCEEDED');
  if (result.status !== status) {
    const why = result.status === 'SUCCEEDED' ? '' : `: ${result.error ?? ''}${result.cause === undefined ? '' : `: ${result.cause}`}`;
    failures.push({ expectation: 'status', message: `expected status ${status}, got ${result.status}${why}`, differences: [] });
  }
  const output = result.status === 'SUCCEEDED' ? result.output : undefined;
  if (expectation.output !== undefined) compareValue('output', expectation.output, output, false, failures);
  if (expectation.outputContains !== undefined) compareValue('outputContains', expectation.outputContains, output, true, failures);
  const error = result.status === 'SUCCEEDED' ? undefined : result.error;
  const cause = result.status === 'SUCCEEDED' ? undefined : result.cause;
  if (expectation.error !== undefined && error !== expectation.error) {
    failures.push(textFailure('error', expectation.error, error));
  }
  if (expectation.cause !== undefined && cause !== expectation.cause) failures.push(textFailure('cause', expectation.cause, cause));
  if (expectation.causeContains !== undefined && !(cause ?? '').includes(expectation.causeContains)) {
    failures.push({ expectation: 'causeContains', message: `expected the cause to contain ${JSON.stringify(expectation.causeContains)}, got ${JSON.stringify(cause ?? null)}`, differences: [] });
  }
  if (expectation.path !== undefined) {
    const visited = statesPath(observed.history);
    const differences = diffJson([...expectation.path], visited);
    if (differences.length > 0) {
      failures.push({ expectation: 'path', message: `expected path ${expectation.path.join(' → ')}, got ${visited.join(' → ')}`, differences });
    }
  }
  if (expectation.world !== undefined) checkWorld(expectation.world, observed.world, failures);
  return failures;
}

/** A case that names an error or cause expects the execution to fail. */
function failsByDefault(expectation: CaseExpectation): boolean {
  return expectation.error !== undefined || expectation.cause !== undefined || expectation.causeContains !== undefined;
}

function textFailure(expectation: string, expected: string, actual: string | undefined): CaseFailure {
  return {
    expectation,
    message: `expected ${expectation} ${JSON.stringify(expected)}, got ${actual === undefined ? 'none' : JSON.stringify(actual)}`,
    differences: [{ path: '$', expected, actual }],
  };
}

function compareValue(expectation: string, expected: JsonValue, actual: JsonValue | undefined, partial: boolean, out: CaseFailure[]): void {
  if (actual === undefined) {
    out.push({ expectation, message: `expected an ${partial ? 'output containing' : 'output'} ${JSON.stringify(expected)}, but the execution has no output`, differences: [] });
    return;
  }
  const differences = diffJson(expected, actual, partial);
  if (differences.length === 0) return;
  const message = `${partial ? 'output does not contain what was expected' : 'output differs'}: ${differences.map(describeDifference).join('; ')}`;
  out.push({ expectation, message, differences });
}

/**
 * The top-level states entered, in order. States inside a Parallel's branches or a Map's iterations
 * are not listed: the Parallel or Map state stands for them (its nested run is its own business,
 * and branches interleave, so their order would make tests flaky).
 */
export function statesPath(history: readonly HistoryEvent[]): string[] {
  const path: string[] = [];
  let depth = 0;
  for (const event of history) {
    if (event.type === 'ParallelStateStarted' || event.type === 'MapStateStarted') depth++;
    else if (/^(Parallel|Map)State(Succeeded|Failed|Aborted)$/.test(event.type)) depth--;
    else if (depth === 0 && event.type.endsWith('StateEntered') && event.details?.name !== undefined) path.push(event.details.name);
  }
  return path;
}

function checkWorld(expected: WorldExpectation, world: LocalWorld | undefined, out: CaseFailure[]): void {
  if (world === undefined) {
    out.push({ expectation: 'world', message: 'expected a local world, but the test file seeds none (add "world")', differences: [] });
    return;
  }
  const read = (what: string, name: string, get: () => JsonValue[]): JsonValue[] | undefined => {
    try {
      return get();
    } catch (error) {
      out.push({ expectation: `world.${what}.${name}`, message: error instanceof Error ? error.message : String(error), differences: [] });
      return undefined;
    }
  };
  for (const [name, bodies] of Object.entries(expected.queues ?? {})) {
    const actual = read('queues', name, () => world.messages(name).map((message) => bodyValue(message['Body'], bodies)));
    if (actual !== undefined) compareWorld(`world.queues.${name}`, [...bodies], actual, false, out);
  }
  for (const [name, messages] of Object.entries(expected.topics ?? {})) {
    const actual = read('topics', name, () => world.published(name).map((message) => bodyValue(message['Message'], messages)));
    if (actual !== undefined) compareWorld(`world.topics.${name}`, [...messages], actual, false, out);
  }
  for (const [name, items] of Object.entries(expected.tables ?? {})) {
    const actual = read('tables', name, () => world.items(name));
    if (actual !== undefined) compareWorld(`world.tables.${name}`, [...items], actual, true, out);
  }
  if (expected.snapshot !== undefined) compareWorld('world.snapshot', expected.snapshot, world.snapshot() as unknown as JsonValue, true, out);
}

/** A message body as text, or as its JSON value when the test wrote the bodies as values. */
function bodyValue(body: JsonValue | undefined, expected: readonly JsonValue[]): JsonValue {
  if (typeof body !== 'string') return body ?? null;
  if (expected.every((item) => typeof item === 'string')) return body;
  try {
    return JSON.parse(body) as JsonValue;
  } catch {
    return body;
  }
}

function compareWorld(expectation: string, expected: JsonValue, actual: JsonValue, partial: boolean, out: CaseFailure[]): void {
  const differences = diffJson(expected, actual, partial);
  if (differences.length > 0) out.push({ expectation, message: `${expectation} differs: ${differences.map(describeDifference).join('; ')}`, differences });
}
