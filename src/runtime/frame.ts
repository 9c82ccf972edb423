// Per-execution state of a run: the Runtime bundle (ports, limits and counters, one per execution)
// and the variables of a scope. A thread's own record is thread.ts.
import type { Clock } from '../core/clock.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { SeededRandom } from '../core/random.js';
import type { CompiledMachine } from '../definition/compiled.js';
import type { ParsedResource } from '../integrations/types.js';
import type { MapRunProgress } from '../states/context.js';
import type { CallbackHub } from './callbacks.js';
import type { HistoryRecorder } from './history.js';
import type { MapChildPort, MapChildSpec } from './map-children.js';
import type { Execution, StartOptions } from './types.js';
import type { ProbeEmitter } from './probe.js';

/** Workflow variables of one scope; reads fall through to enclosing scopes (VARIABLES.md §5). */
export class VariableScope {
  private values: Map<string, JsonValue> | undefined;

  constructor(private readonly parent: VariableScope | undefined) {}

  get(name: string): JsonValue | undefined {
    const own = this.values?.get(name);
    return own !== undefined ? own : this.parent?.get(name);
  }

  /** Every visible variable by name, inner scopes winning (for JSONata bindings). */
  snapshot(): Record<string, JsonValue> {
    const outer = this.parent ? this.parent.snapshot() : {};
    if (this.values) for (const [name, value] of this.values) outer[name] = value;
    return outer;
  }

  /** This scope's own value (not an enclosing scope's). */
  own(name: string): JsonValue | undefined {
    return this.values?.get(name);
  }

  /** This scope's own variables (not the enclosing scopes'), for a snapshot. */
  ownValues(): Record<string, JsonValue> {
    const own: Record<string, JsonValue> = {};
    if (this.values) for (const [name, value] of this.values) own[name] = value;
    return own;
  }

  set(name: string, value: JsonValue): void {
    (this.values ??= new Map()).set(name, value);
  }
}

/** What a Task's call carries besides its parameters (TaskRequest). */
export interface InvokeExtras {
  readonly credentials?: JsonValue | undefined;
  readonly taskToken?: string | undefined;
  readonly onSubmitted?: ((response: JsonValue) => void) | undefined;
}

export interface RuntimeLimits {
  readonly payloadBytes: number;
  /** Express only; Infinity when lifted. */
  readonly maxTransitions: number;
}

/** Everything shared by all scopes of one execution. */
export interface Runtime {
  readonly machine: CompiledMachine;
  readonly clock: Clock;
  /** The execution's seed: each thread's stream is derived from it (core/random.ts). */
  readonly seed: number;
  /** The top-level thread's stream (replaced when a snapshot restores its position). */
  random: SeededRandom;
  readonly recorder: HistoryRecorder;
  readonly limits: RuntimeLimits;
  /** $$ as built at start: its Execution and StateMachine are shared by every visit's $$. */
  readonly contextBase: JsonObject;
  readonly region: string;
  readonly executionArn: string;
  /** StateMachineOptions.probe, bound to the machine's state pointers; undefined when not probing. */
  readonly probe: ProbeEmitter | undefined;
  transitions: number;
  /** Task handlers being called right now (their synchronous part): no snapshot can be taken then. */
  invoking: number;
  /** Bytes held by all variables of the execution (VARIABLES.md §6: at most 10 MiB). */
  variableBytes: number;
  /** `credentials`: the Task's evaluated Credentials field, passed on to the integration. */
  invoke(resource: ParsedResource, parameters: JsonValue, stateName: string, signal: AbortSignal, extras?: InvokeExtras): Promise<JsonValue>;
  resource(arn: string): ParsedResource;
  /** Where tasks wait for their tokens, shared by the machines whose tasks answer each other. */
  readonly callbacks: CallbackHub;
  /** Whether mocks answer this state's Task (then it waits for no token). */
  isMocked(stateName: string): boolean;
  /** StateMachineOptions.onMapRunProgress. */
  readonly mapRunProgress: ((progress: MapRunProgress) => void) | undefined;
  /** Where Distributed Map children run (map-children.ts). */
  readonly mapChildren: MapChildPort;
  /** Starts a Distributed Map child here; undefined where children cannot be executions (TestState): they run as isolated threads. */
  readonly startMapChild: ((spec: MapChildSpec, input: JsonValue, options?: StartOptions) => Execution) | undefined;
  /** Resumes a Distributed Map child from the snapshot its Map's snapshot held. */
  readonly resumeMapChild: ((snapshot: JsonValue, options?: StartOptions) => Execution) | undefined;
}

// The size, depth and number checks live in value-limits.ts; re-exported for the runtime's callers.
export { checkPayload } from './value-limits.js';
