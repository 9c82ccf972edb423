// A Distributed Map's Map Run (ASL.md §7.8): its ARN, the names of its child executions, and the
// counts AWS's DescribeMapRun gives (executionCounts, itemCounts). Each child is an execution of
// its own (runtime/map-children.ts); the record follows them as they start and end.
//
// Names, as AWS forms them (docs: "Examining Map Run"; LocalStack's recorded DescribeMapRun):
//   Map Run  arn:aws:states:R:A:mapRun:<machine>/<label>:<map run id>
//   children arn:aws:states:R:A:execution:<machine>/<label>:<child name>    (STANDARD)
//            arn:aws:states:R:A:express:<machine>/<label>:<child name>:<id> (EXPRESS, unconfirmed)
// with <label> the state's Label, or a UUID when it has none. AWS draws the ids at random; ours are
// derived from the execution, the Map's entered event and the item index, so that a run replays
// exactly and a resumed Map finds the children it started.
import { AslError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { derivedRequestId } from '../core/ids.js';

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
export type ChildExecutionType = 'STANDARD' | 'EXPRESS';

/** DescribeMapRun's executionCounts and itemCounts. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
}

/** How a child execution ended, as the runtime hands it back. */
export type ChildOutcome =
  | { readonly status: 'SUCCEEDED'; readonly output: JsonValue }
  | { readonly status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; readonly error?: string | undefined; readonly cause?: string | undefined };

/** DescribeMapRun's settings; UpdateMapRun changes them while the run goes on. */
export interface MapRunSettings {
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

/** The thresholds the Map decides by (undefined: not set, which `exceeds` reads as AWS does). */
export interface MapRunTolerance {
  count: number | undefined;
  percentage: number | undefined;
}

export class MapRunRecord {
  readonly id: string;
  readonly label: string;
  readonly arn: string;
  /** `<machine ARN>/<label>`: the state machine its children are executions of. */
  readonly childMachineArn: string;
  readonly executionCounts: MapRunCounts = emptyCounts();
  readonly itemCounts: MapRunCounts = emptyCounts();
  status: MapRunStatus = 'RUNNING';
  stopDate: number | undefined;
  /**
   * Without a ResultWriter a child's result counts as written once the child ends (AWS's recorded
   * DescribeMapRun: resultsWritten 2 of 2, no writer); with one, once its file holds it (written()).
   */
  resultsWrittenOnEnd = true;
  /** Told when UpdateMapRun changed the settings (the Map resizes its pool of workers). */
  onUpdate: (() => void) | undefined;
  private readonly region: string;
  private readonly account: string;
  private readonly machineName: string;

  constructor(
    readonly executionArn: string,
    stateMachineArn: string,
    enteredEventId: number,
    label: string | undefined,
    readonly executionType: ChildExecutionType,
    readonly startDate: number,
    readonly settings: MapRunSettings,
    /** What the Map's failures are judged by; UpdateMapRun changes it with the settings. */
    readonly tolerance: MapRunTolerance,
  ) {
    // arn:aws:states:<region>:<account>:stateMachine:<name> (a child's machine name holds its label).
    const parts = stateMachineArn.split(':');
    this.region = parts[3] ?? 'us-east-1';
    this.account = parts[4] ?? '123456789012';
    this.machineName = parts.slice(6).join(':');
    this.id = derivedRequestId(executionArn, String(enteredEventId), 'mapRun');
    this.label = label ?? derivedRequestId(this.id, 'label');
    this.arn = `arn:aws:states:${this.region}:${this.account}:mapRun:${this.machineName}/${this.label}:${this.id}`;
    this.childMachineArn = `${stateMachineArn}/${this.label}`;
  }

  /** The name and ARN of the child execution of item (or batch) `index`. */
  child(index: number): { readonly name: string; readonly arn: string } {
    const name = derivedRequestId(this.id, String(index));
    const prefix = `arn:aws:states:${this.region}:${this.account}`;
    const arn =
      this.executionType === 'EXPRESS'
        ? `${prefix}:express:${this.machineName}/${this.label}:${name}:${derivedRequestId(name, 'express')}`
        : `${prefix}:execution:${this.machineName}/${this.label}:${name}`;
    return { name, arn };
  }

  /** The run will have `children` child executions over `items` items (known once the items are read). */
  planned(children: number, items: number): void {
    this.executionCounts.total = children;
    this.executionCounts.pending = Math.max(0, children - this.executionCounts.running - ended(this.executionCounts));
    this.itemCounts.total = items;
    this.itemCounts.pending = Math.max(0, items - this.itemCounts.running - ended(this.itemCounts));
  }

  /** Counts of children a resumed Map had already finished (kept in its snapshot). */
  restored(succeeded: number, failed: number, items: (count: number) => number): void {
    this.executionCounts.succeeded += succeeded;
    this.executionCounts.failed += failed;
    this.itemCounts.succeeded += items(succeeded);
    this.itemCounts.failed += items(failed);
    this.executionCounts.pending -= succeeded + failed;
    this.itemCounts.pending -= items(succeeded + failed);
    if (this.resultsWrittenOnEnd) this.written(succeeded + failed, items(succeeded + failed));
  }

  started(items: number): void {
    move(this.executionCounts, 'pending', 'running', 1);
    move(this.itemCounts, 'pending', 'running', items);
  }

  ended(outcome: ChildOutcome['status'] | 'CANCELLED', items: number): void {
    // A child let go because its parent stopped or suspended counts as not started (AWS: aborted on
    // StopExecution; a suspended Map goes on with it later).
    const to = outcome === 'SUCCEEDED' ? 'succeeded' : outcome === 'FAILED' ? 'failed' : outcome === 'TIMED_OUT' ? 'timedOut' : outcome === 'ABORTED' ? 'aborted' : 'pending';
    move(this.executionCounts, 'running', to, 1);
    move(this.itemCounts, 'running', to, items);
    if (to !== 'pending' && this.resultsWrittenOnEnd) this.written(1, items);
  }

  /** The results of `children` children (and `items` items) went to the ResultWriter's files. */
  written(children: number, items: number): void {
    this.executionCounts.resultsWritten += children;
    this.itemCounts.resultsWritten += items;
  }

  /** UpdateMapRun: new settings for a running Map Run, taken up at once (MaxConcurrency 0: no limit). */
  update(change: Partial<MapRunSettings>): void {
    if (change.maxConcurrency !== undefined) this.settings.maxConcurrency = change.maxConcurrency;
    if (change.toleratedFailureCount !== undefined) this.settings.toleratedFailureCount = this.tolerance.count = change.toleratedFailureCount;
    if (change.toleratedFailurePercentage !== undefined) this.settings.toleratedFailurePercentage = this.tolerance.percentage = change.toleratedFailurePercentage;
    this.onUpdate?.();
  }

  finish(status: Exclude<MapRunStatus, 'RUNNING'>, at: number): void {
    this.status = status;
    this.stopDate = at;
  }
}

/** A child's end as the Map sees it: its output, or its error (a cancellation passes through). */
export function childResult(outcome: ChildOutcome): JsonValue {
  if (outcome.status === 'SUCCEEDED') return outcome.output;
  if (outcome.status === 'TIMED_OUT') throw new AslError(outcome.error ?? 'States.Timeout', outcome.cause, false);
  // AWS reports a stopped child as failed with its stop's error (or none).
  throw new AslError(outcome.error ?? '', outcome.cause, false);
}

function emptyCounts(): MapRunCounts {
  return { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0 };
}

function ended(counts: MapRunCounts): number {
  return counts.succeeded + counts.failed + counts.timedOut + counts.aborted;
}

function move(counts: MapRunCounts, from: keyof MapRunCounts, to: keyof MapRunCounts, by: number): void {
  counts[from] -= by;
  counts[to] += by;
}
