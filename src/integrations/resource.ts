// Task Resource ARNs are parsed here once, for every integration (habit 12): which service, which
// action, which integration pattern, and the resourceType/resource pair AWS writes into history.
// INTEGRATIONS.md §1 lists the forms. Parsing never throws: the validator has already rejected
// malformed ARNs, and whatever is left over (a service we do not know) is for the registry to
// report as "not supported" when a Task actually calls it.
import type { IntegrationPattern, ParsedResource } from './types.js';

/** arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>] */
const LAMBDA_FUNCTION = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::([^:]+))?$/;
/** arn:<partition>:states:<region>:<account>:activity:<name> */
const ACTIVITY = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:activity:[^:]+$/;
/**
 * arn:<partition>:states:<region>:<account>:<service>:<action>[.<pattern>]. Region and account are
 * usually empty (":::": the machine's own); aws-sdk integrations have one more segment, the SDK
 * service (aws-sdk:s3:listBuckets).
 */
const OPTIMISED = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:(aws-sdk:[^:]+|[^:]+):(.+)$/;
/** The pattern suffix of an optimised integration's action (INTEGRATIONS.md §1, "Pattern suffix"). */
const SUFFIX = /\.(sync(?::\d+)?|waitForTaskToken)$/;

export function parseResource(arn: string): ParsedResource {
  const lambda = LAMBDA_FUNCTION.exec(arn);
  if (lambda) {
    // AWS records a bare function ARN with LambdaFunction* events whose `resource` is the ARN.
    return resource(arn, 'lambda', 'function', 'request-response', arn, 'lambda', arn);
  }
  if (ACTIVITY.test(arn)) {
    return resource(arn, 'activity', 'activity', 'request-response', undefined, 'activity', arn);
  }
  const optimised = OPTIMISED.exec(arn);
  if (optimised) {
    const service = optimised[1] as string;
    const actionWithSuffix = optimised[2] as string;
    const suffix = SUFFIX.exec(actionWithSuffix);
    const action = suffix ? actionWithSuffix.slice(0, suffix.index) : actionWithSuffix;
    // TaskScheduled keeps the suffix in `resource` ("startExecution.sync:2"); the type is the service
    // ("lambda", and "aws-sdk:s3" for SDK integrations).
    return resource(arn, service, action, patternOf(suffix?.[1]), undefined, service, actionWithSuffix);
  }
  return resource(arn, 'unknown', '', 'request-response', undefined, 'unknown', arn);
}

function resource(
  arn: string,
  service: string,
  action: string,
  pattern: IntegrationPattern,
  functionArn: string | undefined,
  historyResourceType: string,
  historyResource: string,
): ParsedResource {
  return { arn, service, action, pattern, functionArn, historyResourceType, historyResource };
}

function patternOf(suffix: string | undefined): IntegrationPattern {
  if (suffix === undefined) return 'request-response';
  return suffix === 'waitForTaskToken' ? 'waitForTaskToken' : 'sync';
}

/** The parts of a Lambda function reference: a name, a partial ARN or a full ARN, each with an optional qualifier. */
export interface FunctionRef {
  readonly name: string;
  readonly qualifier: string | undefined;
  /** The full ARN when the reference was one (qualifier included), else undefined. */
  readonly arn: string | undefined;
}

/**
 * Splits a Lambda FunctionName as the Invoke API accepts it (INTEGRATIONS.md §2.2): "my-fn",
 * "my-fn:prod", "123456789012:function:my-fn[:q]" or "arn:aws:lambda:r:a:function:my-fn[:q]".
 */
export function parseFunctionRef(ref: string): FunctionRef {
  const full = LAMBDA_FUNCTION.exec(ref);
  if (full) return { name: full[1] as string, qualifier: full[2], arn: ref };
  const partial = /^\d{12}:function:([^:]+)(?::([^:]+))?$/.exec(ref);
  if (partial) return { name: partial[1] as string, qualifier: partial[2], arn: undefined };
  const colon = ref.indexOf(':');
  if (colon < 0) return { name: ref, qualifier: undefined, arn: undefined };
  return { name: ref.slice(0, colon), qualifier: ref.slice(colon + 1), arn: undefined };
}
