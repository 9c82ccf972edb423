// Distributed Map children and Map Runs in the engine (issue 14). A STANDARD child is an execution
// of the engine's own: stored under its Map Run's ARN (ListExecutions by mapRunArn lists them),
// committed and resumed like any other; a resumed Map asks for the same child by name and finds it —
// finished (its result is taken as it is, nothing runs again) or still running (it is waited for).
// EXPRESS children run in memory only, as AWS keeps no history for them. Map Runs are stored when
// they start and end; while one runs here, DescribeMapRun reads its live counts.
import { addAbortCallback, removeAbortCallback } from '../core/abort.js';
import { ExecutionSuspendedError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { type MapChildLaunch, type MapChildPort, runToEnd } from '../runtime/map-children.js';
import type { ChildOutcome, MapRunRecord, MapRunSettings } from '../states/map-run.js';
import type { ExecutionRecord, ExecutionStore, MapRunRow } from '../store/types.js';
import type { Engine } from './engine.js';
import type { EngineStepFunctions } from './engine-sfn.js';

/** The attribute that marks a stored execution as a Map Run's child. */
export const MAP_CHILD = 'mapRun';

/** What a child's stored record says of its Map Run (ExecutionRecord.attributes.mapRun). */
export interface MapChildAttribute {
  readonly mapRunArn: string;
  /** `<parent machine ARN>/<label>`: what DescribeExecution shows as the child's state machine. */
  readonly childMachineArn: string;
  /** The machine whose definition the child runs (its parent's). */
  readonly parentMachineArn: string;
}

/** The machine version a parent execution runs, which its children run too. */
export interface ParentVersion {
  readonly machineArn: string;
  readonly definitionHash: string;
  readonly attributes: Readonly<Record<string, JsonValue>>;
}

export class EngineMapRuns implements MapChildPort {
  private engine: Engine | undefined;
  /** Map Runs under way in this engine, by ARN: DescribeMapRun reads their counts as they change. */
  private readonly live = new Map<string, MapRunRecord>();

  constructor(
    private readonly store: ExecutionStore,
    private readonly stepFunctions: EngineStepFunctions,
    private readonly onStoreError: (error: unknown, arn: string) => void,
  ) {}

  attach(engine: Engine): void {
    this.engine = engine;
  }

  async run(child: MapChildLaunch, signal: AbortSignal): Promise<ChildOutcome> {
    const engine = this.attached();
    // EXPRESS children, and the children of an execution the engine does not store (an Express
    // one, run by StartSyncExecution), run in memory only.
    const parent = engine.runningVersion(child.mapRun.executionArn);
    if (child.spec.type === 'EXPRESS' || parent === undefined) return runToEnd(child.start(), signal);
    const arn = child.spec.arn;
    let record = await engine.describe(arn);
    if (record === undefined) await engine.startMapChild(child, parent);
    if (record === undefined || record.status === 'RUNNING') {
      // A stopped parent stops its children; a suspended one leaves them to the store (they resume with it).
      const stop = (): void => {
        if (!(signal.reason instanceof ExecutionSuspendedError)) engine.execution(arn)?.abort();
      };
      addAbortCallback(signal, stop);
      try {
        await this.stepFunctions.awaitExecution(arn, signal);
      } finally {
        removeAbortCallback(signal, stop);
      }
      record = await engine.describe(arn);
    }
    if (record === undefined) throw new Error(`The Map Run child ${arn} is not in the store.`);
    return outcomeOf(record);
  }

  mapRunStarted(run: MapRunRecord): void {
    this.live.set(run.arn, run);
    this.save(run);
  }

  mapRunEnded(run: MapRunRecord): void {
    // Read live until the final row is stored, so a DescribeMapRun in between sees the end.
    void this.save(run).then(() => {
      if (this.live.get(run.arn) === run) this.live.delete(run.arn);
    });
  }

  /** DescribeMapRun: the live counts while the Map Run goes on here, else what the store holds. */
  async describe(mapRunArn: string): Promise<MapRunRow | undefined> {
    const run = this.live.get(mapRunArn);
    return run === undefined ? this.store.getMapRun(mapRunArn) : rowOf(run);
  }

  /** UpdateMapRun on a Map Run under way here: its Map takes the settings up at once. False when it is not running here. */
  update(mapRunArn: string, change: Partial<MapRunSettings>): boolean {
    const run = this.live.get(mapRunArn);
    if (run === undefined) return false;
    run.update(change);
    void this.save(run);
    return true;
  }

  /** ListMapRuns: an execution's Map Runs, oldest first, live ones as they stand. */
  async list(executionArn: string): Promise<readonly MapRunRow[]> {
    const stored = await this.store.listMapRuns(executionArn);
    return stored.map((row) => {
      const run = this.live.get(row.arn);
      return run === undefined ? row : rowOf(run);
    });
  }

  private save(run: MapRunRecord): Promise<void> {
    return this.store.putMapRun(rowOf(run)).catch((error: unknown) => this.onStoreError(error, run.executionArn));
  }

  private attached(): Engine {
    if (this.engine === undefined) throw new Error('The engine’s Map Runs are used before the engine opened.');
    return this.engine;
  }
}

/** The Map Run a stored execution is a child of, if it is one. */
export function mapChildOf(record: Pick<ExecutionRecord, 'attributes'>): MapChildAttribute | undefined {
  const value = record.attributes[MAP_CHILD];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { mapRunArn, childMachineArn, parentMachineArn } = value;
  return typeof mapRunArn === 'string' && typeof childMachineArn === 'string' && typeof parentMachineArn === 'string' ? { mapRunArn, childMachineArn, parentMachineArn } : undefined;
}

function outcomeOf(record: ExecutionRecord): ChildOutcome {
  if (record.status === 'SUCCEEDED') return { status: 'SUCCEEDED', output: record.output ?? null };
  if (record.status === 'RUNNING') throw new Error(`The Map Run child ${record.arn} is still running.`);
  return { status: record.status, error: record.error, cause: record.cause };
}

function rowOf(run: MapRunRecord): MapRunRow {
  return {
    arn: run.arn,
    executionArn: run.executionArn,
    childMachineArn: run.childMachineArn,
    status: run.status,
    startDate: run.startDate,
    ...(run.stopDate === undefined ? {} : { stopDate: run.stopDate }),
    maxConcurrency: run.settings.maxConcurrency,
    toleratedFailureCount: run.settings.toleratedFailureCount,
    toleratedFailurePercentage: run.settings.toleratedFailurePercentage,
    executionCounts: { ...run.executionCounts },
    itemCounts: { ...run.itemCounts },
  };
}
