// UpdateStateMachine, DeleteStateMachine and DescribeStateMachineForExecution. An update registers
// the new definition as a new version of the machine: executions already running keep the version,
// role and settings they started with (ops-executions.ts records them with the execution), new ones
// get the update. A delete lets running executions finish (machine-registry.ts).
import { uuidV4 } from '../core/ids.js';
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from '../core/json.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import type { Engine, RegisterOptions } from '../service/engine.js';
import { mapChildOf } from '../service/engine-map-runs.js';
import type { ExecutionRecord, MachineResource } from '../store/types.js';
import { MachineRegistry, nameOfArn, type MachineView } from './machine-registry.js';
import { readLogging, readTracing } from './machine-settings.js';
import { checkDefinition, checkDefinitionText, DEFAULT_LOGGING, DEFAULT_ROLE_ARN, DEFAULT_TRACING, refuseVersions } from './ops-machines.js';
import { childMachineFields } from './ops-map-runs.js';
import { ApiError, checkArn, checkLength, epochSeconds, optionalString, requiredString, type Operation } from './wire.js';

/** The key of ExecutionRecord.attributes under which the server keeps what an execution started with. */
export const STARTED_WITH = 'aslServe';

export function machineChangeOperations(engine: Engine): Record<string, Operation> {
  const registry = new MachineRegistry(engine);
  const revisions = new SeededRandom(freshSeed());
  return {
    async UpdateStateMachine(body) {
      const arn = requiredString(body, 'stateMachineArn');
      const definition = optionalString(body, 'definition');
      const roleArn = optionalString(body, 'roleArn');
      const logging = readLogging(body);
      const tracing = readTracing(body);
      refuseVersions(body);
      if (definition !== undefined) checkDefinitionText(definition);
      if (roleArn !== undefined) checkLength(roleArn, 'roleArn', 1, 256);
      return registry.serialize(nameOfArn(arn), async () => {
        const view = await registry.requireActive(arn);
        if (definition === undefined && roleArn === undefined && logging === undefined && tracing === undefined) {
          throw new ApiError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
        }
        const { resource, version } = view;
        let definitionHash = resource.definitionHash;
        let changed = false;
        if (definition !== undefined && definition !== version.definition) {
          checkDefinition(definition, version.type);
          // The version keeps the machine's stored options (region, account, limits): its ARN stays the same.
          const registered = await engine.register(version.name, definition, { ...(version.options as RegisterOptions), type: version.type });
          definitionHash = registered.definitionHash;
          changed = !sameJson(definition, version.definition);
        }
        const settings: JsonObject = { ...resource.settings };
        if (logging !== undefined && !jsonEqual(logging, settings['loggingConfiguration'] ?? DEFAULT_LOGGING)) changed = true;
        if (tracing !== undefined && !jsonEqual(tracing, settings['tracingConfiguration'] ?? DEFAULT_TRACING)) changed = true;
        if (logging !== undefined) settings['loggingConfiguration'] = logging;
        if (tracing !== undefined) settings['tracingConfiguration'] = tracing;
        if (roleArn !== undefined && roleArn !== (resource.roleArn ?? DEFAULT_ROLE_ARN)) changed = true;
        const updatedAt = engine.now();
        const revisionId = changed ? uuidV4(revisions) : resource.revisionId;
        const updated: MachineResource = {
          ...resource,
          definitionHash,
          settings,
          updatedAt,
          ...(roleArn === undefined ? {} : { roleArn }),
          ...(revisionId === undefined ? {} : { revisionId }),
        };
        await registry.save(updated);
        const out: JsonObject = { updateDate: epochSeconds(updatedAt) };
        if (revisionId !== undefined) out['revisionId'] = revisionId;
        return out;
      });
    },

    async DeleteStateMachine(body) {
      const arn = requiredString(body, 'stateMachineArn');
      checkArn(arn, 'stateMachine');
      // A version or alias ARN (…:Name:1) or a Distributed Map's (…:Name/Label) is not a machine to delete.
      if (arn.split(':').length > 7 || arn.includes('/')) throw new ApiError('ValidationException', `A qualified state machine ARN cannot be deleted with DeleteStateMachine: '${arn}'`);
      await registry.serialize(nameOfArn(arn), () => registry.delete(arn));
      return {};
    },

    async DescribeStateMachineForExecution(body) {
      const executionArn = requiredString(body, 'executionArn');
      checkArn(executionArn, 'execution');
      const execution = await engine.describe(executionArn);
      if (execution === undefined) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
      // A Map Run's child is stored under its Map Run and runs its parent's machine version.
      const child = mapChildOf(execution);
      const machineArn = child?.parentMachineArn ?? execution.machineArn;
      const version = await engine.store.getMachine(machineArn, execution.definitionHash);
      if (version === undefined) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${machineArn}'`);
      const startedWith = await startedWithOf({ ...execution, machineArn }, registry);
      const out: JsonObject = {
        stateMachineArn: version.arn,
        name: version.name,
        definition: version.definition,
        roleArn: text(startedWith['roleArn']) ?? DEFAULT_ROLE_ARN,
        updateDate: typeof startedWith['updateDate'] === 'number' ? epochSeconds(startedWith['updateDate']) : epochSeconds(version.createdAt),
        loggingConfiguration: startedWith['loggingConfiguration'] ?? DEFAULT_LOGGING,
        tracingConfiguration: startedWith['tracingConfiguration'] ?? DEFAULT_TRACING,
      };
      const revisionId = text(startedWith['revisionId']);
      if (revisionId !== undefined) out['revisionId'] = revisionId;
      return child === undefined ? out : { ...out, ...childMachineFields(child, version.name, version.definition) };
    },
  };
}

/** What StartExecution records with an execution: the machine's role, revision and settings then. */
export function startedWith({ resource }: MachineView): JsonObject {
  const out: JsonObject = { updateDate: resource.updatedAt ?? resource.createdAt, ...resource.settings };
  if (resource.roleArn !== undefined) out['roleArn'] = resource.roleArn;
  if (resource.revisionId !== undefined) out['revisionId'] = resource.revisionId;
  return out;
}

/** The execution's record of its start; one started outside the server answers with the machine's current resource. */
async function startedWithOf(execution: ExecutionRecord, registry: MachineRegistry): Promise<JsonObject> {
  const recorded = execution.attributes[STARTED_WITH];
  if (isJsonObject(recorded)) return recorded;
  const current = await registry.find(execution.machineArn);
  return current === undefined || current.resource.definitionHash !== execution.definitionHash ? {} : startedWith(current);
}

/** Whether two definitions are the same JSON (an update that only reformats is no new revision). */
function sameJson(a: string, b: string): boolean {
  try {
    return jsonEqual(JSON.parse(a) as JsonValue, JSON.parse(b) as JsonValue);
  } catch {
    return false;
  }
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
