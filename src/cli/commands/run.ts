// `asl run <definition> [--input FILE|-] [--input-json JSON] ...`: runs one execution through the
// library's createStateMachine and prints its output (stdout) or its failure (stderr). Exit codes:
// 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2 invalid definition, 3 usage or I/O (ARCHITECTURE 1.11).
import type { Command } from 'commander';
import { Option } from 'commander';
import { createStateMachine, DefinitionError, parseDefinition, SystemClock, toAwsHistoryEvent, VirtualClock } from '../../index.js';
import type {
  Clock,
  Diagnostic,
  ExecutionResult,
  HistoryEvent,
  LambdaHandler,
  ParsedDefinition,
  StateMachine,
  StateMachineOptions,
  StateMachineType,
} from '../../index.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { describeError, renderDiagnostic, renderExecutionFailure, renderExecutionJson, renderProblem, renderReadError, renderTraceLine } from '../render.js';
import { collect, parseByteSize, parseLambdaSpec, parseLimit, parseMode, parseSeed } from '../run-options.js';
import type { LambdaSpec } from '../run-options.js';
import { loadLambdas, readInput } from '../run-sources.js';

export interface RunOptions {
  readonly input?: string;
  readonly inputJson?: string;
  readonly json?: boolean;
  readonly history?: string;
  readonly trace?: boolean;
  readonly fast?: boolean;
  readonly mode?: StateMachineType;
  readonly payloadLimit?: number;
  readonly lambda?: LambdaSpec[];
  readonly seed?: number;
  readonly maxTransitions?: number;
}

const STDIN = '-';

/** Adds the `run` subcommand; the action reports its exit code through `onExitCode`. */
export function registerRun(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('run')
    .description('run a state machine locally and print its output')
    .argument('<definition>', `definition file (JSON or YAML); "${STDIN}" reads standard input`)
    .addOption(new Option('--input <file>', `execution input: a JSON file, or "${STDIN}" for standard input (default {})`).conflicts('inputJson'))
    .option('--input-json <json>', 'execution input given inline, e.g. \'{"id": 1}\'')
    .option('--lambda <spec>', 'a local Lambda function: NAME=./module.js[#export] (repeatable; NAME is a function name or ARN)', collect(parseLambdaSpec))
    .option('--fast', 'use a virtual clock: Waits, retry back-offs and timeouts take no real time')
    .addOption(new Option('--mode <mode>', 'state machine type: standard or express').argParser(parseMode).default('STANDARD', 'standard'))
    .option('--seed <n>', 'seed for retry jitter, States.MathRandom and States.UUID (reproducible runs)', parseSeed)
    .option('--payload-limit <size>', 'largest state input/output, e.g. 262144, 256KiB (AWS) or 1MiB (default)', parseByteSize)
    .option('--max-transitions <n>', 'express only: state transitions before States.Runtime (default 25000; "Infinity")', parseLimit)
    .option('--history <file>', 'write the execution history (AWS GetExecutionHistory events) to a JSON file')
    .option('--trace', 'print each history event on stderr as it happens')
    .option('--json', 'print a DescribeExecution-like JSON object instead of the bare output')
    .action(async (definition: string, opts: RunOptions) => {
      onExitCode(await runDefinition(definition, opts, io));
    });
}

/** Loads everything, runs one execution, reports it; never throws for anything the user did. */
export async function runDefinition(file: string, opts: RunOptions, io: Io): Promise<ExitCode> {
  const json = opts.json === true;
  if (file === STDIN && opts.input === STDIN) {
    io.stderr(renderProblem('--input', 'standard input is already the definition; give the input as a file or with --input-json', json));
    return ExitCode.USAGE_OR_IO;
  }
  const label = file === STDIN ? '<stdin>' : file;
  let text: string;
  try {
    text = file === STDIN ? await io.readStdin() : await io.readFile(file);
  } catch (err) {
    io.stderr(renderReadError(label, err, json));
    return ExitCode.USAGE_OR_IO;
  }
  const input = await readInput(opts, io, json);
  if (!input.ok) return fail(io, input.message);
  const lambdas = await loadLambdas(opts.lambda ?? [], io, json);
  if (!lambdas.ok) return fail(io, lambdas.message);

  // Parsed here rather than inside the library so that diagnostics can be given line and column.
  const parsed = parseDefinition(text, file === STDIN ? {} : { fileName: file });
  const clock: Clock = opts.fast === true ? new VirtualClock({ autoAdvance: true }) : new SystemClock();
  let startMs = clock.now();
  const onEvent = opts.trace === true ? (event: HistoryEvent) => io.stderr(renderTraceLine(event, startMs, json)) : undefined;
  let machine: StateMachine;
  try {
    machine = createStateMachine(parsed, machineOptions(opts, clock, lambdas.value, onEvent));
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    io.stderr(renderDefinitionErrors(label, err.diagnostics, parsed, json));
    return ExitCode.INVALID_DEFINITION;
  }
  startMs = clock.now();
  const execution = machine.start(input.value);
  const result = await execution.result;
  const stopMs = clock.now();

  if (opts.history !== undefined) {
    const events = execution.history.map((event) => toAwsHistoryEvent(event));
    try {
      await io.writeFile(opts.history, JSON.stringify(events, null, 2) + '\n');
    } catch (err) {
      io.stderr(renderProblem(opts.history, `cannot write history: ${describeError(err)}`, json));
      return ExitCode.USAGE_OR_IO;
    }
  }
  if (json) {
    const { arn: executionArn, name, startDate } = execution;
    io.stdout(renderExecutionJson({ executionArn, stateMachineArn: machine.arn, name, startMs: startDate, stopMs, input: input.value, result }));
  } else if (result.status === 'SUCCEEDED') {
    io.stdout(JSON.stringify(result.output, null, 2) + '\n');
  }
  if (result.status === 'SUCCEEDED') return ExitCode.OK;
  if (!json) io.stderr(renderExecutionFailure(result) + hint(result));
  return ExitCode.EXECUTION_FAILED;
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
    // Kept only when someone will read it, so a long run's memory stays flat (--trace streams).
    recordHistory: opts.history !== undefined,
    ...(onEvent === undefined ? {} : { onEvent }),
  };
}

/** The same lines as `asl validate` prints, on stderr: for `run` they are a reason to stop, not the result. */
function renderDefinitionErrors(label: string, diagnostics: readonly Diagnostic[], parsed: ParsedDefinition, json: boolean): string {
  const located = diagnostics.map((d) => {
    const position = d.line === undefined ? parsed.locate(d.path) : undefined;
    return position === undefined ? d : { ...d, line: position.line, column: position.column };
  });
  if (json) return JSON.stringify({ file: label, valid: false, diagnostics: located }) + '\n';
  return [...located.map((d) => renderDiagnostic(label, d)), `${label}: invalid (${located.length} error${located.length === 1 ? '' : 's'})`]
    .map((line) => line + '\n')
    .join('');
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
