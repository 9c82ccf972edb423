// The `asl run` options for Tasks that call services: where they go (--services, --endpoint,
// --region), the local world they find and leave behind (--world, --world-out), and the mocks that
// answer them instead (--mock-config, --test-case, --state-machine-name). Everything is read and
// checked before the run, with problems rendered as one message each (exit code 3).
import type { Command } from 'commander';
import type { BackendKind, Clock, LocalWorld, StateMachineOptions } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';
import { collect } from './run-options.js';
import { loadMachines, type MachineSpec, parseMachineSpec } from './run-machines.js';
import { loadMocks } from './run-mocks.js';
import type { Loaded } from './run-sources.js';
import { endpointMap, type EndpointSpec, parseEndpoint, parseRegion, parseServices, servicesOption, usesAws } from './service-options.js';

export interface ServiceRunOptions {
  readonly mockConfig?: string;
  readonly testCase?: string;
  readonly stateMachineName?: string;
  readonly services?: Readonly<Record<string, BackendKind>>;
  readonly endpoint?: EndpointSpec[];
  readonly region?: string;
  readonly world?: string;
  readonly worldOut?: string;
  /** --machine NAME=FILE: other state machines the run may start. */
  readonly machine?: MachineSpec[];
}

/** Adds the service options to `asl run`. */
export function addServiceOptions(command: Command): Command {
  return command
    .option('--mock-config <file>', 'answer Tasks from a Step Functions Local MockConfigFile (or a state → responses mocks file)')
    .option('--test-case <name>', "the MockConfigFile's test case to run under")
    .option('--state-machine-name <name>', "the MockConfigFile's state machine (default: its only one)")
    .option('--services <backends>', 'where service Tasks go: local (default), aws, or per service: sqs=aws,sns=local', parseServices)
    .option('--endpoint <SERVICE=URL>', 'the URL of a service on the aws backend, e.g. dynamodb=http://127.0.0.1:8000 ("*" for all); repeatable', collect(parseEndpoint))
    .option('--region <region>', 'the region of the state machine, the local world and the AWS clients (default us-east-1)', parseRegion)
    .option('--world <file>', 'seed the local world from a JSON file (tables, queues, topics, subscriptions, buckets, rules)')
    .option('--world-out <file>', 'write what the run left in the local world to a JSON file (a valid --world seed)')
    .option('--machine <NAME=FILE>', 'another state machine the run may start (states:startExecution, aws-sdk:sfn) as arn:aws:states:REGION:123456789012:stateMachine:NAME; repeatable', collect(parseMachineSpec));
}

export interface LoadedServices {
  /** The StateMachineOptions these flags give. */
  readonly options: StateMachineOptions;
  /** The world to snapshot into --world-out, when asked for. */
  readonly world: LocalWorld | undefined;
}

/** Reads --mock-config and --world, and builds the backends the flags ask for. */
export async function loadServices(opts: ServiceRunOptions, clock: Clock, io: Io, json: boolean): Promise<Loaded<LoadedServices>> {
  const mocks = await loadMocks(opts, io, json);
  if (!mocks.ok) return mocks;
  const region = opts.region;
  const machines = await loadMachines(opts.machine ?? [], region, io, json);
  if (!machines.ok) return machines;
  let world: LocalWorld | undefined;
  if (opts.world !== undefined || opts.worldOut !== undefined) {
    // The world's code is loaded only for these flags (otherwise the machine loads it on a service call).
    const { openWorld } = await import('./on-demand.js');
    const opened = await openWorld(opts.world, region, clock, io, json);
    if (!opened.ok) return opened;
    world = opened.value;
  }
  const endpoints = endpointMap(opts.endpoint);
  const aws = usesAws(opts.services);
  if (!aws && Object.keys(endpoints).length > 0) {
    return { ok: false, message: renderProblem('--endpoint', 'applies to services on the aws backend: add --services aws (or SERVICE=aws)', json) };
  }
  // The aws backend's code is loaded only when a service goes there.
  const createAwsBackend = aws ? (await import('./on-demand.js')).createAwsBackend : undefined;
  const options: StateMachineOptions = {
    ...mocks.value,
    ...(region === undefined ? {} : { region }),
    ...(world === undefined ? {} : { world }),
    ...(opts.services === undefined ? {} : { services: servicesOption(opts.services) }),
    ...(Object.keys(machines.value).length === 0 ? {} : { stateMachines: machines.value }),
    // Clients are created on a service's first call, so naming the backend costs nothing until then.
    ...(createAwsBackend ? { awsBackend: createAwsBackend({ ...(region === undefined ? {} : { region }), endpoints }) } : {}),
  };
  return { ok: true, value: { options, world } };
}

/** Writes the world's snapshot to --world-out; returns a rendered problem, or undefined. */
export async function writeWorld(world: LocalWorld | undefined, file: string | undefined, io: Io, json: boolean): Promise<string | undefined> {
  if (world === undefined || file === undefined) return undefined;
  try {
    await io.writeFile(file, JSON.stringify(world.snapshot(), null, 2) + '\n');
    return undefined;
  } catch (err) {
    return renderProblem(file, `cannot write the world: ${describeError(err)}`, json);
  }
}
