// Each expectation kind of a test case, passing and failing, through runTestFile over in-memory
// files; failures are checked through the human report, so the diff text is what users read.
import { describe, expect, it } from 'vitest';
import { diffJson, renderText, runTestFile, type TestFileResult } from '../../../src/testing/runner/index.js';

const MACHINE = JSON.stringify({
  StartAt: 'Price',
  States: {
    Price: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:price', ResultPath: '$.price', Next: 'Wait' },
    Wait: { Type: 'Wait', Seconds: 3600, Next: 'Fan' },
    Fan: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } }], ResultPath: null, Next: 'Queue' },
    Queue: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', 'MessageBody.$': '$.price' },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Broken' }],
      End: true,
    },
    Broken: { Type: 'Fail', Error: 'Queue.Broken', Cause: 'the jobs queue is missing' },
  },
});
const WORLD = JSON.stringify({ sqs: { queues: [{ QueueName: 'jobs' }] } });
const PRICE = { Price: { '0': { Return: { total: 42, currency: 'EUR' } } } };

async function run(expectation: object, extra: object = {}, world = true): Promise<{ result: TestFileResult; report: string }> {
  const files: Record<string, string> = {
    'tests/m.asl.json': MACHINE,
    'tests/world.json': WORLD,
    'tests/m.asl.test.json': JSON.stringify({
      definition: 'm.asl.json',
      ...(world ? { world: 'world.json' } : {}),
      mocks: PRICE,
      cases: [{ name: 'case', input: { orderId: 'o-1' }, expect: expectation, ...extra }],
    }),
  };
  const readFile = async (path: string): Promise<string> => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: ${path}`);
    return text;
  };
  const result = await runTestFile('tests/m.asl.test.json', { readFile });
  return { result, report: renderText([result]) };
}

function caseLines(report: string): string[] {
  return report.split('\n').slice(1, -3);
}

describe('runTestFile expectations', () => {
  it('passes a case meeting every kind of expectation (an hour-long Wait costs no real time)', async () => {
    const { report } = await run({
      status: 'SUCCEEDED',
      output: { orderId: 'o-1', price: { total: 42, currency: 'EUR' } },
      path: ['Price', 'Wait', 'Fan', 'Queue'],
      world: { queues: { jobs: [{ total: 42, currency: 'EUR' }] }, snapshot: { sqs: { queues: [{ QueueName: 'jobs' }] } } },
    });
    expect(report).toBe('tests/m.asl.test.json\n  ✓ case\n\n1 passed, 0 failed\n');
  });

  it('reports an exact output mismatch with the JSON path of each difference', async () => {
    const { report } = await run({ output: { orderId: 'o-2', price: { total: 42 } } });
    expect(caseLines(report)).toEqual([
      '  ✗ case',
      '      output: output differs',
      '        $.orderId: expected "o-2", got "o-1"',
      '        $.price.currency: not expected, got "EUR"',
    ]);
    expect(report.endsWith('\n0 passed, 1 failed\n')).toBe(true);
  });

  it('outputContains ignores extra members but not differing or missing ones', async () => {
    expect((await run({ outputContains: { price: { total: 42 } } })).report).toContain('✓ case');
    expect(caseLines((await run({ outputContains: { price: { total: 41, tax: 0 } } })).report)).toEqual([
      '  ✗ case',
      '      outputContains: output does not contain what was expected',
      '        $.price.total: expected 41, got 42',
      '        $.price.tax: expected 0, got nothing',
    ]);
  });

  it('checks status, error and cause of a failed execution (status FAILED implied by error)', async () => {
    const failing = { mocks: { Price: { '0': { Throw: { Error: 'Price.Down', Cause: 'no prices today' } } } } };
    expect((await run({ error: 'Price.Down', cause: 'no prices today', path: ['Price'] }, failing)).report).toContain('✓ case');
    expect((await run({ error: 'Price.Down', causeContains: 'today' }, failing)).report).toContain('✓ case');
    expect(caseLines((await run({ error: 'Price.Gone', causeContains: 'tomorrow' }, failing)).report)).toEqual([
      '  ✗ case',
      '      error: expected error "Price.Gone", got "Price.Down"',
      '        $: expected "Price.Gone", got "Price.Down"',
      '      causeContains: expected the cause to contain "tomorrow", got "no prices today"',
    ]);
    expect(caseLines((await run({ output: {} }, failing)).report)).toEqual([
      '  ✗ case',
      '      status: expected status SUCCEEDED, got FAILED: Price.Down: no prices today',
      '      output: expected an output {}, but the execution has no output',
    ]);
  });

  it('lists top-level states only in the path: a Parallel stands for its branches', async () => {
    expect(caseLines((await run({ path: ['Price', 'Fan', 'Inner', 'Queue'] })).report)).toEqual([
      '  ✗ case',
      '      path: expected path Price → Fan → Inner → Queue, got Price → Wait → Fan → Queue',
      '        $[1]: expected "Fan", got "Wait"',
      '        $[2]: expected "Inner", got "Fan"',
    ]);
  });

  it('checks queues by body and the snapshot partially; a caught failure shows in the path', async () => {
    expect(caseLines((await run({ world: { queues: { jobs: ['42'] }, snapshot: { sqs: { queues: [{ QueueName: 'work' }] } } } })).report)).toEqual([
      '  ✗ case',
      '      world.queues.jobs: world.queues.jobs differs',
      '        $[0]: expected "42", got "{\\"total\\":42,\\"currency\\":\\"EUR\\"}"',
      '      world.snapshot: world.snapshot differs',
      '        $.sqs.queues[0].QueueName: expected "work", got "jobs"',
    ]);
    const noWorld = await run({ error: 'Queue.Broken', path: ['Price', 'Wait', 'Fan', 'Queue', 'Broken'] }, {}, false);
    expect(noWorld.report).toContain('✓ case');
    expect(caseLines((await run({ status: 'FAILED', world: { tables: { T: [] } } }, {}, false)).report)).toEqual([
      '  ✗ case',
      '      world: expected a local world, but the test file seeds none (add "world")',
    ]);
  });

  it('names a missing table as a failure of that expectation', async () => {
    expect(caseLines((await run({ world: { tables: { Orders: [] } } })).report)).toEqual([
      '  ✗ case',
      '      world.tables.Orders: The local world has no DynamoDB table Orders',
    ]);
  });

  it('turns an invalid definition or mock into an invalid file, and a missing file into an unreadable one', async () => {
    const badMock = await run({}, { mocks: { Price: { '0': { Nope: 1 } } } });
    expect(badMock.result.status).toBe('invalid');
    expect(badMock.report).toMatch(/^ {6}tests\/m\.asl\.test\.json#\/cases\/0\/mocks: /m);
    const readFile = async (path: string): Promise<string> => {
      if (path === 't.asl.test.json') return JSON.stringify({ definition: 'gone.json', cases: [{ name: 'a', expect: {} }] });
      throw new Error(`ENOENT: ${path}`);
    };
    expect(await runTestFile('t.asl.test.json', { readFile })).toEqual({ file: 't.asl.test.json', status: 'unreadable', message: 'cannot read gone.json: ENOENT: gone.json' });
    const invalidDefinition = async (path: string): Promise<string> =>
      path === 'd.json' ? JSON.stringify({ StartAt: 'Nowhere', States: { A: { Type: 'Pass', End: true } } }) : JSON.stringify({ definition: 'd.json', cases: [{ name: 'a', expect: {} }] });
    const result = await runTestFile('t.asl.test.json', { readFile: invalidDefinition });
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.problems.every((problem) => problem.file === 'd.json')).toBe(true);
  });
});

describe('diffJson', () => {
  it('compares arrays element by element (exact length) and quotes member names that need it', () => {
    expect(diffJson({ 'a b': [1, 2], n: null }, { 'a b': [1], n: 0 })).toEqual([
      { path: '$["a b"][1]', expected: 2, actual: undefined },
      { path: '$.n', expected: null, actual: 0 },
    ]);
    expect(diffJson([{ a: 1 }], [{ a: 1, b: 2 }], true)).toEqual([]);
    expect(diffJson({ a: 1 }, [1])).toEqual([{ path: '$', expected: { a: 1 }, actual: [1] }]);
  });
});
