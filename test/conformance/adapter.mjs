// Engine adapter for the shared AWS-recorded conformance cases (../shared/conformance/README.md),
// run over the BUILT library (dist/), exactly as a user of the package would call it:
//
//   npm run conformance                   # build, run every case, fail on a baseline regression
//   npm run conformance:write-baseline    # record the ids that pass now in baseline.json
import { AWS_PAYLOAD_LIMIT_BYTES, createStateMachine, DefinitionError, VirtualClock } from '../../dist/index.js';

/**
 * Runs one recorded case: a virtual clock (recordings hold Waits and back-offs of minutes), the
 * recorded functions as local Lambda handlers, and AWS's own limits (256 KiB payloads), since the
 * expectations were recorded on AWS.
 */
export async function run(definition, input, { lambdas, mode, callLambda }) {
  const clock = new VirtualClock({ autoAdvance: true });
  const handlers = {};
  for (const [arn, info] of Object.entries(lambdas ?? {})) handlers[arn] = localFunction(arn, info, callLambda);
  let machine;
  try {
    machine = createStateMachine(definition, {
      type: mode === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      clock,
      lambdas: handlers,
      seed: 1,
      payloadLimitBytes: AWS_PAYLOAD_LIMIT_BYTES,
      // The recorded functions live in us-east-1, account 111111111111.
      region: 'us-east-1',
      accountId: '111111111111',
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
