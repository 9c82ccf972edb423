// Renders test results: the human report (✓/✗ per case, the differences under each failure, and the
// `N passed, M failed` line CI reads) and JUnit XML for CI dashboards.
import { describeDifference } from './diff.js';
import type { TestFileResult } from './run-file.js';

export interface TestTotals {
  readonly passed: number;
  readonly failed: number;
  /** Test files that are invalid or name an invalid definition. */
  readonly invalid: number;
  /** Test files (or files they name) that could not be read. */
  readonly unreadable: number;
}

export function totals(results: readonly TestFileResult[]): TestTotals {
  let passed = 0;
  let failed = 0;
  for (const result of results) {
    if (result.status !== 'ran') continue;
    for (const testCase of result.cases) {
      if (testCase.passed) passed++;
      else failed++;
    }
  }
  const count = (status: TestFileResult['status']): number => results.filter((result) => result.status === status).length;
  return { passed, failed, invalid: count('invalid'), unreadable: count('unreadable') };
}

/** The summary line, exactly `N passed, M failed`. */
export function summaryLine(counts: TestTotals): string {
  return `${counts.passed} passed, ${counts.failed} failed`;
}

export function renderText(results: readonly TestFileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(result.file);
    if (result.status === 'unreadable') lines.push(`  ✗ ${result.message}`);
    if (result.status === 'invalid') {
      lines.push('  ✗ invalid test file:');
      for (const problem of result.problems) lines.push(`      ${problem.file}#${problem.pointer}: ${problem.message}`);
    }
    if (result.status !== 'ran') continue;
    for (const testCase of result.cases) {
      lines.push(`  ${testCase.passed ? '✓' : '✗'} ${testCase.name}`);
      for (const failure of testCase.failures) {
        lines.push(`      ${failure.expectation}: ${firstPart(failure.message)}`);
        for (const difference of failure.differences) lines.push(`        ${describeDifference(difference)}`);
      }
    }
  }
  const counts = totals(results);
  lines.push('');
  const broken = counts.invalid + counts.unreadable;
  if (broken > 0) lines.push(`${broken} test file${broken === 1 ? '' : 's'} could not run`);
  lines.push(summaryLine(counts));
  return `${lines.join('\n')}\n`;
}

/** A message without the difference list that follows it (shown line by line below). */
function firstPart(message: string): string {
  const colon = message.indexOf(': $');
  return colon === -1 ? message : message.slice(0, colon);
}

export function renderJunit(results: readonly TestFileResult[]): string {
  const counts = totals(results);
  const errors = counts.invalid + counts.unreadable;
  const tests = counts.passed + counts.failed + errors;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="asl test" tests="${tests}" failures="${counts.failed}" errors="${errors}">`];
  for (const result of results) {
    const suite = escapeXml(result.file);
    if (result.status !== 'ran') {
      const message = result.status === 'invalid' ? result.problems.map((p) => `${p.file}#${p.pointer}: ${p.message}`).join('\n') : result.message;
      out.push(`  <testsuite name="${suite}" tests="1" failures="0" errors="1">`);
      out.push(`    <testcase classname="${suite}" name="(test file)">`);
      out.push(`      <error message="${escapeXml(firstLine(message))}" type="${result.status}">${escapeXml(message)}</error>`);
      out.push('    </testcase>', '  </testsuite>');
      continue;
    }
    const failed = result.cases.filter((testCase) => !testCase.passed).length;
    out.push(`  <testsuite name="${suite}" tests="${result.cases.length}" failures="${failed}" errors="0">`);
    for (const testCase of result.cases) {
      const open = `    <testcase classname="${suite}" name="${escapeXml(testCase.name)}"`;
      if (testCase.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const detail = testCase.failures
        .map((failure) => [`${failure.expectation}: ${failure.message}`, ...failure.differences.map((d) => `  ${describeDifference(d)}`)].join('\n'))
        .join('\n');
      out.push(`${open}>`);
      out.push(`      <failure message="${escapeXml(firstLine(testCase.failures[0]?.message ?? 'failed'))}" type="expectation">${escapeXml(detail)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0's Char production: tab, newline, carriage return and the rest of Unicode but control characters, lone surrogates and U+FFFE/FFFF. */
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}
