// What `asl test` does once its options are read (commands/test.ts): find the test files, run them
// through the testing library's runner, report, and add --coverage and --report when asked. Loaded
// on demand, so `asl run` does not load the runner.
import { dirname } from 'node:path';
import { findTestFiles, isTestFileName, renderJunit, renderText, runTestFiles, totals } from '../../testing/index.js';
import type { RunTestFileOptions, TestFileResult } from '../../testing/index.js';
import { ExitCode, worstExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { describeError, renderProblem } from '../render.js';
import { createTestCoverage } from '../test-coverage.js';
import { createTestReport, withReport } from '../test-report.js';
import { DEFAULT_COVERAGE_OUT, type TestCommandOptions } from './test.js';

/** runTests, with --coverage's table (after the report) and Istanbul file when asked. */
export async function runTestsWithCoverage(files: readonly string[], opts: TestCommandOptions, io: Io): Promise<ExitCode> {
  if (opts.coverage !== true && opts.coverageOut === undefined) return runTests(files, opts, io);
  const coverage = createTestCoverage(io);
  const code = await runTests(files, opts, io, coverage.runOptions);
  // JUnit XML on stdout must stay well-formed, so the table goes to stderr then.
  const table = coverage.table();
  if (table !== '' && opts.reporter === 'junit' && opts.out === undefined) io.stderr(`\n${table.trimEnd()}\n`);
  else if (table !== '') io.stdout(`\n${table.trimEnd()}\n`);
  const out = opts.coverageOut ?? DEFAULT_COVERAGE_OUT;
  try {
    await coverage.write(out);
  } catch (err) {
    io.stderr(renderProblem(out, `cannot write: ${describeError(err)}`, false));
    return worstExitCode([code, ExitCode.USAGE_OR_IO]);
  }
  return code;
}

/** Finds, runs and reports; never throws for anything the user did. */
export async function runTests(args: readonly string[], opts: TestCommandOptions, io: Io, runOptions: RunTestFileOptions = {}): Promise<ExitCode> {
  const files = await testFiles(args.length === 0 ? ['.'] : args, io);
  if (!files.ok) {
    io.stderr(renderProblem(files.path, `cannot read: ${files.message}`, false));
    return ExitCode.USAGE_OR_IO;
  }
  if (files.value.length === 0) {
    io.stderr(`asl: no test files (*.asl.test.json, *.asl.test.yaml) found in ${args.length === 0 ? 'the current folder' : args.join(', ')}\n`);
    return ExitCode.USAGE_OR_IO;
  }
  // --report hears every execution through the runner's instrument hook, beside --coverage's probe.
  const htmlReport = opts.report === undefined ? undefined : createTestReport(io);
  const options = htmlReport === undefined ? runOptions : withReport(runOptions, htmlReport);
  const results = await runTestFiles(files.value, { readFile: (path) => io.readFile(path), loadModule: (path) => io.loadModule(path) }, options);
  const reportProblem = htmlReport === undefined || opts.report === undefined ? undefined : await htmlReport.write(opts.report, opts.coverage === true, results);
  if (reportProblem !== undefined) io.stderr(reportProblem);
  const report = opts.reporter === 'junit' ? renderJunit(results) : renderText(results);
  if (opts.out === undefined) io.stdout(report);
  else {
    try {
      if (dirname(opts.out) !== '.') await io.makeDirectory?.(dirname(opts.out));
      await io.writeFile(opts.out, report);
    } catch (err) {
      io.stderr(renderProblem(opts.out, `cannot write: ${describeError(err)}`, false));
      return ExitCode.USAGE_OR_IO;
    }
    // CI logs still get the one line they read.
    if (opts.reporter === 'human') io.stdout(report.slice(report.trimEnd().lastIndexOf('\n') + 1));
  }
  return reportProblem === undefined ? exitCode(results) : worstExitCode([exitCode(results), ExitCode.USAGE_OR_IO]);
}

export function exitCode(results: readonly TestFileResult[]): ExitCode {
  const counts = totals(results);
  return worstExitCode([
    counts.failed > 0 ? ExitCode.EXECUTION_FAILED : ExitCode.OK,
    counts.invalid > 0 ? ExitCode.INVALID_DEFINITION : ExitCode.OK,
    counts.unreadable > 0 ? ExitCode.USAGE_OR_IO : ExitCode.OK,
  ]);
}

type Found = { readonly ok: true; readonly value: string[] } | { readonly ok: false; readonly path: string; readonly message: string };

/** Test files named, and those found in folders named; a name that is neither a test file nor a folder is refused. */
async function testFiles(args: readonly string[], io: Io): Promise<Found> {
  const found: string[] = [];
  for (const arg of args) {
    if (isTestFileName(arg)) {
      found.push(arg);
      continue;
    }
    if (io.readDir === undefined) return { ok: false, path: arg, message: 'folders cannot be listed here' };
    const readDir = io.readDir.bind(io);
    try {
      found.push(...(await findTestFiles(arg, readDir)));
    } catch (err) {
      return { ok: false, path: arg, message: describeError(err) };
    }
  }
  return { ok: true, value: [...new Set(found)] };
}
