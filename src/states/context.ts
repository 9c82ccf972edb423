// What a state handler may use (ARCHITECTURE.md 1.5). The runtime implements it; states/ never
// imports runtime/, so Parallel and Map run nested scopes through runScope.
import type { Clock } from '../core/clock.js';
import type { EventDetails, HistoryEventType } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { Random } from '../core/random.js';
import type { CompiledScope, CompiledState } from '../definition/compiled.js';
import type { StateMachineType } from '../definition/model.js';
import type { CompiledJsonataValue, CompiledTemplate, DataContext } from '../paths/evaluate-types.js';
import type { ParsedResource } from '../integrations/types.js';
import type { ChildOutcome, MapRunRecord } from './map-run.js';

/** What a handler's work produced: the result, and for Choice the chosen next state. */
export interface StepResult {
  readonly result: JsonValue;
  readonly next?: CompiledState;
  /** Choice: the matched rule's Assign (null: the rule has none), replacing the state-level one. */
  readonly assign?: CompiledTemplate | null;
  /** JSONata Choice: index of the matched rule (its Output/Assign replace the state-level ones). */
  readonly choiceIndex?: number;
}

export interface ScopeRun {
  /** 'branch' for Parallel, 'iteration' for Map. */
  readonly kind: 'branch' | 'iteration';
  readonly index: number;
  readonly signal: AbortSignal;
  /** Distributed Map children run as separate executions: no outer variables, no parent events. */
  readonly isolated: boolean;
}

/** What a visit waits for: a snapshot records it, and a resumed visit waits for it again. */
export type Suspension =
  /**
   * A Wait state, until the epoch ms. `since` and `rank` (the id of the thread's last event when it
   * began) order wake-ups due at the same instant as they were first asked for.
   */
  | { readonly kind: 'timer'; readonly until: number; readonly since: number; readonly rank: number }
  /** The back-off before the next attempt. */
  | { readonly kind: 'retry'; readonly until: number; readonly since: number; readonly rank: number }
  /** A Task's invocation in flight (a resumed one is invoked again); `timeoutAt` is its TimeoutSeconds deadline. */
  | {
      readonly kind: 'task';
      readonly timeoutAt: number | undefined;
      readonly since: number;
      readonly rank: number;
      /** A `.sync` job has started (TaskSubmitted is recorded): a resumed call does not record it again. */
      readonly submitted?: boolean;
    }
  /**
   * A `.waitForTaskToken` Task or an activity whose token is out: it waits for SendTaskSuccess or
   * SendTaskFailure (a resumed one waits again, without calling the service a second time).
   * `heartbeatAt`: when HeartbeatSeconds runs out, moved on by every SendTaskHeartbeat.
   */
  | {
      readonly kind: 'callback';
      readonly token: string;
      readonly timeoutAt: number | undefined;
      readonly heartbeatAt: number | undefined;
      readonly since: number;
      readonly rank: number;
      /** An activity taken by a worker (ActivityStarted recorded): the worker's name. */
      readonly worker?: string;
    };

/** How a task token was answered (SendTaskSuccess / SendTaskFailure). */
export type TaskOutcome = { readonly kind: 'success'; readonly output: JsonValue } | { readonly kind: 'failure'; readonly error: string; readonly cause: string };

/** A task's wait for its token, registered before the token goes out (the answer may come first). */
export interface TokenWait {
  /** Settles with the answer; never rejects. */
  readonly outcome: Promise<TaskOutcome>;
  /** Called on each SendTaskHeartbeat. */
  onHeartbeat: (() => void) | undefined;
  /** An activity: called once a worker takes the task (GetActivityTask), with the worker's name. */
  onWorker: ((workerName: string) => void) | undefined;
  /** Ends the wait: the token is answered no more (TaskTimedOut from then on). */
  dispose(): void;
}

/** An activity task as it waits in its activity's queue for a worker. */
export interface ActivityOffer {
  readonly activityArn: string;
  readonly token: string;
  /** The effective input, as the worker receives it (JSON text). */
  readonly input: string;
  /** Queued again by a resumed execution: the activity existed when the task was scheduled. */
  readonly resumed?: boolean;
}

/** A child execution running in this process, as a Map's snapshot sees it. */
export interface EmbeddedChild {
  readonly status: string;
  snapshot(): unknown;
}

/** One Distributed Map child to run as an execution of its own (StateContext.runMapChild). */
export interface MapChildRequest {
  readonly mapRun: MapRunRecord;
  /** The ItemProcessor. */
  readonly scope: CompiledScope;
  readonly index: number;
  readonly input: JsonValue;
  readonly signal: AbortSignal;
  /** The child's own snapshot, kept by the Map's: the child resumes from it (in-process children only). */
  readonly snapshot?: JsonValue | undefined;
}

/** How far a Distributed Map's run has got (StateMachineOptions.onMapRunProgress). */
export interface MapRunProgress {
  readonly mapRunArn: string;
  /** The Map state's name. */
  readonly stateName: string;
  /** Child executions in all: one per item, or per batch with an ItemBatcher (`batched`). */
  readonly total: number;
  readonly batched: boolean;
  readonly succeeded: number;
  readonly failed: number;
  /** True on the last report, when the Map Run has ended. */
  readonly done: boolean;
}

/** A child thread as a state handler sees it. */
export interface ChildThread {
  readonly index: number;
}

/** The progress of a Map's iterations or a Parallel's branches, kept on the thread so that a snapshot holds it. */
export interface ChildProgress {
  /** Finished children's results by index (a hole while a child has not finished). */
  readonly results: JsonValue[];
  failures: number;
  /** The indexes of the children that failed (a ResultWriter files them apart), in the order they failed. */
  readonly failed: number[];
  /** The next item a Map starts. */
  nextIndex: number;
  /** Children that ended and whose end the state has not taken in yet (a snapshot cannot be taken then). */
  settling: number;
  /** The error that ends the state, once one child's failure decided it. */
  fatal: unknown;
  /** Children restored from a snapshot and not yet resumed, by index (live children are the runtime's to track). */
  readonly running: Map<number, ChildThread>;
  /** Distributed Map children started as executions and not ended yet: their inputs by index (a resumed Map starts them again, or finds them by name). */
  launched?: Map<number, JsonValue>;
  /**
   * Children running in this process (the in-process port): a snapshot of the Map holds each one's
   * own snapshot, so that a resumed Map resumes them where they stood instead of running them again.
   */
  embedded?: Map<number, EmbeddedChild>;
  /** Children's snapshots restored with the Map, by index: each resumes from its own (taken once). */
  restoredChildren?: Map<number, JsonValue>;
  /** Inline iterations cancelled, whose MapIterationAborted the Map records once all have settled, by index. */
  abortedIterations?: Array<{ readonly index: number; readonly record: () => void }> | undefined;
  /** A ResultWriter's checkpoint (map-results.ts): the result files written and the uploads open, as JSON. */
  sink?: JsonValue;
}

export interface StateContext {
  readonly stateName: string;
  /** Id of this visit's <Type>StateEntered event (AWS quotes it in causes). */
  readonly enteredEventId: number;
  /** When this visit was entered, epoch ms. */
  readonly enteredAt: number;
  /** Id of the last event this thread recorded. */
  readonly lastEventId: number;
  readonly clock: Clock;
  readonly random: Random;
  readonly signal: AbortSignal;
  readonly machineType: StateMachineType;
  readonly executionArn: string;
  emit(type: HistoryEventType, details?: EventDetails): number;
  /** Whether emitted events are kept or watched; when false, handlers may skip building details. */
  readonly recording: boolean;
  /** The data a path reads for this state: $ = input, $$ = context object, $name = variables. */
  data(input: JsonValue, mapItem?: { readonly index: number; readonly value: JsonValue }): DataContext;
  /** Invokes an integration; throws AslError (never a foreign error). `credentials`: the Task's evaluated Credentials. */
  invoke(resource: ParsedResource, parameters: JsonValue, signal: AbortSignal, credentials?: JsonValue, onSubmitted?: (response: JsonValue) => void): Promise<JsonValue>;
  /** The parsed form of a Task Resource (cached). */
  resource(arn: string): ParsedResource;
  readonly region: string;
  /** Fails with States.DataLimitExceeded when a value is larger than the payload limit. */
  checkPayload(value: JsonValue, subject: string): void;
  runScope(scope: CompiledScope, input: JsonValue, run: ScopeRun): Promise<JsonValue>;
  /** The state's raw input ($states.input in JSONata). */
  readonly rawInput: JsonValue;
  /** JSONPath: the input after InputPath, before Parameters; TimeoutSecondsPath and HeartbeatSecondsPath read it. */
  readonly stateInput: JsonValue;
  /** Evaluates a JSONata-state field with $states.input = the raw input (JSONATA.md §3). */
  evaluateJsonata(value: CompiledJsonataValue, field: string, mapItem?: { readonly index: number; readonly value: JsonValue }): Promise<JsonValue>;
  /** Set when the visit was resumed from a snapshot while it waited: the handler waits for it again. */
  suspension: Suspension | undefined;
  /** Map and Parallel keep their children's progress here (restored when the visit is resumed). */
  children: ChildProgress | undefined;
  /** Waits until `suspension.until` through the runtime's suspension port. */
  suspendUntil(suspension: Suspension & { readonly until: number; readonly since: number; readonly rank: number }): Promise<void>;
  /** Goes on with a child restored from a snapshot (one of children.running), under `signal`. */
  resumeScope(child: ChildThread, signal: AbortSignal): Promise<JsonValue>;
  /** The current attempt's task token ($$.Task.Token): the same on every run of this attempt, resumed ones included. */
  readonly taskToken: string;
  /** Registers the wait for a token's answer (before the token goes out). */
  awaitToken(token: string): TokenWait;
  /**
   * Puts an activity task in its activity's queue for a worker, or throws States.Runtime when the
   * activity does not exist. The wait (awaitToken) is registered first.
   */
  offerActivity(offer: ActivityOffer): void;
  /** Whether the Task's invocations are answered by mocks (the mocked result is then the task result: no token wait). */
  readonly mocked: boolean;
  /** $$.StateMachine.Id: a Map Run is named after it. */
  readonly stateMachineArn: string;
  /**
   * Runs a Distributed Map child to its end as an execution of its own (runtime/map-children.ts);
   * rejects only with a cancellation (or, where children cannot be executions, as in TestState, with
   * the error of the isolated scope that stands in for one).
   */
  runMapChild(request: MapChildRequest): Promise<ChildOutcome>;
  /** Tells the machine's Map Run port that a Map Run started (`ended` false) or ended. */
  mapRunChanged(run: MapRunRecord, ended: boolean): void;
  /** Told how a Distributed Map's run goes; undefined when nobody listens. */
  readonly mapRunProgress: ((progress: MapRunProgress) => void) | undefined;
}
