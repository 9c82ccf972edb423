// From a snapshot back to threads: the top level at once, a Map's or Parallel's running children
// when their state picks them up again (they take that state's signal). A snapshot from elsewhere is
// checked before anything runs: a wrong version, another definition, or a position that names no
// state gives a SnapshotError that says which.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonValue } from '../core/json.js';
import type { CompiledMachine, CompiledScope } from '../definition/compiled.js';
import type { ChildProgress } from '../states/context.js';
import { type Runtime, VariableScope } from './frame.js';
import { type ExecutionSnapshot, SNAPSHOT_VERSION, SnapshotError, type ThreadSnapshot } from './snapshot.js';
import { type ScopeRunner, Thread } from './thread.js';

/** Checks that `value` is a snapshot of this machine version; returns it typed. */
export function checkSnapshot(value: unknown, machine: CompiledMachine, definitionHash: string): ExecutionSnapshot {
  if (!isJsonObject(value as JsonValue)) throw new SnapshotError('A snapshot must be a JSON object, as Execution.snapshot() gives it.');
  const snapshot = value as ExecutionSnapshot;
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`The snapshot has version ${JSON.stringify(snapshot.version)}; this asl-engine reads version ${SNAPSHOT_VERSION}.`);
  }
  const hash = snapshot.stateMachine?.definitionHash;
  if (hash !== definitionHash) {
    throw new SnapshotError(
      `The snapshot of execution ${snapshot.executionArn} was taken on another version of the definition (sha256 ${String(hash).slice(0, 12)}…, this one is ${definitionHash.slice(0, 12)}…): resume it with the definition it started on.`,
    );
  }
  for (const field of ['startDate', 'seed', 'takenAt', 'transitions', 'lastEventId', 'variableBytes'] as const) {
    if (typeof snapshot[field] !== 'number' || !Number.isFinite(snapshot[field])) throw new SnapshotError(`The snapshot's ${field} is not a number.`);
  }
  if (typeof snapshot.executionArn !== 'string' || typeof snapshot.name !== 'string') throw new SnapshotError('The snapshot names no execution.');
  checkThread(snapshot.root, machine, 'root');
  return snapshot;
}

function checkThread(thread: ThreadSnapshot, machine: CompiledMachine, where: string): void {
  if (!isJsonObject(thread as unknown as JsonValue)) throw new SnapshotError(`The snapshot's thread ${where} is not an object.`);
  const scope = machine.scopes[thread.scope];
  if (scope === undefined || !scope.states.has(thread.state)) {
    throw new SnapshotError(`The snapshot's thread ${where} stands at state ${JSON.stringify(thread.state)} of scope ${thread.scope}, which the definition does not have.`);
  }
  for (const child of thread.visit?.children?.running ?? []) checkThread(child, machine, `${where}/${child.index}`);
}

/** Builds a thread from its snapshot; its running children stay snapshots until their state resumes them. */
export function restoreThread(rt: Runtime, snapshot: ThreadSnapshot, parent: Thread | undefined, signal: AbortSignal, runner: ScopeRunner): Thread {
  const scope = rt.machine.scopes[snapshot.scope] as CompiledScope;
  const variables = new VariableScope(snapshot.isolated || parent === undefined ? undefined : parent.variables);
  for (const [name, value] of Object.entries(snapshot.variables)) variables.set(name, value);
  const thread = new Thread(rt, scope, parent, snapshot.kind, snapshot.index, snapshot.origin, variables, signal, snapshot.silent, snapshot.isolated, runner, snapshot.raw);
  thread.state = scope.states.get(snapshot.state) ?? scope.startAt;
  thread.lastEventId = snapshot.lastEventId;
  thread.visits = snapshot.visits;
  thread.restoreRandom(snapshot.random ?? undefined);
  const visit = snapshot.visit;
  if (visit === null) return thread;
  thread.inVisit = true;
  thread.enteredEventId = visit.enteredEventId;
  thread.enteredAt = visit.enteredAt;
  thread.retryCount = visit.retryCount;
  thread.retryable = visit.retryable;
  thread.attempts = visit.attempts ? [...visit.attempts] : undefined;
  thread.attemptRandom = visit.attemptRandom ?? undefined;
  thread.suspension = visit.suspension ?? undefined;
  if (visit.children !== null) {
    const results: JsonValue[] = [];
    for (const [index, value] of visit.children.results) results[index] = value;
    const progress: ChildProgress = {
      results,
      failures: visit.children.failures,
      failed: [...(visit.children.failed ?? [])],
      nextIndex: visit.children.nextIndex,
      settling: 0,
      fatal: visit.children.fatal === null ? undefined : new AslError(visit.children.fatal.error, visit.children.fatal.cause ?? undefined, false),
      running: new Map(visit.children.running.map((child) => [child.index, { index: child.index, snapshot: child }])),
      ...(visit.children.launched === undefined ? {} : { launched: new Map(visit.children.launched.map(([index, input]) => [index, input])) }),
      ...(visit.children.launched?.some((entry) => entry.length === 3)
        ? { restoredChildren: new Map(visit.children.launched.flatMap((entry) => (entry.length === 3 ? [[entry[0], entry[2]] as const] : []))) }
        : {}),
      ...(visit.children.sink === undefined ? {} : { sink: visit.children.sink }),
    };
    thread.children = progress;
  }
  return thread;
}
