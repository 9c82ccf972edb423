// CONTRACT: the public execution API (names ours, capabilities from issue #3).
import type { Clock } from '../core/clock.js';
import type { HistoryEvent } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { StateMachineType } from '../definition/model.js';
import type { MockConfig } from '../integrations/mock-config.js';
import type { MockConfigFileOption } from '../integrations/mock-config-file.js';
import type { ServiceBackend } from '../integrations/backend.js';
import type { Integration, LambdaHandler } from '../integrations/types.js';
import type { LocalWorld } from '../world/world.js';
import type { MapRunProgress } from '../states/context.js';

export type { MapRunProgress };
import type { CallbackHub } from './callbacks.js';
import type { MapChildPort } from './map-children.js';
import type { ExecutionProbe } from './probe.js';
import type { ServicesChoice } from './service-backends.js';
import type { ExecutionSnapshot } from './snapshot.js';

export const DEFAULT_PAYLOAD_LIMIT_BYTES = 1_048_576;
export const AWS_PAYLOAD_LIMIT_BYTES = 262_144;
export const DEFAULT_MAX_HISTORY_EVENTS = 25_000;
export const DEFAULT_MAX_EXPRESS_TRANSITIONS = 25_000;

export interface StateMachineOptions {
  /** STANDARD (default) or EXPRESS. */
  readonly type?: StateMachineType;
  /** The system clock by default; a VirtualClock for tests and --fast. */
  readonly clock?: Clock;
  /**
   * With a virtual `clock`, what measures an Express execution's 5 minutes as well (AWS's limit is
   * real time, and a loop that never waits moves no virtual time). Default: the system clock.
   */
  readonly wallClock?: Clock;
  /** Seed for retry jitter, States.MathRandom and States.UUID; random (and recorded) when absent. */
  readonly seed?: number;
  /** Local Lambda functions by name or ARN. */
  readonly lambdas?: Readonly<Record<string, LambdaHandler>>;
  /** Mocked task responses by state name (Step Functions Local format); mocked states never call an integration. */
  readonly mocks?: MockConfig;
  /**
   * A Step Functions Local MockConfigFile and the test case to run under; the states it mocks never
   * call their integration, the others do. Invocations are counted per state across the execution.
   */
  readonly mockConfig?: MockConfigFileOption;
  /** Extra integrations, consulted before the built-in ones. */
  readonly integrations?: readonly Integration[];
  /** Per state input/output and execution input/output, UTF-8 bytes. Default 1 MiB; AWS's is 256 KiB. */
  readonly payloadLimitBytes?: number;
  /** STANDARD: the execution fails with States.Runtime when its history reaches this many events. Default 25,000. */
  readonly maxHistoryEvents?: number;
  /** EXPRESS: the execution fails with States.Runtime past this many state transitions. Default 25,000; Infinity lifts it. */
  readonly maxTransitions?: number;
  /** Keep the history in memory. Default true; false keeps an Express run's memory flat. */
  readonly recordHistory?: boolean;
  /**
   * Called synchronously for every history event. A subscriber that throws (or, if async, rejects)
   * is detached and reported through onSubscriberError; the execution goes on.
   */
  readonly onEvent?: (event: HistoryEvent) => void;
  /**
   * Told synchronously which parts of the definition each run exercises (states, transitions,
   * Choice rules, Retry and Catch handlers), by JSON Pointer: what coverage (createCoverage) listens
   * with. Absent, it costs nothing.
   */
  readonly probe?: ExecutionProbe;
  /** Told once about a failed onEvent subscriber. Default: a Node process warning (code ASL_SUBSCRIBER_ERROR). */
  readonly onSubscriberError?: (error: unknown, event: HistoryEvent) => void;
  /** State machine name used in ARNs and $$.StateMachine.Name. Default "StateMachine". */
  readonly name?: string;
  readonly region?: string;
  readonly accountId?: string;
  /**
   * The local services (SNS, SQS, DynamoDB, S3, EventBridge) the machine's service tasks use; pass
   * your own to seed it and to read back what the run left. Default: an empty world per machine,
   * created on the first service call. Any ServiceBackend may stand in for it.
   */
  readonly world?: LocalWorld | ServiceBackend;
  /**
   * Which backend serves each service: 'local' (the world, default), 'aws' (awsBackend), or per
   * service by SDK client id, e.g. `{ dynamodb: 'aws', '*': 'local' }`.
   */
  readonly services?: ServicesChoice;
  /** The aws backend (createAwsBackend) for the services sent to 'aws'. */
  readonly awsBackend?: ServiceBackend;
  /**
   * Other state machines by ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>`), which
   * states:startExecution and aws-sdk:sfn:startExecution start locally; they run with this
   * machine's options and world, each execution with its own history.
   */
  readonly stateMachines?: Readonly<Record<string, JsonValue>>;
  /**
   * The local backend of Step Functions' own API (StartExecution, DescribeExecution,
   * StopExecution...), for states:startExecution and aws-sdk:sfn tasks sent to 'local'. Default:
   * one over `stateMachines`, shared with the machines it starts; the engine gives its machines
   * its own (service/engine-sfn.ts), so their children are stored executions.
   */
  readonly stepFunctions?: ServiceBackend;
  /**
   * Where `.waitForTaskToken` and activity Tasks wait for their tokens. Default: one per machine,
   * shared with the machines it starts; pass one hub to machines whose tasks answer each other.
   */
  readonly callbacks?: CallbackHub;
  /**
   * Told how each Distributed Map's run goes: when it starts, as each child execution ends, and when
   * it ends (`done`). `asl run` draws its progress line from it.
   */
  readonly onMapRunProgress?: (progress: MapRunProgress) => void;
  /**
   * Where Distributed Map children run: in this process by default (each an execution of its own,
   * forgotten once it ends); the engine stores STANDARD ones as executions (DescribeMapRun,
   * ListExecutions by map run).
   */
  readonly mapChildren?: MapChildPort;
}

export interface StartOptions {
  /** Execution name; a UUID from the seeded generator when absent. */
  readonly name?: string;
  /** This execution's events, as they are recorded (besides the machine's onEvent); never breaks the run. */
  readonly onEvent?: (event: HistoryEvent) => void;
}

/** How a resumed execution runs (StateMachine.resume). */
export interface ResumeOptions {
  readonly onEvent?: (event: HistoryEvent) => void;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'SUSPENDED';

export type ExecutionResult =
  | { readonly status: 'SUCCEEDED'; readonly output: JsonValue }
  | { readonly status: 'FAILED'; readonly error?: string; readonly cause?: string }
  | { readonly status: 'TIMED_OUT'; readonly error: string; readonly cause?: string }
  | { readonly status: 'ABORTED'; readonly error?: string; readonly cause?: string }
  /** suspend() let go of the execution unfinished; it goes on from its snapshot (StateMachine.resume). */
  | { readonly status: 'SUSPENDED'; readonly error?: string; readonly cause?: string };

export interface Execution {
  readonly name: string;
  readonly arn: string;
  /** Epoch ms from the machine's clock. */
  readonly startDate: number;
  readonly status: ExecutionStatus;
  /** Resolves for every ASL outcome (SUCCEEDED, FAILED, TIMED_OUT, ABORTED); rejects only on misuse or a bug. */
  readonly result: Promise<ExecutionResult>;
  /** The history so far (empty when recordHistory is false). */
  readonly history: readonly HistoryEvent[];
  /** Streams the history: events so far, then live ones, ending when the execution settles. */
  events(): AsyncIterable<HistoryEvent>;
  /** Stops the execution (StopExecution): status ABORTED. */
  abort(error?: string, cause?: string): void;
  /**
   * The execution as plain JSON that StateMachine.resume goes on from (a fresh process may do it).
   * Take it while the execution runs and waits — from a timer or I/O callback, not inside an
   * onEvent listener; it throws SnapshotError otherwise.
   */
  snapshot(): ExecutionSnapshot;
  /** Lets go of the running execution without finishing it: no event, `result` gives SUSPENDED. */
  suspend(): void;
}

export interface StateMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: StateMachineType;
  start(input?: JsonValue, options?: StartOptions): Execution;
  /**
   * Goes on with an execution from its snapshot: Waits keep their deadlines, Map and Parallel their
   * finished children, and a Task that was in flight is invoked again (at least once). Throws
   * SnapshotError when the snapshot is malformed or was taken on another version of the definition.
   * The history of the returned execution holds the events recorded after the snapshot.
   */
  resume(snapshot: ExecutionSnapshot | JsonValue, options?: ResumeOptions): Execution;
  /** sha256 of the definition (hex): a snapshot names the version it was taken on. */
  readonly definitionHash: string;
  /**
   * The task tokens its executions hand out: `callbacks.sendTaskSuccess(token, output)`,
   * `sendTaskFailure(token, error, cause)`, `sendTaskHeartbeat(token)`, and activities'
   * `getActivityTask(activityArn)`.
   */
  readonly callbacks: CallbackHub;
}
