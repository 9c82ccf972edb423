// The Commander program, built by a factory so tests can run it in-process against a fake Io.
// Commander is told never to exit the process (exitOverride) and to write through Io
// (configureOutput); runCli turns whatever happens into one exit code.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerRun } from './commands/run.js';
import { registerValidate } from './commands/validate.js';
import { registerGraph } from './commands/graph.js';
import { registerTestState } from './commands/test-state.js';
import { registerTest } from './commands/test.js';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { renderInternalError } from './render.js';

/**
 * Builds the `asl` program. Command actions report their exit code through `onExitCode`
 * instead of exiting, so the caller decides what to do with it.
 */
export function makeProgram(io: Io, onExitCode: (code: ExitCode) => void = () => {}): Command {
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
  registerRun(program, io, onExitCode);
  registerValidate(program, io, onExitCode);
  registerGraph(program, io, onExitCode);
  registerTestState(program, io, onExitCode);
  registerTest(program, io, onExitCode);
  return program;
}

/**
 * Runs the CLI with `argv` in process.argv form (node, script, ...args) and resolves to the exit
 * code. Never throws and never calls process.exit.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let code: ExitCode = ExitCode.OK;
  const program = makeProgram(io, (c) => {
    code = c;
  });
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

/** Version from package.json, found relative to this module (src/cli or dist/cli: both two levels down). */
function packageVersion(): string {
  const pkg: unknown = createRequire(import.meta.url)('../../package.json');
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}
