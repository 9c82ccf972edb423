// `asl run --machine NAME=FILE`: a parent's nested executions run the machines given this way, by
// the ARN AWS would give them; bad values and unreadable files are the user's problem (exit 3).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIo } from '../support/fake-io.js';
import { machine } from '../support/run-cli.js';

const PARENT = machine({
  Nested: {
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child', Input: { 'n.$': '$.n' } },
    OutputPath: '$.Output',
    End: true,
  },
});
const CHILD = machine({ Double: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } });

describe('asl run --machine', () => {
  it('runs the nested execution on the machine given for its ARN', async () => {
    const io = fakeIo({ 'parent.json': PARENT, 'child.json': CHILD });
    const code = await runCli(['node', 'asl', 'run', 'parent.json', '--input-json', '{"n":21}', '--machine', 'Child=child.json', '--fast'], io);
    expect([code, io.err()]).toEqual([0, '']);
    expect(JSON.parse(io.out())).toEqual({ doubled: 42 });
  });

  it('fails the task as AWS does when no machine has the ARN', async () => {
    const io = fakeIo({ 'parent.json': PARENT });
    expect(await runCli(['node', 'asl', 'run', 'parent.json', '--input-json', '{"n":1}', '--fast'], io)).toBe(1);
    expect(io.err()).toMatch(/StateMachineDoesNotExist/);
  });

  it('names a file it cannot read, and a value that is not NAME=FILE', async () => {
    const missing = fakeIo({ 'parent.json': PARENT });
    expect(await runCli(['node', 'asl', 'run', 'parent.json', '--machine', 'Child=nowhere.json'], missing)).toBe(3);
    expect(missing.err()).toMatch(/nowhere\.json.*cannot read --machine Child=nowhere\.json/);
    const malformed = fakeIo({ 'parent.json': PARENT, 'bad.json': '{"StartAt": ' });
    expect(await runCli(['node', 'asl', 'run', 'parent.json', '--machine', 'Child=bad.json'], malformed)).toBe(3);
    expect(malformed.err()).toMatch(/bad\.json.*--machine Child/);
    const usage = fakeIo({ 'parent.json': PARENT });
    expect(await runCli(['node', 'asl', 'run', 'parent.json', '--machine', 'child.json'], usage)).toBe(3);
    expect(usage.err()).toMatch(/Expected NAME=FILE/);
  });
});
