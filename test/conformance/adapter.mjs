// Engine adapter for the shared AWS-recorded conformance cases (../shared/conformance/README.md),
// run over the BUILT library (dist/), exactly as a user of the package would call it:
//
//   npm run conformance                   # build, run every case, fail on a baseline regression
//   npm run conformance:write-baseline    # record the ids that pass now in baseline.json
import { AWS_PAYLOAD_LIMIT_BYTES, createLocalWorld, createStateMachine, DefinitionError, VirtualClock } from '../../dist/index.js';

/**
 * What the service cases may need (README "Service cases"); cases needing anything else are
 * skipped. The local world serves SNS, SQS, DynamoDB, EventBridge and S3 for aws-sdk tasks.
 */
export const services = ['mock-config', 'sns', 'sqs', 'dynamodb', 'events', 'aws-sdk'];

/**
 * Runs one recorded case: a virtual clock (recordings hold Waits and back-offs of minutes), the
 * recorded functions as local Lambda handlers, and AWS's own limits (256 KiB payloads), since the
 * expectations were recorded on AWS.
 */
export async function run(definition, input, { lambdas, mode, callLambda, setup }) {
  const clock = new VirtualClock({ autoAdvance: true });
  const handlers = {};
  for (const [arn, info] of Object.entries(lambdas ?? {})) handlers[arn] = localFunction(arn, info, callLambda);
  let machine;
  try {
    machine = createStateMachine(withRecordedRegion(definition), {
      type: mode === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      clock,
      lambdas: handlers,
      seed: 1,
      payloadLimitBytes: AWS_PAYLOAD_LIMIT_BYTES,
      // The recorded functions live in us-east-1, account 111111111111.
      region: 'us-east-1',
      accountId: '111111111111',
      ...mockOptions(setup),
      ...recordedWorld(setup, clock),
      stateMachines: Object.fromEntries((setup?.states?.stateMachines ?? []).map((m) => [m.stateMachineArn, m.definition])),
    });
  } catch (err) {
    if (err instanceof DefinitionError) {
      const cause = err.diagnostics.map((d) => `${d.code} at ${d.path || '/'}: ${d.message}`).join('\n');
      return { status: 'INVALID_DEFINITION', error: 'DefinitionError', cause };
    }
    throw err;
  }
  const result = await machine.start(input).result;
  if (result.status === 'SUCCEEDED') return { status: result.status, output: result.output };
  return { status: result.status, error: result.error, cause: result.cause };
}

/**
 * One recording kept the test harness's unexpanded region setting inside a function ARN
 * ("arn:aws:lambda:stub-localstack.testing.config.TEST_AWS_REGION_NAME:..."); AWS ran it in the
 * recording's region, us-east-1, which is what it stands for.
 */
const REGION_STUB = 'stub-localstack.testing.config.TEST_AWS_REGION_NAME';
function withRecordedRegion(definition) {
  const text = JSON.stringify(definition);
  return text.includes(REGION_STUB) ? JSON.parse(text.replaceAll(REGION_STUB, 'us-east-1')) : definition;
}

/**
 * The world the recording ran in: its tables, queues, topics, buckets and rules (case `setup`).
 * Without any, the machine makes its own empty world if a task needs one.
 */
function recordedWorld(setup, clock) {
  const { dynamodb, sqs, sns, s3, events } = setup ?? {};
  if (!dynamodb && !sqs && !sns && !s3 && !events) return {};
  const world = createLocalWorld({ region: 'us-east-1', accountId: '111111111111', clock });
  world.seed({ dynamodb, sqs, sns, s3, events });
  return { world };
}

/** A case recorded under a Step Functions Local MockConfigFile runs under the same test case. */
function mockOptions(setup) {
  if (!setup?.mockConfig) return {};
  const { mockConfig: config, testCase, stateMachineName } = setup;
  return { mockConfig: { config, testCase, ...(stateMachineName ? { stateMachineName } : {}) } };
}

/**
 * The body of a recorded function, played by the runner's callLambda on the engine's clock (a
 * 60 s function costs no real time). The engine's Lambda integration supplies what AWS wraps
 * around it: the invoke envelope, error names and causes.
 */
function localFunction(arn, info, callLambda) {
  if (info.behavior === 'return_bytes' && info.value === undefined && typeof info.value_size === 'number') {
    // The runner has no body for the oversized-response cases (it only records the size): the
    // recorded Python function returned `value_size` bytes of "a", which Lambda hands back as is.
    const body = 'a'.repeat(info.value_size);
    return () => body;
  }
  return (event, context) => callLambda(arn, event, { sleep: (ms) => context.sleep(ms) });
}
