// The execution probe itself: what it hears, in order; that listening changes nothing about a run;
// JSONata Choice rules, legacy Iterator and escaped pointers; a probe that throws.
import { describe, expect, it } from 'vitest';
import { createStateMachine, type JsonValue, type MockConfig, VirtualClock } from '../../../src/index.js';
import { createCoverage, type ProbeEvent } from '../../../src/testing/index.js';
import { fail, ok, runOrder } from './coverage-fixture.js';

describe('execution probe', () => {
  it('hears entries, transitions, the Choice rule and the retrier, in run order', async () => {
    const events: ProbeEvent[] = [];
    const { result } = await runOrder({ kind: 'single' }, { Charge: { '0': fail('Throttled'), '1': ok('paid') } }, (event) => events.push(event));
    expect(result.status).toBe('SUCCEEDED');
    expect(events).toEqual([
      { kind: 'state', pointer: '/States/Route', name: 'Route', type: 'Choice' },
      { kind: 'choice', pointer: '/States/Route', rule: 0 },
      { kind: 'transition', from: '/States/Route', to: '/States/Charge' },
      { kind: 'state', pointer: '/States/Charge', name: 'Charge', type: 'Task' },
      { kind: 'retry', pointer: '/States/Charge', retrier: 0, retried: true },
      { kind: 'transition', from: '/States/Charge', to: '/States/Done' },
      { kind: 'state', pointer: '/States/Done', name: 'Done', type: 'Succeed' },
    ]);
  });

  it('reports a spent retrier as not retried, then the catcher that caught', async () => {
    const events: ProbeEvent[] = [];
    await runOrder({ kind: 'single' }, { Charge: { '0-2': fail('Throttled') } }, (event) => events.push(event));
    expect(events.filter((event) => event.kind === 'retry' || event.kind === 'catch')).toEqual([
      { kind: 'retry', pointer: '/States/Charge', retrier: 0, retried: true },
      { kind: 'retry', pointer: '/States/Charge', retrier: 0, retried: true },
      { kind: 'retry', pointer: '/States/Charge', retrier: 0, retried: false },
      { kind: 'catch', pointer: '/States/Charge', catcher: 1 },
    ]);
  });

  it('changes nothing about the run: same result and history with and without a probe', async () => {
    const cases: ReadonlyArray<readonly [JsonValue, MockConfig]> = [
      [{ kind: 'single' }, { Charge: { '0': fail('Throttled'), '1': fail('Declined') } }],
      [{ kind: 'batch', items: [1, 50, 2] }, {}],
      [{ kind: 'both' }, {}],
    ];
    for (const [input, mocks] of cases) {
      const plain = await runOrder(input, mocks);
      const probed = await runOrder(input, mocks, () => undefined);
      expect(probed.result).toEqual(plain.result);
      expect(probed.history).toEqual(plain.history);
      expect(plain.history.length).toBeGreaterThan(5);
    }
  });

  it('names the matched JSONata Condition by index, and Default when none matched', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Pick',
      States: {
        Pick: {
          Type: 'Choice',
          Choices: [
            { Condition: '{% $states.input.n < 0 %}', Next: 'Done' },
            { Condition: '{% $states.input.n > 100 %}', Next: 'Done' },
          ],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const coverage = createCoverage(definition);
    const machine = createStateMachine(definition, { clock: new VirtualClock({ autoAdvance: true }), probe: coverage.probe });
    for (const n of [500, 7]) expect((await machine.start({ n }).result).status).toBe('SUCCEEDED');
    expect(coverage.uncovered('choiceRules').map((item) => item.label)).toEqual(['Pick: $states.input.n < 0 -> Done']);
    // Three rules lead to Done: one transition.
    expect(coverage.report().transitions).toMatchObject({ covered: 1, total: 1 });
  });

  it('names the JSONPath rule that matched before its own Assign changed the variable it reads', async () => {
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { x: 1 }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [
            { Variable: '$x', NumericEquals: 1, Assign: { x: 2 }, Next: 'Done' },
            { Variable: '$x', NumericEquals: 2, Next: 'Done' },
          ],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const events: ProbeEvent[] = [];
    const machine = createStateMachine(definition, { clock: new VirtualClock({ autoAdvance: true }), probe: (event) => events.push(event) });
    expect((await machine.start({}).result).status).toBe('SUCCEEDED');
    expect(events.filter((event) => event.kind === 'choice')).toEqual([{ kind: 'choice', pointer: '/States/Check', rule: 0 }]);
  });

  it('spells pointers as the definition does: legacy Iterator, escaped "/" and "~" in names', async () => {
    const definition = {
      StartAt: 'a/b',
      States: {
        'a/b': { Type: 'Map', Iterator: { StartAt: 'x~y', States: { 'x~y': { Type: 'Pass', End: true } } }, End: true },
      },
    };
    const coverage = createCoverage(definition);
    const pointers: string[] = [];
    const machine = createStateMachine(definition, {
      clock: new VirtualClock({ autoAdvance: true }),
      probe: (event) => {
        coverage.probe(event);
        if (event.kind === 'state') pointers.push(event.pointer);
      },
    });
    await machine.start([1]).result;
    expect(pointers).toEqual(['/States/a~1b', '/States/a~1b/Iterator/States/x~0y']);
    expect(coverage.report().states).toMatchObject({ covered: 2, total: 2 });
  });

  it('detaches a probe that throws, warns once, and lets the execution finish', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }): void => {
      if (warning.code === 'ASL_PROBE_ERROR') warnings.push(warning.message);
    };
    process.on('warning', onWarning);
    try {
      let calls = 0;
      const { result } = await runOrder({ kind: 'batch', items: [1, 2] }, {}, () => {
        calls++;
        throw new Error('probe bug');
      });
      expect(result.status).toBe('SUCCEEDED');
      expect(calls).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual(["An execution probe failed on a 'state' event and was detached: probe bug"]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('does not pass the probe on to the state machines a Task starts', async () => {
    const child = { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } };
    const childArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';
    const parent = {
      StartAt: 'Start',
      States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:startExecution', Parameters: { StateMachineArn: childArn }, End: true } },
    };
    const pointers: string[] = [];
    const machine = createStateMachine(parent, {
      clock: new VirtualClock({ autoAdvance: true }),
      stateMachines: { [childArn]: child },
      probe: (event) => {
        if (event.kind === 'state') pointers.push(event.pointer);
      },
    });
    expect((await machine.start({}).result).status).toBe('SUCCEEDED');
    // Let the child run to its end too.
    await new Promise((resolve) => setImmediate(resolve));
    expect(pointers).toEqual(['/States/Start']);
  });
});
