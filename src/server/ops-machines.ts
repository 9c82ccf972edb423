// State machine operations: CreateStateMachine, DescribeStateMachine, ListStateMachines and
// ValidateStateMachineDefinition, in the field names of AWS's API reference (UpdateStateMachine,
// DeleteStateMachine and DescribeStateMachineForExecution: ops-machine-changes.ts; tags: ops-tags.ts).
import type { JsonObject } from '../core/json.js';
import type { Diagnostic } from '../definition/diagnostic.js';
import type { StateMachineType } from '../definition/model.js';
import { validateDefinition } from '../definition/validate.js';
import type { Engine } from '../service/engine.js';
import { deleting, MachineRegistry, type MachineView } from './machine-registry.js';
import { checkTagCount, readLogging, readTags, readTracing } from './machine-settings.js';
import { ApiError, checkLength, checkName, decodeOffset, encodeOffset, epochSeconds, optionalBoolean, optionalString, pageSize, requiredString, type Operation } from './wire.js';

/** Answered when a machine was created without a role: Describe's roleArn is a required member. */
export const DEFAULT_ROLE_ARN = 'arn:aws:iam::123456789012:role/asl-engine';
/** AWS's limit on a definition's length, in characters. */
export const MAX_DEFINITION_LENGTH = 1024 * 1024;
export const DEFAULT_LOGGING: JsonObject = { level: 'OFF', includeExecutionData: false };
export const DEFAULT_TRACING: JsonObject = { enabled: false };

export function machineOperations(engine: Engine): Record<string, Operation> {
  const registry = new MachineRegistry(engine);
  return {
    async CreateStateMachine(body) {
      const name = requiredString(body, 'name');
      const definition = requiredString(body, 'definition');
      const roleArn = optionalString(body, 'roleArn');
      const type = machineType(body);
      checkName(name);
      checkDefinitionText(definition);
      if (roleArn !== undefined) checkLength(roleArn, 'roleArn', 1, 256);
      const logging = readLogging(body);
      const tracing = readTracing(body);
      const tags = readTags(body) ?? [];
      checkTagCount(tags, name);
      refuseVersions(body);
      checkDefinition(definition, type);
      return registry.serialize(name, async () => {
        const existing = await registry.byName(name);
        if (existing !== undefined) {
          if (existing.resource.status === 'DELETING') throw deleting(existing.resource.arn);
          // AWS: the same name, definition and type again is idempotent (a different roleArn is
          // ignored, not updated); a different definition or type conflicts.
          if (existing.version.definition !== definition || existing.version.type !== type) {
            throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${existing.resource.arn}'`);
          }
          return { stateMachineArn: existing.resource.arn, creationDate: epochSeconds(existing.resource.createdAt) };
        }
        const record = await engine.register(name, definition, { type });
        const settings: JsonObject = {};
        if (logging !== undefined) settings['loggingConfiguration'] = logging;
        if (tracing !== undefined) settings['tracingConfiguration'] = tracing;
        const createdAt = engine.now();
        await registry.save({ arn: record.arn, status: 'ACTIVE', definitionHash: record.definitionHash, ...(roleArn === undefined ? {} : { roleArn }), createdAt, tags, settings });
        return { stateMachineArn: record.arn, creationDate: epochSeconds(createdAt) };
      });
    },

    async DescribeStateMachine(body) {
      return describeMachine(await registry.require(requiredString(body, 'stateMachineArn')));
    },

    async ListStateMachines(body) {
      const all = await registry.list();
      const offset = decodeOffset(optionalString(body, 'nextToken'));
      const limit = pageSize(body);
      const page = all.slice(offset, offset + limit);
      const out: JsonObject = {
        stateMachines: page.map(({ resource, version }) => ({ stateMachineArn: resource.arn, name: version.name, type: version.type, creationDate: epochSeconds(resource.createdAt) })),
      };
      if (offset + limit < all.length) out['nextToken'] = encodeOffset(offset + limit);
      return out;
    },

    async ValidateStateMachineDefinition(body) {
      const definition = requiredString(body, 'definition');
      checkDefinitionText(definition);
      const { valid, diagnostics } = validateDefinition(definition, { type: machineType(body) });
      const limit = typeof body['maxResults'] === 'number' && body['maxResults'] > 0 ? body['maxResults'] : 100;
      return {
        result: valid ? 'OK' : 'FAIL',
        diagnostics: diagnostics.slice(0, limit).map((d) => ({ severity: d.severity, code: d.code, message: d.message, location: d.path })),
        truncated: diagnostics.length > limit,
      };
    },
  };
}

/** DescribeStateMachine's answer for a machine. */
export function describeMachine({ resource, version }: MachineView): JsonObject {
  const out: JsonObject = {
    stateMachineArn: resource.arn,
    name: version.name,
    status: resource.status,
    definition: version.definition,
    roleArn: resource.roleArn ?? DEFAULT_ROLE_ARN,
    type: version.type,
    creationDate: epochSeconds(resource.createdAt),
    loggingConfiguration: resource.settings['loggingConfiguration'] ?? DEFAULT_LOGGING,
    tracingConfiguration: resource.settings['tracingConfiguration'] ?? DEFAULT_TRACING,
  };
  if (resource.revisionId !== undefined) out['revisionId'] = resource.revisionId;
  return out;
}

/** A definition's length (AWS: at most 1,048,576 characters). */
export function checkDefinitionText(definition: string): void {
  checkLength(definition, 'definition', 1, MAX_DEFINITION_LENGTH, true);
}

/** InvalidDefinition with the ERROR diagnostics, as AWS lists its SCHEMA_VALIDATION_FAILED findings. */
export function checkDefinition(definition: string, type: StateMachineType): void {
  const { valid, diagnostics } = validateDefinition(definition, { type });
  if (!valid) throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${describeErrors(diagnostics)}'`);
}

/** Published versions and aliases are not kept: `publish` is refused rather than silently ignored. */
export function refuseVersions(body: JsonObject): void {
  const publish = optionalBoolean(body, 'publish') ?? false;
  if (!publish && optionalString(body, 'versionDescription') !== undefined) throw new ApiError('ValidationException', 'Version description can only be set when publish is true');
  if (publish) throw new ApiError('ValidationException', 'asl serve does not publish state machine versions: leave publish unset.');
}

function machineType(body: JsonObject): StateMachineType {
  const type = optionalString(body, 'type') ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw new ApiError('ValidationException', `Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
  }
  return type;
}

function describeErrors(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'ERROR')
    .map((d) => `${d.code}: ${d.message}${d.path === '' ? '' : ` at ${d.path}`}`)
    .join(', ');
}
