// Engine adapter for the shared AWS-recorded conformance cases (../shared/conformance/README.md),
// run over the BUILT library (dist/), exactly as a user of the package would call it:
//
//   npm run conformance                   # build, run every case, fail on a baseline regression
//   npm run conformance:write-baseline    # record the ids that pass now in baseline.json
import { setImmediate } from 'node:timers';
import { AWS_PAYLOAD_LIMIT_BYTES, createLocalWorld, createStateMachine, DefinitionError, VirtualClock } from '../../dist/index.js';

/**
 * What the service cases may need (README "Service cases"); cases needing anything else are
 * skipped. The local world serves SNS, SQS, DynamoDB, EventBridge and S3 for aws-sdk tasks and
 * Distributed Map item readers (its buckets seeded from `setup.s3.buckets`); the engine itself
 * serves states:startExecution and aws-sdk:sfn tasks, starting `setup.states.stateMachines`.
 */
export const services = ['mock-config', 'sns', 'sqs', 'dynamodb', 's3', 'events', 'aws-sdk', 'states', 'callback'];

/**
 * Runs one recorded case: a virtual clock (recordings hold Waits and back-offs of minutes), the
 * recorded functions as local Lambda handlers, and AWS's own limits (256 KiB payloads), since the
 * expectations were recorded on AWS.
 */
export async function run(definition, input, { lambdas, mode, callLambda, setup }) {
  const clock = new VirtualClock({ autoAdvance: true });
  const handlers = {};
  for (const [arn, info] of Object.entries(lambdas ?? {})) handlers[arn] = localFunction(arn, info, callLambda);
  for (const arn of unrecordedChildFunctions(setup, handlers)) handlers[arn] = () => new Promise(() => undefined);
  let machine;
  const served = recordedWorld(setup, clock);
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
      ...served,
      stateMachines: Object.fromEntries((setup?.states?.stateMachines ?? []).map((m) => [m.stateMachineArn, m.definition])),
    });
  } catch (err) {
    if (err instanceof DefinitionError) {
      const cause = err.diagnostics.map((d) => `${d.code} at ${d.path || '/'}: ${d.message}`).join('\n');
      return { status: 'INVALID_DEFINITION', error: 'DefinitionError', cause };
    }
    throw err;
  }
  const execution = machine.start(input);
  const responder = answerCallbacks(setup?.callbacks ?? [], served.world, machine, execution);
  const result = await execution.result;
  await responder;
  if (result.status === 'SUCCEEDED') return { status: result.status, output: result.output };
  return { status: result.status, error: result.error, cause: result.cause };
}

/**
 * The outside world of a callback case (setup.callbacks): reads the messages a task sent through
 * its queue, finds the token in them, and answers as the recording's test did, until the run ends.
 */
async function answerCallbacks(callbacks, world, machine, execution) {
  if (callbacks.length === 0 || world === undefined) return;
  const signal = new globalThis.AbortController().signal;
  while (execution.status === 'RUNNING') {
    for (const callback of callbacks) {
      const reply = await world.call({ service: 'sqs', action: 'ReceiveMessage', input: { QueueUrl: callback.via.sqsQueueUrl, MaxNumberOfMessages: 10 }, signal });
      for (const message of reply.Messages ?? []) {
        const body = JSON.parse(message.Body);
        const token = Object.values(body).find((value) => machine.callbacks.waitingTokens.includes(value));
        if (token === undefined) continue;
        if (callback.action === 'SendTaskFailure') machine.callbacks.sendTaskFailure(token, callback.error, callback.cause);
        else machine.callbacks.sendTaskSuccess(token, typeof callback.output === 'string' ? JSON.parse(callback.output) : body[callback.output.fromMessageBody]);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
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

/**
 * Functions that the other state machines of a case call (setup.states.stateMachines), that the
 * recording created (a `generated` placeholder) but whose body the case does not record. The one
 * such case (test_start_execution_sync_delegate_timeout) recorded a function that outlasts its
 * Task's TimeoutSeconds: each runs until its task stops it.
 */
function unrecordedChildFunctions(setup, known) {
  const generated = new Set(Object.entries(setup?.placeholders ?? {}).filter(([, p]) => p?.kind === 'generated').map(([name]) => name));
  const text = JSON.stringify(setup?.states?.stateMachines ?? []);
  const arns = [...text.matchAll(/arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)/g)].filter((m) => generated.has(m[1]) && !(m[0] in known));
  return new Set(arns.map((m) => m[0]));
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
