// What AWS wraps around a Lambda function body, reproduced for local handlers: the
// arn:aws:states:::lambda:invoke response envelope, the Lambda error payload that becomes a
// function error's Cause, and the service-error texts. Shapes are copied from the AWS-recorded
// conformance cases (shared/conformance/cases.jsonl, test_lambda_task_service.py and friends).
import { AslError } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';

/**
 * The envelope of a RequestResponse invoke (INTEGRATIONS.md §2.2). Header names, their order and
 * the array/string split between AllHttpHeaders and HttpHeaders are as recorded.
 */
export function invokeEnvelope(payload: JsonValue, requestId: string, nowMs: number, statusCode = 200): JsonObject {
  // The recorded functions ran on Python, whose json.dumps puts a space after ":" and ",": AWS's
  // Content-Length is the size of that text, and the recordings compare it.
  const length = statusCode === 200 ? String(pythonJsonLength(payload)) : '0';
  const date = new Date(nowMs).toUTCString();
  const traceId = `Root=1-${Math.floor(nowMs / 1000).toString(16).padStart(8, '0')}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`;
  const executed = statusCode === 200;
  const all: JsonObject = {};
  if (executed) all['X-Amz-Executed-Version'] = ['$LATEST'];
  all['x-amzn-Remapped-Content-Length'] = ['0'];
  all['Connection'] = ['keep-alive'];
  all['x-amzn-RequestId'] = [requestId];
  all['Content-Length'] = [length];
  all['Date'] = [date];
  all['X-Amzn-Trace-Id'] = [traceId];
  all['Content-Type'] = ['application/json'];
  const headers: JsonObject = { Connection: 'keep-alive', 'Content-Length': length, 'Content-Type': 'application/json', Date: date };
  if (executed) headers['X-Amz-Executed-Version'] = '$LATEST';
  headers['x-amzn-Remapped-Content-Length'] = '0';
  headers['x-amzn-RequestId'] = requestId;
  headers['X-Amzn-Trace-Id'] = traceId;
  const envelope: JsonObject = {};
  if (executed) envelope['ExecutedVersion'] = '$LATEST';
  envelope['Payload'] = payload;
  envelope['SdkHttpMetadata'] = { AllHttpHeaders: all, HttpHeaders: headers, HttpStatusCode: statusCode };
  envelope['SdkResponseMetadata'] = { RequestId: requestId };
  envelope['StatusCode'] = statusCode;
  return envelope;
}

/** UTF-8 size of `json.dumps(value)` in Python: compact JSON plus one space per structural ":" and ",". */
export function pythonJsonLength(value: JsonValue): number {
  const text = JSON.stringify(value);
  let extra = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a || c === 0x2c) extra++;
  }
  return Buffer.byteLength(text, 'utf8') + extra;
}

// Derived ids live in core/ids.ts (states/ names Map Runs with them too); re-exported for the integrations.
export { derivedRequestId } from '../core/ids.js';

/**
 * A function error (the handler threw) as AWS reports it (INTEGRATIONS.md §2.3; recorded cases
 * test_raise_exception, test_raise_custom_exception): Error = the function's errorType, Cause =
 * the Lambda error payload as a JSON string.
 *
 * - An Error whose message already is a Lambda error payload (what the conformance runner's
 *   recorded functions throw) is passed on verbatim, under that payload's errorType.
 * - Any other Error is described the way the Node.js runtime does: errorType = error.name (so a
 *   plain `throw new Error()` is "Error", a TypeError "TypeError", a custom class its name).
 * - A thrown non-Error gets errorType = its typeof ("string", "object"), again like the runtime.
 *
 * The runtime's "trace" (the stack) is left empty: stack lines hold file paths of the machine that
 * ran the test, and the history must not depend on that.
 */
export function functionError(thrown: unknown): AslError {
  if (thrown instanceof Error) {
    const recorded = lambdaErrorType(thrown.message);
    if (recorded !== undefined) return new AslError(recorded, thrown.message);
    const errorType = thrown.name === '' ? 'Error' : thrown.name;
    return new AslError(errorType, JSON.stringify({ errorType, errorMessage: thrown.message, trace: [] }));
  }
  const errorType = typeof thrown;
  return new AslError(errorType, JSON.stringify({ errorType, errorMessage: String(thrown), trace: [] }));
}

/** The errorType of a Lambda error payload ({"errorMessage", "errorType", ...}), if `text` is one. */
function lambdaErrorType(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('errorType' in parsed) || !('errorMessage' in parsed)) return undefined;
    return typeof parsed.errorType === 'string' && parsed.errorType !== '' ? parsed.errorType : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK's rendering of a Lambda service error, as in the recorded Cause texts. */
export function serviceCause(message: string, status: number, code: string, requestId: string): string {
  return `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`;
}

/** Lambda.ResourceNotFoundException, as recorded in test_task_service_lambda.py::test_no_such_function. */
export function functionNotFound(qualifiedArn: string, requestId: string): AslError {
  const code = 'ResourceNotFoundException';
  return new AslError(`Lambda.${code}`, serviceCause(`Function not found: ${qualifiedArn}`, 404, code, requestId));
}

/** A string Payload that is not JSON: Lambda's Invoke API refuses the request body. */
export function invalidRequestContent(detail: string, requestId: string): AslError {
  const code = 'InvalidRequestContentException';
  return new AslError(`Lambda.${code}`, serviceCause(`Could not parse request body into json: ${detail}`, 400, code, requestId));
}

/**
 * A handler result that is not JSON. The Python runtime reports this as Runtime.MarshalError
 * ("Unable to marshal response"); we use the same name for JavaScript handlers.
 */
export function marshalError(detail: string): AslError {
  const errorType = 'Runtime.MarshalError';
  return new AslError(errorType, JSON.stringify({ errorType, errorMessage: `Unable to marshal response: ${detail}`, trace: [] }));
}
