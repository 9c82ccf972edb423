// `--report FILE` (asl run): the run's history, kept by run.ts as it streams by, written as the library's
// self-contained HTML report (graph coloured by outcome, timeline, each state's input and output).
// Loaded by `asl run` only when --report is given.
import { renderHtmlReport } from '../index.js';
import type { HtmlReportOptions } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';

/** Writes the report; returns the problem to print (exit 3) when the file cannot be written. */
export async function writeReport(
  io: Io,
  file: string,
  report: HtmlReportOptions,
  json: boolean,
): Promise<string | undefined> {
  try {
    await io.writeFile(file, renderHtmlReport(report));
    return undefined;
  } catch (err) {
    return renderProblem(file, `cannot write report: ${describeError(err)}`, json);
  }
}
