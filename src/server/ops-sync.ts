// EXPRESS machines over the API: StartSyncExecution, and StartExecution of an express machine run
// in memory and unrecorded, as on AWS (engine-sync.ts). Their ARNs (`:express:`) are then refused
// where AWS refuses them: DescribeExecution, StopExecution, GetExecutionHistory and
// DescribeStateMachineForExecution answer InvalidArn, ListExecutions of an express machine
// StateMachineTypeNotSupported. Also Step Functions Local's `stateMachineArn#TestCase`, which runs an
// execution under a test case of the server's MockConfigFile.
import type { JsonObject } from '../core/json.js';
import type { Engine } from '../service/engine.js';
import type { ExpressOutcome } from '../service/engine-sync.js';
import { MockConfigError } from '../service/mock-test-cases.js';
import type { MachineRecord } from '../store/types.js';
import { MachineRegistry } from './machine-registry.js';
import { ApiError, checkName, epochSeconds, type Operation, optionalString, parseInput, requiredString } from './wire.js';

/** What AWS bills an express execution's memory in, at least (LocalStack records the same from AWS). */
const BILLED_MEMORY_MB = 64;
/** AWS bills express durations in 100 ms steps, at least one. */
const BILLING_STEP_MS = 100;
const EXPRESS_ARN_REFUSED = ['DescribeExecution', 'StopExecution', 'GetExecutionHistory', 'DescribeStateMachineForExecution'];
/** The operations after which a machine ARN may name a machine of another type (delete, then create anew). */
const MACHINE_CHANGES = ['CreateStateMachine', 'DeleteStateMachine', 'UpdateStateMachine'];

/** `arn:...:stateMachine:Name#HappyPath` → the machine's ARN and the test case (Step Functions Local's form). */
export function splitTestCase(arn: string): { readonly machineArn: string; readonly testCase?: string } {
  const hash = arn.indexOf('#');
  if (hash < 0) return { machineArn: arn };
  const testCase = arn.slice(hash + 1);
  if (testCase === '') throw new ApiError('InvalidArn', `Invalid Arn: '${arn}' (a test case name follows '#')`);
  return { machineArn: arn.slice(0, hash), testCase };
}

/**
 * The express-aware operations, over `base` (the server's other operations, which they delegate to).
 * `shutdown` aborts when the server closes: a StartSyncExecution still waiting then answers at once
 * (503), so that closing does not wait up to five minutes for an express execution.
 */
export function syncOperations(engine: Engine, base: Readonly<Record<string, Operation>>, shutdown?: AbortSignal): Record<string, Operation> {
  const registry = new MachineRegistry(engine);
  /**
   * Machine types by ARN: every StartExecution asks, and the answer only changes when a machine is
   * deleted and created anew, so the cache is dropped around every operation that changes machines.
   */
  const types = new Map<string, MachineRecord['type']>();

  /** The machine's type, or undefined when the ARN names none (the base operation then answers as it does). */
  async function typeOf(arn: string): Promise<MachineRecord['type'] | undefined> {
    const known = types.get(arn);
    if (known !== undefined) return known;
    let type: MachineRecord['type'] | undefined;
    try {
      type = (await registry.find(arn))?.version.type;
    } catch {
      return undefined;
    }
    if (type !== undefined) types.set(arn, type);
    return type;
  }

  const operations: Record<string, Operation> = {
    async StartSyncExecution(body) {
      const { machineArn, testCase } = splitTestCase(requiredString(body, 'stateMachineArn'));
      const name = optionalString(body, 'name');
      if (name !== undefined) checkName(name);
      const input = parseInput(optionalString(body, 'input'));
      const included = includedData(body);
      const { version } = await registry.requireActive(machineArn);
      if (version.type !== 'EXPRESS') throw typeNotSupported();
      const execution = await withMocks(() => engine.startExpress(version.arn, input, { ...optional('name', name), ...optional('testCase', testCase) }));
      const outcome = await untilShutdown(execution.outcome, shutdown);
      const out: JsonObject = {
        executionArn: execution.arn,
        stateMachineArn: execution.machineArn,
        name: execution.name,
        startDate: epochSeconds(execution.startDate),
        stopDate: epochSeconds(outcome.stopDate),
        ...statusFields(outcome),
        billingDetails: { billedMemoryUsedInMB: BILLED_MEMORY_MB, billedDurationInMilliseconds: billedMs(outcome.stopDate - execution.startDate) },
      };
      if (included) out['input'] = JSON.stringify(execution.input);
      out['inputDetails'] = { included };
      if (outcome.result.status === 'SUCCEEDED') {
        if (included) out['output'] = JSON.stringify(outcome.result.output);
        out['outputDetails'] = { included };
      }
      return out;
    },

    async StartExecution(body) {
      const { machineArn, testCase } = splitTestCase(requiredString(body, 'stateMachineArn'));
      // The cached type first, without an await: every StartExecution passes here.
      if ((types.get(machineArn) ?? (await typeOf(machineArn))) !== 'EXPRESS') return withMocks(() => delegate(base, 'StartExecution', body));
      const name = optionalString(body, 'name');
      if (name !== undefined) checkName(name);
      const input = parseInput(optionalString(body, 'input'));
      // A deleting machine refuses new executions (StateMachineDeleting), an express one too.
      await registry.requireActive(machineArn);
      // AWS: an express StartExecution is not idempotent and returns once the execution started.
      const execution = await withMocks(() => engine.startExpress(machineArn, input, { ...optional('name', name), ...optional('testCase', testCase) }));
      return { executionArn: execution.arn, startDate: epochSeconds(execution.startDate) };
    },

    async ListExecutions(body) {
      const arn = optionalString(body, 'stateMachineArn');
      if (arn !== undefined && (await typeOf(arn)) === 'EXPRESS') throw typeNotSupported();
      return delegate(base, 'ListExecutions', body);
    },
  };
  for (const name of MACHINE_CHANGES) {
    if (!Object.hasOwn(base, name)) continue;
    operations[name] = async (body) => {
      types.clear();
      try {
        return await delegate(base, name, body);
      } finally {
        types.clear();
      }
    };
  }
  for (const name of EXPRESS_ARN_REFUSED) {
    if (!Object.hasOwn(base, name)) continue;
    operations[name] = (body) => {
      const arn = body['executionArn'];
      if (typeof arn === 'string' && arn.split(':')[5] === 'express') throw new ApiError('InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
      return delegate(base, name, body);
    };
  }
  return operations;
}

function untilShutdown<T>(work: Promise<T>, shutdown: AbortSignal | undefined): Promise<T> {
  if (shutdown === undefined) return work;
  const stopping = (): ApiError => new ApiError('ServiceUnavailable', 'The server is stopping; the express execution was let go.', 503);
  if (shutdown.aborted) return Promise.reject(stopping());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(stopping());
    shutdown.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => shutdown.removeEventListener('abort', onAbort));
  });
}

function delegate(base: Readonly<Record<string, Operation>>, name: string, body: JsonObject): Promise<JsonObject> {
  const operation = base[name];
  if (operation === undefined) throw new ApiError('UnknownOperationException', `Unknown operation: AWSStepFunctions.${name}`);
  return operation(body);
}

/** A test case the MockConfigFile does not have (or no file at all) is the caller's mistake: a 400. */
async function withMocks<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof MockConfigError) throw new ApiError('ValidationException', `The mock test case cannot be used: ${error.message}`);
    throw error;
  }
}

function typeNotSupported(): ApiError {
  return new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
}

function statusFields(outcome: ExpressOutcome): JsonObject {
  const { result } = outcome;
  if (result.status === 'SUCCEEDED' || result.status === 'TIMED_OUT') return result.status === 'SUCCEEDED' ? { status: 'SUCCEEDED' } : { status: 'TIMED_OUT', error: result.error, ...optional('cause', result.cause) };
  // ABORTED cannot be asked for (StopExecution refuses express ARNs); SUSPENDED means the server stopped first.
  const error = result.status === 'SUSPENDED' ? 'States.Runtime' : result.error;
  const cause = result.status === 'SUSPENDED' ? 'The server stopped before the execution finished.' : result.cause;
  return { status: 'FAILED', ...optional('error', error), ...optional('cause', cause) };
}

function billedMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / BILLING_STEP_MS)) * BILLING_STEP_MS;
}

/** includedData: ALL_DATA (default) or METADATA_ONLY (input and output left out). */
function includedData(body: JsonObject): boolean {
  const value = optionalString(body, 'includedData') ?? 'ALL_DATA';
  if (value !== 'ALL_DATA' && value !== 'METADATA_ONLY') {
    throw new ApiError('ValidationException', `Value '${value}' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]`);
  }
  return value === 'ALL_DATA';
}


function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
