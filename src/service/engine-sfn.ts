// Step Functions' own API for the machines of an engine (states:startExecution, aws-sdk:sfn:*
// tasks sent to 'local'): the executions they start are the engine's own — registered machines,
// started through the engine, so they are stored, listed, resumed and described like any other
// (ARCHITECTURE.md 1.13). A .sync task learns of its child's end from the engine, without polling.
// StartExecution is idempotent as on AWS: the same name and input while that execution runs give
// the same answer, so a durable parent resumed with its Task in flight finds its child again.
import { jsonEqual, type JsonObject, type JsonValue } from '../core/json.js';
import type { ServiceBackend, ServiceCall } from '../integrations/backend.js';
import { executionArnOf, type ExecutionWatcher } from '../integrations/states-execution.js';
import { untilSettledOrAborted } from '../runtime/local-sfn.js';
import {
  describedExecution,
  executionAlreadyExists,
  executionDoesNotExist,
  type ExecutionFacts,
  executionInput,
  executionListItem,
  machineDoesNotExist,
  optionalText,
  requiredText,
  sfnError,
  statusFilter,
} from '../runtime/sfn-describe.js';
import { answerToken, TOKEN_ACTIONS } from '../runtime/sfn-tokens.js';
import { StoreConflictError } from '../store/errors.js';
import type { ExecutionRecord, ExecutionSummary, StoredStatus } from '../store/types.js';
import type { Engine } from './engine.js';

/** The attribute of a child execution that names the Task attempt that started it (its task token). */
const STARTED_BY = 'startedByTask';
/** What a wait that only the signal ends waits on. */
const FOREVER = new Promise<void>(() => undefined);
const STATUSES: readonly StoredStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export class EngineStepFunctions implements ServiceBackend, ExecutionWatcher {
  readonly kind = 'local';
  private engine: Engine | undefined;
  private markOpened: () => void = () => undefined;
  /** Settles once the engine has gone on with the store's RUNNING executions (Engine.open). */
  private readonly opened = new Promise<void>((resolve) => (this.markOpened = resolve));

  /**
   * `stateMachines`: definitions by ARN (the engine option) registered on their first start, for
   * children that were not registered themselves.
   */
  constructor(private readonly stateMachines: Readonly<Record<string, JsonValue>> = {}) {}

  /** The engine this API is of (called once, before it resumes anything). */
  attach(engine: Engine): void {
    this.engine = engine;
  }

  /** Called once the engine has resumed the store's RUNNING executions on open. */
  resumed(): void {
    this.markOpened();
  }

  serves(service: string): boolean {
    return service === 'sfn';
  }

  async call(call: ServiceCall): Promise<JsonObject> {
    switch (call.action) {
      case 'StartExecution':
        return this.startExecution(call.input, call.idempotencyKey);
      case 'DescribeExecution':
        return describedExecution(facts(await this.record(requiredText(call.input, 'executionArn'))));
      case 'StopExecution':
        return this.stopExecution(call.input);
      case 'ListExecutions':
        return this.listExecutions(call.input);
      default:
        if (TOKEN_ACTIONS.has(call.action)) return answerToken(call.action, call.input, this.attached());
        throw sfnError('UnsupportedOperation', `The engine does not implement sfn:${call.action} for its tasks; call the engine itself, or run the task on the aws backend.`);
    }
  }

  async awaitExecution(executionArn: string, signal: AbortSignal): Promise<JsonObject> {
    const engine = this.attached();
    let resumedHere = false;
    for (;;) {
      const running = engine.execution(executionArn);
      if (running !== undefined) await untilSettledOrAborted(running.result.then(() => undefined), signal);
      const record = await this.record(executionArn);
      if (record.status !== 'RUNNING') return describedExecution(facts(record));
      // Still RUNNING in the store: let go (the engine is closing: the waiting parent is suspended
      // too), or not driven here yet — on open the engine goes on with its executions one by one.
      if (running !== undefined) {
        await untilSettledOrAborted(FOREVER, signal);
        continue;
      }
      await untilSettledOrAborted(this.opened, signal);
      if (engine.execution(executionArn) !== undefined) continue;
      if (resumedHere) throw sfnError('ExecutionDoesNotExist', `Execution '${executionArn}' is RUNNING in the store but cannot be resumed by this engine.`);
      resumedHere = true;
      await engine.resumeRunning((candidate) => candidate.arn === executionArn);
    }
  }

  private async startExecution(input: JsonObject, startedBy: string | undefined): Promise<JsonObject> {
    const engine = this.attached();
    const machineArn = requiredText(input, 'stateMachineArn');
    await this.machineExists(machineArn, true);
    const given = input['Name'];
    const name = typeof given === 'string' ? given : undefined;
    const { value } = executionInput(input['Input']);
    if (name !== undefined) {
      const previous = await engine.describe(executionArnOf(machineArn, name));
      if (previous !== undefined) return idempotentStart(previous, value, startedBy);
    }
    try {
      const attributes = startedBy === undefined ? {} : { attributes: { [STARTED_BY]: startedBy } };
      const started = await engine.start(machineArn, value, { ...(name === undefined ? {} : { name }), ...attributes });
      return { ExecutionArn: started.arn, StartDate: new Date(started.startDate).toISOString() };
    } catch (error) {
      // Two starts of one name racing past the check above: the store keeps only the first.
      if (error instanceof StoreConflictError && name !== undefined) throw executionAlreadyExists(executionArnOf(machineArn, name));
      throw error;
    }
  }

  private async stopExecution(input: JsonObject): Promise<JsonObject> {
    const engine = this.attached();
    const record = await this.record(requiredText(input, 'executionArn'));
    if (record.status !== 'RUNNING') return { StopDate: new Date(record.stopDate ?? record.startDate).toISOString() };
    const running = engine.execution(record.arn);
    if (running === undefined) throw sfnError('ValidationException', `Execution is not driven by this engine: '${record.arn}'`);
    running.abort(optionalText(input, 'Error'), optionalText(input, 'Cause'));
    // `result` settles once the final commit is in the store.
    await running.result;
    const stopped = await this.record(record.arn);
    return { StopDate: new Date(stopped.stopDate ?? stopped.startDate).toISOString() };
  }

  private async listExecutions(input: JsonObject): Promise<JsonObject> {
    const engine = this.attached();
    const machineArn = requiredText(input, 'stateMachineArn');
    await this.machineExists(machineArn);
    const filter = statusFilter(input);
    const status = STATUSES.find((s) => s === filter);
    if (filter !== undefined && status === undefined) throw sfnError('ValidationException', `Value '${filter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
    const max = input['MaxResults'];
    const after = input['NextToken'];
    const page = await engine.list({
      machineArn,
      limit: typeof max === 'number' && max > 0 ? Math.min(max, 1000) : 100,
      ...(status === undefined ? {} : { status }),
      ...(typeof after === 'string' ? { after } : {}),
    });
    const out: JsonObject = { Executions: page.executions.map((summary) => executionListItem(summaryFacts(summary))) };
    if (page.next !== undefined) out['NextToken'] = page.next;
    return out;
  }

  /**
   * Throws StateMachineDoesNotExist for an unknown or deleted machine, and StateMachineDeleting for
   * a start of one that DeleteStateMachine (asl serve) is deleting while its executions end.
   */
  private async machineExists(machineArn: string, forStart = false): Promise<void> {
    const engine = this.attached();
    const resource = await engine.store.getMachineResource(machineArn);
    if (resource?.status === 'DELETED') throw machineDoesNotExist(machineArn);
    if (resource?.status === 'DELETING' && forStart) throw sfnError('StateMachineDeleting', `State Machine is being deleted: '${machineArn}'`);
    if ((await engine.store.getMachine(machineArn)) !== undefined) return;
    const definition = this.stateMachines[machineArn];
    if (definition === undefined) throw machineDoesNotExist(machineArn);
    // arn:aws:states:<region>:<account>:stateMachine:<name>
    const [, , , region, accountId, , name] = machineArn.split(':');
    await engine.register(name ?? machineArn, definition, { ...(region ? { region } : {}), ...(accountId ? { accountId } : {}) });
  }

  private async record(executionArn: string): Promise<ExecutionRecord> {
    const found = await this.attached().describe(executionArn);
    if (found === undefined) throw executionDoesNotExist(executionArn);
    return found;
  }

  private attached(): Engine {
    if (this.engine === undefined) throw new Error('The engine’s Step Functions backend is used before the engine opened.');
    return this.engine;
  }
}

/**
 * AWS: repeating a running execution's name and input is idempotent; any other reuse of a name is
 * refused — but for the Task attempt that started it, asking again after a restart.
 */
function idempotentStart(previous: ExecutionRecord, input: JsonValue, startedBy: string | undefined): JsonObject {
  const sameAttempt = startedBy !== undefined && previous.attributes[STARTED_BY] === startedBy;
  if (sameAttempt || (previous.status === 'RUNNING' && jsonEqual(previous.input, input))) {
    return { ExecutionArn: previous.arn, StartDate: new Date(previous.startDate).toISOString() };
  }
  throw executionAlreadyExists(previous.arn);
}

function facts(record: ExecutionRecord): ExecutionFacts {
  return { ...summaryFacts(record), input: JSON.stringify(record.input), output: record.output, error: record.error, cause: record.cause };
}

function summaryFacts(summary: ExecutionSummary): ExecutionFacts {
  return { arn: summary.arn, machineArn: summary.machineArn, name: summary.name, status: summary.status, startDate: summary.startDate, stopDate: summary.stopDate, input: '' };
}
