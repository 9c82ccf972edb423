// The Commander program, built by a factory so tests can run it in-process against a fake Io.
// Commander is told never to exit the process (exitOverride) and to write through Io
// (configureOutput); runCli turns whatever happens into one exit code.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerRun } from './commands/run.js';
import { registerValidate } from './commands/validate.js';
import { registerGraph } from './commands/graph.js';
import { registerTestState } from './commands/test-state.js';
import { registerTest } from './commands/test.js';
import { registerResume } from './commands/resume.js';
import { registerExecutions } from './commands/executions.js';
import { registerServe } from './commands/serve.js';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { renderInternalError } from './render.js';

type Register = (program: Command, io: Io, onExitCode: (code: ExitCode) => void) => void;

/** The commands, in the order `asl --help` lists them. */
const COMMANDS: Readonly<Record<string, Register>> = {
  run: registerRun,
  validate: registerValidate,
  graph: registerGraph,
  'test-state': registerTestState,
  test: registerTest,
  resume: registerResume,
  executions: registerExecutions,
  serve: registerServe,
};

/**
 * Builds the `asl` program. Command actions report their exit code through `onExitCode`
 * instead of exiting, so the caller decides what to do with it. Given the `command` about to run,
 * only that one is added: building every command's options costs start-up time, and neither
 * parsing nor a command's own help needs the others (`asl --help` gets them all).
 */
export function makeProgram(io: Io, onExitCode: (code: ExitCode) => void = () => {}, command?: string): Command {
  const program = new Command('asl')
    .description('Run and validate Amazon States Language (AWS Step Functions) state machines locally.')
    .version(packageVersion(), '-V, --version', 'print the asl-engine version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Fixed width and no colours: help output must not depend on the terminal it runs in.
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError('(run "asl --help" for usage)')
    .addHelpText('afterAll', `\n${EXIT_CODES_HELP}`);
  const only = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  for (const register of only === undefined ? Object.values(COMMANDS) : [only]) register(program, io, onExitCode);
  return program;
}

/**
 * Runs the CLI with `argv` in process.argv form (node, script, ...args) and resolves to the exit
 * code. Never throws and never calls process.exit.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let code: ExitCode = ExitCode.OK;
  // argv[2] is the command when one comes first (`asl run ...`); options first, or none, get every command.
  const program = makeProgram(
    io,
    (c) => {
      code = c;
    },
    argv[2],
  );
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return code;
  } catch (err) {
    // Commander has already printed its message (help, version or a usage error) through Io.
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE_OR_IO;
    io.stderr(renderInternalError(err, argv.includes('--json')));
    return ExitCode.USAGE_OR_IO;
  }
}

/**
 * Version from package.json, found relative to this module (src/cli or dist/cli: both two levels
 * down). Read as a file: a require() of it costs a millisecond more of start-up.
 */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}
