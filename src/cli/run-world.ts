// `asl run --world FILE` / `--world-out FILE`: the local world the run uses, seeded from the file
// (run-services.ts). Loaded only with those flags: a run without them loads no world code unless a
// service task calls one.
import { dirname } from 'node:path';
import { createLocalWorld } from '../index.js';
import type { Clock, JsonValue, LocalWorld, WorldSeed } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';
import { type Loaded, readJsonFile } from './run-sources.js';

/** A new local world, seeded from `seedFile` when given. */
export async function openWorld(seedFile: string | undefined, region: string | undefined, clock: Clock, io: Io, json: boolean): Promise<Loaded<LocalWorld>> {
  const seed = seedFile === undefined ? undefined : await readSeed(seedFile, io, json);
  if (seed !== undefined && !seed.ok) return seed;
  try {
    const world = createLocalWorld({
      clock,
      ...(region === undefined ? {} : { region }),
      // Bucket folders in a seed are relative to the seed file, wherever asl runs from.
      ...(seedFile === undefined ? {} : { baseDir: dirname(seedFile) }),
      ...(seed === undefined ? {} : { seed: seed.value }),
    });
    return { ok: true, value: world };
  } catch (err) {
    return { ok: false, message: renderProblem(seedFile ?? '--world', `cannot seed the local world: ${describeError(err)}`, json) };
  }
}

async function readSeed(file: string, io: Io, json: boolean): Promise<Loaded<WorldSeed>> {
  const parsed = await readJsonFile(file, io, json);
  if (!parsed.ok) return parsed;
  if (!isObject(parsed.value)) return { ok: false, message: renderProblem(file, 'a world seed is a JSON object: {"dynamodb": {"tables": [...]}, "sqs": {"queues": [...]}, ...}', json) };
  return { ok: true, value: parsed.value as WorldSeed };
}

function isObject(value: JsonValue): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
