// `asl run <definition> [--input FILE|-] [--input-json JSON] ...`: runs one execution through the
// library's createStateMachine and prints its output (stdout) or its failure (stderr). Exit codes:
// 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2 invalid definition, 3 usage or I/O (ARCHITECTURE 1.11).
import type { Command } from 'commander';
import { Option } from 'commander';
import { createStateMachine, DefinitionError, MockConfigError, SystemClock, VirtualClock } from '../../index.js';
import type {
  Clock,
  Execution,
  ExecutionResult,
  HistoryEvent,
  LambdaHandler,
  StateMachine,
  StateMachineOptions,
  StateMachineType,
} from '../../index.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { describeError, renderDefinitionErrors, renderExecutionFailure, renderExecutionJson, renderProblem, renderTraceLine } from '../render.js';
import { collect, parseByteSize, parseLambdaSpec, parseLimit, parseMode, parseSeed } from '../run-options.js';
import type { LambdaSpec } from '../run-options.js';
import { loadLambdas, readInput } from '../run-sources.js';
import { loadDefinitionSource, parseSubstitution, placeholderHint, placeholderWarnings, templateHint, templateWorld } from '../definition-source.js';
import type { DefinitionSourceOptions } from '../definition-source.js';
import { HistoryFile } from '../history-file.js';
import { mapRunProgressLine } from '../map-progress.js';
import { addServiceOptions, loadServices, type ServiceRunOptions, writeWorld } from '../run-services.js';

export interface RunOptions extends DefinitionSourceOptions, ServiceRunOptions {
  readonly input?: string;
  readonly inputJson?: string;
  readonly json?: boolean;
  readonly history?: string;
  readonly report?: string;
  readonly trace?: boolean;
  readonly fast?: boolean;
  readonly mode?: StateMachineType;
  readonly payloadLimit?: number;
  readonly lambda?: LambdaSpec[];
  readonly seed?: number;
  readonly maxTransitions?: number;
  readonly store?: string;
}

const STDIN = '-';
const INTERRUPTED_CAUSE = 'Interrupted by Ctrl-C (SIGINT).';
/** Why `asl run` stops an execution that can never go on: it waits for a token nobody in this run can send. */
const NOBODY_ANSWERS_CAUSE =
  'The execution waits for a task token (.waitForTaskToken or an activity) and nothing in this run can send SendTaskSuccess: mock the state (--mock-config), or run the machine under `asl serve` or the library engine, where SendTaskSuccess answers it.';
const STUCK_CAUSE = 'The execution waits for something that can never happen in this run (a task that never settles), so it was stopped.';

/** Adds the `run` subcommand; the action reports its exit code through `onExitCode`. */
export function registerRun(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  const command = program
    .command('run')
    .description('run a state machine locally and print its output')
    .argument('[definition]', `definition file (JSON or YAML); "${STDIN}" reads standard input (or use --template)`)
    .addOption(new Option('--input <file>', `execution input: a JSON file, or "${STDIN}" for standard input (default {})`).conflicts('inputJson'))
    .option('--input-json <json>', 'execution input given inline, e.g. \'{"id": 1}\'')
    .option('--lambda <spec>', 'a local Lambda function: NAME=./module.js[#export] (repeatable; NAME is a function name or ARN)', collect(parseLambdaSpec))
    .option('--fast', 'use a virtual clock: Waits, retry back-offs and timeouts take no real time')
    .addOption(new Option('--mode <mode>', 'state machine type: standard or express').argParser(parseMode).default('STANDARD', 'standard'))
    // `asl validate` calls it --type; either spelling works on both commands.
    .addOption(new Option('--type <type>').argParser(parseMode).hideHelp())
    .option('--seed <n>', 'seed for retry jitter, States.MathRandom and States.UUID (reproducible runs)', parseSeed)
    .option('--payload-limit <size>', 'largest state input/output, e.g. 262144, 256KiB (AWS), 1MiB (default), 1GiB or Infinity', parseByteSize)
    .option('--max-transitions <n>', 'express only: state transitions before States.Runtime (default 25000; "Infinity")', parseLimit)
    .option('--history <file>', 'write the execution history (AWS GetExecutionHistory events) to a JSON file')
    .option('--report <file>', 'write an HTML report: the graph coloured by outcome, the event timeline, each state\'s input and output')
    .option('--trace', 'print each history event on stderr as it happens')
    .option('--json', 'print a DescribeExecution-like JSON object instead of the bare output')
    .option('--sub <NAME=VALUE>', 'fill in a ${NAME} placeholder (DefinitionSubstitutions); repeatable', collect(parseSubstitution))
    .option('--template <file>', 'take the state machine from a SAM/CloudFormation template (JSON or YAML)')
    .option('--state-machine <id>', "the template's state machine to use, by logical id (when it has several)")
    .option('--store <file>', 'run durably: commit the execution to this store file as it goes (`asl resume` goes on with it after a crash or Ctrl-C)')
    .action(async (definition: string | undefined, opts: RunOptions & { readonly type?: StateMachineType }, command: Command) => {
      if (definition === undefined && opts.template === undefined) command.error("error: missing required argument 'definition' (or give --template FILE)");
      const { type, mode, ...rest } = opts;
      // A --template's own StateMachineType applies unless the user chose a mode.
      const chosen = type ?? (command.getOptionValueSource('mode') === 'default' ? undefined : mode);
      onExitCode(await runDefinition(definition, chosen === undefined ? rest : { ...rest, mode: chosen }, io));
    });
  addServiceOptions(command);
}

/** Loads everything, runs one execution, reports it; never throws for anything the user did. */
export async function runDefinition(file: string | undefined, opts: RunOptions, io: Io): Promise<ExitCode> {
  const json = opts.json === true;
  if (file === STDIN && opts.input === STDIN) {
    io.stderr(renderProblem('--input', 'standard input is already the definition; give the input as a file or with --input-json', json));
    return ExitCode.USAGE_OR_IO;
  }
  const source = await loadDefinitionSource(file, opts, io, json);
  if (!source.ok) return fail(io, source.message);
  const { label, parsed } = source.value;
  if (opts.mode === undefined && source.value.type !== undefined) opts = { ...opts, mode: source.value.type };
  const input = await readInput(opts, io, json);
  if (!input.ok) return fail(io, input.message);
  const lambdas = await loadLambdas(opts.lambda ?? [], io, json);
  if (!lambdas.ok) return fail(io, lambdas.message);

  const clock: Clock = opts.fast === true ? new VirtualClock({ autoAdvance: true }) : new SystemClock();
  const services = await loadServices(opts, clock, io, json);
  if (!services.ok) return fail(io, services.message);
  let startMs = clock.now();
  const trace = opts.trace === true;
  // --history streams each event to the file as it happens (see history-file.ts): opened below.
  let historyFile: HistoryFile | undefined;
  // --report needs the whole history after the run: only then are events kept in memory.
  const reportEvents: HistoryEvent[] | undefined = opts.report === undefined ? undefined : [];
  const onEvent =
    trace || opts.history !== undefined || reportEvents !== undefined
      ? (event: HistoryEvent) => {
          if (trace) io.stderr(renderTraceLine(event, startMs, json));
          historyFile?.add(event);
          reportEvents?.push(event);
        }
      : undefined;
  const { options: serviceOptions, world } = services.value;
  const templateOptions = await templateWorld(source.value, clock, world);
  let machine: StateMachine;
  try {
    // A Distributed Map draws its progress on a terminal's standard error (map-progress.ts).
    const progress = io.stderrIsTerminal === true && !json ? { onMapRunProgress: mapRunProgressLine(io, () => performance.now()) } : {};
    machine = createStateMachine(parsed, { ...machineOptions(opts, clock, lambdas.value, onEvent), ...serviceOptions, ...templateOptions, ...progress });
  } catch (err) {
    // A mock file the library cannot use is the file's problem (exit 3), named like any other file's.
    if (err instanceof MockConfigError) return fail(io, renderProblem(opts.mockConfig ?? '--mock-config', err.message, json));
    if (!(err instanceof DefinitionError)) throw err;
    io.stderr(renderDefinitionErrors(label, err.diagnostics, parsed, json));
    if (!json) io.stderr(placeholderHint(err.diagnostics.map((d) => d.code)) + templateHint(file, source.value));
    return ExitCode.INVALID_DEFINITION;
  }
  if (!json) io.stderr(source.value.notes.join('') + placeholderWarnings(source.value));
  if (opts.history !== undefined) {
    try {
      historyFile = await HistoryFile.open(io, opts.history);
    } catch (err) {
      io.stderr(renderProblem(opts.history, `cannot write history: ${describeError(err)}`, json));
      return ExitCode.USAGE_OR_IO;
    }
  }
  startMs = clock.now();
  let started: StartedRun;
  if (opts.store === undefined) {
    // Ctrl-C stops the execution as ABORTED (as StopExecution would), so --history is still written.
    // Listening starts first: start() already runs the first states before it returns.
    const running: { execution?: Execution } = {};
    const stopListening = io.onInterrupt?.(() => running.execution?.abort(undefined, INTERRUPTED_CAUSE));
    // The process runs out of work while the execution still runs: no timer or I/O can move it on.
    const stopIdle = io.onIdle?.(() => running.execution?.abort('States.Runtime', machine.callbacks.waitingTokens.length > 0 ? NOBODY_ANSWERS_CAUSE : STUCK_CAUSE));
    const execution = (running.execution = machine.start(input.value));
    started = { execution, result: await execution.result };
    stopListening?.();
    stopIdle?.();
  } else {
    // Durable (--store): the engine commits the execution as it goes; Ctrl-C keeps it for `asl resume`.
    const { runDurably } = await import('../on-demand.js');
    const durable = await runDurably(opts.store, { clock, lambdas: lambdas.value, ...serviceOptions, ...templateOptions, ...(onEvent === undefined ? {} : { onEvent }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) }, parsed.value ?? null, opts, input.value, io, json);
    if (!durable.ok) return fail(io, durable.message);
    started = durable.value;
  }
  const { execution, result } = started;
  const stopMs = clock.now();

  const worldProblem = await writeWorld(services.value.world, opts.worldOut, io, json);
  if (worldProblem !== undefined) return fail(io, worldProblem);
  if (historyFile !== undefined && opts.history !== undefined) {
    const failure = await historyFile.close();
    if (failure !== undefined) {
      io.stderr(renderProblem(opts.history, `cannot write history: ${describeError(failure)}`, json));
      return ExitCode.USAGE_OR_IO;
    }
  }
  if (reportEvents !== undefined && opts.report !== undefined) {
    const report = { definition: parsed, fileName: label, type: opts.mode ?? 'STANDARD', executions: [{ name: execution.name, result, history: reportEvents }] } as const;
    // The report's code (layout, page script) is loaded only when a report is asked for.
    const { writeReport } = await import('../on-demand.js');
    const problem = await writeReport(io, opts.report, report, json);
    if (problem !== undefined) return fail(io, problem);
  }
  if (json) {
    const { arn: executionArn, name, startDate } = execution;
    io.stdout(renderExecutionJson({ executionArn, stateMachineArn: machine.arn, name, startMs: startDate, stopMs, input: input.value, result }));
  } else if (result.status === 'SUCCEEDED') {
    io.stdout(JSON.stringify(result.output, null, 2) + '\n');
  }
  if (result.status === 'SUCCEEDED') return ExitCode.OK;
  if (result.status === 'SUSPENDED') {
    io.stderr(started.note ?? '');
    return ExitCode.EXECUTION_FAILED;
  }
  if (!json) io.stderr(renderExecutionFailure(result) + hint(result));
  return ExitCode.EXECUTION_FAILED;
}

/** The execution `asl run` ran, in memory or durably, and how it ended. */
export interface StartedRun {
  readonly execution: { readonly arn: string; readonly name: string; readonly startDate: number };
  readonly result: ExecutionResult;
  /** What to tell the user when the execution was suspended (a durable run's Ctrl-C). */
  readonly note?: string;
}

function machineOptions(
  opts: RunOptions,
  clock: Clock,
  lambdas: Record<string, LambdaHandler>,
  onEvent: StateMachineOptions['onEvent'],
): StateMachineOptions {
  return {
    type: opts.mode ?? 'STANDARD',
    clock,
    lambdas,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.payloadLimit === undefined ? {} : { payloadLimitBytes: opts.payloadLimit }),
    ...(opts.maxTransitions === undefined ? {} : { maxTransitions: opts.maxTransitions }),
    // Nothing is kept in memory: --trace and --history both stream, so a long run's memory stays flat.
    recordHistory: false,
    ...(onEvent === undefined ? {} : { onEvent }),
  };
}

/** A nudge for the commonest first-run failure: a Task calling a function nobody registered. */
function hint(result: ExecutionResult): string {
  if (result.status !== 'SUCCEEDED' && result.error === 'Lambda.ResourceNotFoundException') {
    return 'asl: hint: register the function with --lambda NAME=./module.js#export\n';
  }
  return '';
}

function fail(io: Io, message: string): ExitCode {
  io.stderr(message);
  return ExitCode.USAGE_OR_IO;
}
