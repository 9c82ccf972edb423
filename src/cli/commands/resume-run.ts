// The work of `asl resume` (commands/resume.ts). Executions are grouped by the recipe they were run
// with (durable.ts): each group goes on in an engine built from that recipe — its Lambda modules,
// mocks, service backends and clock — one group after the other, and each execution's result is
// printed as `asl run --json` prints it.
import { listAllExecutions, SystemClock, VirtualClock } from '../../index.js';
import type { Clock, EngineExecution, ExecutionRecord, ExecutionResult } from '../../index.js';
import { openDurable, recipeOf, suspendedNote, type RunRecipe } from '../durable.js';
import { ExitCode, worstExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { renderExecutionJson, renderProblem } from '../render.js';
import { loadLambdas } from '../run-sources.js';
import { loadServices } from '../run-services.js';
import { openExisting } from './executions-run.js';

export async function resumeExecutions(store: string, only: string | undefined, io: Io): Promise<ExitCode> {
  const groups = await interrupted(store, only, io);
  if (groups === undefined) return ExitCode.USAGE_OR_IO;
  if (groups.size === 0) {
    if (only !== undefined) {
      io.stderr(renderProblem(store, `holds no RUNNING execution named ${JSON.stringify(only)} (see \`asl executions --store ${store}\`)`, false));
      return ExitCode.USAGE_OR_IO;
    }
    io.stderr(`asl: ${store} holds no interrupted execution\n`);
    return ExitCode.OK;
  }
  const codes: ExitCode[] = [];
  for (const [text, records] of groups) codes.push(await resumeGroup(store, JSON.parse(text) as RunRecipe, records, io));
  return worstExitCode(codes);
}

/** The store's RUNNING executions (or the one named), grouped by recipe; undefined when the store cannot be read. */
async function interrupted(store: string, only: string | undefined, io: Io): Promise<Map<string, ExecutionRecord[]> | undefined> {
  const opened = await openExisting(store, io, false);
  if (opened === undefined) return undefined;
  const groups = new Map<string, ExecutionRecord[]>();
  try {
    for (const summary of await listAllExecutions(opened, { status: 'RUNNING' })) {
      if (only !== undefined && summary.name !== only && summary.arn !== only) continue;
      const record = await opened.getExecution(summary.arn);
      if (record === undefined) continue;
      const key = JSON.stringify(recipeOf(record.attributes));
      groups.set(key, [...(groups.get(key) ?? []), record]);
    }
  } finally {
    await opened.close();
  }
  return groups;
}

async function resumeGroup(store: string, recipe: RunRecipe, records: readonly ExecutionRecord[], io: Io): Promise<ExitCode> {
  const clock: Clock = recipe.fast === true ? new VirtualClock({ autoAdvance: true, startMs: new SystemClock().now() }) : new SystemClock();
  const lambdas = await loadLambdas(recipe.lambda ?? [], io, false);
  if (!lambdas.ok) return fail(io, lambdas.message);
  const services = await loadServices(recipe, clock, io, false);
  if (!services.ok) return fail(io, services.message);
  const opened = await openDurable(store, { clock, lambdas: lambdas.value, ...services.value.options, ...(recipe.seed === undefined ? {} : { seed: recipe.seed }) }, io, false);
  if (!opened.ok) return fail(io, opened.message);
  const engine = opened.value;
  const wanted = new Set(records.map((r) => r.arn));
  // Ctrl-C lets go of them again (they stay RUNNING in the store), as during `asl run --store`.
  const stopListening = io.onInterrupt?.(() => void engine.close());
  try {
    const executions = await engine.resumeRunning((record) => wanted.has(record.arn));
    const results = await Promise.all(executions.map(async (execution) => ({ execution, result: await execution.result })));
    const codes: ExitCode[] = [];
    for (const { execution, result } of results) codes.push(await report(store, engine.describe.bind(engine), execution, result, io));
    return worstExitCode(codes);
  } finally {
    stopListening?.();
    await engine.close();
  }
}

async function report(store: string, describe: (arn: string) => Promise<ExecutionRecord | undefined>, execution: EngineExecution, result: ExecutionResult, io: Io): Promise<ExitCode> {
  if (result.status === 'SUSPENDED') {
    io.stderr(suspendedNote(store, execution.name));
    return ExitCode.EXECUTION_FAILED;
  }
  const record = await describe(execution.arn);
  io.stdout(
    renderExecutionJson({
      executionArn: execution.arn,
      stateMachineArn: execution.machineArn,
      name: execution.name,
      startMs: execution.startDate,
      stopMs: record?.stopDate ?? execution.startDate,
      input: record?.input ?? null,
      result,
    }),
  );
  return result.status === 'SUCCEEDED' ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
}

function fail(io: Io, message: string): ExitCode {
  io.stderr(message);
  return ExitCode.USAGE_OR_IO;
}
