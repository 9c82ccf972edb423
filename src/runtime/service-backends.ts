// Which backend serves each AWS service for a state machine (ARCHITECTURE.md 1.13): the local world
// by default, the aws backend for the services the user sends there (`services: 'aws'`, or per
// service `{ dynamodb: 'aws' }`; `asl run --services`). The world is created, and its code loaded,
// on the first service call, so a machine without service tasks never loads it (the CLI's cold
// start); Step Functions' own API is the engine's.
import type { Clock } from '../core/clock.js';
import { SystemClock, VirtualClock } from '../core/clock.js';
import { AslError } from '../core/errors.js';
import { packageSuffix } from '../integrations/aws-backend-packages.js';
import type { ServiceBackend } from '../integrations/backend.js';
import type { BackendChooser } from '../integrations/services.js';
import type { JsonValue } from '../core/json.js';
import { SeededRandom } from '../core/random.js';
import { worldServes } from '../world/served-services.js';
import type { LocalWorldOptions } from '../world/world.js';
import { createLocalStepFunctions } from './local-sfn.js';
import type { StateMachine, StateMachineOptions } from './types.js';

export type BackendKind = 'local' | 'aws';

/** 'local' (default) or 'aws' for every service, or per service by SDK client id ('*' for the rest). */
export type ServicesChoice = BackendKind | Readonly<Record<string, BackendKind>>;

/** Which backend serves a service; `local` gives the local one for a service (the world, or the engine for sfn). */
export function chooseBackends(choice: ServicesChoice | undefined, local: BackendChooser, aws: ServiceBackend | undefined): BackendChooser {
  const awsOrMissing = aws ?? missingAwsBackend;
  if (choice === undefined || choice === 'local') return local;
  if (choice === 'aws') return () => awsOrMissing;
  // Keys may be client ids ("secrets-manager"), resource names ("secretsmanager", "events") or "*".
  const perService = new Map<string, BackendKind>();
  for (const [service, kind] of Object.entries(choice)) perService.set(service === '*' ? '*' : packageSuffix(service), kind);
  const fallback = perService.get('*') ?? 'local';
  return (service) => ((perService.get(packageSuffix(service)) ?? fallback) === 'aws' ? awsOrMissing : local(service));
}

/** Stands in for the aws backend when a service is sent there but none was given. */
const missingAwsBackend: ServiceBackend = {
  kind: 'aws',
  serves: () => true,
  call: ({ service }) =>
    Promise.reject(
      AslError.runtime(
        `The aws backend was chosen for '${service}', but none was given: pass createAwsBackend({ region, endpoints }) as the awsBackend option, or run with \`asl run --services aws\`.`,
      ),
    ),
};

/**
 * The local backends of one state machine: the engine itself for Step Functions' API (the given
 * `stepFunctions`, or one starting the `stateMachines` it was given, on the same world and sfn
 * backend), the world for the rest — the given one, or an
 * empty one in the machine's region and account, made on first use.
 */
export function machineBackends(options: StateMachineOptions, region: string, accountId: string, build: BuildMachine): BackendChooser {
  let world: ServiceBackend | undefined = options.world;
  const worldNow = (): ServiceBackend =>
    (world ??= worldOnFirstCall({ region, accountId, ...(options.clock ? { clock: options.clock } : {}), ...(options.seed === undefined ? {} : { random: new SeededRandom(options.seed) }) }));
  let stepFunctions: ServiceBackend | undefined = options.stepFunctions;
  const others = new Map<string, StateMachine>();
  const lookUp = (arn: string): StateMachine | undefined => {
    const known = others.get(arn);
    if (known !== undefined) return known;
    const definition = options.stateMachines?.[arn];
    if (definition === undefined) return undefined;
    // arn:aws:states:<region>:<account>:stateMachine:<name>
    const [, , , machineRegion, machineAccount, , name] = arn.split(':');
    // The child shares the clock, seed, limits, lambdas and backends, not the parent's mocks, event
    // subscribers or probe (whose pointers name the parent's states).
    const { mocks: _mocks, mockConfig: _mockConfig, onEvent: _onEvent, onSubscriberError: _onSubscriberError, probe: _probe, ...shared } = options;
    // The same sfn backend too: the parent can describe, stop and await its children's children.
    const machine = build(definition, {
      ...shared,
      world: worldNow(),
      ...(stepFunctions === undefined ? {} : { stepFunctions }),
      region: machineRegion || region,
      accountId: machineAccount || accountId,
      name: name ?? arn,
    });
    others.set(arn, machine);
    return machine;
  };
  const clock = options.clock ?? new SystemClock();
  const local: BackendChooser = (service) => (service === 'sfn' ? (stepFunctions ??= createLocalStepFunctions(lookUp, () => clock.now(), options.callbacks)) : worldNow());
  return chooseBackends(options.services, local, options.awsBackend);
}

/**
 * A machine's own world: it serves what the world serves, and loads the world's code (a tenth of the
 * CLI's bundle) and builds the world on the first call. Children get this same backend, so they
 * share the one world.
 */
function worldOnFirstCall(options: LocalWorldOptions): ServiceBackend {
  let world: ServiceBackend | undefined;
  let loading: Promise<ServiceBackend> | undefined;
  const load = (): Promise<ServiceBackend> =>
    (loading ??= whileClockHeld(
      options.clock,
      import('../world/world.js').then(({ createLocalWorld }) => (world = createLocalWorld(options))),
    ));
  return {
    kind: 'local',
    settlesOnAbort: true,
    serves: worldServes,
    call: (call) => (world === undefined ? load().then((loaded) => loaded.call(call)) : world.call(call)),
    // Item readers stream S3 objects when the world can (a world made on first use included).
    callStreaming: (call) => (world === undefined ? load() : Promise.resolve(world)).then((loaded) => loaded.callStreaming?.(call) ?? loaded.call(call)),
  };
}

/**
 * Settles with `work`, keeping a self-advancing VirtualClock from moving meanwhile: loading the
 * world is I/O, and virtual time must not jump to the next timer while a service call waits on it.
 */
async function whileClockHeld<T>(clock: Clock | undefined, work: Promise<T>): Promise<T> {
  if (!(clock instanceof VirtualClock)) return work;
  let settled = false;
  const release = (): void => {
    settled = true;
  };
  work.then(release, release);
  while (!settled) await clock.pauseBusyWork();
  return work;
}

/** createStateMachine, handed in by execution.ts (this module cannot import it back). */
export type BuildMachine = (definition: JsonValue, options: StateMachineOptions) => StateMachine;
