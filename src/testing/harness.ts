// One compiled machine on a virtual clock, started many times: what runMachine runs once and
// checkMachine runs thousands of times. Compiling, the clock and the fault player are made once;
// each run only resets the schedule, the trace and (unless the caller gave one) the world.
import { VirtualClock } from '../core/clock.js';
import type { HistoryEvent } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { ServiceBackend } from '../integrations/backend.js';
import type { MockConfig } from '../integrations/mock-config.js';
import type { MockConfigFileOption } from '../integrations/mock-config-file.js';
import type { Integration, LambdaHandler } from '../integrations/types.js';
import type { StateMachineType } from '../definition/model.js';
import { createStateMachine } from '../runtime/execution.js';
import type { ExecutionProbe } from '../runtime/probe.js';
import type { ExecutionResult } from '../runtime/types.js';
import { createLocalWorld, type LocalWorld, type WorldSeed } from '../world/world.js';
import { createFaultPlayer, type FaultPlayer, type TraceSink, type TraceStep } from './fault-player.js';
import type { ScheduleTarget, TaskSchedule } from './outcomes.js';
import { describeMachine, type MachineModel } from './task-model.js';

export interface HarnessOptions {
  readonly mocks?: MockConfig;
  readonly mockConfig?: MockConfigFileOption;
  /**
   * The local world the service Tasks use, shared by every run; default: a fresh one per run,
   * seeded by worldSeed, on the virtual clock.
   */
  readonly world?: LocalWorld;
  readonly worldSeed?: WorldSeed;
  readonly lambdas?: Readonly<Record<string, LambdaHandler>>;
  /** Seed for retry jitter, States.UUID and States.MathRandom. Default 1, so runs repeat. */
  readonly seed?: number;
  readonly type?: StateMachineType;
  /** Extra integrations, consulted after the fault schedule and before the built-in ones. */
  readonly integrations?: readonly Integration[];
  /** Coverage probes (createCoverage(definition).probe): every run adds to them. */
  readonly probes?: readonly ExecutionProbe[];
}

/** One execution, as the testing toolkit reports it. */
export interface MachineRun {
  readonly input: JsonValue;
  readonly result: ExecutionResult;
  /** The full history (empty when the harness keeps none, as checkMachine's does for speed). */
  readonly history: readonly HistoryEvent[];
  /** Every state entered, in order, across all scopes. */
  readonly path: readonly string[];
  /** States entered and Task answers injected, with virtual ms since the start. */
  readonly trace: readonly TraceStep[];
  readonly schedule: TaskSchedule;
  readonly world: LocalWorld;
}

export interface Harness {
  readonly model: MachineModel;
  run(input: JsonValue, schedule: TaskSchedule): Promise<MachineRun>;
}

export function createHarness(definition: JsonValue, target: ScheduleTarget | undefined, options: HarnessOptions & { readonly keepHistory: boolean }): Harness {
  const model = describeMachine(definition);
  const clock = new VirtualClock({ autoAdvance: true });
  // Each run gets a fresh world (made on its first service call) unless the caller gave one: a run
  // must not depend on what earlier runs left, or shrinking and replay would not reproduce it.
  let runWorld: LocalWorld | undefined = options.world;
  const currentWorld = (): LocalWorld => (runWorld ??= createLocalWorld({ clock, ...(options.worldSeed === undefined ? {} : { seed: options.worldSeed }) }));
  const world: ServiceBackend = options.world ?? {
    kind: 'local',
    settlesOnAbort: true,
    serves: (service) => currentWorld().serves(service),
    call: (call) => currentWorld().call(call),
  };
  const player: FaultPlayer | undefined = target === undefined ? undefined : createFaultPlayer(target);
  let sink: TraceSink & { readonly path: string[] } = { steps: [], startMs: 0, path: [] };
  // The path comes from a probe rather than onEvent: a probe costs a call per state, while any
  // onEvent subscriber makes every run build every history event.
  const pathProbe: ExecutionProbe = (event) => {
    if (event.kind !== 'state') return;
    sink.path.push(event.name);
    sink.steps.push({ kind: 'enter', atMs: clock.now() - sink.startMs, state: event.name, stateType: event.type });
  };
  const machine = createStateMachine(definition, {
    type: options.type ?? 'STANDARD',
    clock,
    seed: options.seed ?? 1,
    world,
    recordHistory: options.keepHistory,
    integrations: [...(player === undefined ? [] : [player.integration]), ...(options.integrations ?? [])],
    ...probeOption([pathProbe, ...(options.probes ?? [])]),
    ...(options.lambdas === undefined ? {} : { lambdas: options.lambdas }),
    ...(options.mocks === undefined ? {} : { mocks: withoutScheduled(options.mocks, target) }),
    ...(options.mockConfig === undefined ? {} : { mockConfig: options.mockConfig }),
  });
  return {
    model,
    async run(input, schedule) {
      sink = { steps: [], startMs: clock.now(), path: [] };
      if (options.world === undefined) runWorld = undefined;
      player?.begin(schedule, sink);
      const execution = machine.start(input);
      const result = await execution.result;
      return { input, result, history: execution.history, path: sink.path, trace: sink.steps, schedule, world: currentWorld() };
    },
  };
}

function probeOption(probes: readonly ExecutionProbe[]): { probe?: ExecutionProbe } {
  const [first, ...rest] = probes;
  if (first === undefined) return {};
  if (rest.length === 0) return { probe: first };
  return { probe: (event) => probes.forEach((probe) => probe(event)) };
}

/** The schedule answers its states: their mocks serve only as its sample success values. */
function withoutScheduled(mocks: MockConfig, target: ScheduleTarget | undefined): MockConfig {
  if (target === undefined) return mocks;
  const scheduled = new Set(target.tasks.map((task) => task.name));
  return Object.fromEntries(Object.entries(mocks).filter(([state]) => !scheduled.has(state)));
}
