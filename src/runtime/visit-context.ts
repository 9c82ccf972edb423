// The StateContext of one state visit: what the handler may use, bound to this execution's
// runtime and this thread's frame.
import type { Clock } from '../core/clock.js';
import { shapeAnchors } from '../core/shape-anchors.js';
import type { EventDetails, HistoryEventType } from '../core/events.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { Random } from '../core/random.js';
import type { CompiledScope } from '../definition/compiled.js';
import type { StateMachineType } from '../definition/model.js';
import type { ParsedResource } from '../integrations/types.js';
import { contextForState } from '../paths/context-object.js';
import type { CompiledJsonataValue, DataContext, JsonataBindings } from '../paths/evaluate-types.js';
import type { ScopeRun, StateContext } from '../states/context.js';
import { checkPayload, type Frame, newFrame, type Runtime, VariableScope } from './frame.js';

export type ScopeRunner = (rt: Runtime, scope: CompiledScope, input: JsonValue, frame: Frame, iterationOf?: string, index?: number) => Promise<JsonValue>;

export class VisitContext implements StateContext {
  enteredEventId = 0;
  retryCount = 0;
  /** JSONPath: the input after InputPath, set by prepareInput (TimeoutSecondsPath reads it). */
  stateInput: JsonValue;
  /** Epoch ms; formatted only when $$.State.EnteredTime is read (hot path: most visits never read $$). */
  private readonly enteredAt: number;
  private cachedContext: JsonObject | undefined;
  private cachedRetryCount = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly frame: Frame,
    readonly stateName: string,
    private readonly runner: ScopeRunner,
    /** AWS shows $$.State.RetryCount only in states that can retry (Task, Parallel, Map). */
    private readonly retryable: boolean,
    readonly rawInput: JsonValue,
  ) {
    this.enteredAt = rt.clock.now();
    this.stateInput = rawInput;
    shapeAnchors.visit = this;
  }

  get clock(): Clock {
    return this.rt.clock;
  }
  get random(): Random {
    return this.rt.random;
  }
  get signal(): AbortSignal {
    return this.frame.signal;
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
    return !this.frame.silent && this.rt.recorder.active;
  }

  emit(type: HistoryEventType, details?: EventDetails): number {
    return emit(this.rt, this.frame, type, details);
  }

  data(input: JsonValue, mapItem?: { readonly index: number; readonly value: JsonValue }): DataContext {
    return new VisitData(input, this, mapItem);
  }

  variable(name: string): JsonValue | undefined {
    return this.frame.variables.get(name);
  }

  /** Bindings for a JSONata expression of this state: $states.* plus the visible variables. */
  jsonataBindings(extra: { readonly result?: JsonValue; readonly errorOutput?: JsonValue; readonly mapItem?: { readonly index: number; readonly value: JsonValue } } = {}): JsonataBindings {
    return {
      input: this.rawInput,
      context: this.contextObject(extra.mapItem),
      ...('result' in extra && extra.result !== undefined ? { result: extra.result } : {}),
      ...('errorOutput' in extra && extra.errorOutput !== undefined ? { errorOutput: extra.errorOutput } : {}),
      variables: this.frame.variables.snapshot(),
      random: this.rt.random,
      now: this.rt.clock.now(),
    };
  }

  evaluateJsonata(value: CompiledJsonataValue, field: string, mapItem?: { readonly index: number; readonly value: JsonValue }): Promise<JsonValue> {
    return value.evaluate(this.jsonataBindings(mapItem ? { mapItem } : {}), field);
  }

  /**
   * $$ for this visit (ASL.md §6), built only when a path reads it; $$.Map.Item exists only while a
   * Map builds an iteration's input. The plain one is cached until the retry count changes.
   */
  contextObject(mapItem?: { readonly index: number; readonly value: JsonValue }): JsonObject {
    if (!mapItem && this.cachedContext && this.cachedRetryCount === this.retryCount) return this.cachedContext;
    const state = {
      name: this.stateName,
      enteredTime: new Date(this.enteredAt).toISOString(),
      ...(this.retryable ? { retryCount: this.retryCount } : {}),
    };
    if (mapItem) return contextForState(this.rt.contextBase, state, { map: { item: mapItem } });
    this.cachedRetryCount = this.retryCount;
    return (this.cachedContext = contextForState(this.rt.contextBase, state));
  }

  invoke(resource: ParsedResource, parameters: JsonValue, signal: AbortSignal, credentials?: JsonValue): Promise<JsonValue> {
    return this.rt.invoke(resource, parameters, this.stateName, signal, credentials);
  }

  resource(arn: string): ParsedResource {
    return this.rt.resource(arn);
  }

  checkPayload(value: JsonValue, subject: string): void {
    checkPayload(this.rt, value, subject);
  }

  runScope(scope: CompiledScope, input: JsonValue, run: ScopeRun): Promise<JsonValue> {
    const child = newFrame({ lastEventId: this.frame.thread.lastEventId }, new VariableScope(run.isolated ? undefined : this.frame.variables), run.signal, this.frame.silent || run.isolated);
    return run.kind === 'iteration' ? this.runner(this.rt, scope, input, child, this.stateName, run.index) : this.runner(this.rt, scope, input, child);
  }
}

/** Records an event in a frame's thread; a Distributed Map child's events stay out of the parent history. */
export function emit(rt: Runtime, frame: Frame, type: HistoryEventType, details?: EventDetails): number {
  if (frame.silent) return 0;
  return rt.recorder.record(frame.thread, type, details);
}

/**
 * The data a path reads during one visit. A class rather than an object literal with a getter:
 * it is built on every state transition, and the context object ($$) is only built when read.
 */
class VisitData implements DataContext {
  constructor(
    readonly input: JsonValue,
    private readonly visit: VisitContext,
    private readonly mapItem: { readonly index: number; readonly value: JsonValue } | undefined,
  ) {
    shapeAnchors.data = this;
  }

  get random(): Random {
    return this.visit.random;
  }

  get context(): JsonValue {
    return this.visit.contextObject(this.mapItem);
  }

  variable(name: string): JsonValue | undefined {
    return this.visit.variable(name);
  }
}
