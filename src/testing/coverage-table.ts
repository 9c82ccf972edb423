// The human view of a coverage report: one row per kind (covered / total / %), then each missed
// item with the pointer where it is written, so the reader can jump to it.
import { type CoverageReport, COVERAGE_KINDS, type CoverageKind, KIND_NAMES } from './coverage-types.js';

const ROW_TITLES: Readonly<Record<CoverageKind, string>> = {
  states: 'States',
  transitions: 'Transitions',
  choiceRules: 'Choice rules',
  retriers: 'Retry',
  catchers: 'Catch',
};

export function coverageTable(report: CoverageReport): string {
  const header = ['Coverage', 'Covered', 'Total', '%'];
  const rows = COVERAGE_KINDS.map((kind) => {
    const { covered, total, percent } = report[kind];
    return [ROW_TITLES[kind], String(covered), String(total), percent.toFixed(2)];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  // The first column reads left to right, the numbers line up on the right.
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [...(report.fileName === undefined ? [] : [`Coverage of ${report.fileName}`]), line(header), rule, ...rows.map(line)];
  const missed = COVERAGE_KINDS.flatMap((kind) => report[kind].uncovered.map((item) => `  ${KIND_NAMES[kind]}: ${item.label} at ${item.pointer}`));
  lines.push('', missed.length === 0 ? 'Everything covered.' : `Not covered (${missed.length}):`, ...missed);
  return `${lines.join('\n')}\n`;
}
