// Mocked task responses in the Step Functions Local format (ARCHITECTURE.md 1.10): responses keyed
// by invocation index ("0", "1-2"), each a Return or a Throw {Error, Cause}. Our form maps a state
// name straight to its responses, as the conformance cases do.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonValue } from '../core/json.js';

export type MockResponse = { readonly Return: JsonValue } | { readonly Throw: { readonly Error: string; readonly Cause?: string } };

/** State name → invocation index or range ("0", "1-2") → response. */
export type MockConfig = Readonly<Record<string, Readonly<Record<string, MockResponse>>>>;

/** Finds the response for a state's n-th invocation (0-based), or undefined when none is mocked. */
export function mockedResponse(config: MockConfig, stateName: string, invocation: number): MockResponse | undefined {
  const responses = config[stateName];
  if (!responses) return undefined;
  for (const [key, response] of Object.entries(responses)) {
    const [from, to] = key.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    if (invocation === from || (to !== undefined && invocation >= from && invocation <= to)) return response;
  }
  return undefined;
}

/** A mocked response as a task outcome: the value, or a thrown AslError. */
export function playMock(response: MockResponse): JsonValue {
  if ('Throw' in response) throw new AslError(response.Throw.Error, response.Throw.Cause);
  return response.Return;
}

/** Checks a mock file's shape; returns a message naming the first problem, or undefined. */
export function mockConfigProblem(value: JsonValue): string | undefined {
  if (!isJsonObject(value)) return 'a mock config must be an object of state name → responses';
  for (const [state, responses] of Object.entries(value)) {
    if (!isJsonObject(responses)) return `mocks for "${state}" must be an object of invocation index → response`;
    for (const [key, response] of Object.entries(responses)) {
      if (!/^\d+(-\d+)?$/.test(key)) return `"${state}": "${key}" is not an invocation index such as "0" or "1-2"`;
      const ok = isJsonObject(response) && (('Return' in response) !== ('Throw' in response)) && (!('Throw' in response) || (isJsonObject(response['Throw']) && typeof response['Throw']['Error'] === 'string'));
      if (!ok) return `"${state}" "${key}": a response is {"Return": value} or {"Throw": {"Error": "...", "Cause": "..."}}`;
    }
  }
  return undefined;
}
