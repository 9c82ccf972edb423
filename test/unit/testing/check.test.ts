// checkMachine and the built-in properties on asl-examples/order-workflow: which hold, which fail,
// and that a failure replays from its seed and path.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import {
  alwaysEndsIn,
  checkMachine,
  everyCatchReachable,
  neverFailsUnhandled,
  outputSatisfies,
  PropertyFailure,
  suiteCoverage,
  taskOutcomes,
} from '../../../src/testing/index.js';
import type { MockConfig } from '../../../src/index.js';
import { rejectionOf } from '../../support/rejection.js';

const example = 'asl-examples/order-workflow';
const definition = JSON.parse(readFileSync(`${example}/definition.asl.json`, 'utf8')) as JsonValue;
const mocks = JSON.parse(readFileSync(`${example}/mocks.json`, 'utf8')) as MockConfig;
const input = fc.record({ orderId: fc.string({ maxLength: 6 }), items: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), total: fc.nat(500) });
// The topic NotifyCustomer publishes to, in the local world each check starts with.
const worldSeed = { sns: { topics: [{ Name: 'order-updates' }] } };
// Faults on the Lambda Tasks only: NotifyCustomer (SNS) runs for real in the local world.
const lambdaFaults = taskOutcomes(definition, { mocks, states: ['ReserveStock', 'ChargeCard'], maxDelayMs: 200 });

const failureOf = (work: Promise<unknown>): Promise<PropertyFailure> => rejectionOf(work, PropertyFailure);

describe('checkMachine', () => {
  it('holds when every Lambda fault is caught and the SNS notice is real', async () => {
    const properties = [neverFailsUnhandled(), alwaysEndsIn(['OrderConfirmed', 'OrderFailed'])];
    const summary = await checkMachine(definition, { input, worldSeed, outcomes: lambdaFaults, property: properties, runs: 120, seed: 5 });
    expect(summary).toEqual({ runs: 120, seed: 5 });
  });

  it('finds that NotifyCustomer has no Catch once its faults are injected too', async () => {
    const failure = await failureOf(checkMachine(definition, { input, worldSeed, outcomes: taskOutcomes(definition, { mocks }), property: neverFailsUnhandled(), runs: 300, seed: 9 }));
    expect(failure.message).toContain('FAILED with States.');
    expect(failure.message).toContain('in NotifyCustomer (Task), which has no Catch for it');
    expect(failure.counterexample?.path.at(-1)).toBe('NotifyCustomer');
    expect(failure.message).toMatch(/NotifyCustomer invocation #1 throws States\.(TaskFailed|Timeout)/);
  });

  it('replays the same counterexample from the reported seed and path', async () => {
    const options = { input, worldSeed, outcomes: taskOutcomes(definition, { mocks, maxDelayMs: 200 }), property: neverFailsUnhandled(), runs: 300 } as const;
    const first = await failureOf(checkMachine(definition, { ...options, seed: 11 }));
    const replayed = await failureOf(checkMachine(definition, { ...options, seed: first.seed, path: first.path ?? '' }));
    expect(replayed.counterexample?.trace).toEqual(first.counterexample?.trace);
    expect(replayed.counterexample?.input).toEqual(first.counterexample?.input);
    expect(replayed.message.split('\n').slice(1)).toEqual(first.message.split('\n').slice(1));
  });

  it('alwaysEndsIn names the state an execution ended in', async () => {
    const failure = await failureOf(checkMachine(definition, { input, worldSeed, outcomes: lambdaFaults, property: alwaysEndsIn(['OrderConfirmed']), runs: 200, seed: 2 }));
    expect(failure.message).toContain('the execution ended FAILED in OrderFailed, not in OrderConfirmed');
    expect(failure.message).toContain('enter NotifyCustomer (Task)');
  });

  it('outputSatisfies checks succeeded outputs against a schema or a predicate', async () => {
    const schema = { type: 'object', required: ['orderId', 'status', 'chargeId'], properties: { status: { const: 'CONFIRMED' } } };
    await checkMachine(definition, { input, worldSeed, outcomes: lambdaFaults, property: outputSatisfies(schema), runs: 100, seed: 3 });
    const failure = await failureOf(
      checkMachine(definition, { input, worldSeed, outcomes: lambdaFaults, property: outputSatisfies((output) => (JSON.stringify(output).includes('"orderId":""') ? 'empty order id' : true)), runs: 300, seed: 3 }),
    );
    expect(failure.message).toContain(': empty order id.');
    expect(failure.message).toContain('input: {"orderId":"","items":[],"total":0}');
  });

  it('everyCatchReachable fails without faults and holds with them', async () => {
    const failure = await failureOf(checkMachine(definition, { input, worldSeed, mocks, property: everyCatchReachable(), runs: 20, seed: 1 }));
    expect(failure.message).toContain('property everyCatchReachable failed over 20 run(s)');
    expect(failure.message).toContain('/States/ReserveStock/Catch/0');
    expect(failure.message).toContain('/States/ChargeCard/Catch/0');
    await checkMachine(definition, { input, worldSeed, outcomes: lambdaFaults, property: everyCatchReachable(), runs: 100, seed: 1 });
  });

  it('suiteCoverage accumulates the catchers taken across checks', async () => {
    const coverage = suiteCoverage(definition);
    const onlyCharge = taskOutcomes(definition, { mocks, states: ['ChargeCard'] });
    await checkMachine(definition, { input, worldSeed, outcomes: onlyCharge, property: neverFailsUnhandled(), runs: 100, seed: 4, coverage });
    expect(coverage.uncovered('catch')).toHaveLength(2);
    expect(coverage.uncovered('catch').join('\n')).toContain('/States/ReserveStock/Catch/0');
    await checkMachine(definition, { input, worldSeed, outcomes: lambdaFaults, property: neverFailsUnhandled(), runs: 100, seed: 4, coverage });
    expect(coverage.uncovered('catch')).toEqual([]);
  });

  it('gives every run a fresh world, so no run sees what an earlier one left', async () => {
    const enqueue: JsonValue = {
      StartAt: 'Enqueue',
      States: { Enqueue: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', 'MessageBody.$': '$' }, End: true } },
    };
    const oneMessage = outputSatisfies((_output, run) => run.world.messages('jobs').length === 1 || `${run.world.messages('jobs').length} messages`);
    const summary = await checkMachine(enqueue, { input: fc.string(), worldSeed: { sqs: { queues: [{ QueueName: 'jobs' }] } }, property: oneMessage, runs: 30, seed: 8 });
    expect(summary.runs).toBe(30);
  });
});
