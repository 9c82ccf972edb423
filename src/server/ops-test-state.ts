// TestState over the API: the request members as AWS's API reference names them, handed to the
// library's testState (runtime/test-state.ts), and its answer (status, output, error, cause,
// nextState, inspectionData) sent back as is. Requests testState refuses get AWS's 400s.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { DefinitionError } from '../definition/compile.js';
import { testState } from '../runtime/test-state.js';
import { type InspectionLevel, type TestStateMock, type TestStateOptions, type TestStateRequest, TestStateRequestError } from '../runtime/test-state-types.js';
import { ApiError, optionalBoolean, optionalString, requiredString, type Operation } from './wire.js';

const LEVELS: readonly InspectionLevel[] = ['INFO', 'DEBUG', 'TRACE'];
const MODES: readonly NonNullable<TestStateMock['fieldValidationMode']>[] = ['STRICT', 'PRESENT', 'NONE'];

/** `options` say where the tested Tasks go (lambdas, services, world), as the engine's machines have them. */
export function testStateOperations(options: TestStateOptions = {}): Record<string, Operation> {
  return {
    async TestState(body) {
      const request: TestStateRequest = {
        definition: requiredString(body, 'definition'),
        ...member('stateName', optionalString(body, 'stateName')),
        ...member('input', optionalString(body, 'input')),
        ...member('context', optionalString(body, 'context')),
        ...member('variables', optionalString(body, 'variables')),
        ...member('roleArn', optionalString(body, 'roleArn')),
        ...member('revealSecrets', optionalBoolean(body, 'revealSecrets')),
        ...member('inspectionLevel', inspectionLevel(body)),
        ...member('mock', mock(body)),
        ...member('stateConfiguration', stateConfiguration(body)),
      };
      try {
        return toJson(await testState(request, options));
      } catch (error) {
        if (error instanceof TestStateRequestError) throw new ApiError(error.code, error.message);
        if (error instanceof DefinitionError) throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${error.diagnostics.map((d) => `${d.code}: ${d.message}${d.path === '' ? '' : ` at ${d.path}`}`).join(', ')}'`);
        throw error;
      }
    },
  };
}

function inspectionLevel(body: JsonObject): InspectionLevel | undefined {
  const value = optionalString(body, 'inspectionLevel');
  if (value === undefined) return undefined;
  const level = LEVELS.find((l) => l === value);
  if (level === undefined) throw new ApiError('ValidationException', `Value '${value}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [${LEVELS.join(', ')}]`);
  return level;
}

function mock(body: JsonObject): TestStateMock | undefined {
  const value = body['mock'];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw new ApiError('ValidationException', "Value at 'mock' must be a structure.");
  const errorOutput = value['errorOutput'];
  if (errorOutput !== undefined && errorOutput !== null && !isJsonObject(errorOutput)) throw new ApiError('ValidationException', "Value at 'mock.errorOutput' must be a structure.");
  const text = optionalString(value, 'fieldValidationMode');
  const mode = MODES.find((m) => m === text);
  if (text !== undefined && mode === undefined) {
    throw new ApiError('ValidationException', `Value '${text}' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set: [${MODES.join(', ')}]`);
  }
  return {
    ...member('result', optionalString(value, 'result')),
    ...member('errorOutput', isJsonObject(errorOutput) ? { ...member('error', optionalString(errorOutput, 'error')), ...member('cause', optionalString(errorOutput, 'cause')) } : undefined),
    ...member('fieldValidationMode', mode),
  };
}

function stateConfiguration(body: JsonObject): TestStateRequest['stateConfiguration'] {
  const value = body['stateConfiguration'];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw new ApiError('ValidationException', "Value at 'stateConfiguration' must be a structure.");
  const count = value['retrierRetryCount'];
  if (count === undefined || count === null) return {};
  if (typeof count !== 'number') throw new ApiError('ValidationException', "Value at 'stateConfiguration.retrierRetryCount' must be a number.");
  return { retrierRetryCount: count };
}

/** The response as JSON: its members are strings, numbers and plain objects of them already. */
function toJson(value: object): JsonObject {
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value) as [string, unknown][]) {
    if (member === undefined) continue;
    out[key] = typeof member === 'object' && member !== null ? toJson(member) : (member as JsonValue);
  }
  return out;
}

function member<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
