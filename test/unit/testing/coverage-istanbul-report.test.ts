// The Istanbul JSON read by Istanbul's own libraries, as nyc, Codecov and editors read it: loaded
// into a coverage map, then written as lcov and as a text table, over the definition file on disk.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoverage } from '../../../src/testing/index.js';
import { fail, lineOf, ok, ORDER_TEXT, runOrder } from './coverage-fixture.js';

/** The slice of istanbul-lib-coverage, -report and istanbul-reports this test drives (they ship no types). */
interface IstanbulLibraries {
  readonly coverage: { createCoverageMap(data: unknown): { files(): string[]; fileCoverageFor(file: string): { toSummary(): { data: Record<string, { total: number; covered: number }> } } } };
  readonly report: { createContext(options: { dir: string; coverageMap: unknown }): unknown };
  readonly reports: { create(name: string, options?: Record<string, unknown>): { execute(context: unknown): void } };
}

function istanbul(): IstanbulLibraries {
  const require = createRequire(import.meta.url);
  return {
    coverage: require('istanbul-lib-coverage') as IstanbulLibraries['coverage'],
    report: require('istanbul-lib-report') as IstanbulLibraries['report'],
    reports: require('istanbul-reports') as IstanbulLibraries['reports'],
  };
}

describe('toIstanbul, read by Istanbul itself', () => {
  it('loads as a coverage map and reports lcov and text on the definition file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-istanbul-'));
    const file = join(dir, 'order.asl.json');
    writeFileSync(file, ORDER_TEXT);
    const coverage = createCoverage(ORDER_TEXT, { fileName: file });
    await runOrder({ kind: 'single' }, { Charge: { '0': fail('Throttled'), '1': ok('paid') } }, coverage.probe);

    const { coverage: lib, report, reports } = istanbul();
    const map = lib.createCoverageMap(coverage.toIstanbul());
    expect(map.files()).toEqual([file]);
    const summary = map.fileCoverageFor(file).toSummary().data;
    // Route, Charge and Done ran; the other nine states did not.
    expect(summary['statements']).toMatchObject({ total: 12, covered: 3 });

    const context = report.createContext({ dir, coverageMap: map });
    reports.create('lcovonly', { file: 'lcov.info' }).execute(context);
    reports.create('text', { file: 'coverage.txt' }).execute(context);
    const lcov = readFileSync(join(dir, 'lcov.info'), 'utf8');
    expect(lcov).toMatch(/^SF:.*order\.asl\.json$/m);
    expect(lcov).toContain(`DA:${lineOf('"Charge": {')},1`);
    expect(lcov).toContain(`DA:${lineOf('"Refund":')},0`);
    // The Choice's branch: rule 1 taken once, the other rules and the Default never.
    expect(lcov).toMatch(new RegExp(`BRDA:${lineOf('"Route": {')},0,0,1`));
    const table = readFileSync(join(dir, 'coverage.txt'), 'utf8');
    expect(table).toContain('order.asl.json');
    expect(table).toMatch(/order\.asl\.json\s+\|\s+25 /);
  });
});
