// Distributed Map children as executions of their own (issue 14; ASL.md §7.8): each child is an
// execution of the Map's ItemProcessor, of the declared ExecutionType, with its own ARN, history,
// $$.Execution, limits (STANDARD: 25,000 events; EXPRESS: 5 minutes and its transition guard) and
// random stream. Where it runs is a port: in this process by default; the engine stores STANDARD
// children as executions of its own (service/engine-map-runs.ts), so they are listed, described
// and resumed like any other, and a resumed Map finds them again by name.
import { addAbortCallback, isAborted, removeAbortCallback } from '../core/abort.js';
import { CancelledError, ExecutionSuspendedError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMachine, CompiledScope } from '../definition/compiled.js';
import { deriveSeed } from '../core/random.js';
import type { MapChildRequest } from '../states/context.js';
import type { ChildExecutionType, ChildOutcome, MapRunRecord } from '../states/map-run.js';
import type { Thread } from './thread.js';
import type { Execution, StartOptions } from './types.js';

/** What names and seeds one child execution; a child's snapshot keeps it (SnapshotHeader.mapChild). */
export interface MapChildSpec {
  /** The ItemProcessor's scope id: the child's top level. */
  readonly scope: number;
  readonly type: ChildExecutionType;
  readonly mapRunArn: string;
  /** `<machine ARN>/<label>` ($$.StateMachine.Id of the child). */
  readonly machineArn: string;
  readonly name: string;
  readonly arn: string;
  readonly seed: number;
}

/** One child, ready to start. */
export interface MapChildLaunch {
  readonly mapRun: MapRunRecord;
  readonly index: number;
  readonly spec: MapChildSpec;
  readonly input: JsonValue;
  /** Starts the child in this process; the engine passes its store's listener. */
  start(options?: StartOptions): Execution;
}

/** Where a machine's Distributed Map children run (StateMachineOptions.mapChildren). */
export interface MapChildPort {
  /**
   * The children run in this process and nowhere else keeps them: a snapshot of their Map holds
   * theirs, and a resumed Map resumes them from it (the engine keeps its STANDARD children itself).
   */
  readonly embedsChildren?: boolean;
  /** Runs the child to its end; rejects with the signal's reason once the signal aborts (the child is stopped or suspended with it). */
  run(child: MapChildLaunch, signal: AbortSignal): Promise<ChildOutcome>;
  /** Told when a Map Run starts and when it ends (a resumed Map tells again). */
  mapRunStarted?(run: MapRunRecord): void;
  mapRunEnded?(run: MapRunRecord): void;
}

/** The default: children run in this process and are forgotten once they end. */
export const inProcessMapChildren: MapChildPort = {
  embedsChildren: true,
  run: (child, signal) => runToEnd(child.start(), signal),
};

/**
 * Waits for an execution started here. When `signal` aborts, the child goes with its parent: a
 * suspended parent suspends it (its snapshot is the engine's to keep), anything else stops it
 * (AWS aborts a Map Run's running children when the Map Run fails or its execution stops).
 */
export async function runToEnd(execution: Execution, signal: AbortSignal): Promise<ChildOutcome> {
  const letGo = (): void => {
    if (signal.reason instanceof ExecutionSuspendedError) execution.suspend();
    else execution.abort();
  };
  addAbortCallback(signal, letGo);
  let result;
  try {
    result = await execution.result;
  } finally {
    removeAbortCallback(signal, letGo);
  }
  if (isAborted(signal)) throw signal.reason as unknown;
  switch (result.status) {
    case 'SUCCEEDED':
      return result;
    case 'SUSPENDED':
      throw new CancelledError('the child execution was suspended');
    default:
      return { status: result.status, error: result.error, cause: result.cause };
  }
}

/** StateContext.runMapChild: the child as an execution, or an isolated scope where it cannot be one. */
export async function runMapChild(thread: Thread, request: MapChildRequest): Promise<ChildOutcome> {
  const { rt } = thread;
  const start = rt.startMapChild;
  if (start === undefined) {
    const output = await thread.runScope(request.scope, request.input, { kind: 'iteration', index: request.index, signal: request.signal, isolated: true });
    return { status: 'SUCCEEDED', output };
  }
  const { mapRun, index, input } = request;
  const { name, arn } = mapRun.child(index);
  const spec: MapChildSpec = {
    scope: request.scope.id,
    type: mapRun.executionType,
    mapRunArn: mapRun.arn,
    machineArn: mapRun.childMachineArn,
    name,
    arn,
    seed: deriveSeed(rt.seed, `${mapRun.id}/${index}`),
  };
  const port = rt.mapChildren;
  if (port.embedsChildren !== true) return port.run({ mapRun, index, spec, input, start: (options) => start(spec, input, options) }, request.signal);
  // Kept where the Map's snapshot finds it; resumed from its own snapshot when the Map's held one.
  const progress = thread.children;
  const resume = rt.resumeMapChild;
  const begin = (options?: StartOptions): Execution => {
    // A child runs its first steps inside start(): a snapshot taken meanwhile (inside its first Task
    // call) is mid-step, as it would be inside the parent's own.
    const embedded = progress === undefined ? undefined : (progress.embedded ??= new Map());
    embedded?.set(index, STARTING);
    const execution = request.snapshot !== undefined && resume !== undefined ? resume(request.snapshot, options) : start(spec, input, options);
    embedded?.set(index, execution);
    return execution;
  };
  try {
    return await port.run({ mapRun, index, spec, input, start: begin }, request.signal);
  } finally {
    progress?.embedded?.delete(index);
  }
}

/** A child being started: not RUNNING yet, so a snapshot of its Map is refused as mid-step. */
const STARTING = {
  status: 'STARTING',
  snapshot(): never {
    throw new TypeError('A Map child being started has no snapshot yet.');
  },
};

/** The machine as a child of `scope` sees it: the ItemProcessor is its top level; its type is the child's. */
export function childMachine(machine: CompiledMachine, scope: number, type: ChildExecutionType, views: Map<string, CompiledMachine>): CompiledMachine {
  const key = `${scope}/${type}`;
  let view = views.get(key);
  if (view === undefined) {
    const root = machine.scopes[scope] as CompiledScope | undefined;
    if (root === undefined) throw new TypeError(`The definition has no scope ${scope}.`);
    view = { ...machine, root, type, timeoutSeconds: undefined };
    views.set(key, view);
  }
  return view;
}
