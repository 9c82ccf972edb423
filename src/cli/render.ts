// Formatting of everything the CLI prints, in one place, so the human and --json shapes stay
// consistent across commands and are documented once (README "Output").
import type { Diagnostic } from '../index.js';

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
