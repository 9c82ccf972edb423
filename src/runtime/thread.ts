// One thread of an execution (the top level, one Parallel branch, one Map iteration) as data
// (ARCHITECTURE.md 1.13): where it is (scope, state, raw input), its variables and random stream,
// and its current visit (entered event, retry counts, what it waits for, its children's progress).
// It is also the StateContext its visits run with: the per-visit data lives here, not in an object
// made per visit, so that a snapshot can read it and a resumed thread can go on from it.
import type { Clock } from '../core/clock.js';
import { shapeAnchors } from '../core/shape-anchors.js';
import type { EventDetails, HistoryEventType } from '../core/events.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { deriveSeed, SeededRandom } from '../core/random.js';
import type { CompiledScope, CompiledState } from '../definition/compiled.js';
import type { StateMachineType } from '../definition/model.js';
import type { ParsedResource } from '../integrations/types.js';
import { contextForState } from '../paths/context-object.js';
import type { CompiledJsonataValue, DataContext, JsonataBindings } from '../paths/evaluate-types.js';
import type { ActivityOffer, ChildProgress, MapChildRequest, MapRunProgress, ChildThread, ScopeRun, StateContext, Suspension, TokenWait } from '../states/context.js';
import type { ChildOutcome, MapRunRecord } from '../states/map-run.js';
import { taskToken } from './callbacks.js';
import { checkPayload, type Runtime, VariableScope } from './frame.js';
import { runMapChild } from './map-children.js';
import { isRestorable } from './snapshot.js';
import { restoreThread } from './snapshot-restore.js';
import { VisitData } from './visit-data.js';

export type ScopeRunner = (rt: Runtime, thread: Thread, resuming: boolean) => Promise<JsonValue>;
export type ThreadKind = 'root' | 'branch' | 'iteration';
type MapItem = { readonly index: number; readonly value: JsonValue };
export type { MapItem };

export class Thread implements StateContext {
  lastEventId = 0;
  /** Where the thread is: the state it visits (or is about to) and that state's raw input. */
  state: CompiledState;
  raw: JsonValue;
  /** Visits made so far: a child's random stream is named after the visit that started it. */
  visits = 0;
  /** True from the visit's Entered event until it exits: a resumed thread then goes on inside it. */
  inVisit = false;
  enteredEventId = 0;
  /** Epoch ms; formatted only when $$.State.EnteredTime is read. */
  enteredAt = 0;
  retryCount = 0;
  /** Attempts used per retrier of the current visit; made on the first failure. */
  attempts: number[] | undefined;
  /** JSONPath: the input after InputPath, set by prepareInput (TimeoutSecondsPath reads it). */
  stateInput: JsonValue;
  /** What the current visit waits for; undefined while it computes. */
  suspension: Suspension | undefined;
  /** Map and Parallel: the children's progress in the current visit. */
  children: ChildProgress | undefined;
  /** The random stream's position when the current attempt began: a resumed attempt starts again from it. */
  attemptRandom: number | undefined;
  /** AWS shows $$.State.RetryCount only in states that can retry (Task, Parallel, Map). */
  retryable = false;
  /**
   * The running children (branches, iterations), linked through their siblings: cheaper than a Map
   * for 10,000 iterations, and what a snapshot walks.
   */
  firstChild: Thread | undefined;
  private nextSibling: Thread | undefined;
  private previousSibling: Thread | undefined;
  private stream: SeededRandom | undefined;
  private cachedContext: JsonObject | undefined;
  private cachedRetryCount = 0;
  private cachedPath: string | undefined;

  constructor(
    readonly rt: Runtime,
    readonly scope: CompiledScope,
    readonly parent: Thread | undefined,
    readonly kind: ThreadKind,
    /** Branch or item index (0 for the top level). */
    readonly index: number,
    /** The parent's visit count when this thread began (names its random stream). */
    readonly origin: number,
    readonly variables: VariableScope,
    readonly signal: AbortSignal,
    /** A Distributed Map child: its events belong to its own execution, not the parent's history. */
    readonly silent: boolean,
    /** A Distributed Map child: it sees no outer variables. */
    readonly isolated: boolean,
    private readonly runner: ScopeRunner,
    input: JsonValue,
  ) {
    this.state = scope.startAt;
    this.raw = input;
    this.stateInput = input;
    shapeAnchors.visit = this;
  }

  /** Begins a visit of the current state (after its transition was counted). */
  beginVisit(retryable: boolean): void {
    this.visits++;
    this.inVisit = true;
    this.enteredAt = this.rt.clock.now();
    this.retryCount = 0;
    this.attempts = undefined;
    this.stateInput = this.raw;
    this.retryable = retryable;
    this.cachedContext = undefined;
    this.attemptRandom = this.kind === 'root' ? this.rt.random.position : this.stream?.position;
  }

  /** Ends the visit; the thread moves to `next` with `output` as its raw input. */
  endVisit(next: CompiledState | undefined, output: JsonValue): void {
    this.inVisit = false;
    this.suspension = undefined;
    this.children = undefined;
    if (next !== undefined) this.state = next;
    this.raw = output;
  }

  get stateName(): string {
    return this.state.name;
  }
  get rawInput(): JsonValue {
    return this.raw;
  }
  get clock(): Clock {
    return this.rt.clock;
  }
  get machineType(): StateMachineType {
    return this.rt.machine.type;
  }
  get executionArn(): string {
    return this.rt.executionArn;
  }
  get region(): string {
    return this.rt.region;
  }
  get recording(): boolean {
    return !this.silent && this.rt.recorder.active;
  }

  /** The top level draws from the execution's stream; every other thread from its own, made on first use. */
  get random(): SeededRandom {
    if (this.kind === 'root') return this.rt.random;
    return (this.stream ??= new SeededRandom(deriveSeed(this.rt.seed, this.path)));
  }

  /** The stream's position, or undefined while a child thread has drawn nothing. */
  get randomPosition(): number | undefined {
    return this.kind === 'root' ? this.rt.random.position : this.stream?.position;
  }

  /** Puts the random stream back at a position (undefined: not drawn from yet). */
  restoreRandom(position: number | undefined): void {
    if (this.kind === 'root') {
      if (position !== undefined) this.rt.random = new SeededRandom(position);
      return;
    }
    this.stream = position === undefined ? undefined : new SeededRandom(position);
  }

  /** Names the thread within its execution: '' for the top level, then `/<parent visit>.<index>` per level. */
  get path(): string {
    if (this.cachedPath !== undefined) return this.cachedPath;
    return (this.cachedPath = this.parent === undefined ? '' : `${this.parent.path}/${this.origin}.${this.index}`);
  }

  /** The suspension port: every wait of a visit (Wait, retry back-off) goes through here. */
  async suspendUntil(suspension: Suspension & { readonly until: number; readonly since: number; readonly rank: number }): Promise<void> {
    this.suspension = suspension;
    try {
      const delay = suspension.until - this.rt.clock.now();
      if (delay > 0) await this.rt.clock.sleep(delay, this.signal, suspension);
      else if (this.signal.aborted) throw this.signal.reason;
    } finally {
      this.suspension = undefined;
    }
  }

  emit(type: HistoryEventType, details?: EventDetails): number {
    return emit(this.rt, this, type, details);
  }

  data(input: JsonValue, mapItem?: MapItem): DataContext {
    return new VisitData(input, this, mapItem);
  }

  variable(name: string): JsonValue | undefined {
    return this.variables.get(name);
  }

  /** Bindings for a JSONata expression of this state: $states.* plus the visible variables. */
  jsonataBindings(extra: { readonly result?: JsonValue; readonly errorOutput?: JsonValue; readonly mapItem?: MapItem } = {}): JsonataBindings {
    return {
      input: this.raw,
      context: this.contextObject(extra.mapItem),
      ...('result' in extra && extra.result !== undefined ? { result: extra.result } : {}),
      ...('errorOutput' in extra && extra.errorOutput !== undefined ? { errorOutput: extra.errorOutput } : {}),
      variables: this.variables.snapshot(),
      random: this.random,
      now: this.rt.clock.now(),
    };
  }

  evaluateJsonata(value: CompiledJsonataValue, field: string, mapItem?: MapItem): Promise<JsonValue> {
    return value.evaluate(this.jsonataBindings(mapItem ? { mapItem } : {}), field);
  }

  /**
   * $$ for this visit (ASL.md §6), built only when a path reads it; $$.Map.Item exists only while a
   * Map builds an iteration's input. The plain one is cached until the retry count changes.
   */
  contextObject(mapItem?: MapItem): JsonObject {
    if (!mapItem && this.cachedContext && this.cachedRetryCount === this.retryCount) return this.cachedContext;
    const state = {
      name: this.state.name,
      enteredTime: new Date(this.enteredAt).toISOString(),
      ...(this.retryable ? { retryCount: this.retryCount } : {}),
    };
    // $$.Task exists only in the Tasks that hand out a token (.waitForTaskToken and activities).
    const task = this.waitsForToken() ? { token: this.taskToken } : undefined;
    if (mapItem) return contextForState(this.rt.contextBase, state, { map: { item: mapItem }, ...(task ? { task } : {}) });
    this.cachedRetryCount = this.retryCount;
    return (this.cachedContext = contextForState(this.rt.contextBase, state, task ? { task } : {}));
  }

  /** The current attempt's token: one per execution, thread, visit and retry, so a resumed attempt has the same. */
  get taskToken(): string {
    return taskToken(this.rt.executionArn, this.path, this.visits, this.retryCount);
  }

  get stateMachineArn(): string {
    return String((this.rt.contextBase['StateMachine'] as JsonObject)['Id']);
  }

  runMapChild(request: MapChildRequest): Promise<ChildOutcome> {
    return runMapChild(this, request);
  }

  mapRunChanged(run: MapRunRecord, ended: boolean): void {
    if (ended) this.rt.mapChildren.mapRunEnded?.(run);
    else this.rt.mapChildren.mapRunStarted?.(run);
  }

  get mapRunProgress(): ((progress: MapRunProgress) => void) | undefined {
    return this.rt.mapRunProgress;
  }

  get mocked(): boolean {
    return this.rt.isMocked(this.state.name);
  }

  awaitToken(token: string): TokenWait {
    return this.rt.callbacks.awaitToken(token);
  }

  offerActivity(offer: ActivityOffer): void {
    this.rt.callbacks.offerActivity(offer);
  }

  private waitsForToken(): boolean {
    const state = this.state;
    if (state.type !== 'Task') return false;
    const resource = this.rt.resource(state.resource);
    return resource.pattern === 'waitForTaskToken' || resource.service === 'activity';
  }

  invoke(resource: ParsedResource, parameters: JsonValue, signal: AbortSignal, credentials?: JsonValue, onSubmitted?: (response: JsonValue) => void): Promise<JsonValue> {
    // states:startExecution names the child it starts after the attempt's token (h13-nested: a resumed attempt finds its child).
    const token = resource.pattern === 'waitForTaskToken' || resource.service === 'states' ? this.taskToken : undefined;
    return this.rt.invoke(resource, parameters, this.state.name, signal, credentials === undefined && token === undefined && onSubmitted === undefined ? undefined : { credentials, taskToken: token, onSubmitted });
  }

  resource(arn: string): ParsedResource {
    return this.rt.resource(arn);
  }

  checkPayload(value: JsonValue, subject: string): void {
    checkPayload(this.rt, value, subject);
  }

  /** Starts a child thread (a branch or an iteration) and runs its scope; it is listed as running until it settles. */
  runScope(scope: CompiledScope, input: JsonValue, run: ScopeRun): Promise<JsonValue> {
    const variables = new VariableScope(run.isolated ? undefined : this.variables);
    const child = new Thread(this.rt, scope, this, run.kind, run.index, this.visits, variables, run.signal, this.silent || run.isolated, run.isolated, this.runner, input);
    child.lastEventId = this.lastEventId;
    return this.track(child, false);
  }

  /** Goes on with a child restored from a snapshot (listed in children.running). */
  resumeScope(child: ChildThread, signal: AbortSignal): Promise<JsonValue> {
    if (!isRestorable(child)) throw new TypeError('resumeScope takes a child of a visit restored from a snapshot');
    this.children?.running.delete(child.index);
    return this.track(restoreThread(this.rt, child.snapshot, this, signal, this.runner), true);
  }

  /** The running children, in the order they started. */
  runningChildren(): Thread[] {
    const found: Thread[] = [];
    // Linked newest first; reversed once at the end (unshift per child would be quadratic).
    for (let child = this.firstChild; child !== undefined; child = child.nextSibling) found.push(child);
    return found.reverse();
  }

  /** Takes a settled child off the running list (interpreter.ts, runScope). */
  detach(child: Thread): void {
    if (child.previousSibling !== undefined) child.previousSibling.nextSibling = child.nextSibling;
    else if (this.firstChild === child) this.firstChild = child.nextSibling;
    if (child.nextSibling !== undefined) child.nextSibling.previousSibling = child.previousSibling;
    child.nextSibling = child.previousSibling = undefined;
  }

  private track(child: Thread, resuming: boolean): Promise<JsonValue> {
    child.nextSibling = this.firstChild;
    if (this.firstChild !== undefined) this.firstChild.previousSibling = child;
    this.firstChild = child;
    return this.runner(this.rt, child, resuming);
  }
}

/** Records an event in a thread; a Distributed Map child's events stay out of the parent history. */
export function emit(rt: Runtime, thread: Thread, type: HistoryEventType, details?: EventDetails): number {
  if (thread.silent) return 0;
  return rt.recorder.record(thread, type, details);
}
