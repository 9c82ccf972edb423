// createStateMachine / start: compile once, then run executions with injected ports (clock,
// randomness, integrations) and the Standard/Express limits (LIMITS.md).
import { createHash } from 'node:crypto';
import { type Clock, SystemClock } from '../core/clock.js';
import type { JsonValue } from '../core/json.js';
import type { HistoryEvent } from '../core/events.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import { uuidV4 } from '../core/ids.js';
import { compileOrThrow } from '../definition/compile.js';
import type { CompiledMachine } from '../definition/compiled.js';
import type { StateMachineType } from '../definition/model.js';
import type { IntegrationRegistry } from '../integrations/registry.js';
import { childMachine, inProcessMapChildren, type MapChildSpec } from './map-children.js';
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
  const runtimeFor = (ids: ExecutionIds, clock: Clock, resumed: ExecutionSnapshot | undefined, onEvent: ((event: HistoryEvent) => void) | undefined, as: MachineIdentity = top, shared?: IntegrationRegistry): ExecutionRuntime => {
    const recorder = new HistoryRecorder(
      {
        clock,
        keep: options.recordHistory ?? true,
        maxEvents: as.type === 'STANDARD' ? (options.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS) : Infinity,
        // A Distributed Map child's events are its own history's, not the machine's listeners'.
        onEvent: as.mapChild === undefined ? options.onEvent : undefined,
        onSubscriberError: options.onSubscriberError,
      },
      resumed?.lastEventId ?? 0,
    );
    if (onEvent !== undefined) recorder.subscribe(onEvent);
    // Mocks count a state's invocations per execution, so each execution gets its own decorator;
    // Map children share their parent's (Step Functions Local counts across iterations).
    const executionRegistry = shared ?? (mocked === undefined ? registry : createMockedRegistry(registry, mocked.states, mocked.source));
    const rt = new ExecutionRuntime({
      machine: as.machine,
      clock,
      random: ids.random,
      seed: ids.seed,
      recorder,
      region,
      executionArn: ids.executionArn,
      registry: executionRegistry,
      resources,
      probe,
      callbacks,
      mapRunProgress: options.onMapRunProgress,
      mapChildren: options.mapChildren ?? inProcessMapChildren,
      startMapChild: (spec, input, startOptions) => startChild(spec, input, clock, executionRegistry, startOptions),
      resumeMapChild: (snapshot, startOptions) => resumeOn(snapshot, clock, startOptions?.onEvent, executionRegistry),
      limits: {
        payloadBytes: options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES,
        maxTransitions: as.type === 'EXPRESS' ? (options.maxTransitions ?? DEFAULT_MAX_EXPRESS_TRANSITIONS) : Infinity,
      },
      // Express executions cannot be redriven, and AWS shows no RedriveCount for them.
      contextBase: buildContextObject({
        execution: {
          id: ids.executionArn,
          name: ids.name,
          startTime: new Date(ids.startDate).toISOString(),
          input: ids.input,
          roleArn: `arn:aws:iam::${accountId}:role/StepFunctionsRole`,
          ...(as.type === 'STANDARD' ? { redriveCount: 0 } : {}),
        },
        stateMachine: { id: as.arn, name: as.name },
        state: { name: '', enteredTime: '' },
      }),
    });
    if (resumed !== undefined) {
      rt.transitions = resumed.transitions;
      rt.variableBytes = resumed.variableBytes;
    }
    return rt;
  };
  const views = new Map<string, CompiledMachine>();
  /** The header's machine: the hash is computed only when a snapshot reads it. */
  const headerMachine = (as: Pick<MachineIdentity, 'arn' | 'name' | 'type'>): SnapshotHeader['stateMachine'] => ({
    arn: as.arn,
    name: as.name,
    type: as.type,
    get definitionHash(): string {
      return definitionHash();
    },
  });
  const top: MachineIdentity = { machine, type, arn, name, mapChild: undefined, stateMachine: headerMachine({ arn, name, type }) };
  let lastChild: MachineIdentity | undefined;
  /** How a Distributed Map child (or its snapshot) sees the machine: its ItemProcessor as the top level (the children of one Map Run share it). */
  const childIdentity = (spec: Pick<MapChildSpec, 'scope' | 'type' | 'machineArn' | 'mapRunArn'>): MachineIdentity => {
    const last = lastChild;
    if (last?.mapChild?.mapRunArn === spec.mapRunArn && last.mapChild.scope === spec.scope && last.type === spec.type && last.arn === spec.machineArn) return last;
    const childName = spec.machineArn.slice(spec.machineArn.indexOf(':stateMachine:') + ':stateMachine:'.length);
    return (lastChild = {
      machine: childMachine(machine, spec.scope, spec.type, views),
      type: spec.type,
      arn: spec.machineArn,
      name: childName,
      mapChild: { scope: spec.scope, mapRunArn: spec.mapRunArn },
      stateMachine: headerMachine({ arn: spec.machineArn, name: childName, type: spec.type }),
    });
  };
  const startChild = (spec: MapChildSpec, input: JsonValue, clock: Clock, shared: IntegrationRegistry, startOptions: StartOptions = {}): Execution => {
    const as = childIdentity(spec);
    const random = new SeededRandom(spec.seed);
    const ids: ExecutionIds = { name: spec.name, executionArn: spec.arn, seed: spec.seed, random, startDate: clock.now(), input };
    const rt = runtimeFor(ids, clock, undefined, startOptions.onEvent, as, shared);
    return new ExecutionRun(rt, { input }, header(ids, as), wallClockFor(clock, as.type));
  };
  // The hash is computed when a snapshot is taken, not per start: it loads node:crypto, and most
  // runs (a CLI run, a test) never take one.
  /** Goes on from a snapshot on `clock` (a Map child's: its parent's clock and mock counters). */
  const resumeOn = (value: ExecutionSnapshot | JsonValue, clock: Clock, onEvent: ((event: HistoryEvent) => void) | undefined, shared?: IntegrationRegistry): Execution => {
    const snapshot = checkSnapshot(value, machine, definitionHash());
    const ids: ExecutionIds = {
      name: snapshot.name,
      executionArn: snapshot.executionArn,
      seed: snapshot.seed,
      random: new SeededRandom(snapshot.root.random ?? snapshot.seed),
      startDate: snapshot.startDate,
      input: snapshot.input,
    };
    // A Distributed Map child's snapshot names the scope and type it runs as.
    const as = snapshot.mapChild === undefined ? top : childIdentity({ ...snapshot.mapChild, type: snapshot.stateMachine.type, machineArn: snapshot.stateMachine.arn });
    const rt = runtimeFor(ids, clock, snapshot, onEvent, as, shared);
    return new ExecutionRun(rt, { snapshot }, header(ids, as), wallClockFor(clock, as.type));
  };
  const header = (ids: ExecutionIds, as: MachineIdentity = top): SnapshotHeader => ({
    name: ids.name,
    seed: ids.seed,
    startDate: ids.startDate,
    stateMachine: as.stateMachine,
    ...(as.mapChild === undefined ? {} : { mapChild: as.mapChild }),
  });
  const wallClockFor = (clock: Clock, of: StateMachineType = type): Clock | undefined => (of === 'EXPRESS' && !(clock instanceof SystemClock) ? (options.wallClock ?? BACKGROUND_SYSTEM_CLOCK) : undefined);
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
      return resumeOn(value, options.clock ?? new SystemClock(), resumeOptions.onEvent);
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

/** The machine an execution runs as: the machine itself, or a Distributed Map child's view of it. */
interface MachineIdentity {
  readonly machine: CompiledMachine;
  readonly type: StateMachineType;
  readonly arn: string;
  readonly name: string;
  readonly mapChild: SnapshotHeader['mapChild'];
  readonly stateMachine: SnapshotHeader['stateMachine'];
}

/** sha256 of the definition's JSON text: identifies the version a snapshot was taken on. */
function hashDefinition(definition: JsonValue): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}
