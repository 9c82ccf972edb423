// TestState through `asl serve` with the real @aws-sdk/client-sfn (which, like StartSyncExecution,
// sends it to a `sync-` host unless disableHostPrefix is set).
import { SFNClient, TestStateCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import type { Engine } from '../../src/service/engine.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { rejection } from './fixture.js';

let running: { engine: Engine; server: RunningServer; client: SFNClient } | undefined;
afterEach(async () => {
  running?.client.destroy();
  await running?.server.close();
  await running?.engine.close();
  running = undefined;
});

async function client(): Promise<SFNClient> {
  const engine = await openEngine({ clock: new VirtualClock() });
  // The tested Lambda runs in-process: the options TestState gets say where Tasks go.
  const server = await startServer({ engine, port: 0, testState: { lambdas: { Double: (event) => ({ doubled: (event as { n: number }).n * 2 }) } } });
  const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
  running = { engine, server, client: sfn };
  return sfn;
}

const machine = JSON.stringify({
  StartAt: 'Shape',
  States: {
    Shape: { Type: 'Pass', Parameters: { 'n.$': '$.value' }, ResultPath: '$.shaped', Next: 'Call' },
    Call: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'Double', 'Payload.$': '$.shaped' },
      ResultSelector: { 'doubled.$': '$.Payload.doubled' },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
      Next: 'Done',
    },
    Recover: { Type: 'Pass', End: true },
    Done: { Type: 'Succeed' },
  },
});

describe('asl serve: TestState', () => {
  it('tests one state at INFO: status, output and the next state', async () => {
    const sfn = await client();
    const out = await sfn.send(new TestStateCommand({ definition: machine, roleArn: 'arn:aws:iam::123456789012:role/test', input: '{"value":21}' }));
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"value":21,"shaped":{"n":21}}', nextState: 'Call' });
    expect(out.inspectionData).toBeUndefined();
  });

  it('shows the data flow at DEBUG and calls the Task where the server sends it', async () => {
    const sfn = await client();
    const out = await sfn.send(new TestStateCommand({ definition: machine, stateName: 'Call', input: '{"shaped":{"n":4}}', inspectionLevel: 'DEBUG' }));
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"doubled":8}', nextState: 'Done' });
    expect(out.inspectionData).toMatchObject({
      input: '{"shaped":{"n":4}}',
      afterParameters: '{"FunctionName":"Double","Payload":{"n":4}}',
      afterResultSelector: '{"doubled":8}',
    });
    expect(JSON.parse(out.inspectionData?.result ?? '{}')).toMatchObject({ Payload: { doubled: 8 } });
  });

  it('plays a mocked error into the Catch, and reads the variables given', async () => {
    const sfn = await client();
    const caught = await sfn.send(new TestStateCommand({ definition: machine, stateName: 'Call', input: '{"shaped":{"n":1}}', mock: { errorOutput: { error: 'Lambda.Unknown', cause: 'down' } } }));
    expect(caught).toMatchObject({ status: 'CAUGHT_ERROR', error: 'Lambda.Unknown', cause: 'down', nextState: 'Recover' });
    const mocked = await sfn.send(new TestStateCommand({ definition: machine, stateName: 'Call', input: '{"shaped":{"n":1}}', mock: { result: '{"Payload":{"doubled":100}}' } }));
    expect(mocked).toMatchObject({ status: 'SUCCEEDED', output: '{"doubled":100}' });
    const jsonata = JSON.stringify({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $base + $states.input.add %}', End: true });
    const withVariables = await sfn.send(new TestStateCommand({ definition: jsonata, input: '{"add":2}', variables: '{"base":40}', inspectionLevel: 'TRACE' }));
    expect(withVariables).toMatchObject({ status: 'SUCCEEDED', output: '42' });
    expect(withVariables.inspectionData?.variables).toBe('{"base":40}');
  });

  it("answers AWS's errors for requests it refuses", async () => {
    const sfn = await client();
    const invalid = await rejection(sfn.send(new TestStateCommand({ definition: '{"Type":"Pass","Next":1}' })));
    expect(invalid.name).toBe('InvalidDefinition');
    expect(invalid.$metadata?.httpStatusCode).toBe(400);
    const mockOnPass = await rejection(sfn.send(new TestStateCommand({ definition: machine, mock: { result: '{}' } })));
    expect(mockOnPass.name).toBe('ValidationException');
    expect(mockOnPass.message).toMatch(/not supported when a mock is specified/);
    expect((await rejection(sfn.send(new TestStateCommand({ definition: machine, stateName: 'Nowhere' })))).name).toBe('ValidationException');
    expect((await rejection(sfn.send(new TestStateCommand({ definition: machine, input: '{oops' })))).name).toBe('InvalidExecutionInput');
    const level = await rejection(sfn.send(new TestStateCommand({ definition: machine, inspectionLevel: 'LOUD' as 'INFO' })));
    expect(level.name).toBe('ValidationException');
  });
});
