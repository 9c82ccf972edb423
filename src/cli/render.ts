// Formatting of everything the CLI prints, in one place, so the human and --json shapes stay
// consistent across commands and are documented once (README "Output").
import { toAwsHistoryEvent } from '../index.js';
import type { Diagnostic, ExecutionResult, HistoryEvent, JsonValue, ParsedDefinition } from '../index.js';

/** A file's validation outcome as printed by `asl validate`. */
export interface FileReport {
  readonly file: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Compiler style, one line per diagnostic, so editors and `grep` can jump to it:
 * `file:line:col: error CODE message (at /json/pointer)`, or `file: error CODE ...` when the
 * position is unknown. The pointer suffix is left out for "" (the whole document).
 */
export function renderDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line === undefined ? file : `${file}:${d.line}:${d.column ?? 1}`;
  const at = d.path === '' ? '' : ` (at ${d.path})`;
  return `${where}: ${d.severity.toLowerCase()} ${d.code} ${oneLine(d.message)}${at}`;
}

/** `file: valid`, `file: valid (1 warning)` or `file: invalid (2 errors, 1 warning)`. */
export function renderSummary(report: FileReport): string {
  const errors = report.diagnostics.filter((d) => d.severity === 'ERROR').length;
  const warnings = report.diagnostics.length - errors;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')].filter((s) => s !== '');
  const suffix = counts.length === 0 ? '' : ` (${counts.join(', ')})`;
  return `${report.file}: ${report.valid ? 'valid' : 'invalid'}${suffix}`;
}

/** Human report: the diagnostics, then the summary line; every line ends in "\n". */
export function renderReport(report: FileReport): string {
  const lines = report.diagnostics.map((d) => renderDiagnostic(report.file, d));
  lines.push(renderSummary(report));
  return lines.map((line) => line + '\n').join('');
}

/** --json report: exactly one JSON object on one line (JSON Lines), so output can be streamed. */
export function renderReportJson(report: FileReport): string {
  return JSON.stringify({ file: report.file, valid: report.valid, diagnostics: report.diagnostics }) + '\n';
}

/** A file that could not be read: `file: cannot read: reason`, or a JSON line under --json. */
export function renderReadError(file: string, err: unknown, json: boolean): string {
  const reason = describeError(err);
  return (json ? JSON.stringify({ file, error: `cannot read: ${reason}` }) : `${file}: cannot read: ${reason}`) + '\n';
}

/** A bug (an exception nobody expected): one line, no stack, and a request to report it. */
export function renderInternalError(err: unknown, json: boolean): string {
  const text = `internal error: ${describeError(err)} (please report this as an asl-engine bug)`;
  return (json ? JSON.stringify({ error: text }) : `asl: ${text}`) + '\n';
}

/** The message of an Error without Node's trailing ", open 'path'" (the file is already named). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return oneLine(err.message.replace(/, (open|scandir|read) '.*'$/, ''));
  return oneLine(String(err));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function plural(n: number, word: string): string {
  if (n === 0) return '';
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What `asl run --json` prints: DescribeExecution's shape, with payloads as JSON strings like AWS. */
export interface ExecutionReport {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startMs: number;
  readonly stopMs: number;
  readonly input: JsonValue;
  readonly result: ExecutionResult;
}

export function renderExecutionJson(report: ExecutionReport): string {
  const { result } = report;
  const out: Record<string, JsonValue> = {
    executionArn: report.executionArn,
    stateMachineArn: report.stateMachineArn,
    name: report.name,
    status: result.status,
    startDate: new Date(report.startMs).toISOString(),
    stopDate: new Date(report.stopMs).toISOString(),
    input: JSON.stringify(report.input),
  };
  if (result.status === 'SUCCEEDED') out['output'] = JSON.stringify(result.output);
  else {
    if (result.error !== undefined) out['error'] = result.error;
    if (result.cause !== undefined) out['cause'] = result.cause;
  }
  return JSON.stringify(out) + '\n';
}

/** A run that did not succeed, for stderr: `asl: execution FAILED: Error: cause`. */
export function renderExecutionFailure(result: Exclude<ExecutionResult, { status: 'SUCCEEDED' }>): string {
  const parts = [result.error, result.cause].filter((p): p is string => p !== undefined && p !== '');
  return `asl: execution ${result.status}${parts.length === 0 ? '' : `: ${oneLine(parts.join(': '))}`}\n`;
}

const TRACE_CAUSE_CHARS = 200;

/**
 * One --trace line: `#7 +3600.000s TaskFailed lambda:invoke Exception: cause…` — the event id,
 * the time since the execution started (virtual time under --fast), the AWS event type and what
 * it is about. Under --json the line is the AWS-shaped event instead.
 */
export function renderTraceLine(event: HistoryEvent, startMs: number, json: boolean): string {
  if (json) return JSON.stringify(toAwsHistoryEvent(event)) + '\n';
  const d = event.details;
  const parts = [`#${event.id}`, `+${((event.timestamp - startMs) / 1000).toFixed(3)}s`, event.type];
  if (d?.name !== undefined) parts.push(d.name);
  if (d?.index !== undefined) parts.push(`[${d.index}]`);
  if (d?.resource !== undefined) parts.push(d.resourceType === undefined ? d.resource : `${d.resourceType}:${d.resource}`);
  if (d?.error !== undefined || d?.cause !== undefined) {
    const cause = oneLine(d.cause ?? '');
    const shown = cause.length > TRACE_CAUSE_CHARS ? `${cause.slice(0, TRACE_CAUSE_CHARS)}…` : cause;
    parts.push([d.error ?? '', shown].filter((p) => p !== '').join(': '));
  }
  return parts.join(' ') + '\n';
}

/** Input that is not JSON: `in.json:2:9: invalid JSON input: Trailing comma ...`, or a JSON line. */
export function renderInputError(label: string, message: string, line: number | undefined, column: number | undefined, json: boolean): string {
  const error = `invalid JSON input: ${oneLine(message)}`;
  if (json) return JSON.stringify({ file: label, ...(line === undefined ? {} : { line, column: column ?? 1 }), error }) + '\n';
  return `${line === undefined ? label : `${label}:${line}:${column ?? 1}`}: ${error}\n`;
}

/** Any other problem with something the user named (a --lambda module, a --history file). */
export function renderProblem(subject: string, problem: string, json: boolean): string {
  return (json ? JSON.stringify({ file: subject, error: oneLine(problem) }) : `${subject}: ${oneLine(problem)}`) + '\n';
}

/** The same lines as `asl validate` prints, on stderr: for `run` and `graph` they are a reason to stop, not the result. */
export function renderDefinitionErrors(label: string, diagnostics: readonly Diagnostic[], parsed: ParsedDefinition, json: boolean): string {
  const located = diagnostics.map((d) => {
    const position = d.line === undefined ? parsed.locate(d.path) : undefined;
    return position === undefined ? d : { ...d, line: position.line, column: position.column };
  });
  if (json) return JSON.stringify({ file: label, valid: false, diagnostics: located }) + '\n';
  return [...located.map((d) => renderDiagnostic(label, d)), `${label}: invalid (${located.length} error${located.length === 1 ? '' : 's'})`]
    .map((line) => line + '\n')
    .join('');
}
