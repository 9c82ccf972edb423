// `--report FILE` (asl run): the run's history, collected as it streams by, written as the library's
// self-contained HTML report (graph coloured by outcome, timeline, each state's input and output).
import { renderHtmlReport } from '../index.js';
import type { HistoryEvent, HtmlReportOptions } from '../index.js';
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

/** An onEvent listener that keeps every event, for a report written after the run. */
export function collectEvents(): { readonly events: HistoryEvent[]; readonly add: (event: HistoryEvent) => void } {
  const events: HistoryEvent[] = [];
  return { events, add: (event) => void events.push(event) };
}
