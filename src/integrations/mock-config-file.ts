// A whole Step Functions Local MockConfigFile: {"StateMachines": {name: {"TestCases": {case: {state:
// responseName}}}}, "MockedResponses": {responseName: {"0": {"Return"|"Throw"}}}}. One test case of
// one state machine is picked and resolved to the per-state responses the mock decorator plays.
// Every problem is a MockConfigError whose message names the place and, where a name is unknown,
// the names that exist.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { checkStateMocks, MockConfigError, type StateMocks } from './mock-config.js';

/** The `mockConfig` option: a MockConfigFile (parsed JSON) and the test case to run under. */
export interface MockConfigFileOption {
  /** The MockConfigFile's content, e.g. JSON.parse(readFileSync('MockConfigFile.json', 'utf8')). */
  readonly config: JsonValue;
  /** The test case, a key of the state machine's TestCases. */
  readonly testCase: string;
  /**
   * The key of StateMachines to use. Default: the machine's `name` when the file has that entry,
   * else the file's only state machine.
   */
  readonly stateMachineName?: string;
}

/** True when a value looks like a MockConfigFile rather than the inline state → responses form. */
export function isMockConfigFile(value: JsonValue): boolean {
  return isJsonObject(value) && ('StateMachines' in value || 'MockedResponses' in value);
}

/** Resolves the test case to its mocked states, checking the whole file on the way. */
export function resolveMockConfigFile(option: MockConfigFileOption, machineName?: string): ReadonlyMap<string, StateMocks> {
  const file = option.config;
  if (!isJsonObject(file)) throw new MockConfigError('a MockConfigFile must be an object with "StateMachines" and "MockedResponses"');
  const machines = objectField(file, 'StateMachines', 'the MockConfigFile');
  const responses = objectField(file, 'MockedResponses', 'the MockConfigFile');
  const checked = new Map<string, StateMocks>();
  for (const [name, value] of Object.entries(responses)) checked.set(name, checkStateMocks(value, `MockedResponses "${name}"`));

  const machineKey = pickMachine(machines, option.stateMachineName, machineName);
  const machine = machines[machineKey];
  const testCases = objectField(isJsonObject(machine) ? machine : {}, 'TestCases', `StateMachines "${machineKey}"`);
  const testCase = testCases[option.testCase];
  if (testCase === undefined) {
    throw new MockConfigError(`StateMachines "${machineKey}" has no test case "${option.testCase}"; its test cases: ${list(Object.keys(testCases))}`);
  }
  if (!isJsonObject(testCase)) throw new MockConfigError(`test case "${option.testCase}" must be an object of state name → MockedResponses name`);
  const states = new Map<string, StateMocks>();
  for (const [state, responseName] of Object.entries(testCase)) {
    if (typeof responseName !== 'string') throw new MockConfigError(`test case "${option.testCase}", state "${state}": the value must name one of MockedResponses`);
    const mocks = checked.get(responseName);
    if (mocks === undefined) {
      throw new MockConfigError(`test case "${option.testCase}", state "${state}": MockedResponses has no "${responseName}"; it has ${list([...checked.keys()])}`);
    }
    states.set(state, mocks);
  }
  return states;
}

function pickMachine(machines: JsonObject, wanted: string | undefined, machineName: string | undefined): string {
  const names = Object.keys(machines);
  if (wanted !== undefined) {
    if (!(wanted in machines)) throw new MockConfigError(`StateMachines has no "${wanted}"; it has ${list(names)}`);
    return wanted;
  }
  if (machineName !== undefined && machineName in machines) return machineName;
  const only = names.length === 1 ? names[0] : undefined;
  if (only !== undefined) return only;
  throw new MockConfigError(`the MockConfigFile describes ${names.length === 0 ? 'no state machine' : `several state machines (${list(names)})`}; name one (stateMachineName, or --state-machine-name)`);
}

function objectField(parent: JsonObject, key: string, where: string): JsonObject {
  const value = parent[key];
  if (!isJsonObject(value)) throw new MockConfigError(`${where} needs "${key}" as an object`);
  return value;
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((n) => `"${n}"`).join(', ');
}
