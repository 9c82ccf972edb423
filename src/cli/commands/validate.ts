// `asl validate FILE... [--json] [--type standard|express] [--sub NAME=VALUE] | --template FILE`: a thin client of the library's
// parseDefinition/validateDefinition. Diagnostics go to stdout because for this command they ARE
// the result (like a compiler's); stderr only carries files that could not be read and bugs.
import type { Command } from 'commander';
import { Option } from 'commander';
import { validateDefinition } from '../../index.js';
import type { Diagnostic, ParsedDefinition, StateMachineType } from '../../index.js';
import { ExitCode, worstExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { loadDefinitionSource, parseSubstitution, templateHint } from '../definition-source.js';
import type { DefinitionSourceOptions } from '../definition-source.js';
import { renderInternalError, renderProblem, renderReport, renderReportJson } from '../render.js';
import { collect, parseMode } from '../run-options.js';
import type { FileReport } from '../render.js';

export interface ValidateOptions extends DefinitionSourceOptions {
  readonly json: boolean;
  /** Undefined: a --template's own StateMachineType, else STANDARD. */
  readonly type: StateMachineType | undefined;
}

/** The file name "-" means standard input, as in most Unix tools. */
const STDIN = '-';

interface CommandOptions extends DefinitionSourceOptions {
  readonly json?: boolean;
  readonly type?: StateMachineType;
  readonly mode?: StateMachineType;
}

/** Adds the `validate` subcommand; the action reports its exit code through `onExitCode`. */
export function registerValidate(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('validate')
    .description('check state machine definitions (JSON or YAML) the way AWS Step Functions does')
    .argument('[file...]', `definition files; "${STDIN}" reads standard input (or use --template)`)
    .option('--json', 'print one JSON object per file (JSON Lines) instead of text')
    .addOption(new Option('--type <type>', 'state machine type to validate for: standard or express').argParser(parseMode).default('STANDARD', 'standard'))
    // `asl run` calls it --mode; either spelling works on both commands.
    .addOption(new Option('--mode <mode>').argParser(parseMode).hideHelp())
    .option('--sub <NAME=VALUE>', 'fill in a ${NAME} placeholder (DefinitionSubstitutions); repeatable', collect(parseSubstitution))
    .option('--template <file>', 'check the state machine of a SAM/CloudFormation template (JSON or YAML)')
    .option('--state-machine <id>', "the template's state machine to check, by logical id (when it has several)")
    .action(async (files: string[], opts: CommandOptions, command: Command) => {
      if (files.length === 0 && opts.template === undefined) command.error("error: missing required argument 'file' (or give --template FILE)");
      const typeGiven = command.getOptionValueSource('type') !== 'default';
      const type = opts.mode ?? (typeGiven ? opts.type : undefined);
      const { template, stateMachine, sub } = opts;
      const options: ValidateOptions = { json: opts.json === true, type, template, stateMachine, sub };
      onExitCode(await validateFiles(files, options, io));
    });
}

/** Validates each file in order (so output order is stable), carrying on past unreadable ones. */
export async function validateFiles(files: readonly string[], options: ValidateOptions, io: Io): Promise<ExitCode> {
  if (options.template !== undefined || files.length === 0) {
    if (files.length > 0) {
      io.stderr(renderProblem('--template', 'give either definition files or --template, not both', options.json));
      return ExitCode.USAGE_OR_IO;
    }
    return validateOne(undefined, options, io);
  }
  const codes: ExitCode[] = [];
  for (const file of files) codes.push(await validateOne(file, options, io));
  return worstExitCode(codes);
}

async function validateOne(file: string | undefined, options: ValidateOptions, io: Io): Promise<ExitCode> {
  let report: FileReport;
  try {
    const source = await loadDefinitionSource(file, options, io, options.json);
    if (!source.ok) {
      io.stderr(source.message);
      return ExitCode.USAGE_OR_IO;
    }
    if (!options.json) io.stderr(source.value.notes.join(''));
    report = check(source.value.label, source.value.parsed, options.type ?? source.value.type ?? 'STANDARD');
    if (!options.json && !report.valid) io.stderr(templateHint(file, source.value));
  } catch (err) {
    // The validator must report problems as diagnostics; an exception here is a bug.
    io.stderr(renderInternalError(err, options.json));
    return ExitCode.USAGE_OR_IO;
  }
  io.stdout(options.json ? renderReportJson(report) : renderReport(report));
  return report.valid ? ExitCode.OK : ExitCode.INVALID_DEFINITION;
}

function check(label: string, parsed: ParsedDefinition, type: StateMachineType): FileReport {
  const result = validateDefinition(parsed, { type });
  return { file: label, valid: result.valid, diagnostics: result.diagnostics.map((d) => withPosition(d, parsed)) };
}

/** Fills in line/column from the source when a check reported only a JSON pointer. */
function withPosition(d: Diagnostic, parsed: ParsedDefinition): Diagnostic {
  if (d.line !== undefined) return d;
  const position = parsed.locate(d.path);
  return position === undefined ? d : { ...d, line: position.line, column: position.column };
}
