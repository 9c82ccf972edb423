// An execution as a value (ARCHITECTURE.md 1.13): plain JSON, versioned and complete, so that a
// fresh process can go on with it. A position is (scope id, state name); each thread carries its
// raw input, variables, random stream and current visit, and Map/Parallel their children's progress.
import { AslError } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { StateMachineType } from '../definition/model.js';
import type { ChildProgress, Suspension } from '../states/context.js';
import type { Runtime } from './frame.js';
import type { Thread, ThreadKind } from './thread.js';

export const SNAPSHOT_VERSION = 1;

/** What identifies the execution and its machine version; fixed for its whole life. */
export type SnapshotHeader = {
  readonly name: string;
  readonly seed: number;
  readonly startDate: number;
  readonly stateMachine: { readonly arn: string; readonly name: string; readonly type: StateMachineType; readonly definitionHash: string };
  /** A Distributed Map child: the ItemProcessor scope it runs as its top level, and its Map Run. */
  readonly mapChild?: { readonly scope: number; readonly mapRunArn: string } | undefined;
};

export type ExecutionSnapshot = SnapshotHeader & {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly executionArn: string;
  readonly input: JsonValue;
  /** The clock's reading when it was taken (a resumed virtual clock starts here). */
  readonly takenAt: number;
  readonly transitions: number;
  readonly lastEventId: number;
  readonly variableBytes: number;
  /** When the execution times out (its TimeoutSeconds from the start date; Express: at most 5 minutes), epoch ms, or null. */
  readonly deadline: number | null;
  readonly root: ThreadSnapshot;
};

export type ThreadSnapshot = {
  readonly kind: ThreadKind;
  readonly index: number;
  readonly origin: number;
  /** A Distributed Map child: no outer variables, no events in the parent's history. */
  readonly isolated: boolean;
  readonly silent: boolean;
  readonly scope: number;
  readonly state: string;
  readonly raw: JsonValue;
  readonly lastEventId: number;
  readonly visits: number;
  readonly variables: JsonObject;
  readonly random: number | null;
  readonly visit: VisitSnapshot | null;
};

export type VisitSnapshot = {
  readonly enteredEventId: number;
  readonly enteredAt: number;
  readonly retryCount: number;
  readonly retryable: boolean;
  readonly attempts: readonly number[] | null;
  readonly attemptRandom: number | null;
  readonly suspension: Suspension | null;
  readonly children: ChildrenSnapshot | null;
};

export type ChildrenSnapshot = {
  /** Finished children: [index, result] pairs. */
  readonly results: ReadonlyArray<readonly [number, JsonValue]>;
  readonly failures: number;
  /** The failed children's indexes (absent in snapshots taken before they were kept). */
  readonly failed?: readonly number[];
  readonly nextIndex: number;
  readonly fatal: { readonly error: string; readonly cause: string | null } | null;
  readonly running: readonly ThreadSnapshot[];
  /** Distributed Map children in flight as executions: [index, input] pairs, or [index, input, the child's snapshot] for one running in this process. */
  readonly launched?: ReadonlyArray<readonly [number, JsonValue] | readonly [number, JsonValue, JsonValue]>;
  /** A ResultWriter's checkpoint (ChildProgress.sink): result files written, uploads open and their parts. */
  readonly sink?: JsonValue;
};

/** A snapshot that cannot be taken or used; the message says why and what to do. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

export function takeSnapshot(rt: Runtime, header: SnapshotHeader, input: JsonValue, root: Thread, timeoutSeconds: number | undefined): ExecutionSnapshot {
  if (rt.invoking > 0) throw midStep();
  if (rt.recorder.notifying) {
    throw new SnapshotError('A snapshot cannot be taken inside an onEvent listener: the execution is between two steps there. Take it from a timer or I/O callback, or after `await` of something outside the execution.');
  }
  return {
    version: SNAPSHOT_VERSION,
    executionArn: rt.executionArn,
    ...header,
    input,
    takenAt: rt.clock.now(),
    transitions: rt.transitions,
    lastEventId: rt.recorder.count,
    variableBytes: rt.variableBytes,
    deadline: timeoutSeconds === undefined ? null : header.startDate + timeoutSeconds * 1000,
    root: threadSnapshot(root),
  };
}

/** The children in flight, by index; one running in this process with its own snapshot (it is mid-step if it just ended). */
function launchedSnapshot(launched: ReadonlyMap<number, JsonValue>, embedded: ChildProgress['embedded']): Array<readonly [number, JsonValue] | readonly [number, JsonValue, JsonValue]> {
  return [...launched]
    .sort((a, b) => a[0] - b[0])
    .map(([index, input]) => {
      const child = embedded?.get(index);
      if (child === undefined) return [index, input] as const;
      if (child.status !== 'RUNNING') throw midStep();
      return [index, input, child.snapshot() as JsonValue] as const;
    });
}

function midStep(): SnapshotError {
  return new SnapshotError('A snapshot cannot be taken in the middle of a step (inside a Task handler, or while a branch or iteration is ending): take it from a timer or I/O callback, when the execution waits.');
}

function threadSnapshot(thread: Thread): ThreadSnapshot {
  return {
    kind: thread.kind,
    index: thread.index,
    origin: thread.origin,
    isolated: thread.isolated,
    silent: thread.silent,
    scope: thread.scope.id,
    state: thread.state.name,
    raw: thread.raw,
    lastEventId: thread.lastEventId,
    visits: thread.visits,
    variables: thread.variables.ownValues(),
    random: thread.randomPosition ?? null,
    visit: thread.inVisit ? visitSnapshot(thread) : null,
  };
}

function visitSnapshot(thread: Thread): VisitSnapshot {
  const children = thread.children;
  if (children !== undefined && children.settling > 0) throw midStep();
  return {
    enteredEventId: thread.enteredEventId,
    enteredAt: thread.enteredAt,
    retryCount: thread.retryCount,
    retryable: thread.retryable,
    attempts: thread.attempts ? [...thread.attempts] : null,
    attemptRandom: thread.attemptRandom ?? null,
    suspension: thread.suspension ?? null,
    children:
      children === undefined
        ? null
        : {
            results: finished(children.results),
            failures: children.failures,
            failed: [...children.failed],
            nextIndex: children.nextIndex,
            fatal: fatalSnapshot(children.fatal),
            // Children restored from a snapshot and not picked up yet, then the live ones.
            running: [...[...children.running.values()].map(childSnapshot), ...thread.runningChildren().map(threadSnapshot)].sort((a, b) => a.index - b.index),
            ...(children.launched !== undefined && children.launched.size > 0 ? { launched: launchedSnapshot(children.launched, children.embedded) } : {}),
            // Replaced (never mutated) by the sink at each durable step: sharing it is safe.
            ...(children.sink === undefined ? {} : { sink: children.sink }),
          },
  };
}

/** The finished results of a sparse array, as pairs (holes are children not finished). */
function finished(results: readonly JsonValue[]): Array<readonly [number, JsonValue]> {
  const pairs: Array<readonly [number, JsonValue]> = [];
  results.forEach((value, index) => pairs.push([index, value]));
  return pairs;
}

function fatalSnapshot(fatal: unknown): ChildrenSnapshot['fatal'] {
  if (fatal === undefined) return null;
  if (fatal instanceof AslError) return { error: fatal.error, cause: fatal.cause ?? null };
  return { error: 'States.Runtime', cause: fatal instanceof Error ? fatal.message : String(fatal) };
}

/** A running child is a Thread, or (not resumed yet) the snapshot it will be restored from. */
function childSnapshot(child: unknown): ThreadSnapshot {
  if (isRestorable(child)) return child.snapshot;
  return threadSnapshot(child as Thread);
}

/** A child of a resumed visit that its Map or Parallel has not picked up again yet. */
export interface RestorableChild {
  readonly index: number;
  readonly snapshot: ThreadSnapshot;
}

export function isRestorable(child: unknown): child is RestorableChild {
  return typeof child === 'object' && child !== null && 'snapshot' in child && !('scope' in child);
}
