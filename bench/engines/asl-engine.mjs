// asl-engine (this package, built: dist/) behind the benchmark adapter contract:
// info, load(definition, { tasks, options }), run(prepared, input), close(prepared), cliCommand(machine, input).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAwsBackend, createLocalWorld, createStateMachine, openEngine, VirtualClock } from '../../dist/index.js';
import { createSeedResources, EMULATOR_CREDENTIALS, EMULATOR_REGION, renameResources, startEmulators } from '../lib/emulators.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

export const info = { engine: 'asl-engine', version: pkg.version };

/**
 * Bench settings: an Express machine with no history kept and no transition budget (the peer keeps
 * no history and has no limit either), a virtual clock and a fixed seed. BENCH_ASL_MODE=standard
 * runs Standard machines that keep their whole history instead, to show what the history costs.
 */
function settings(extra = {}) {
  const base =
    process.env.BENCH_ASL_MODE === 'standard'
      ? { type: 'STANDARD', recordHistory: true, maxHistoryEvents: Infinity }
      : { type: 'EXPRESS', recordHistory: false, maxTransitions: Infinity };
  const opts = { ...base, clock: new VirtualClock({ autoAdvance: true }), seed: 1 };
  for (const [key, value] of Object.entries(extra)) opts[key] = value === 'Infinity' ? Infinity : value;
  return opts;
}

/**
 * tasks: { resource ARN: handler }; options: asl-engine options from the workload file; world: the
 * seed of the local world that service workloads call (one world per load, kept across runs).
 * backend 'aws': the same machine on the aws backend, against dynalite and fauxqs started here on
 * loopback (the world seed is created there instead); close() stops them.
 */
export async function load(definition, { tasks = {}, options = {}, world, backend, durable } = {}) {
  if (durable === 'sqlite') return loadDurable(definition, { tasks, options });
  if (backend === 'aws') return loadOnEmulators(definition, { tasks, options, world });
  const services = world === undefined ? {} : { world: createLocalWorld({ seed: world }) };
  return createStateMachine(definition, { ...settings(options), lambdas: tasks, ...services });
}

async function loadOnEmulators(definition, { tasks, options, world = {} }) {
  const emulators = await startEmulators();
  try {
    const endpoints = { dynamodb: emulators.dynamodb, sqs: emulators.sqsSns, sns: emulators.sqsSns };
    const awsBackend = createAwsBackend({ region: EMULATOR_REGION, endpoints, credentials: EMULATOR_CREDENTIALS });
    const renames = await createSeedResources(awsBackend, world, { region: EMULATOR_REGION, accountId: '123456789012' });
    // The system clock: a virtual one that auto-advances would take the wait for HTTP replies for
    // idleness and jump to the Express machine's 5-minute timeout.
    const { clock: _virtual, ...real } = settings(options);
    const machine = createStateMachine(renameResources(definition, renames), { ...real, lambdas: tasks, services: 'aws', awsBackend });
    closers.set(machine, () => emulators.stop());
    return machine;
  } catch (error) {
    await emulators.stop();
    throw error;
  }
}

/**
 * durable 'sqlite': an engine (openEngine) on a fresh SQLite file in a temp directory, the machine
 * registered as Standard (the engine commits every execution's events and snapshots to the file);
 * run() starts it and waits for its result, which settles once the last commit is in the file.
 * No fixed seed: with one, every execution would get the same name and the store refuses the second.
 */
async function loadDurable(definition, { tasks, options }) {
  const dir = mkdtempSync(join(tmpdir(), 'asl-bench-'));
  let engine;
  const stop = async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    engine = await openEngine({ store: join(dir, 'executions.db'), lambdas: tasks, clock: new VirtualClock({ autoAdvance: true }) });
    // Finite: register() keeps Infinity in the store as null, which reads back as the 25,000-event default.
    const limits = { maxHistoryEvents: 1e9 };
    for (const [key, value] of Object.entries(options)) limits[key] = value === 'Infinity' ? 1e9 : value;
    await engine.register('bench', definition, { type: 'STANDARD', ...limits });
  } catch (error) {
    await stop();
    throw error;
  }
  const durable = { engine };
  closers.set(durable, stop);
  durables.add(durable);
  return durable;
}

const closers = new WeakMap();
const durables = new WeakSet();

/** Stops what load() started for this machine (the emulators of an aws-backend workload). */
export async function close(machine) {
  await closers.get(machine)?.();
}

export async function run(machine, input) {
  const result = durables.has(machine) ? await (await machine.engine.start('bench', input)).result : await machine.start(input).result;
  if (result.status !== 'SUCCEEDED') {
    throw new Error(`execution ${result.status}: ${result.error ?? ''} ${result.cause ?? ''}`.trim());
  }
  return result.output;
}

export function cliCommand(machinePath, inputPath) {
  return { args: [`${root}dist/cli/asl.mjs`, 'run', machinePath, '--input', inputPath] };
}

/** The CLI prints the output JSON on stdout. */
export function cliOutput(stdout) {
  return JSON.parse(stdout);
}
