// CONTRACT: where durable executions live (ARCHITECTURE.md 1.13). The engine (src/service/) writes
// through this port only; the store never interprets a snapshot (it is opaque JSON to it) and never
// runs anything. Every method is async although SQLite answers synchronously: a PostgreSQL store
// must fit behind the same interface, so nothing here may assume one process or one connection.
import type { HistoryEvent } from '../core/events.js';
import type { JsonObject, JsonValue } from '../core/json.js';

export type StoredStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One version of a registered state machine: a snapshot names the version it was taken on. */
export interface MachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The definition as JSON text (what a resumed execution recompiles). */
  readonly definition: string;
  /** sha256 of `definition`, hex: identifies the version. */
  readonly definitionHash: string;
  /** The serializable machine options (region, account, limits); the engine owns their shape. */
  readonly options: JsonObject;
  /** Epoch ms of the first registration of this version. */
  readonly createdAt: number;
}

/** A tag of a resource, in the order it was first given. */
export interface ResourceTag {
  readonly key: string;
  readonly value: string;
}

/**
 * A state machine as the Step Functions API sees it (`asl serve`): what AWS keeps per machine beyond
 * its versions. A machine registered through the engine alone has none; the API then derives one.
 */
export interface MachineResource {
  readonly arn: string;
  /** DELETING while executions still run after DeleteStateMachine; DELETED once gone (the name may be created again). */
  readonly status: 'ACTIVE' | 'DELETING' | 'DELETED';
  /** The version new executions run and DescribeStateMachine shows. */
  readonly definitionHash: string;
  readonly roleArn?: string;
  /** Epoch ms of CreateStateMachine. */
  readonly createdAt: number;
  /** Epoch ms of the last UpdateStateMachine; absent until then. */
  readonly updatedAt?: number;
  /** Changes with every update that changes something; absent until then (AWS's first revision id is null). */
  readonly revisionId?: string;
  readonly tags: readonly ResourceTag[];
  /** The API's other settings (logging, tracing...), opaque to the store. */
  readonly settings: JsonObject;
}

/** An activity (CreateActivity), kept so that it outlives the process. */
export interface ActivityResource {
  readonly arn: string;
  readonly name: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly tags: readonly ResourceTag[];
}

/** What is known about an execution without reading its history. */
export interface ExecutionSummary {
  readonly arn: string;
  readonly name: string;
  readonly machineArn: string;
  readonly definitionHash: string;
  readonly status: StoredStatus;
  /** Epoch ms. */
  readonly startDate: number;
  readonly stopDate?: number;
  /** Id of the last committed history event. */
  readonly lastEventId: number;
}

export interface ExecutionRecord extends ExecutionSummary {
  readonly input: JsonValue;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  /** The latest committed snapshot while RUNNING (opaque to the store); undefined once finished. */
  readonly snapshot?: JsonValue;
  /** The caller's own data, stored with the execution (the CLI keeps its run options here). */
  readonly attributes: JsonObject;
}

/** A new execution: stored with its first events (at least ExecutionStarted) in one transaction. */
export interface NewExecution {
  readonly arn: string;
  readonly name: string;
  readonly machineArn: string;
  readonly definitionHash: string;
  readonly startDate: number;
  readonly input: JsonValue;
  readonly attributes: JsonObject;
  readonly snapshot: JsonValue;
  readonly events: readonly HistoryEvent[];
  /** An execution that finished before its first commit is stored finished, in the same transaction. */
  readonly outcome?: ExecutionOutcome;
}

/** How an execution ended, as a finishing commit gives it. */
export interface ExecutionOutcome {
  readonly status: Exclude<StoredStatus, 'RUNNING'>;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  readonly stopDate?: number;
}

/**
 * One atomic step of a running execution: the events recorded since the last commit and the
 * snapshot that follows them. `events` must continue the stored history exactly (the first id is
 * the stored lastEventId + 1, ids consecutive): a store rejects anything else with
 * StoreConflictError, so an event can never be lost or doubled by a resumed run.
 */
export interface Commit {
  readonly arn: string;
  readonly events: readonly HistoryEvent[];
  /** RUNNING: `snapshot` is required. Otherwise the execution is finished and its snapshot dropped. */
  readonly status: StoredStatus;
  readonly snapshot?: JsonValue;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  readonly stopDate?: number;
}

/** One write of commitMany. */
export type StoreWrite = { readonly create: NewExecution } | { readonly commit: Commit };

export interface ExecutionFilter {
  readonly status?: StoredStatus;
  readonly machineArn?: string;
  /** Page size (default: all). */
  readonly limit?: number;
  /** Opaque token from the previous page's `next`. */
  readonly after?: string;
}

export interface ExecutionPage {
  readonly executions: readonly ExecutionSummary[];
  /** Set when more executions follow. */
  readonly next?: string;
}

export interface HistoryQuery {
  /** Only events with a larger id. */
  readonly afterId?: number;
  readonly limit?: number;
  /** Newest first. */
  readonly reverse?: boolean;
}

/** Who holds a store: one engine at a time drives its executions. */
export interface StoreOwner {
  /** Unique per engine instance. */
  readonly id: string;
  /** Process id and host, to tell a live holder from a crashed one. */
  readonly pid: number;
  readonly host: string;
}

/** A Distributed Map's Map Run as DescribeMapRun and ListMapRuns give it (stored when it starts and when it ends). */
export interface MapRunRow {
  readonly arn: string;
  /** The execution whose Map state started it. */
  readonly executionArn: string;
  /** `<machine ARN>/<label>`: the state machine its children are executions of (ListMapRuns' stateMachineArn). */
  readonly childMachineArn: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  /** Epoch ms. */
  readonly startDate: number;
  readonly stopDate?: number;
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  /** DescribeMapRun's executionCounts and itemCounts: pending, running, succeeded, failed, timedOut, aborted, total, resultsWritten. */
  readonly executionCounts: Readonly<Record<string, number>>;
  readonly itemCounts: Readonly<Record<string, number>>;
}

export interface ExecutionStore {
  /** 'memory' | 'sqlite' | ... for messages. */
  readonly kind: string;
  /**
   * Takes the store for this owner. Rejects with StoreLockedError when another owner holds it and
   * is alive (a holder whose process is gone, or whose lease expired, is taken over).
   */
  acquire(owner: StoreOwner, isAlive: (pid: number, host: string) => boolean): Promise<void>;
  /** Stores a machine version; storing the same (arn, hash) again is a no-op. */
  putMachine(machine: MachineRecord): Promise<void>;
  /** The given version, or the latest one stored for the arn when `definitionHash` is omitted. */
  getMachine(arn: string, definitionHash?: string): Promise<MachineRecord | undefined>;
  listMachines(): Promise<readonly MachineRecord[]>;
  /** The machine's API resource, in whatever status it was last stored. */
  getMachineResource(arn: string): Promise<MachineResource | undefined>;
  /** Stores a machine's API resource, replacing the one stored for its arn. */
  putMachineResource(resource: MachineResource): Promise<void>;
  /** Every stored machine resource (DELETED ones included), by arn. */
  listMachineResources(): Promise<readonly MachineResource[]>;
  /** Stores an activity, replacing the one stored for its arn. */
  putActivity(activity: ActivityResource): Promise<void>;
  /** Forgets an activity (nothing happens when there is none). */
  deleteActivity(arn: string): Promise<void>;
  /** Every stored activity, oldest first. */
  listActivities(): Promise<readonly ActivityResource[]>;
  /** Stores a Map Run, replacing the one stored for its arn. */
  putMapRun(run: MapRunRow): Promise<void>;
  getMapRun(arn: string): Promise<MapRunRow | undefined>;
  /** The Map Runs an execution started, oldest first. */
  listMapRuns(executionArn: string): Promise<readonly MapRunRow[]>;
  /** Rejects with StoreConflictError when an execution with this arn exists. */
  createExecution(execution: NewExecution): Promise<void>;
  /** Rejects with StoreConflictError when the events do not continue the stored history, or the execution is unknown or finished. */
  commit(commit: Commit): Promise<void>;
  /**
   * Several creates and commits (of different executions) in one transaction: a group commit. Each
   * write is refused or stored on its own: the answer holds, per write, the error createExecution or
   * commit would have rejected with, or undefined once it is stored. Rejects, having stored none of
   * them, only when the store itself fails.
   */
  commitMany(writes: readonly StoreWrite[]): Promise<readonly (Error | undefined)[]>;
  getExecution(arn: string): Promise<ExecutionRecord | undefined>;
  /** Newest first (by start date, then arn). */
  listExecutions(filter?: ExecutionFilter): Promise<ExecutionPage>;
  history(arn: string, query?: HistoryQuery): Promise<readonly HistoryEvent[]>;
  /** Releases the lease and closes files; further calls reject with StoreClosedError. */
  close(): Promise<void>;
}
