// `asl test --report FILE`: every execution the test cases ran, per definition, in one HTML report
// (an execution picker; coloured by the states the cases reached when --coverage is on). The
// runner's `instrument` hook hands each definition an onEvent listener; a history starts at its
// ExecutionStarted event and its last event gives the result. Several definitions: one file each,
// FILE with the definition's name before the extension (report.order.html).
import { basename, dirname, extname } from 'node:path';
import { renderHtmlReport } from '../index.js';
import type { HistoryEvent, ReportExecution, ReportResult, StateMachineOptions } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';

interface Definition {
  readonly fileName: string;
  readonly text: string;
  readonly histories: HistoryEvent[][];
}

export interface TestReport {
  /** For the runner's RunTestFileOptions.instrument (merge with --coverage's). */
  instrument(definition: { readonly fileName: string; readonly text: string }): Partial<StateMachineOptions>;
  /**
   * Writes the report(s); returns the problem to print when a file cannot be written. `results`
   * (the runner's, in run order) name each execution after its test file and case.
   */
  write(file: string, byCoverage: boolean, results?: readonly RanFile[]): Promise<string | undefined>;
}

/** What the report reads of the runner's TestFileResult. */
type RanFile = { readonly file: string } & ({ readonly status: 'ran'; readonly definition: string; readonly cases: readonly { readonly name: string; readonly passed: boolean }[] } | { readonly status: 'invalid' | 'unreadable' });

type Instrument = TestReport['instrument'];

/** The runner's options with the report's listener added to any instrument already there (--coverage's probe). */
export function withReport<T extends { readonly instrument?: Instrument }>(options: T, report: TestReport): T {
  const first = options.instrument;
  return { ...options, instrument: (definition) => ({ ...first?.(definition), ...report.instrument(definition) }) };
}

export function createTestReport(io: Io): TestReport {
  const definitions = new Map<string, Definition>();
  return {
    instrument: ({ fileName, text }) => {
      let definition = definitions.get(fileName);
      if (definition === undefined) definitions.set(fileName, (definition = { fileName, text, histories: [] }));
      const { histories } = definition;
      return {
        onEvent: (event) => {
          if (event.type === 'ExecutionStarted') histories.push([]);
          histories.at(-1)?.push(event);
        },
      };
    },
    write: async (file, byCoverage, results = []) => {
      // A definition no case ran (the runner reported it invalid) has nothing to show.
      const all = [...definitions.values()].filter((definition) => definition.histories.length > 0);
      for (const definition of all) {
        const target = all.length === 1 ? file : withName(file, definition.fileName);
        const names = caseNames(results, definition.fileName);
        // Cases run one after the other, so executions and cases pair up in order (when none was lost).
        const name = (i: number): string => (names.length === definition.histories.length ? (names[i] as string) : `execution ${i + 1}`);
        const executions = definition.histories.map((history, i): ReportExecution => ({ name: name(i), result: resultOf(history), history }));
        try {
          const html = renderHtmlReport({ definition: definition.text, fileName: definition.fileName, executions, ...(byCoverage ? { coverage: true } : {}) });
          if (dirname(target) !== '.') await io.makeDirectory?.(dirname(target));
          await io.writeFile(target, html);
        } catch (err) {
          return renderProblem(target, `cannot write report: ${describeError(err)}`, false);
        }
      }
      return undefined;
    },
  };
}

function caseNames(results: readonly RanFile[], definitionFile: string): string[] {
  return results.flatMap((result) =>
    result.status === 'ran' && result.definition === definitionFile ? result.cases.map((c) => `${basename(result.file)}: ${c.name}${c.passed ? '' : ' (test failed)'}`) : [],
  );
}

/** `report.html` + `flows/order.asl.json` → `report.order.html`. */
function withName(file: string, definitionFile: string): string {
  const ext = extname(file);
  const name = basename(definitionFile).replace(/\.asl\.(json|ya?ml)$|\.(json|ya?ml)$/, '');
  return `${file.slice(0, file.length - ext.length)}.${name}${ext}`;
}

/** The result an execution's last event records (a history cut short counts as ABORTED). */
function resultOf(history: readonly HistoryEvent[]): ReportResult {
  const last = history.at(-1);
  const details = last?.details;
  const failure = { ...(details?.error === undefined ? {} : { error: details.error }), ...(details?.cause === undefined ? {} : { cause: details.cause }) };
  switch (last?.type) {
    case 'ExecutionSucceeded':
      return { status: 'SUCCEEDED', ...(details?.output === undefined ? {} : { output: details.output }) };
    case 'ExecutionFailed':
      return { status: 'FAILED', ...failure };
    case 'ExecutionTimedOut':
      return { status: 'TIMED_OUT', ...failure };
    default:
      return { status: 'ABORTED', ...failure };
  }
}
