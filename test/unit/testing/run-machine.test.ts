// runMachine: one call gives the result, history, path, trace and world, on virtual time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import type { MockConfig } from '../../../src/index.js';
import { formatRun, runMachine } from '../../../src/testing/index.js';

const example = 'asl-examples/order-workflow';
const definition = JSON.parse(readFileSync(`${example}/definition.asl.json`, 'utf8')) as JsonValue;
const mocks = JSON.parse(readFileSync(`${example}/mocks.json`, 'utf8')) as MockConfig;
const input = JSON.parse(readFileSync(`${example}/input.json`, 'utf8')) as JsonValue;
const expected = JSON.parse(readFileSync(`${example}/expected.json`, 'utf8')) as JsonValue;
const worldSeed = { sns: { topics: [{ Name: 'order-updates' }] } };

describe('runMachine', () => {
  it('runs the example with its mocks: result, path and history', async () => {
    const run = await runMachine(definition, input, { mocks });
    expect(run.result).toEqual(expected);
    expect(run.path).toEqual(['ReserveStock', 'ChargeCard', 'OrderConfirmed']);
    expect(run.history[0]?.type).toBe('ExecutionStarted');
    expect(run.history.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('plays faults with delays on virtual time, mixed with mocks and the local world', async () => {
    const run = await runMachine(definition, input, {
      mocks: { ChargeCard: mocks['ChargeCard'] ?? {} },
      worldSeed,
      faults: {
        ReserveStock: [
          { kind: 'throw', error: 'Lambda.ServiceException', delayMs: 500 },
          { kind: 'throw', error: 'OutOfStock', delayMs: 0 },
        ],
      },
    });
    expect(run.path).toEqual(['ReserveStock', 'NotifyCustomer', 'OrderFailed']);
    expect(run.result).toMatchObject({ status: 'FAILED', error: 'OrderFailed' });
    // The retry waits a full-jitter share of 2 s after the 500 ms answer; the trace shows it.
    const second = run.trace.find((step) => step.kind === 'task' && step.invocation === 2);
    expect(second?.atMs).toBeGreaterThanOrEqual(500);
    expect(second?.atMs).toBeLessThanOrEqual(2500);
    const published = run.world.snapshot().sns.topics[0]?.['Published'];
    expect(JSON.stringify(published)).toContain('Order ord-1001 could not be completed: OutOfStock');
    const text = formatRun(run);
    expect(text).toContain('ReserveStock invocation #1 throws Lambda.ServiceException after 500ms');
    expect(text).toContain('ReserveStock invocation #2 throws OutOfStock');
    expect(text).toContain('result: FAILED with OrderFailed: The order could not be reserved or charged');
  });

  it('answers scheduled invocations past the end with the sample value', async () => {
    const run = await runMachine(definition, input, {
      mocks,
      faults: { ReserveStock: [{ kind: 'throw', error: 'Lambda.TooManyRequestsException', delayMs: 0 }] },
    });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(run.trace.filter((step) => step.kind === 'task').map((step) => step.kind === 'task' && step.outcome.kind)).toEqual(['throw', 'return']);
  });

  it('times a slow Task out on virtual time when its delay passes TimeoutSeconds', async () => {
    const slow: JsonValue = { StartAt: 'Slow', States: { Slow: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', TimeoutSeconds: 2, End: true } } };
    const run = await runMachine(slow, {}, { faults: { Slow: [{ kind: 'return', value: { late: true }, delayMs: 60_000 }] } });
    expect(run.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(run.history.at(-1)?.timestamp).toBe((run.history[0]?.timestamp ?? 0) + 2000);
  });
});
