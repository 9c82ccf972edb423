// `asl run --mock-config FILE [--test-case NAME] [--state-machine-name NAME]`: reads the file and
// turns it into the library's mock options. The file is either a Step Functions Local
// MockConfigFile (then --test-case picks the test case) or the inline form the `mocks` option and
// asl-examples/*/mocks.json use (state → invocation index → response).
import { isMockConfigFile } from '../index.js';
import type { JsonObject, JsonValue, StateMachineOptions } from '../index.js';
import type { Io } from './io.js';
import { renderProblem } from './render.js';
import { type Loaded, readJsonFile } from './run-sources.js';

export interface MockSource {
  readonly mockConfig?: string | undefined;
  readonly testCase?: string | undefined;
  readonly stateMachineName?: string | undefined;
}

export type MockOptions = Pick<StateMachineOptions, 'mocks' | 'mockConfig'>;

export async function loadMocks(source: MockSource, io: Io, json: boolean): Promise<Loaded<MockOptions>> {
  const file = source.mockConfig;
  if (file === undefined) {
    const stray = source.testCase !== undefined ? '--test-case' : source.stateMachineName !== undefined ? '--state-machine-name' : undefined;
    return stray === undefined ? { ok: true, value: {} } : problem(stray, 'only applies with --mock-config FILE', json);
  }
  const parsed = await readJsonFile(file, io, json);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  if (!isMockConfigFile(config)) {
    if (source.testCase !== undefined || source.stateMachineName !== undefined) {
      return problem(file, 'maps state names to responses (the inline form), so it has no test cases; --test-case and --state-machine-name apply to a MockConfigFile ({"StateMachines", "MockedResponses"})', json);
    }
    // The library checks the shape and reports a MockConfigError, which `asl run` names the file for.
    return { ok: true, value: { mocks: config as NonNullable<StateMachineOptions['mocks']> } };
  }
  if (source.testCase === undefined) {
    return problem(file, `is a Step Functions Local MockConfigFile: choose a test case with --test-case NAME (${testCaseList(config)})`, json);
  }
  const { testCase, stateMachineName } = source;
  return { ok: true, value: { mockConfig: { config, testCase, ...(stateMachineName === undefined ? {} : { stateMachineName }) } } };
}

/** "Orders: HappyPath, RetryPath; Billing: Monthly", or a note that there are none. */
function testCaseList(config: JsonValue): string {
  const machines = isJsonObject(config) ? config['StateMachines'] : undefined;
  const parts: string[] = [];
  for (const [name, machine] of Object.entries(isJsonObject(machines) ? machines : {})) {
    const cases = isJsonObject(machine) ? machine['TestCases'] : undefined;
    parts.push(`${name}: ${Object.keys(isJsonObject(cases) ? cases : {}).join(', ') || '(none)'}`);
  }
  return parts.length === 0 ? 'it describes no state machine' : `test cases by state machine: ${parts.join('; ')}`;
}

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(subject: string, message: string, json: boolean): Loaded<never> {
  return { ok: false, message: renderProblem(subject, message, json) };
}
