// The Runtime of one execution (frame.ts): its ports, limits and counters, and the way its Tasks
// reach integrations (the registry; mocks decorate it, integrations/mocked-registry.ts). A class
// rather than an object literal with closures: visits call invoke() and resource() on a different
// execution every time, and one shared method per call site keeps V8's optimized code valid across
// executions.
import { allowManyListeners } from '../core/abort.js';
import type { Clock } from '../core/clock.js';
import { shapeAnchors } from '../core/shape-anchors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { SeededRandom } from '../core/random.js';
import type { CompiledMachine } from '../definition/compiled.js';
import type { IntegrationRegistry } from '../integrations/registry.js';
import { parseResource } from '../integrations/resource.js';
import type { ParsedResource, TaskContext } from '../integrations/types.js';
import type { MapRunProgress } from '../states/context.js';
import type { CallbackHub } from './callbacks.js';
import type { InvokeExtras, Runtime, RuntimeLimits } from './frame.js';
import type { HistoryRecorder } from './history.js';
import { inProcessMapChildren, type MapChildPort } from './map-children.js';
import type { ProbeEmitter } from './probe.js';

/** What one execution's runtime is made from: the Runtime's ports and limits, and how Tasks reach integrations. */
export type RuntimeParts = Pick<Runtime, 'machine' | 'clock' | 'random' | 'seed' | 'recorder' | 'limits' | 'contextBase' | 'region' | 'executionArn'> & {
  readonly registry: IntegrationRegistry;
  /** Parsed Task resources, shared by the machine's executions. */
  readonly resources: Map<string, ParsedResource>;
  readonly probe?: ProbeEmitter | undefined;
  readonly callbacks: CallbackHub;
  readonly mapRunProgress?: ((progress: MapRunProgress) => void) | undefined;
  readonly mapChildren?: MapChildPort | undefined;
  readonly startMapChild?: Runtime['startMapChild'];
  readonly resumeMapChild?: Runtime['resumeMapChild'];
};

export class ExecutionRuntime implements Runtime {
  readonly machine: CompiledMachine;
  readonly clock: Clock;
  readonly seed: number;
  random: SeededRandom;
  readonly recorder: HistoryRecorder;
  readonly limits: RuntimeLimits;
  readonly contextBase: JsonObject;
  readonly region: string;
  readonly executionArn: string;
  readonly probe: ProbeEmitter | undefined;
  readonly callbacks: CallbackHub;
  readonly mapRunProgress: ((progress: MapRunProgress) => void) | undefined;
  readonly mapChildren: MapChildPort;
  readonly startMapChild: Runtime['startMapChild'];
  readonly resumeMapChild: Runtime['resumeMapChild'];
  transitions = 0;
  invoking = 0;
  variableBytes = 0;
  private readonly registry: IntegrationRegistry;
  private readonly resources: Map<string, ParsedResource>;
  /** The tasks of one Map's iterations share a signal: the context made for it is reused. */
  private taskContext: TaskContext | undefined;

  constructor(parts: RuntimeParts) {
    this.machine = parts.machine;
    this.clock = parts.clock;
    this.seed = parts.seed;
    this.random = parts.random;
    this.recorder = parts.recorder;
    this.limits = parts.limits;
    this.contextBase = parts.contextBase;
    this.region = parts.region;
    this.executionArn = parts.executionArn;
    this.probe = parts.probe;
    this.registry = parts.registry;
    this.resources = parts.resources;
    this.callbacks = parts.callbacks;
    this.mapRunProgress = parts.mapRunProgress;
    this.mapChildren = parts.mapChildren ?? inProcessMapChildren;
    this.startMapChild = parts.startMapChild;
    this.resumeMapChild = parts.resumeMapChild;
  }

  isMocked(stateName: string): boolean {
    return this.registry.mocks?.(stateName) ?? false;
  }

  resource(arn: string): ParsedResource {
    let parsed = this.resources.get(arn);
    if (!parsed) this.resources.set(arn, (parsed = parseResource(arn)));
    return parsed;
  }

  invoke(resource: ParsedResource, parameters: JsonValue, stateName: string, signal: AbortSignal, extras: InvokeExtras = NO_EXTRAS): Promise<JsonValue> {
    if (this.taskContext?.signal !== signal) shapeAnchors.taskContext = this.taskContext = taskContext(this.clock, signal, this.executionArn);
    this.invoking++;
    try {
      return this.registry.invoke({ resource, parameters, stateName, taskToken: extras.taskToken, credentials: extras.credentials, onSubmitted: extras.onSubmitted }, this.taskContext);
    } finally {
      this.invoking--;
    }
  }
}

function taskContext(clock: Clock, signal: AbortSignal, executionArn: string): TaskContext {
  // Integrations listen to it themselves (SDK calls, fetch), many at once in a Map's iterations.
  allowManyListeners(signal);
  return { signal, sleep: (ms, other) => clock.sleep(ms, other ?? signal), now: () => clock.now(), executionArn };
}

const NO_EXTRAS: InvokeExtras = {};
