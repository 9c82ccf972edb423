// `asl test`'s engine as a library: find test files, run them, report.
export { findTestFiles, isTestFileName } from './discover.js';
export type { DirectoryEntry, ReadDirectory } from './discover.js';
export { diffJson, describeDifference } from './diff.js';
export type { Difference } from './diff.js';
export { checkExpectations, statesPath } from './expectations.js';
export type { CaseFailure, Observed } from './expectations.js';
export { readTestFile, STATUSES } from './format.js';
export type { CaseExpectation, ExpectedStatus, FormatProblem, TestCase, TestFile, WorldExpectation } from './format.js';
export { DEFAULT_START_TIME, runTestFile } from './run-file.js';
export type { CaseResult, FileProblem, RunTestFileOptions, TestFileResult, TestHost } from './run-file.js';
export { runTestFiles } from './run-tests.js';
export { renderJunit, renderText, summaryLine, totals } from './report.js';
export type { TestTotals } from './report.js';
