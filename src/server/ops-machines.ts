// State machine operations: CreateStateMachine, DescribeStateMachine, ListStateMachines and
// ValidateStateMachineDefinition, in the field names of AWS's API reference.
import type { JsonObject } from '../core/json.js';
import type { Diagnostic } from '../definition/diagnostic.js';
import type { StateMachineType } from '../definition/model.js';
import { validateDefinition } from '../definition/validate.js';
import type { Engine } from '../service/engine.js';
import type { MachineRecord } from '../store/types.js';
import { ApiError, checkArn, checkName, decodeOffset, encodeOffset, epochSeconds, optionalString, pageSize, requiredString, type Operation } from './wire.js';

/** Answered when a machine was created without a role: Describe's roleArn is a required member. */
const DEFAULT_ROLE_ARN = 'arn:aws:iam::123456789012:role/asl-engine';

export function machineOperations(engine: Engine): Record<string, Operation> {
  // The store keeps no IAM role (the engine needs none); the server remembers what it was given.
  const roles = new Map<string, string>();

  /** The latest version of each machine, in creation order. */
  async function machines(): Promise<MachineRecord[]> {
    const latest = new Map<string, MachineRecord>();
    for (const record of await engine.store.listMachines()) {
      const known = latest.get(record.arn);
      if (known === undefined || record.createdAt >= known.createdAt) latest.set(record.arn, record);
    }
    return [...latest.values()].sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  }

  async function machine(arn: string): Promise<MachineRecord> {
    checkArn(arn, 'stateMachine');
    const found = await engine.store.getMachine(arn);
    if (found === undefined) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return found;
  }

  return {
    async CreateStateMachine(body) {
      const name = requiredString(body, 'name');
      const definition = requiredString(body, 'definition');
      const roleArn = optionalString(body, 'roleArn');
      const type = machineType(body);
      checkName(name);
      const { valid, diagnostics } = validateDefinition(definition, { type });
      if (!valid) throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${describeErrors(diagnostics)}'`);
      const existing = (await machines()).find((m) => m.name === name);
      if (existing !== undefined) {
        // AWS: the same name, definition and type again is idempotent (a different roleArn is
        // ignored, not updated); a different definition or type conflicts.
        if (existing.definition !== definition || existing.type !== type) {
          throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${existing.arn}'`);
        }
        return { stateMachineArn: existing.arn, creationDate: epochSeconds(existing.createdAt) };
      }
      const record = await engine.register(name, definition, { type });
      if (roleArn !== undefined) roles.set(record.arn, roleArn);
      return { stateMachineArn: record.arn, creationDate: epochSeconds(record.createdAt) };
    },

    async DescribeStateMachine(body) {
      const record = await machine(requiredString(body, 'stateMachineArn'));
      return {
        stateMachineArn: record.arn,
        name: record.name,
        status: 'ACTIVE',
        definition: record.definition,
        roleArn: roles.get(record.arn) ?? DEFAULT_ROLE_ARN,
        type: record.type,
        creationDate: epochSeconds(record.createdAt),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      };
    },

    async ListStateMachines(body) {
      const all = await machines();
      const offset = decodeOffset(optionalString(body, 'nextToken'));
      const limit = pageSize(body);
      const page = all.slice(offset, offset + limit);
      const out: JsonObject = {
        stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: epochSeconds(m.createdAt) })),
      };
      if (offset + limit < all.length) out['nextToken'] = encodeOffset(offset + limit);
      return out;
    },

    async ValidateStateMachineDefinition(body) {
      const definition = requiredString(body, 'definition');
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

function machineType(body: JsonObject): StateMachineType {
  const type = optionalString(body, 'type') ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw new ApiError('ValidationException', `Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
  }
  return type;
}

/** The ERROR diagnostics in one line, the way AWS lists its SCHEMA_VALIDATION_FAILED findings. */
function describeErrors(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'ERROR')
    .map((d) => `${d.code}: ${d.message}${d.path === '' ? '' : ` at ${d.path}`}`)
    .join(', ');
}
