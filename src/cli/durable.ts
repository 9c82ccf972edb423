// `asl run --store FILE`: the execution runs on an engine over the store, so that it outlives this
// process; `asl resume` goes on with it from what the store holds. What a resume needs and the store
// cannot keep as data (Lambda modules, mocks, service backends, the clock) is kept as the run's
// recipe: the options it was run with, paths made absolute.
import { resolve } from 'node:path';
import { openEngine, StoreError } from '../index.js';
import type { Engine, EngineExecution, EngineOptions, JsonObject, JsonValue, RegisterOptions, StateMachineType } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';
import type { LambdaSpec } from './run-options.js';
import type { Loaded } from './run-sources.js';
import type { ServiceRunOptions } from './run-services.js';

/** The options of `asl run` a resumed execution runs with again. */
export interface RunRecipe extends ServiceRunOptions {
  readonly lambda?: LambdaSpec[];
  readonly fast?: boolean;
  readonly seed?: number;
  readonly mode?: StateMachineType;
  readonly payloadLimit?: number;
  readonly maxTransitions?: number;
}

/** The machine name `asl run` gives (as without --store, so that ARNs and --json output agree). */
export const RUN_MACHINE_NAME = 'StateMachine';

const RECIPE_KEY = 'aslRun';

/** The recipe as stored: paths absolute, numbers that JSON cannot hold as text. */
export function recipeAttributes(opts: RunRecipe): JsonObject {
  const absolute = (path: string | undefined): string | undefined => (path === undefined ? undefined : resolve(path));
  const recipe: Record<string, JsonValue | undefined> = {
    lambda: (opts.lambda ?? []).map((spec) => ({ name: spec.name, modulePath: resolve(spec.modulePath), exportName: spec.exportName ?? null, text: spec.text })),
    fast: opts.fast === true,
    seed: opts.seed,
    mode: opts.mode,
    payloadLimit: storedNumber(opts.payloadLimit),
    maxTransitions: storedNumber(opts.maxTransitions),
    mockConfig: absolute(opts.mockConfig),
    testCase: opts.testCase,
    stateMachineName: opts.stateMachineName,
    services: opts.services,
    endpoint: opts.endpoint as JsonValue | undefined,
    region: opts.region,
    world: absolute(opts.world),
    machine: opts.machine?.map((spec) => ({ name: spec.name, path: resolve(spec.path), text: spec.text })),
  };
  return { [RECIPE_KEY]: JSON.parse(JSON.stringify(recipe)) as JsonValue };
}

/** The recipe of a stored execution (an execution started by the library has none: {}). */
export function recipeOf(attributes: JsonObject): RunRecipe {
  const stored = attributes[RECIPE_KEY];
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const recipe = stored as Record<string, JsonValue>;
  const lambda = Array.isArray(recipe['lambda'])
    ? recipe['lambda'].map((spec) => {
        const s = spec as Record<string, JsonValue>;
        return { name: String(s['name']), modulePath: String(s['modulePath']), exportName: typeof s['exportName'] === 'string' ? s['exportName'] : undefined, text: String(s['text']) } as LambdaSpec;
      })
    : [];
  return { ...(recipe as unknown as RunRecipe), lambda, ...numbers(recipe) };
}

function storedNumber(value: number | undefined): JsonValue | undefined {
  if (value === undefined) return undefined;
  return Number.isFinite(value) ? value : 'Infinity';
}

function numbers(recipe: Record<string, JsonValue>): Pick<RunRecipe, 'payloadLimit' | 'maxTransitions'> {
  const read = (value: JsonValue | undefined): number | undefined => (value === 'Infinity' ? Infinity : typeof value === 'number' ? value : undefined);
  const payloadLimit = read(recipe['payloadLimit']);
  const maxTransitions = read(recipe['maxTransitions']);
  return { ...(payloadLimit === undefined ? {} : { payloadLimit }), ...(maxTransitions === undefined ? {} : { maxTransitions }) };
}

/** What `asl run` registers with: the type and limits of the machine version. */
export function registerOptions(recipe: RunRecipe): RegisterOptions {
  return {
    type: recipe.mode ?? 'STANDARD',
    ...(recipe.payloadLimit === undefined ? {} : { payloadLimitBytes: recipe.payloadLimit }),
    ...(recipe.maxTransitions === undefined ? {} : { maxTransitions: recipe.maxTransitions }),
  };
}

/** Opens the engine on the store file; a store that is locked, damaged or unreadable is one message (exit 3). */
export async function openDurable(store: string, options: EngineOptions, io: Io, json: boolean): Promise<Loaded<Engine>> {
  try {
    return { ok: true, value: await openEngine({ ...options, store, resume: false, onStoreError: (error, arn) => io.stderr(renderProblem(store, `cannot commit ${arn}: ${describeError(error)}`, json)) }) };
  } catch (error) {
    if (error instanceof StoreError) return { ok: false, message: renderProblem(store, error.message, json) };
    throw error;
  }
}

export interface DurableStart {
  readonly engine: Engine;
  readonly execution: EngineExecution;
}

/** Registers the definition in the store and starts the execution there. */
export async function startDurable(engine: Engine, definition: JsonValue, recipe: RunRecipe, input: JsonValue): Promise<EngineExecution> {
  await engine.register(RUN_MACHINE_NAME, definition, registerOptions(recipe));
  return engine.start(RUN_MACHINE_NAME, input, { attributes: recipeAttributes(recipe) });
}

/** The message for a durable run stopped by Ctrl-C: it is kept, not aborted. */
export function suspendedNote(store: string, name: string): string {
  return `asl: execution ${name} suspended (Ctrl-C); it is kept in ${store}: \`asl resume --store ${store} ${name}\` goes on with it\n`;
}
