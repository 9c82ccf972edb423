// taskOutcomes: the generated schedules only hold outcomes each Task can really see.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { taskOutcomes } from '../../../src/testing/outcomes.js';
import { describeMachine } from '../../../src/testing/task-model.js';

const example = 'asl-examples/order-workflow';
const definition = JSON.parse(readFileSync(`${example}/definition.asl.json`, 'utf8')) as JsonValue;
const mocks = JSON.parse(readFileSync(`${example}/mocks.json`, 'utf8')) as Record<string, Record<string, { Return: JsonValue }>>;

describe('taskOutcomes', () => {
  it('lists, per Task, the errors its Retry/Catch name (not States.ALL) plus TaskFailed and Timeout', () => {
    const model = describeMachine(definition);
    expect(Object.fromEntries(model.tasks.map((task) => [task.name, task.injectableErrors]))).toEqual({
      ReserveStock: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'OutOfStock', 'States.TaskFailed', 'States.Timeout'],
      ChargeCard: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'States.TaskFailed', 'States.Timeout'],
      NotifyCustomer: ['States.TaskFailed', 'States.Timeout'],
    });
  });

  it('generates only legal outcomes, bounded delays and the mocked value as the sample success', () => {
    const model = describeMachine(definition);
    const schedules = fc.sample(taskOutcomes(definition, { mocks, maxDelayMs: 300, maxInvocations: 3 }), { numRuns: 300, seed: 7 });
    const seenErrors = new Set<string>();
    for (const schedule of schedules) {
      expect(Object.keys(schedule).sort()).toEqual(['ChargeCard', 'NotifyCustomer', 'ReserveStock']);
      for (const [state, outcomes] of Object.entries(schedule)) {
        expect(outcomes.length).toBeLessThanOrEqual(3);
        for (const outcome of outcomes) {
          expect(outcome.delayMs).toBeGreaterThanOrEqual(0);
          expect(outcome.delayMs).toBeLessThanOrEqual(300);
          if (outcome.kind === 'throw') {
            expect(model.taskByName.get(state)?.injectableErrors).toContain(outcome.error);
            seenErrors.add(`${state}:${outcome.error}`);
          } else {
            expect(outcome.value).toEqual(mocks[state]?.['0']?.Return ?? mocks[state]?.['1']?.Return ?? {});
          }
        }
      }
    }
    // Every legal error of every Task shows up somewhere in 300 samples.
    expect(seenErrors.size).toBe(11);
  });

  it('takes success values from the caller and restricts faults to the states asked for', () => {
    const arbitrary = taskOutcomes(definition, { states: ['ChargeCard'], results: { ChargeCard: fc.constantFrom({ n: 1 }, { n: 2 }) } });
    for (const schedule of fc.sample(arbitrary, { numRuns: 100, seed: 3 })) {
      expect(Object.keys(schedule)).toEqual(['ChargeCard']);
      for (const outcome of schedule['ChargeCard'] ?? []) {
        if (outcome.kind === 'return') expect([{ n: 1 }, { n: 2 }]).toContainEqual(outcome.value);
        expect(outcome.delayMs).toBe(0);
      }
    }
  });

  it('walks Tasks inside Parallel branches and Map iterations', () => {
    const nested: JsonValue = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Retry: [{ ErrorEquals: ['SNS.ThrottledException'] }], End: true } } }],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } },
          End: true,
        },
      },
    };
    const model = describeMachine(nested);
    expect(model.tasks.map((task) => [task.name, task.injectableErrors])).toEqual([
      ['Left', ['SNS.ThrottledException', 'States.TaskFailed', 'States.Timeout']],
      ['Item', ['States.TaskFailed', 'States.Timeout']],
    ]);
    expect([...model.topLevel]).toEqual(['Fan', 'Each']);
  });
});
