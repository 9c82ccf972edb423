// The two ways a state machine is given mocks — the inline `mocks` option and a Step Functions
// Local MockConfigFile with a test case (`mockConfig`) — checked once when the machine is built and
// reduced to one thing: the mocked states' responses, which every execution's decorator plays.
import type { CompiledScope, CompiledState } from '../definition/compiled.js';
import { compileMocks, type MockConfig, MockConfigError, type StateMocks } from '../integrations/mock-config.js';
import { type MockConfigFileOption, resolveMockConfigFile } from '../integrations/mock-config-file.js';

export interface MockOptions {
  readonly mocks?: MockConfig | undefined;
  readonly mockConfig?: MockConfigFileOption | undefined;
}

export interface CompiledMocks {
  readonly states: ReadonlyMap<string, StateMocks>;
  /** Where they came from, for messages: 'test case "HappyPath"' or 'the mocks option'. */
  readonly source: string;
}

/**
 * Checks the mock options against the machine (throwing MockConfigError): every mocked state must
 * be a Task of the definition, since a misspelt name would otherwise call the real service.
 * Undefined when nothing is mocked.
 */
export function compileMockOptions(options: MockOptions, machineName: string | undefined, root: CompiledScope): CompiledMocks | undefined {
  if (options.mocks !== undefined && options.mockConfig !== undefined) {
    throw new MockConfigError('give either mocks (state → responses) or mockConfig (a MockConfigFile and a test case), not both');
  }
  let compiled: CompiledMocks | undefined;
  if (options.mockConfig !== undefined) {
    compiled = { states: resolveMockConfigFile(options.mockConfig, machineName), source: `test case "${options.mockConfig.testCase}"` };
  } else if (options.mocks !== undefined) {
    compiled = { states: compileMocks(options.mocks), source: 'the mocks option' };
  }
  if (compiled !== undefined) checkStatesExist(compiled, root);
  return compiled;
}

function checkStatesExist({ states, source }: CompiledMocks, root: CompiledScope): void {
  const all = new Map<string, CompiledState>();
  collectStates(root, all);
  for (const name of states.keys()) {
    const state = all.get(name);
    if (state?.type === 'Task') continue;
    if (state !== undefined) throw new MockConfigError(`${source} mocks "${name}", a ${state.type} state; only Task states call a service`);
    const tasks = [...all.values()].filter((s) => s.type === 'Task').map((s) => `"${s.name}"`);
    throw new MockConfigError(`${source} mocks "${name}", which is not a state of the definition; its Task states: ${tasks.join(', ') || '(none)'}`);
  }
}

function collectStates(scope: CompiledScope, into: Map<string, CompiledState>): void {
  for (const [name, state] of scope.states) {
    into.set(name, state);
    if (state.type === 'Parallel') for (const branch of state.branches) collectStates(branch, into);
    if (state.type === 'Map') collectStates(state.processor, into);
  }
}
