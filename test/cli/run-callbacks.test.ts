// `asl run` on a machine whose Task waits for a task token: nothing in a one-off run can send
// SendTaskSuccess, so when the process runs out of work the execution is stopped with a message
// that names the ways out, instead of the process ending silently with the execution unfinished.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIo } from '../support/fake-io.js';
import { machine } from '../support/run-cli.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
const ASK = machine({
  Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: QUEUE, MessageBody: { 'token.$': '$$.Task.Token' } }, End: true },
});
const WORLD = JSON.stringify({ sqs: { queues: [{ QueueName: 'jobs' }] } });

describe('asl run: a task waiting for a token nobody can send', () => {
  it.each([['the system clock', []], ['--fast', ['--fast']]])('is stopped with a hint once the run is idle, on %s', async (_clock, extra) => {
    const io = fakeIo({ 'ask.json': ASK, 'world.json': WORLD });
    const running = runCli(['node', 'asl', 'run', 'ask.json', '--world', 'world.json', ...extra], io);
    let turns = 0;
    // The listener exists once the execution started (after the world's code loaded, which is I/O);
    // the run then waits on the token alone.
    while (!io.idle()) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (++turns > 2000) throw new Error('asl run never listened for idleness');
    }
    expect(await running).toBe(1);
    expect(io.err()).toMatch(/^asl: execution ABORTED: States\.Runtime: The execution waits for a task token .* mock the state \(--mock-config\), or run the machine under `asl serve`/);
  });

  it('answers a mocked .waitForTaskToken state from the mock file without waiting', async () => {
    const mocks = JSON.stringify({
      StateMachines: { Ask: { TestCases: { Happy: { Ask: 'Answered' } } } },
      MockedResponses: { Answered: { '0': { Return: { approved: true } } } },
    });
    const io = fakeIo({ 'ask.json': ASK, 'mocks.json': mocks });
    const code = await runCli(['node', 'asl', 'run', 'ask.json', '--mock-config', 'mocks.json', '--test-case', 'Happy', '--state-machine-name', 'Ask'], io);
    expect([code, io.err()]).toEqual([0, '']);
    expect(JSON.parse(io.out())).toEqual({ approved: true });
  });
});
