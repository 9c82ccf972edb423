// The Step Functions Local mock formats: the inline state → responses form and the whole
// MockConfigFile, checked with messages that say where the problem is and what would be valid.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { compileMocks, type MockConfig, MockConfigError, responseFor, type StateMocks } from '../../../src/integrations/mock-config.js';
import { isMockConfigFile, resolveMockConfigFile } from '../../../src/integrations/mock-config-file.js';

const ok = (value: JsonValue): { Return: JsonValue } => ({ Return: value });
const boom = { Throw: { Error: 'Boom', Cause: 'it broke' } };

function stateMocks(config: JsonValue, state: string): StateMocks {
  const found = compileMocks(config as MockConfig).get(state);
  if (found === undefined) throw new Error(`no mocks for ${state}`);
  return found;
}

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof MockConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a MockConfigError');
}

describe('inline mocks', () => {
  it('answers single indexes and inclusive ranges, and nothing past the last one', () => {
    const mocks = stateMocks({ Charge: { '0': boom, '1-3': ok('retry'), '4': ok('last') } }, 'Charge');
    expect([0, 1, 2, 3, 4, 5].map((n) => responseFor(mocks, n))).toEqual([boom, ok('retry'), ok('retry'), ok('retry'), ok('last'), undefined]);
  });

  it('orders ranges by index whatever the key order, and accepts spaces around the dash', () => {
    const mocks = stateMocks({ S: { '2 - 3': ok('b'), '0-1': ok('a') } }, 'S');
    expect(mocks.ranges.map((r) => [r.from, r.to])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it.each([
    [{ S: { first: ok(1) } }, 'mocks for "S": "first" is not an invocation index'],
    [{ S: { '3-1': ok(1) } }, '"3-1" is not an invocation index'],
    [{ S: { '0': ok(1), '2': ok(2) } }, 'no response for invocation 1; responses must be numbered from 0 without gaps'],
    [{ S: { '1': ok(1) } }, 'no response for invocation 0'],
    [{ S: { '0-2': ok(1), '2': ok(2) } }, 'invocation 2 has more than one response'],
    [{ S: { '0': { Return: 1, Throw: { Error: 'E' } } } }, 'mocks for "S" "0": a response is {"Return": value} or {"Throw"'],
    [{ S: { '0': {} } }, 'a response is {"Return": value}'],
    [{ S: { '0': { Throw: { Cause: 'no name' } } } }, 'with string Error and Cause'],
    [{ S: {} }, 'mocks for "S" has no responses'],
    [{ S: [] }, 'mocks for "S" must be an object of invocation index'],
  ])('rejects %j', (config, message) => {
    expect(problem(() => compileMocks(config as unknown as MockConfig))).toContain(message);
  });

  it('keeps a Throw without a Cause as it is', () => {
    expect(responseFor(stateMocks({ S: { '0': { Throw: { Error: 'E' } } } }, 'S'), 0)).toEqual({ Throw: { Error: 'E' } });
  });
});

const file = {
  StateMachines: {
    Orders: {
      TestCases: {
        HappyPath: { Charge: 'ChargeOk', Notify: 'NotifyOk' },
        RetryPath: { Charge: 'ChargeFlaky' },
      },
    },
    Billing: { TestCases: { Monthly: { Invoice: 'ChargeOk' } } },
  },
  MockedResponses: {
    ChargeOk: { '0': ok({ id: 'c-1' }) },
    ChargeFlaky: { '0-1': boom, '2': ok({ id: 'c-2' }) },
    NotifyOk: { '0': ok({ MessageId: 'm-1' }) },
  },
};

describe('MockConfigFile', () => {
  it('recognises the file form', () => {
    expect(isMockConfigFile(file)).toBe(true);
    expect(isMockConfigFile({ Charge: { '0': ok(1) } })).toBe(false);
  });

  it('resolves a test case to the responses each of its states names', () => {
    const states = resolveMockConfigFile({ config: file, testCase: 'RetryPath', stateMachineName: 'Orders' });
    expect([...states.keys()]).toEqual(['Charge']);
    const charge = states.get('Charge');
    expect(charge?.label).toBe('MockedResponses "ChargeFlaky"');
    expect(charge && [0, 1, 2].map((n) => responseFor(charge, n))).toEqual([boom, boom, ok({ id: 'c-2' })]);
  });

  it('picks the state machine by the machine name, or the only one in the file', () => {
    expect([...resolveMockConfigFile({ config: file, testCase: 'Monthly' }, 'Billing').keys()]).toEqual(['Invoice']);
    const single = { ...file, StateMachines: { Orders: file.StateMachines.Orders } };
    expect([...resolveMockConfigFile({ config: single, testCase: 'HappyPath' }, 'SomethingElse').keys()]).toEqual(['Charge', 'Notify']);
  });

  it('names the available test cases when the test case is unknown', () => {
    expect(problem(() => resolveMockConfigFile({ config: file, testCase: 'SadPath', stateMachineName: 'Orders' }))).toBe(
      'StateMachines "Orders" has no test case "SadPath"; its test cases: "HappyPath", "RetryPath"',
    );
  });

  it('names the state machines when the name is unknown or not given among several', () => {
    expect(problem(() => resolveMockConfigFile({ config: file, testCase: 'HappyPath', stateMachineName: 'Nope' }))).toBe(
      'StateMachines has no "Nope"; it has "Orders", "Billing"',
    );
    expect(problem(() => resolveMockConfigFile({ config: file, testCase: 'HappyPath' }))).toContain('several state machines ("Orders", "Billing"); name one');
  });

  it('names the MockedResponses when a test case refers to a missing one', () => {
    const broken = { ...file, StateMachines: { Orders: { TestCases: { HappyPath: { Charge: 'ChargeTypo' } } } } };
    expect(problem(() => resolveMockConfigFile({ config: broken, testCase: 'HappyPath' }))).toBe(
      'test case "HappyPath", state "Charge": MockedResponses has no "ChargeTypo"; it has "ChargeOk", "ChargeFlaky", "NotifyOk"',
    );
  });

  it('checks every mocked response, and the top-level shape', () => {
    const badRange = { ...file, MockedResponses: { ...file.MockedResponses, NotifyOk: { '1': ok(1) } } };
    expect(problem(() => resolveMockConfigFile({ config: badRange, testCase: 'RetryPath', stateMachineName: 'Orders' }))).toContain(
      'MockedResponses "NotifyOk": no response for invocation 0',
    );
    expect(problem(() => resolveMockConfigFile({ config: [], testCase: 'X' }))).toContain('must be an object with "StateMachines" and "MockedResponses"');
    expect(problem(() => resolveMockConfigFile({ config: { StateMachines: {} }, testCase: 'X' }))).toBe('the MockConfigFile needs "MockedResponses" as an object');
    expect(problem(() => resolveMockConfigFile({ config: { StateMachines: { A: {} }, MockedResponses: {} }, testCase: 'X' }))).toBe(
      'StateMachines "A" needs "TestCases" as an object',
    );
  });
});
