// Istanbul's coverage-final.json from a coverage collector: the shape nyc and istanbul reporters
// read, with each statement, function and branch at the line and column of the definition file.
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/definition/source.js';
import { createCoverage, type IstanbulFileCoverage, type IstanbulRange } from '../../../src/testing/index.js';
import { fail, lineOf, ok, ORDER_FILE, ORDER_TEXT, runOrder } from './coverage-fixture.js';

/** What istanbul-lib-coverage's FileCoverage checks on load, plus ranges inside the file. */
function expectWellFormed(file: IstanbulFileCoverage, lineCount: number): void {
  const inFile = (range: IstanbulRange): void => {
    expect(range.start.line).toBeGreaterThanOrEqual(1);
    expect(range.end.line).toBeLessThanOrEqual(lineCount);
    expect(range.start.column).toBeGreaterThanOrEqual(0);
    expect(range.end.column).toBeGreaterThan(range.start.column);
  };
  expect(Object.keys(file.s)).toEqual(Object.keys(file.statementMap));
  expect(Object.keys(file.f)).toEqual(Object.keys(file.fnMap));
  expect(Object.keys(file.b)).toEqual(Object.keys(file.branchMap));
  Object.values(file.statementMap).forEach(inFile);
  for (const fn of Object.values(file.fnMap)) {
    inFile(fn.loc);
    expect(fn.line).toBe(fn.loc.start.line);
  }
  for (const [id, branch] of Object.entries(file.branchMap)) {
    branch.locations.forEach(inFile);
    expect(file.b[id]).toHaveLength(branch.locations.length);
  }
}

describe('toIstanbul', () => {
  it('maps states, scopes and branches onto the lines of the definition file', async () => {
    const coverage = createCoverage(ORDER_TEXT, { fileName: ORDER_FILE });
    await runOrder({ kind: 'single' }, { Charge: { '0': fail('Throttled'), '1': ok('paid') } }, coverage.probe);
    await runOrder({ kind: 'batch', items: [3, 30] }, {}, coverage.probe);
    const map = coverage.toIstanbul();
    expect(Object.keys(map)).toEqual([ORDER_FILE]);
    const file = map[ORDER_FILE] as IstanbulFileCoverage;
    expect(file.path).toBe(ORDER_FILE);
    expectWellFormed(file, ORDER_TEXT.split('\n').length);

    // Statements: the twelve states in definition order, each where its value opens.
    expect(Object.values(file.statementMap).map((range) => range.start.line)).toEqual(
      ['"Route": {', '"Charge": {', '"Refund":', '"Fan": {', '"Item": {', '"Big":', '"Small":', '"Both": {', '"Left"', '"Right"', '"Reject":', '"Done":'].map(lineOf),
    );
    expect(file.statementMap['0']).toEqual({ start: { line: 4, column: 13 }, end: { line: 4, column: 14 } });
    // "Refund": { ... } on one line: the range runs to the end of the line.
    const refundLine = ORDER_TEXT.split('\n')[lineOf('"Refund":') - 1] as string;
    expect(file.statementMap['2']).toEqual({ start: { line: lineOf('"Refund":'), column: refundLine.indexOf('{') }, end: { line: lineOf('"Refund":'), column: refundLine.length } });
    expect(Object.values(file.s)).toEqual([2, 1, 0, 1, 2, 1, 1, 0, 0, 0, 0, 2]);

    // Functions: the top level, the Map's item processor and the Parallel's two branches.
    expect(Object.values(file.fnMap).map((fn) => [fn.name, fn.line])).toEqual([
      ['(top level)', 1],
      ['Fan item processor', lineOf('"ItemProcessor"')],
      ['Both branch 1', lineOf('"Left"')],
      ['Both branch 2', lineOf('"Right"')],
    ]);
    expect(Object.values(file.f)).toEqual([2, 2, 0, 0]);

    // Branches: Route's rules + Default, Charge's Retry list, Charge's Catch list, Item's rule + Default.
    expect(Object.values(file.branchMap).map((branch) => [branch.line, branch.locations.map((location) => location.start.line)])).toEqual([
      [lineOf('"Route": {'), [lineOf('"single"'), lineOf('"batch"'), lineOf('"both"'), lineOf('"Default": "Reject"')]],
      [lineOf('"Charge": {'), [lineOf('"Throttled"'), lineOf('"States.Timeout"')]],
      [lineOf('"Charge": {'), [lineOf('"Declined"'), lineOf('["States.ALL"]')]],
      [lineOf('"Item": {'), [lineOf('NumericGreaterThan'), lineOf('"Default": "Small"')]],
    ]);
    expect(Object.values(file.b)).toEqual([
      [1, 1, 0, 0],
      [1, 0],
      [0, 0],
      [1, 1],
    ]);
  });

  it('maps a YAML definition onto its own lines', () => {
    const yaml = ['StartAt: A', 'States:', '  A:', '    Type: Choice', '    Choices:', '      - Variable: $.x', '        IsPresent: true', '        Next: B', '    Default: B', '  B:', '    Type: Succeed', ''].join('\n');
    const coverage = createCoverage(yaml, { fileName: 'flow.asl.yaml' });
    const file = coverage.toIstanbul()['flow.asl.yaml'] as IstanbulFileCoverage;
    expectWellFormed(file, 12);
    expect(Object.values(file.statementMap).map((range) => range.start.line)).toEqual([4, 11]);
    expect(file.branchMap['0']?.locations.map((location) => location.start.line)).toEqual([6, 9]);
  });

  it('uses the positions of the value printed with two-space indentation when given no text', () => {
    const value = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } };
    const file = createCoverage(value).toIstanbul()['definition.asl.json'] as IstanbulFileCoverage;
    const printed = JSON.stringify(value, null, 2);
    const located = parseDefinition(printed).locate('/States/B');
    expect(file.statementMap['1']?.start).toEqual({ line: located?.line, column: (located?.column ?? 0) - 1 });
    expectWellFormed(file, printed.split('\n').length);
  });
});
