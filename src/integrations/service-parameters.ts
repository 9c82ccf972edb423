// The request of an optimized integration, from a Task's effective parameters. Step Functions
// checks what it forwards against the fields it supports for each action (the "Supported
// parameters" of connect-sns, connect-sqs, connect-ddb, connect-eventbridge) and refuses the rest
// with States.Runtime. A null member is left out of the request, as AWS does: the service then
// reports the missing member itself (recorded: a null MessageBody reaches SQS as MissingParameter,
// a null Item reaches DynamoDB as "Value null at 'item'").
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { parameterFailure } from './service-errors.js';

/**
 * What a field accepts: a JSON type, `text` (a string, or any JSON value, which Step Functions
 * sends as its JSON text — SNS Message, SQS MessageBody, EventBridge Detail) or `any`.
 */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'text' | 'any';

export type FieldSpec = Readonly<Record<string, FieldKind>>;

/** The service request for these parameters, or a States.Runtime error naming the first bad field. */
export function serviceRequest(parameters: JsonValue, fields: FieldSpec): JsonObject {
  if (!isJsonObject(parameters)) throw parameterFailure(parameters, 'The value of the Parameters field must be an object');
  const request: JsonObject = {};
  for (const key of Object.keys(parameters)) {
    const value = parameters[key] as JsonValue;
    const kind = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (kind === undefined) throw parameterFailure(parameters, `The field '${key}' is not supported by Step Functions`);
    if (value === null) continue;
    const accepted = accept(kind, value);
    if (accepted === undefined) throw parameterFailure(parameters, `The value of the field '${key}' has an invalid format`);
    request[key] = accepted;
  }
  return request;
}

function accept(kind: FieldKind, value: JsonValue): JsonValue | undefined {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'object':
      return isJsonObject(value) ? value : undefined;
    case 'array':
      return Array.isArray(value) ? value : undefined;
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'any':
      return value;
  }
}
