// `asl test-state --definition FILE [--state-name NAME] [--input JSON|@file] ...`: AWS's TestState
// API offline, a thin client of the library's testState. The response (AWS's shape) goes to stdout
// and the exit code is 0 whatever the state did, as the API answers 200; 2 for an invalid
// definition, 3 for a request TestState refuses or a file that cannot be read.
import type { Command } from 'commander';
import { Option } from 'commander';
import { DefinitionError, testState, TestStateRequestError } from '../../index.js';
import type { InspectionLevel, LambdaHandler, TestStateMock, TestStateRequest } from '../../index.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { renderDiagnostic, renderProblem, renderReadError } from '../render.js';
import { collect, parseLambdaSpec, parseSeed } from '../run-options.js';
import type { LambdaSpec } from '../run-options.js';
import { loadLambdas } from '../run-sources.js';

interface TestStateCommandOptions {
  readonly definition: string;
  readonly stateName?: string;
  readonly input?: string;
  readonly context?: string;
  readonly variables?: string;
  readonly inspectionLevel?: InspectionLevel;
  readonly mockResult?: string;
  readonly mockError?: string;
  readonly mockCause?: string;
  readonly retrierRetryCount?: number;
  readonly lambda?: LambdaSpec[];
  readonly seed?: number;
}

const LEVELS = ['INFO', 'DEBUG', 'TRACE'] as const;

/** Adds the `test-state` subcommand; the action reports its exit code through `onExitCode`. */
export function registerTestState(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('test-state')
    .description("test one state offline, as AWS's TestState API does")
    .requiredOption('--definition <file>', 'a state (with "Type") or a whole definition (with "States"), JSON or YAML')
    .option('--state-name <name>', 'with a whole definition: the state to test (default: StartAt)')
    .option('--input <json|@file>', 'the state input (default {})')
    .option('--context <json|@file>', 'a context object ($$); its members replace the generated ones')
    .option('--variables <json|@file>', 'the variables the state sees, as a JSON object')
    .addOption(new Option('--inspection-level <level>', 'INFO, or DEBUG/TRACE for the data flow (TRACE: HTTP request/response too)').choices(LEVELS).default('INFO'))
    .option('--mock-result <json|@file>', 'a Task, Map or Parallel: use this as its result instead of running it')
    .option('--mock-error <name>', 'a Task, Map or Parallel: fail it with this error instead of running it')
    .option('--mock-cause <text>', 'the cause of --mock-error')
    .option('--retrier-retry-count <n>', 'retries the matching Retrier has already made (stateConfiguration.retrierRetryCount)', parseSeed)
    .option('--lambda <NAME=MODULE[#EXPORT]>', 'a local Lambda function for unmocked Tasks; repeatable', collect(parseLambdaSpec))
    .option('--seed <n>', 'seed for jitter, States.UUID and States.MathRandom', parseSeed)
    .action(async (opts: TestStateCommandOptions, command: Command) => {
      if (opts.mockCause !== undefined && opts.mockError === undefined) command.error('error: --mock-cause needs --mock-error');
      onExitCode(await runTestState(opts, io));
    });
}

async function runTestState(opts: TestStateCommandOptions, io: Io): Promise<ExitCode> {
  let definition: string;
  try {
    definition = await io.readFile(opts.definition);
  } catch (err) {
    io.stderr(renderReadError(opts.definition, err, false));
    return ExitCode.USAGE_OR_IO;
  }
  const texts = await readTexts(opts, io);
  if (!texts.ok) return ExitCode.USAGE_OR_IO;
  const lambdas = opts.lambda === undefined ? undefined : await loadLambdas(opts.lambda, io, false);
  if (lambdas !== undefined && !lambdas.ok) {
    io.stderr(lambdas.message);
    return ExitCode.USAGE_OR_IO;
  }
  const request: TestStateRequest = {
    definition,
    ...(opts.stateName === undefined ? {} : { stateName: opts.stateName }),
    ...texts.values,
    ...(opts.inspectionLevel === undefined ? {} : { inspectionLevel: opts.inspectionLevel }),
    ...mockOf(opts, texts.values.mockResult),
    ...(opts.retrierRetryCount === undefined ? {} : { stateConfiguration: { retrierRetryCount: opts.retrierRetryCount } }),
  };
  const handlers: Record<string, LambdaHandler> | undefined = lambdas?.value;
  try {
    const response = await testState(request, { ...(handlers ? { lambdas: handlers } : {}), ...(opts.seed === undefined ? {} : { seed: opts.seed }) });
    io.stdout(JSON.stringify(response, null, 2) + '\n');
    return ExitCode.OK;
  } catch (err) {
    if (err instanceof DefinitionError) {
      io.stderr(err.diagnostics.map((d) => renderDiagnostic(opts.definition, d) + '\n').join(''));
      return ExitCode.INVALID_DEFINITION;
    }
    if (!(err instanceof TestStateRequestError)) throw err;
    io.stderr(renderProblem(optionFor(err.field, opts.definition), `${err.code}: ${err.message}`, false));
    return err.code === 'InvalidDefinition' ? ExitCode.INVALID_DEFINITION : ExitCode.USAGE_OR_IO;
  }
}

type Texts = { readonly input?: string; readonly context?: string; readonly variables?: string; readonly mockResult?: string };

/** The JSON-valued options as text: inline, or read from the file after "@". testState parses them. */
async function readTexts(opts: TestStateCommandOptions, io: Io): Promise<{ ok: true; values: Texts } | { ok: false }> {
  const values: Record<string, string> = {};
  for (const key of ['input', 'context', 'variables', 'mockResult'] as const) {
    const given = opts[key];
    if (given === undefined) continue;
    if (!given.startsWith('@')) {
      values[key] = given;
      continue;
    }
    try {
      values[key] = await io.readFile(given.slice(1));
    } catch (err) {
      io.stderr(renderReadError(given.slice(1), err, false));
      return { ok: false };
    }
  }
  return { ok: true, values };
}

function mockOf(opts: TestStateCommandOptions, result: string | undefined): { mock?: TestStateMock } {
  if (result === undefined && opts.mockError === undefined) return {};
  const errorOutput = opts.mockError === undefined ? undefined : { error: opts.mockError, ...(opts.mockCause === undefined ? {} : { cause: opts.mockCause }) };
  return { mock: { ...(result === undefined ? {} : { result }), ...(errorOutput === undefined ? {} : { errorOutput }) } };
}

/** The command-line option behind a request member, so the message names what the user typed. */
function optionFor(field: string, definitionFile: string): string {
  const options: Record<string, string> = {
    definition: definitionFile,
    stateName: '--state-name',
    input: '--input',
    context: '--context',
    variables: '--variables',
    inspectionLevel: '--inspection-level',
    mock: '--mock-result/--mock-error',
    'mock.result': '--mock-result',
    'stateConfiguration.retrierRetryCount': '--retrier-retry-count',
  };
  return options[field] ?? field;
}
