// Lambda on the aws backend, through the AWS SDK's Lambda client against a loopback server that
// speaks the Invoke API (emulators.ts), and Task Credentials honoured with STS AssumeRole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { AslError } from '../../../src/core/errors.js';
import { type AwsBackend, createAwsBackend } from '../../../src/integrations/aws-backend.js';
import { createAwsLambdaIntegration, lambdaOnAws } from '../../../src/integrations/aws-backend-lambda.js';
import { createRoleCredentials } from '../../../src/integrations/aws-backend-credentials.js';
import { parseResource } from '../../../src/integrations/resource.js';
import type { Integration, TaskContext } from '../../../src/integrations/types.js';
import { type LambdaStandIn, type StsStandIn, startLambdaStandIn, startStsStandIn, TEST_CREDENTIALS, TEST_REGION } from '../../support/emulators.js';
import { runDefinition } from '../../support/run.js';
import { rejectionOf } from '../../support/rejection.js';

let lambda: LambdaStandIn;
let sts: StsStandIn;
let backend: AwsBackend;
let integration: Integration;

class OrderRejected extends Error {
  override name = 'OrderRejected';
}

beforeAll(async () => {
  lambda = await startLambdaStandIn({
    double: (event) => ({ doubled: (event as { n: number }).n * 2 }),
    echo: (event) => event,
    reject: () => {
      throw new OrderRejected('total over limit');
    },
  });
  sts = await startStsStandIn();
  backend = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoints: { lambda: lambda.endpoint, sts: sts.endpoint }, maxAttempts: 1 });
  integration = createAwsLambdaIntegration(backend);
});

afterAll(async () => {
  await Promise.all([lambda.stop(), sts.stop()]);
});

const context: TaskContext = { signal: new AbortController().signal, sleep: () => Promise.resolve(), now: () => Date.UTC(2026, 0, 1) };
const invoke = (arn: string, parameters: JsonValue): Promise<JsonValue> =>
  integration.invoke({ resource: parseResource(arn), parameters, stateName: 'Call', taskToken: undefined }, context);

const rejection = (work: Promise<unknown>): Promise<AslError> => rejectionOf(work, AslError);

describe('Lambda on the aws backend', () => {
  it('returns a bare function ARN’s result as is', async () => {
    expect(await invoke(`arn:aws:lambda:${TEST_REGION}:000000000000:function:double`, { n: 21 })).toEqual({ doubled: 42 });
  });

  it('wraps a lambda:invoke result in the Invoke envelope with the response’s request id', async () => {
    const result = (await invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'echo', Payload: { a: [1, 'x'] } })) as Record<string, JsonValue>;
    expect(result['Payload']).toEqual({ a: [1, 'x'] });
    expect(result['StatusCode']).toBe(200);
    expect(result['ExecutedVersion']).toBe('$LATEST');
    expect(result['SdkResponseMetadata']).toEqual({ RequestId: expect.stringMatching(/^00000000-0000-4000-8000-\d{12}$/) as unknown });
  });

  it('sends a string Payload as the request body itself', async () => {
    const result = (await invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'echo', Payload: '{"raw":true}' })) as Record<string, JsonValue>;
    expect(result['Payload']).toEqual({ raw: true });
    expect(lambda.received.at(-1)?.body).toBe('{"raw":true}');
  });

  it('answers an Event invocation with 202 and an empty Payload', async () => {
    const result = (await invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'echo', InvocationType: 'Event', Payload: {} })) as Record<string, JsonValue>;
    expect(result).toMatchObject({ Payload: '', StatusCode: 202 });
  });

  it('reports a function error under its errorType with the error payload as the cause', async () => {
    const err = await rejection(invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'reject', Payload: {} }));
    expect(err.error).toBe('OrderRejected');
    expect(JSON.parse(err.cause ?? '')).toEqual({ errorType: 'OrderRejected', errorMessage: 'total over limit', trace: [] });
  });

  it('reports a missing function as Lambda.ResourceNotFoundException with the SDK’s cause text', async () => {
    const err = await rejection(invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'nope' }));
    expect(err.error).toBe('Lambda.ResourceNotFoundException');
    expect(err.cause).toMatch(
      /^Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]+; Proxy: null\)$/,
    );
  });

  it('fails a lambda:invoke without FunctionName before calling anything', async () => {
    const err = await rejection(invoke('arn:aws:states:::lambda:invoke', { Payload: {} }));
    expect(err.error).toBe('States.Runtime');
  });

  it('runs a state machine with services: aws whose Task retries a function error and then catches it', async () => {
    const definition = {
      StartAt: 'Double',
      States: {
        Double: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'double', 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Reject' },
        Reject: {
          Type: 'Task',
          Resource: `arn:aws:lambda:${TEST_REGION}:000000000000:function:reject`,
          Retry: [{ ErrorEquals: ['OrderRejected'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Pass', End: true },
      },
    };
    const before = lambda.received.filter((r) => r.name === 'reject').length;
    const { result } = await runDefinition(definition, { n: 5 }, { services: 'aws', awsBackend: backend });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { doubled: 10, error: { Error: 'OrderRejected' } } });
    expect(lambda.received.filter((r) => r.name === 'reject').length - before).toBe(2);
  });
});

describe('Task Credentials on the aws backend', () => {
  it('signs the call with the credentials of the role the Task names, assuming each role once', async () => {
    const definition = {
      StartAt: 'AsAuditor',
      States: {
        AsAuditor: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Credentials: { 'RoleArn.$': '$.role' },
          Parameters: { FunctionName: 'echo', Payload: {} },
          ResultPath: null,
          Next: 'AgainAsAuditor',
        },
        AgainAsAuditor: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: { RoleArn: 'arn:aws:iam::000000000000:role/auditor' }, Parameters: { FunctionName: 'echo', Payload: {} }, ResultPath: null, Next: 'AsSelf' },
        AsSelf: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', Payload: {} }, End: true },
      },
    };
    const { result } = await runDefinition(definition, { role: 'arn:aws:iam::000000000000:role/auditor' }, { integrations: [integration] });
    expect(result.status).toBe('SUCCEEDED');
    expect(lambda.received.slice(-3).map((r) => r.accessKeyId)).toEqual(['ASIAAUDITOR', 'ASIAAUDITOR', TEST_CREDENTIALS.accessKeyId]);
    expect(sts.assumed).toEqual(['arn:aws:iam::000000000000:role/auditor']);
  });

  it('assumes the backend-wide roleArn for every call of a Task without Credentials', async () => {
    const backend = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoints: { lambda: lambda.endpoint, sts: sts.endpoint }, roleArn: 'arn:aws:iam::000000000000:role/deployer', maxAttempts: 1 });
    const result = await createAwsLambdaIntegration(backend).invoke({ resource: parseResource('arn:aws:states:::lambda:invoke'), parameters: { FunctionName: 'echo', Payload: { x: 1 } }, stateName: 'Call', taskToken: undefined }, context);
    expect(result).toMatchObject({ Payload: { x: 1 } });
    expect(lambda.received.at(-1)?.accessKeyId).toBe('ASIADEPLOYER');
  });

  it('evaluates JSONata Credentials per visit', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'AsOps',
      States: {
        AsOps: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: { RoleArn: '{% $states.input.role %}' }, Arguments: { FunctionName: 'echo', Payload: {} }, End: true },
      },
    };
    const { result } = await runDefinition(definition, { role: 'arn:aws:iam::000000000000:role/ops' }, { integrations: [integration] });
    expect(result.status).toBe('SUCCEEDED');
    expect(lambda.received.at(-1)?.accessKeyId).toBe('ASIAOPS');
    expect(sts.assumed.at(-1)).toBe('arn:aws:iam::000000000000:role/ops');
  });
});

describe('which backend a machine’s Lambda tasks use', () => {
  it.each([
    [undefined, false, false],
    ['local', false, false],
    ['aws', false, true],
    ['aws', true, false],
    [{ lambda: 'aws' }, true, true],
    [{ '*': 'aws' }, false, true],
    [{ '*': 'aws' }, true, false],
    [{ '*': 'aws', lambda: 'local' }, false, false],
    [{ sqs: 'aws' }, false, false],
  ] as const)('services %j with local handlers %s → aws %s', (services, hasLocalHandlers, expected) => {
    expect(lambdaOnAws(services, hasLocalHandlers)).toBe(expected);
  });
});

describe('assumed-role credentials cache', () => {
  it('reuses a role’s credentials until five minutes before they expire, and retries after a failure', async () => {
    let nowMs = 0;
    const calls: string[] = [];
    let fail = true;
    const cache = createRoleCredentials(async ({ RoleArn }) => {
      calls.push(RoleArn);
      if (fail) throw new Error('AccessDenied');
      return { Credentials: { AccessKeyId: `K${calls.length}`, SecretAccessKey: 's', Expiration: new Date(60 * 60 * 1000) } };
    }, () => nowMs);
    await expect(cache('r')).rejects.toThrow('AccessDenied');
    fail = false;
    expect((await cache('r')).accessKeyId).toBe('K2');
    nowMs = 54 * 60 * 1000;
    expect((await cache('r')).accessKeyId).toBe('K2');
    nowMs = 55 * 60 * 1000;
    expect((await cache('r')).accessKeyId).toBe('K3');
    expect(calls).toEqual(['r', 'r', 'r']);
  });
});
