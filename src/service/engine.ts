// The engine users hold for embedded orchestration (ARCHITECTURE.md 1.13): machines registered in
// an ExecutionStore, executions driven through it (DurableRun), and on open every execution the
// store holds as RUNNING goes on from its last commit. `:memory:` by default; a file path for
// executions that outlive the process (SQLite).
import type { Clock } from '../core/clock.js';
import { SystemClock } from '../core/clock.js';
import { uuidV4 } from '../core/ids.js';
import { LiveTable } from '../core/live-table.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import type { HistoryEvent } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { StateMachineType } from '../definition/model.js';
import type { Execution, ExecutionResult, StateMachineOptions } from '../runtime/types.js';
import { listAllExecutions } from '../store/list-all.js';
import { openStore } from '../store/open-store.js';
import { duplicateExecution } from '../store/store-rules.js';
import { executionArnOf } from '../integrations/states-execution.js';
import type { ExecutionFilter, ExecutionPage, ExecutionRecord, ExecutionStore, HistoryQuery, MachineRecord, MapRunRow } from '../store/types.js';
import { CommitGroup } from './commit-group.js';
import { DurableRun } from './durable-run.js';
import { EngineCallbacks } from './engine-callbacks.js';
import { EngineStepFunctions } from './engine-sfn.js';
import { EngineMapRuns, MAP_CHILD, type MapChildAttribute, mapChildOf, type ParentVersion } from './engine-map-runs.js';
import type { MapChildLaunch } from '../runtime/map-children.js';
import type { MapRunSettings } from '../states/map-run.js';
import { type ExpressExecution, ExpressRuns } from './engine-sync.js';
import { testCaseOf, withTestCase } from './mock-test-cases.js';
import { MachineVersions, type RegisterOptions } from './machine-versions.js';
import { engineOwner, isProcessAlive } from './owner.js';

/** Options shared by every machine of the engine (the ones a store cannot keep: code, ports). */
export type EngineMachineOptions = Pick<
  StateMachineOptions,
  'clock' | 'lambdas' | 'integrations' | 'mocks' | 'mockConfig' | 'world' | 'services' | 'awsBackend' | 'seed' | 'wallClock' | 'onEvent' | 'onSubscriberError' | 'stateMachines'
>;

export interface EngineOptions extends EngineMachineOptions {
  /** ':memory:' (default), a file path (SQLite), or a store of your own. */
  readonly store?: string | ExecutionStore;
  /** Go on with the store's RUNNING executions when it opens (default true). */
  readonly resume?: boolean;
  /** Told when the store refuses a commit; the execution is then let go (it resumes on the next open). */
  readonly onStoreError?: (error: unknown, executionArn: string) => void;
  /**
   * Real milliseconds between two commits of one running execution, at least (default 25): a crash
   * redoes at most this much more work, and an execution that waits on I/O every turn does not
   * rewrite its snapshot every turn. 0 commits on every turn.
   */
  readonly minCommitIntervalMs?: number;
  /** A Step Functions Local MockConfigFile (parsed JSON): an execution started with `testCase` runs under that test case. */
  readonly mockConfigFile?: JsonValue;
}

export interface EngineExecution {
  readonly arn: string;
  readonly name: string;
  readonly machineArn: string;
  /** Epoch ms. */
  readonly startDate: number;
  /** Settles once the execution finished and its last commit is in the store (SUSPENDED when the engine closed first). */
  readonly result: Promise<ExecutionResult>;
  abort(error?: string, cause?: string): void;
}

export interface EngineStartOptions {
  readonly name?: string;
  /** Your own data, stored with the execution (ExecutionRecord.attributes). */
  readonly attributes?: Readonly<Record<string, JsonValue>>;
  /** A test case of the engine's mockConfigFile (Step Functions Local's `stateMachineArn#TestCase`); kept for resumes. */
  readonly testCase?: string;
}

export class Engine {
  // A LiveTable, not a Map: executions come and go all the time (live-table.ts says why).
  private readonly running = new LiveTable<{ run: DurableRun; execution: EngineExecution; suspend: () => void; version: ParentVersion }>();
  private closed = false;
  /** Task tokens and activities of all the engine's executions (engine-callbacks.ts). */
  callbacks!: EngineCallbacks;
  /** Map Runs of the engine's Distributed Maps and their children (engine-map-runs.ts). */
  private mapRuns!: EngineMapRuns;
  private readonly names = new SeededRandom(freshSeed());
  private readonly express = new ExpressRuns(() => this.clock.now());
  /** One store transaction per turn for every execution with something to commit (commit-group.ts). */
  private readonly group: CommitGroup;

  private constructor(
    readonly store: ExecutionStore,
    private readonly machines: MachineVersions,
    private readonly clock: Clock,
    private readonly onStoreError: (error: unknown, arn: string) => void,
    private readonly minCommitIntervalMs: number,
  ) {
    this.group = new CommitGroup(store);
  }

  /** Opens the store, takes it (StoreLockedError when another live engine holds it) and resumes its RUNNING executions. */
  static async open(options: EngineOptions = {}): Promise<Engine> {
    const store = await openStore(options.store);
    await store.acquire(engineOwner(), isProcessAlive);
    const clock = options.clock ?? new SystemClock();
    const { store: _store, resume, onStoreError, minCommitIntervalMs, mockConfigFile, ...machineOptions } = options;
    // Step Functions' own API for the machines' tasks: the executions they start are this engine's (engine-sfn.ts).
    const stepFunctions = new EngineStepFunctions(options.stateMachines);
    // Distributed Map children: STANDARD ones stored as executions, Map Runs stored (engine-map-runs.ts).
    const mapRuns = new EngineMapRuns(store, stepFunctions, onStoreError ?? (() => undefined));
    // One hub of task tokens for all the engine's machines (engine-callbacks.ts); answers wait for the commit that holds them.
    let flush = (_arn: string): Promise<void> => Promise.resolve();
    const callbacks = new EngineCallbacks({ store, now: () => clock.now(), sleep: (ms, signal) => clock.sleep(ms, signal), flush: (arn) => flush(arn), region: 'us-east-1', accountId: '123456789012' });
    const engine = new Engine(store, new MachineVersions(store, { ...machineOptions, clock, stepFunctions, callbacks: callbacks.hub, mapChildren: mapRuns }, mockConfigFile), clock, onStoreError ?? (() => undefined), minCommitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS);
    stepFunctions.attach(engine);
    mapRuns.attach(engine);
    engine.mapRuns = mapRuns;
    engine.callbacks = callbacks;
    // Before any execution resumes: a resumed activity task's worker may ask for its activity at once.
    await callbacks.load();
    flush = (arn) => engine.running.get(arn)?.run.flush() ?? Promise.resolve();
    try {
      if (resume ?? true) await engine.resumeRunning();
    } finally {
      stepFunctions.resumed();
    }
    return engine;
  }

  /** Registers (or finds) a machine version; the store keeps its definition for resumes. */
  register(name: string, definition: string | JsonValue, options: RegisterOptions = {}): Promise<MachineRecord> {
    this.checkOpen();
    return this.machines.register(name, definition, options);
  }

  /** Starts an execution of a registered machine (by name or ARN); resolves once it is in the store. */
  async start(machine: string, input: JsonValue = {}, options: EngineStartOptions = {}): Promise<EngineExecution> {
    this.checkOpen();
    const version = await this.machines.latest(machine);
    const compiled = this.machines.compiled(version, options.testCase);
    const attributes = withTestCase(options.attributes ?? {}, options.testCase);
    // Named here when not given: with a fixed seed, every execution would otherwise draw the same name.
    const name = options.name ?? uuidV4(this.names);
    if (compiled.type === 'STANDARD') {
      // A name the store or this engine already has is refused before the execution runs (AWS's
      // ExecutionAlreadyExists): the store would refuse it only at the first commit, after the first
      // states had run (a Task's call made twice). A name the engine drew is a fresh UUID: the store
      // is not asked. This engine is asked last, with no await between its answer and the run's
      // entry in `running`, so that two starts of one name in one turn cannot both pass.
      const arn = executionArnOf(compiled.arn, name);
      if (options.name !== undefined && (await this.store.getExecution(arn)) !== undefined) throw duplicateExecution(arn);
      if (this.running.has(arn)) throw duplicateExecution(arn);
    }
    const run = this.newRun(version, attributes);
    const execution = compiled.start(input, { name, onEvent: run.onEvent });
    return this.drive(run, version.arn, execution, { machineArn: version.arn, definitionHash: version.definitionHash, attributes });
  }

  /**
   * Goes on with the store's RUNNING executions (all, or those `which` picks) that this engine does
   * not run yet. A Task that was in flight when the process stopped is invoked again.
   */
  async resumeRunning(which: (record: ExecutionRecord) => boolean = () => true): Promise<EngineExecution[]> {
    this.checkOpen();
    const resumed: EngineExecution[] = [];
    for (const summary of await listAllExecutions(this.store, { status: 'RUNNING' })) {
      if (this.running.has(summary.arn)) continue;
      const record = await this.store.getExecution(summary.arn);
      if (record === undefined || record.status !== 'RUNNING' || !which(record)) continue;
      // A Map Run's child is stored under its Map Run and runs its parent's definition.
      const version = await this.machines.version(mapChildOf(record)?.parentMachineArn ?? record.machineArn, record.definitionHash);
      const run = this.newRun(version, record.attributes, true);
      const execution = this.machines.compiled(version, testCaseOf(record.attributes)).resume(record.snapshot ?? null, { onEvent: run.onEvent });
      resumed.push(await this.drive(run, version.arn, execution, { machineArn: version.arn, definitionHash: version.definitionHash, attributes: record.attributes }));
    }
    return resumed;
  }

  /**
   * Runs an execution in memory only, as AWS runs EXPRESS machines (engine-sync.ts): never stored,
   * never resumed; `outcome` settles when it ends.
   */
  async startExpress(machine: string, input: JsonValue = {}, options: Pick<EngineStartOptions, 'name' | 'testCase'> = {}): Promise<ExpressExecution> {
    this.checkOpen();
    const version = await this.machines.latest(machine);
    const compiled = this.machines.compiled(version, options.testCase);
    return this.express.start(compiled, version.arn, input, options.name ?? uuidV4(this.names));
  }

  /**
   * Starts a Distributed Map child as a stored execution of its parent's machine version, under its
   * Map Run's ARN (engine-map-runs.ts); resolves once it is in the store.
   */
  async startMapChild(child: MapChildLaunch, parent: ParentVersion): Promise<EngineExecution> {
    this.checkOpen();
    const mapRun: MapChildAttribute = { mapRunArn: child.mapRun.arn, childMachineArn: child.mapRun.childMachineArn, parentMachineArn: parent.machineArn };
    // Stored under its Map Run's ARN (ListExecutions by mapRunArn), with its parent's definition.
    const run = this.newRun({ arn: child.mapRun.arn, definitionHash: parent.definitionHash }, withTestCase({ [MAP_CHILD]: { ...mapRun } }, testCaseOf(parent.attributes)));
    return this.drive(run, child.mapRun.childMachineArn, child.start({ onEvent: run.onEvent }), parent);
  }

  /** DescribeMapRun: live counts while it runs here, else the stored Map Run. */
  describeMapRun(mapRunArn: string): Promise<MapRunRow | undefined> {
    return this.mapRuns.describe(mapRunArn);
  }

  /** UpdateMapRun on a Map Run running in this engine: true when its Map took the settings up (else only the store can change). */
  updateMapRun(mapRunArn: string, change: Partial<MapRunSettings>): boolean {
    return this.mapRuns.update(mapRunArn, change);
  }

  /** ListMapRuns: the Map Runs an execution started, oldest first. */
  listMapRuns(executionArn: string): Promise<readonly MapRunRow[]> {
    return this.mapRuns.list(executionArn);
  }

  /** Epoch ms by the engine's clock (the virtual one in tests). */
  now(): number {
    return this.clock.now();
  }

  /** SendTaskSuccess: the waiting task succeeds with `output`; resolves once the execution's commit holds it. */
  sendTaskSuccess(token: string, output: JsonValue): Promise<void> {
    return this.callbacks.sendTaskSuccess(token, output);
  }

  /** SendTaskFailure: the waiting task fails with `error` and `cause` (Retry and Catch apply). */
  sendTaskFailure(token: string, error?: string, cause?: string): Promise<void> {
    return this.callbacks.sendTaskFailure(token, error, cause);
  }

  /** SendTaskHeartbeat: the task's HeartbeatSeconds count again from now. */
  sendTaskHeartbeat(token: string): Promise<void> {
    return this.callbacks.sendTaskHeartbeat(token);
  }

  /** The machine version an execution this engine runs now runs (a Map child's: its parent's). */
  runningVersion(arn: string): ParentVersion | undefined {
    return this.running.get(arn)?.version;
  }

  /** The execution this engine runs now, if any. */
  execution(arn: string): EngineExecution | undefined {
    return this.running.get(arn)?.execution;
  }

  /** Resolves once an execution this engine started under `arn` is in the store (at once when it runs none). */
  stored(arn: string): Promise<void> {
    return this.running.get(arn)?.run.stored ?? Promise.resolve();
  }

  describe(arn: string): Promise<ExecutionRecord | undefined> {
    return this.store.getExecution(arn);
  }

  list(filter?: ExecutionFilter): Promise<ExecutionPage> {
    return this.store.listExecutions(filter);
  }

  history(arn: string, query?: HistoryQuery): Promise<readonly HistoryEvent[]> {
    return this.store.history(arn, query);
  }

  /**
   * Commits every running execution where it stands, lets it go (its `result` gives SUSPENDED) and
   * releases the store: the next open goes on with them.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const runs = this.running.values();
    for (const { suspend } of runs) suspend();
    await Promise.allSettled(runs.map(({ execution }) => execution.result));
    await this.express.close();
    await this.store.close();
  }

  /** A durable run stored under `machine.arn` (a Map child's: its Map Run's) with that definition. */
  private newRun(machine: Pick<MachineRecord, 'arn' | 'definitionHash'>, attributes: Readonly<Record<string, JsonValue>>, resumed = false): DurableRun {
    return new DurableRun(
      { group: this.group, machineArn: machine.arn, definitionHash: machine.definitionHash, attributes: { ...attributes }, onStoreError: this.onStoreError, now: () => this.clock.now(), minCommitIntervalMs: this.minCommitIntervalMs },
      resumed,
    );
  }

  private async drive(run: DurableRun, machineArn: string, execution: Execution, version: ParentVersion): Promise<EngineExecution> {
    const handle: EngineExecution = {
      arn: execution.arn,
      name: execution.name,
      machineArn,
      startDate: execution.startDate,
      result: run.settled,
      abort: (error, cause) => execution.abort(error, cause),
    };
    const suspend = (): void => {
      // What happened since the last commit is committed (the snapshot is taken now), then the run lets go at once.
      void run.flush();
      execution.suspend();
    };
    this.running.set(execution.arn, { run, execution: handle, suspend, version });
    const forget = (): void => {
      this.running.delete(execution.arn);
    };
    run.settled.then(forget, forget);
    await run.attach(execution);
    return handle;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('The engine is closed.');
  }
}

const DEFAULT_COMMIT_INTERVAL_MS = 25;

/** Opens an engine on a store: `openEngine({ store: 'executions.db', lambdas })`. */
export function openEngine(options: EngineOptions = {}): Promise<Engine> {
  return Engine.open(options);
}

export type { RegisterOptions, StateMachineType };
