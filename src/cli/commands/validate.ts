// `asl validate FILE... [--json] [--type STANDARD|EXPRESS]`: a thin client of the library's
// parseDefinition/validateDefinition. Diagnostics go to stdout because for this command they ARE
// the result (like a compiler's); stderr only carries files that could not be read and bugs.
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseDefinition, validateDefinition } from '../../index.js';
import type { Diagnostic, ParsedDefinition, StateMachineType } from '../../index.js';
import { ExitCode, worstExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { renderInternalError, renderReadError, renderReport, renderReportJson } from '../render.js';
import type { FileReport } from '../render.js';

export interface ValidateOptions {
  readonly json: boolean;
  readonly type: StateMachineType;
}

/** The file name "-" means standard input, as in most Unix tools. */
const STDIN = '-';
const STDIN_LABEL = '<stdin>';

/** Adds the `validate` subcommand; the action reports its exit code through `onExitCode`. */
export function registerValidate(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('validate')
    .description('check state machine definitions (JSON or YAML) the way AWS Step Functions does')
    .argument('<file...>', `definition files; "${STDIN}" reads standard input`)
    .option('--json', 'print one JSON object per file (JSON Lines) instead of text')
    .addOption(
      new Option('--type <type>', 'state machine type to validate for')
        .choices(['STANDARD', 'EXPRESS'])
        .default('STANDARD'),
    )
    .action(async (files: string[], opts: { json?: boolean; type?: string }) => {
      const options: ValidateOptions = { json: opts.json === true, type: opts.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' };
      onExitCode(await validateFiles(files, options, io));
    });
}

/** Validates each file in order (so output order is stable), carrying on past unreadable ones. */
export async function validateFiles(files: readonly string[], options: ValidateOptions, io: Io): Promise<ExitCode> {
  const codes: ExitCode[] = [];
  for (const file of files) codes.push(await validateOne(file, options, io));
  return worstExitCode(codes);
}

async function validateOne(file: string, options: ValidateOptions, io: Io): Promise<ExitCode> {
  const label = file === STDIN ? STDIN_LABEL : file;
  let text: string;
  try {
    text = file === STDIN ? await io.readStdin() : await io.readFile(file);
  } catch (err) {
    io.stderr(renderReadError(label, err, options.json));
    return ExitCode.USAGE_OR_IO;
  }
  let report: FileReport;
  try {
    report = check(label, file === STDIN ? undefined : file, text, options.type);
  } catch (err) {
    // The validator must report problems as diagnostics; an exception here is a bug.
    io.stderr(renderInternalError(err, options.json));
    return ExitCode.USAGE_OR_IO;
  }
  io.stdout(options.json ? renderReportJson(report) : renderReport(report));
  return report.valid ? ExitCode.OK : ExitCode.INVALID_DEFINITION;
}

function check(label: string, fileName: string | undefined, text: string, type: StateMachineType): FileReport {
  // The file name lets the parser pick YAML for .yaml/.yml; stdin falls back to sniffing the text.
  const parsed = parseDefinition(text, fileName === undefined ? {} : { fileName });
  const result = validateDefinition(parsed, { type });
  return { file: label, valid: result.valid, diagnostics: result.diagnostics.map((d) => withPosition(d, parsed)) };
}

/** Fills in line/column from the source when a check reported only a JSON pointer. */
function withPosition(d: Diagnostic, parsed: ParsedDefinition): Diagnostic {
  if (d.line !== undefined) return d;
  const position = parsed.locate(d.path);
  return position === undefined ? d : { ...d, line: position.line, column: position.column };
}
