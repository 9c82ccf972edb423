// createStateMachine / start: compile once, then run executions with injected ports (clock,
// randomness, integrations) and the Standard/Express limits (LIMITS.md).
import { createHash } from 'node:crypto';
import { type Clock, SystemClock } from '../core/clock.js';
import type { JsonValue } from '../core/json.js';
import type { HistoryEvent } from '../core/events.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import { uuidV4 } from '../core/ids.js';
import { compileOrThrow } from '../definition/compile.js';
import type { ParsedDefinition } from '../definition/source.js';
import { createMockedRegistry } from '../integrations/mocked-registry.js';
import { compileMockOptions } from './mock-options.js';
import { lambdaOnAws } from '../integrations/aws-backend-lambda.js';
import { createDefaultIntegrationRegistry } from '../integrations/registry.js';
import { buildContextObject } from '../paths/context-object.js';
import { CallbackHub } from './callbacks.js';
import { machineBackends } from './service-backends.js';
import type { ParsedResource } from '../integrations/types.js';
import { ExecutionRun } from './execution-run.js';
import type { ExecutionSnapshot, SnapshotHeader } from './snapshot.js';
import { checkSnapshot } from './snapshot-restore.js';
import { ExecutionRuntime } from './execution-runtime.js';
import { HistoryRecorder } from './history.js';
import { ProbeEmitter } from './probe.js';
import { statePointers } from '../definition/state-pointers.js';
import {
  DEFAULT_MAX_EXPRESS_TRANSITIONS,
  DEFAULT_MAX_HISTORY_EVENTS,
  DEFAULT_PAYLOAD_LIMIT_BYTES,
  type Execution,
  type ResumeOptions,
  type StartOptions,
  type StateMachine,
  type StateMachineOptions,
} from './types.js';

/** Times the Express limit of virtual-clock runs without keeping the process alive for it. */
const BACKGROUND_SYSTEM_CLOCK = new SystemClock({ keepsProcessAlive: false });

/**
 * Builds a state machine from a definition (text, parsed or JSON value). Throws DefinitionError
 * with the diagnostics when the definition is invalid, MockConfigError when its mocks are.
 */
export function createStateMachine(
  definition: string | JsonValue | ParsedDefinition,
  options: StateMachineOptions & { readonly fileName?: string } = {},
): StateMachine {
  const type = options.type ?? 'STANDARD';
  const machine = compileOrThrow(definition, { type, ...(options.fileName === undefined ? {} : { fileName: options.fileName }) });
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const name = options.name ?? 'StateMachine';
  const arn = `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
  // One hub for the machine and the machines it starts, so that a child can answer its parent's token.
  const callbacks = options.callbacks ?? new CallbackHub();
  const registry = createDefaultIntegrationRegistry({
    ...(options.integrations ? { integrations: options.integrations } : {}),
    ...(options.lambdas ? { lambdas: options.lambdas } : {}),
    ...(options.awsBackend && lambdaOnAws(options.services, options.lambdas !== undefined) ? { lambdaBackend: options.awsBackend } : {}),
    region,
    accountId,
    backends: machineBackends({ ...options, callbacks }, region, accountId, createStateMachine),
  });
  // Checked here, so that a bad mock file fails when the machine is built, not mid-run.
  const mocked = compileMockOptions(options, options.name, machine.root);
  const resources = new Map<string, ParsedResource>();
  // One per machine: the pointers are computed once, and only when someone listens.
  const probe = options.probe === undefined ? undefined : new ProbeEmitter(options.probe, statePointers(machine));
  let hash: string | undefined;
  const definitionHash = (): string => (hash ??= hashDefinition(machine.definition));
  /** The runtime of one execution; a resumed one goes on with the snapshot's counters and streams. */
  const runtimeFor = (ids: ExecutionIds, clock: Clock, resumed: ExecutionSnapshot | undefined, onEvent: ((event: HistoryEvent) => void) | undefined): ExecutionRuntime => {
    const recorder = new HistoryRecorder(
      {
        clock,
        keep: options.recordHistory ?? true,
        maxEvents: type === 'STANDARD' ? (options.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS) : Infinity,
        onEvent: options.onEvent,
        onSubscriberError: options.onSubscriberError,
      },
      resumed?.lastEventId ?? 0,
    );
    if (onEvent !== undefined) recorder.subscribe(onEvent);
    const rt = new ExecutionRuntime({
      machine,
      clock,
      random: ids.random,
      seed: ids.seed,
      recorder,
      region,
      executionArn: ids.executionArn,
      // Mocks count a state's invocations per execution, so each execution gets its own decorator.
      registry: mocked === undefined ? registry : createMockedRegistry(registry, mocked.states, mocked.source),
      resources,
      probe,
      callbacks,
      mapRunProgress: options.onMapRunProgress,
      limits: {
        payloadBytes: options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES,
        maxTransitions: type === 'EXPRESS' ? (options.maxTransitions ?? DEFAULT_MAX_EXPRESS_TRANSITIONS) : Infinity,
      },
      // Express executions cannot be redriven, and AWS shows no RedriveCount for them.
      contextBase: buildContextObject({
        execution: {
          id: ids.executionArn,
          name: ids.name,
          startTime: new Date(ids.startDate).toISOString(),
          input: ids.input,
          roleArn: `arn:aws:iam::${accountId}:role/StepFunctionsRole`,
          ...(type === 'STANDARD' ? { redriveCount: 0 } : {}),
        },
        stateMachine: { id: arn, name },
        state: { name: '', enteredTime: '' },
      }),
    });
    if (resumed !== undefined) {
      rt.transitions = resumed.transitions;
      rt.variableBytes = resumed.variableBytes;
    }
    return rt;
  };
  // The hash is computed when a snapshot is taken, not per start: it loads node:crypto, and most
  // runs (a CLI run, a test) never take one.
  const stateMachine = {
    arn,
    name,
    type,
    get definitionHash(): string {
      return definitionHash();
    },
  };
  const header = (ids: ExecutionIds): SnapshotHeader => ({ name: ids.name, seed: ids.seed, startDate: ids.startDate, stateMachine });
  const wallClockFor = (clock: Clock): Clock | undefined => (type === 'EXPRESS' && !(clock instanceof SystemClock) ? (options.wallClock ?? BACKGROUND_SYSTEM_CLOCK) : undefined);
  return {
    name,
    arn,
    type,
    callbacks,
    get definitionHash() {
      return definitionHash();
    },
    start(input: JsonValue = {}, startOptions: StartOptions = {}): Execution {
      const clock = options.clock ?? new SystemClock();
      const seed = options.seed ?? freshSeed();
      const random = new SeededRandom(seed);
      const executionName = startOptions.name ?? uuidV4(random);
      const executionArn =
        type === 'EXPRESS'
          ? `arn:aws:states:${region}:${accountId}:express:${name}:${executionName}:${uuidV4(random)}`
          : `arn:aws:states:${region}:${accountId}:execution:${name}:${executionName}`;
      const ids: ExecutionIds = { name: executionName, executionArn, seed, random, startDate: clock.now(), input };
      const rt = runtimeFor(ids, clock, undefined, startOptions.onEvent);
      return new ExecutionRun(rt, { input }, header(ids), wallClockFor(clock));
    },
    resume(value: ExecutionSnapshot | JsonValue, resumeOptions: ResumeOptions = {}): Execution {
      const snapshot = checkSnapshot(value, machine, definitionHash());
      const clock = options.clock ?? new SystemClock();
      const ids: ExecutionIds = {
        name: snapshot.name,
        executionArn: snapshot.executionArn,
        seed: snapshot.seed,
        random: new SeededRandom(snapshot.root.random ?? snapshot.seed),
        startDate: snapshot.startDate,
        input: snapshot.input,
      };
      const rt = runtimeFor(ids, clock, snapshot, resumeOptions.onEvent);
      return new ExecutionRun(rt, { snapshot }, header(ids), wallClockFor(clock));
    },
  };
}

/** What names one execution and seeds its streams. */
interface ExecutionIds {
  readonly name: string;
  readonly executionArn: string;
  readonly seed: number;
  readonly random: SeededRandom;
  readonly startDate: number;
  readonly input: JsonValue;
}

/** sha256 of the definition's JSON text: identifies the version a snapshot was taken on. */
function hashDefinition(definition: JsonValue): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}
