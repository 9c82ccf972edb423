// The AWS JSON 1.0 wire: modeled errors as data, request fields read with AWS's error names, epoch
// seconds for timestamps (the protocol's default format) and opaque page tokens.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';

/** A modeled error: the SDK throws it as an exception whose `name` is `type`. */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** The error's modeled members besides `message` (TooManyTags: resourceName). */
    readonly fields: JsonObject = {},
  ) {
    super(message);
    this.name = type;
  }
}

/** A required string member; a missing or mistyped one is AWS's ValidationException. */
export function requiredString(body: JsonObject, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new ApiError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ApiError('ValidationException', `Value at '${field}' must be a string.`);
  return value;
}

export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ApiError('ValidationException', `Value at '${field}' must be a boolean.`);
  return value;
}

/** maxResults as AWS reads it: 0 or absent is the default (100), at most 1000. */
export function pageSize(body: JsonObject): number {
  const value = body['maxResults'];
  if (value === undefined || value === null || value === 0) return 100;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
    throw new ApiError('ValidationException', `Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000`);
  }
  return value;
}

/** Epoch milliseconds as the protocol's timestamp: epoch seconds, fractions allowed. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Offset tokens for lists the server pages itself (machines, history). */
export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed: JsonValue = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = isJsonObject(parsed) ? parsed['offset'] : undefined;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the InvalidToken below.
  }
  throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
}

/**
 * AWS's rule for state machine, execution and activity names: 1-80 characters (a longer one fails
 * the model's length constraint, ValidationException), none of whitespace, brackets, wildcards,
 * `"#%\\^|~`$&,;:/` or control characters (InvalidName).
 */
export function checkName(name: string): void {
  checkLength(name, 'name', 1, 80);
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
  if (forbidden.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
}

/** A member's length constraint, in AWS's words; a sensitive member's value is not repeated back. */
export function checkLength(value: string, field: string, min: number, max: number, sensitive = false): void {
  const shown = sensitive ? 'Value' : `Value '${value}'`;
  if (value.length > max) throw new ApiError('ValidationException', `1 validation error detected: ${shown} at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  if (value.length < min) throw new ApiError('ValidationException', `1 validation error detected: ${shown} at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
}

/** Parts of a Step Functions ARN a resource of each kind has (a state machine's may be qualified by a version or alias). */
const ARN_PARTS: Readonly<Record<string, readonly [number, number]>> = { stateMachine: [7, 8], execution: [8, 9], express: [9, 9], activity: [7, 7], mapRun: [8, 8] };

/** `arn:partition:states:region:account:kind:...`, of the kind the operation takes; InvalidArn otherwise. */
export function checkArn(arn: string, kind: 'stateMachine' | 'execution' | 'activity' | 'mapRun'): void {
  const parts = arn.split(':');
  const wellFormed = parts.length >= 7 && parts[0] === 'arn' && parts[1] !== '' && parts[2] === 'states' && parts[3] !== '' && /^\d{12}$/.test(parts[4] ?? '');
  if (!wellFormed) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  const type = parts[5] ?? '';
  const allowed = kind === 'execution' ? type === 'execution' || type === 'express' : type === kind;
  if (!allowed) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${type}'`);
  const [fewest, most] = ARN_PARTS[type] ?? [7, 7];
  if (parts.length < fewest || parts.length > most || parts.slice(6).some((part) => part === '')) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
}

export type Operation = (body: JsonObject) => Promise<JsonObject>;

/** An execution's `input` member: JSON text (absent: `{}`); anything else is AWS's InvalidExecutionInput. */
export function parseInput(text: string | undefined): JsonValue {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${error instanceof Error ? error.message : String(error)}'`);
  }
}

export { isJsonObject };
