// `asl run --mock-config FILE --test-case NAME [--state-machine-name NAME]`: a Step Functions Local
// MockConfigFile or the inline mocks form, mocked and real states in one run, and every problem
// with the file reported before the run with exit code 3.
import { describe, expect, it } from 'vitest';
import { aslRun, machine } from '../support/run-cli.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
const CHARGE = machine({
  Charge: { Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['Card.Declined'], IntervalSeconds: 30, MaxAttempts: 2 }], ResultPath: '$.charge', Next: 'Receipt' },
  Receipt: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:receipt', ResultPath: '$.receipt', End: true },
});
const CONFIG = JSON.stringify({
  StateMachines: {
    Checkout: {
      TestCases: {
        HappyPath: { Charge: 'ChargeOk', Receipt: 'ReceiptOk' },
        DeclinedOnce: { Charge: 'DeclinedThenOk' },
      },
    },
  },
  MockedResponses: {
    ChargeOk: { '0': { Return: { StatusCode: 200, Payload: { chargeId: 'ch-1' } } } },
    DeclinedThenOk: { '0': { Throw: { Error: 'Card.Declined', Cause: 'try again' } }, '1': { Return: { chargeId: 'ch-2' } } },
    ReceiptOk: { '0': { Return: { sent: true } } },
  },
});
const RECEIPT_MODULE = 'test/fixtures/lambdas/handler-only.mjs';

describe('asl run --mock-config', () => {
  it('runs under a test case of a MockConfigFile', async () => {
    const run = await aslRun(['m.json', '--fast', '--mock-config', 'mocks.json', '--test-case', 'HappyPath'], { 'm.json': CHARGE, 'mocks.json': CONFIG });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ charge: { chargeId: 'ch-1' }, receipt: { sent: true } });
  });

  it('calls the real integration for the states the test case does not mock', async () => {
    const run = await aslRun(
      ['m.json', '--fast', '--input-json', '{"order": 7}', '--mock-config', 'mocks.json', '--test-case', 'DeclinedOnce', '--state-machine-name', 'Checkout', '--lambda', `receipt=${RECEIPT_MODULE}`],
      { 'm.json': CHARGE, 'mocks.json': CONFIG },
    );
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(output['charge']).toEqual({ chargeId: 'ch-2' });
    // The handler answers {handled: its input}: the state's input at that point.
    expect(output['receipt']).toEqual({ handled: { order: 7, charge: { chargeId: 'ch-2' } } });
  });

  it('takes the inline form (state → responses) without a test case', async () => {
    const inline = JSON.stringify({ Charge: { '0': { Return: 'c' } }, Receipt: { '0': { Return: 'r' } } });
    const run = await aslRun(['m.json', '--mock-config', 'inline.json'], { 'm.json': CHARGE, 'inline.json': inline });
    expect(JSON.parse(run.stdout)).toEqual({ charge: 'c', receipt: 'r' });
  });

  it('fails the execution when a mocked state runs out of responses', async () => {
    const inline = JSON.stringify({ Charge: { '0': { Throw: { Error: 'Card.Declined' } } } });
    const run = await aslRun(['m.json', '--fast', '--mock-config', 'inline.json'], { 'm.json': CHARGE, 'inline.json': inline });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('asl: execution FAILED: States.Runtime:');
    expect(run.stderr).toContain('this is invocation 1.');
  });
});

describe('asl run --mock-config: problems with the file (exit 3)', () => {
  const files = { 'm.json': CHARGE, 'mocks.json': CONFIG };

  it.each([
    [['--mock-config', 'mocks.json', '--test-case', 'SadPath'], 'mocks.json: StateMachines "Checkout" has no test case "SadPath"; its test cases: "HappyPath", "DeclinedOnce"\n'],
    [['--mock-config', 'mocks.json'], 'mocks.json: is a Step Functions Local MockConfigFile: choose a test case with --test-case NAME (test cases by state machine: Checkout: HappyPath, DeclinedOnce)\n'],
    [['--mock-config', 'mocks.json', '--test-case', 'HappyPath', '--state-machine-name', 'Shop'], 'mocks.json: StateMachines has no "Shop"; it has "Checkout"\n'],
    [['--test-case', 'HappyPath'], '--test-case: only applies with --mock-config FILE\n'],
    [['--mock-config', 'missing.json'], 'missing.json: cannot read: ENOENT: no such file or directory\n'],
  ])('%j', async (args, stderr) => {
    const run = await aslRun(['m.json', ...args], files);
    expect(run).toMatchObject({ code: 3, stdout: '', stderr });
  });

  it('names the place of a bad response and of bad JSON', async () => {
    const badRange = JSON.stringify({ Charge: { '1': { Return: 1 } } });
    expect((await aslRun(['m.json', '--mock-config', 'bad.json'], { ...files, 'bad.json': badRange })).stderr).toBe(
      'bad.json: mocks for "Charge": no response for invocation 0; responses must be numbered from 0 without gaps\n',
    );
    const notJson = await aslRun(['m.json', '--mock-config', 'bad.json'], { ...files, 'bad.json': '{"Charge": ' });
    expect(notJson.code).toBe(3);
    expect(notJson.stderr).toMatch(/^bad\.json:1:\d+: invalid JSON input: /);
  });

  it('reports it as one JSON line with --json', async () => {
    const run = await aslRun(['m.json', '--json', '--mock-config', 'mocks.json', '--test-case', 'Nope'], files);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stderr)).toEqual({ file: 'mocks.json', error: 'StateMachines "Checkout" has no test case "Nope"; its test cases: "HappyPath", "DeclinedOnce"' });
  });
});
