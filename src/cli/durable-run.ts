// `asl run --store FILE` (commands/run.ts): the execution runs on an engine over the store file, and
// the engine is closed when it ends. Ctrl-C closes the engine at once: the execution is committed
// where it stands and stays RUNNING for `asl resume`. Loaded only when --store is given.
import { DefinitionError, StoreError } from '../index.js';
import type { EngineOptions, JsonValue } from '../index.js';
import type { StartedRun } from './commands/run.js';
import { openDurable, startDurable, suspendedNote, type RunRecipe } from './durable.js';
import type { Io } from './io.js';
import { renderProblem } from './render.js';
import type { Loaded } from './run-sources.js';

export async function runDurably(store: string, options: EngineOptions, definition: JsonValue, recipe: RunRecipe, input: JsonValue, io: Io, json: boolean): Promise<Loaded<StartedRun>> {
  const opened = await openDurable(store, options, io, json);
  if (!opened.ok) return opened;
  const engine = opened.value;
  const stopListening = io.onInterrupt?.(() => void engine.close());
  try {
    const execution = await startDurable(engine, definition, recipe, input);
    const result = await execution.result;
    return { ok: true, value: { execution, result, note: suspendedNote(store, execution.name) } };
  } catch (error) {
    // The definition compiled before the engine was opened; a store that fails mid-run is the file's problem.
    if (error instanceof StoreError || error instanceof DefinitionError) return { ok: false, message: renderProblem(store, error.message, json) };
    throw error;
  } finally {
    stopListening?.();
    await engine.close();
  }
}
