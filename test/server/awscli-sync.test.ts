// StartSyncExecution from the AWS CLI. botocore sends it to `sync-` + the endpoint's host
// (`--endpoint-url http://localhost:8083` → http://sync-localhost:8083/), which resolves nowhere, and
// Debian's CLI (2.9) has no switch to turn that off (newer CLIs read AWS_DISABLE_HOST_PREFIX_INJECTION).
// Two ways reach `asl serve` anyway, with nothing added to /etc/hosts:
//  - the server as the CLI's HTTP proxy: HTTP_PROXY=http://127.0.0.1:PORT sends every request to it,
//    in absolute form (`POST http://sync-localhost:PORT/`), and the server answers it itself;
//  - a user name in the endpoint URL: botocore prefixes the URL's netloc, so
//    `http://asl@127.0.0.1:PORT` becomes `http://sync-asl@127.0.0.1:PORT`: user `sync-asl`, host 127.0.0.1.
// And the loopback server refuses requests addressed to other names (host-check.ts).
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, errorCode, requireAwsCli, type AwsCli } from './awscli-runner.js';
import { passDefinition, ROLE, serve, type Served } from './fixture.js';

let served: Served;
let cli: AwsCli;
let expressArn: string;

beforeAll(async () => {
  requireAwsCli();
  served = await serve();
  cli = awsCli(served.server.url);
  const created = await served.client.send(new CreateStateMachineCommand({ name: 'Quick', definition: passDefinition, roleArn: ROLE, type: 'EXPRESS' }));
  expressArn = created.stateMachineArn ?? '';
});
afterAll(async () => {
  cli.dispose();
  await served.stop();
});

describe('asl serve: the AWS CLI reaches StartSyncExecution', () => {
  it('through the server as HTTP proxy, or with a user name in the endpoint URL', { timeout: 120_000 }, async () => {
    const port = served.server.port;
    const start = (who: string): string[] => ['start-sync-execution', '--state-machine-arn', expressArn, '--input', JSON.stringify({ who })];
    const [proxied, withUser, listedThroughProxy] = await Promise.all([
      cli.json(start('proxy'), { endpoint: `http://localhost:${port}`, env: { HTTP_PROXY: served.server.url } }),
      cli.json(start('user'), { endpoint: `http://asl@127.0.0.1:${port}` }),
      // Every operation goes through the proxy once it is set, not only the sync one.
      cli.json(['list-state-machines'], { endpoint: `http://localhost:${port}`, env: { HTTP_PROXY: served.server.url } }),
    ]);
    expect(proxied).toMatchObject({ stateMachineArn: expressArn, status: 'SUCCEEDED' });
    expect(JSON.parse(String(proxied['output']))).toEqual({ greeting: 'hello proxy' });
    expect(withUser).toMatchObject({ stateMachineArn: expressArn, status: 'SUCCEEDED' });
    expect(JSON.parse(String(withUser['output']))).toEqual({ greeting: 'hello user' });
    expect(listedThroughProxy['stateMachines']).toEqual([expect.objectContaining({ stateMachineArn: expressArn, type: 'EXPRESS' })]);
  });

  it('refuses requests addressed to a name other than localhost or an IP address', { timeout: 120_000 }, async () => {
    // A name that resolves nowhere: through the proxy the CLI never looks it up, as a rebinding page's would be.
    const refused = await cli.stepfunctions(['list-state-machines'], { endpoint: `http://rebound.example:${served.server.port}`, env: { HTTP_PROXY: served.server.url } });
    expect(errorCode(refused)).toBe('AccessDeniedException');
    expect(refused.stderr).toContain("'rebound.example'");
    expect(refused.code).toBe(254);
  });
});
