// Mocked task responses in the Step Functions Local format (ARCHITECTURE.md 1.10): responses keyed
// by invocation index ("0", "1-2"), each a Return or a Throw {Error, Cause}. This is the inline form
// (a state name straight to its responses, as the conformance cases and the `mocks` option write
// it); a whole MockConfigFile resolves to it through mock-config-file.ts.
import { isJsonObject, type JsonValue } from '../core/json.js';

export type MockResponse = { readonly Return: JsonValue } | { readonly Throw: { readonly Error: string; readonly Cause?: string } };

/** State name → invocation index or range ("0", "1-2") → response. */
export type MockConfig = Readonly<Record<string, Readonly<Record<string, MockResponse>>>>;

/** A mock configuration that cannot be used: the message says where and why. */
export class MockConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MockConfigError';
  }
}

/** One range of invocations (inclusive, 0-based) and the response they get. */
export interface MockRange {
  readonly from: number;
  readonly to: number;
  readonly response: MockResponse;
}

/** A state's responses checked and ordered by invocation. */
export interface StateMocks {
  readonly ranges: readonly MockRange[];
  /** Where the responses came from, for messages: `mocked response "X"` or `mocks for "State"`. */
  readonly label: string;
}

/** The invocation index forms Step Functions Local accepts: "3" or an inclusive range "1-2". */
const INDEX = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/;

/**
 * Checks one state's invocation-indexed responses: each key an index or range, each response a
 * Return or a Throw with a string Error, no index answered twice and none skipped from 0 on — Step
 * Functions Local wants a response for every invocation, and a gap is always a typo.
 */
export function checkStateMocks(value: JsonValue | undefined, label: string): StateMocks {
  if (!isJsonObject(value)) throw new MockConfigError(`${label} must be an object of invocation index ("0", "1-2") → {"Return": ...} or {"Throw": ...}`);
  const ranges: MockRange[] = [];
  for (const [key, response] of Object.entries(value)) {
    const match = INDEX.exec(key);
    const from = match ? Number(match[1]) : NaN;
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
      throw new MockConfigError(`${label}: "${key}" is not an invocation index such as "0" or an inclusive range such as "1-2"`);
    }
    ranges.push({ from, to, response: checkResponse(response, `${label} "${key}"`) });
  }
  ranges.sort((a, b) => a.from - b.from);
  let next = 0;
  for (const range of ranges) {
    if (range.from < next) throw new MockConfigError(`${label}: invocation ${range.from} has more than one response`);
    if (range.from > next) throw new MockConfigError(`${label}: no response for invocation ${next}; responses must be numbered from 0 without gaps`);
    next = range.to + 1;
  }
  if (ranges.length === 0) throw new MockConfigError(`${label} has no responses`);
  return { ranges, label };
}

function checkResponse(value: JsonValue | undefined, where: string): MockResponse {
  const shape = `a response is {"Return": value} or {"Throw": {"Error": "...", "Cause": "..."}}`;
  if (!isJsonObject(value) || ('Return' in value) === ('Throw' in value)) throw new MockConfigError(`${where}: ${shape}`);
  const thrown = value['Throw'];
  if (thrown === undefined) return { Return: value['Return'] ?? null };
  const error = isJsonObject(thrown) ? thrown['Error'] : undefined;
  const cause = isJsonObject(thrown) ? thrown['Cause'] : undefined;
  if (typeof error !== 'string' || (cause !== undefined && typeof cause !== 'string')) throw new MockConfigError(`${where}: ${shape}, with string Error and Cause`);
  return { Throw: cause === undefined ? { Error: error } : { Error: error, Cause: cause } };
}

/** Checks the inline form and returns each mocked state's ordered responses. */
export function compileMocks(config: MockConfig): ReadonlyMap<string, StateMocks> {
  const value = config as JsonValue;
  if (!isJsonObject(value)) throw new MockConfigError('mocks must be an object of state name → invocation index → response');
  const states = new Map<string, StateMocks>();
  for (const [state, responses] of Object.entries(value)) states.set(state, checkStateMocks(responses, `mocks for "${state}"`));
  return states;
}

/** The response for a state's n-th invocation (0-based), or undefined past the last one. */
export function responseFor(mocks: StateMocks, invocation: number): MockResponse | undefined {
  for (const range of mocks.ranges) if (invocation >= range.from && invocation <= range.to) return range.response;
  return undefined;
}
