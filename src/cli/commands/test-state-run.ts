// What `asl test-state` does once its options are read (commands/test-state.ts): read the files,
// build the TestState request, call the library's testState and print its response. Loaded on
// demand, so `asl run` does not load TestState.
import { DefinitionError, testState, TestStateRequestError } from '../../index.js';
import type { LambdaHandler, TestStateMock, TestStateRequest } from '../../index.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { renderDiagnostic, renderProblem, renderReadError } from '../render.js';
import { loadLambdas } from '../run-sources.js';
import type { TestStateCommandOptions } from './test-state.js';

export async function runTestState(opts: TestStateCommandOptions, io: Io): Promise<ExitCode> {
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
