// `asl test --report FILE`: every case's execution in one HTML report, named after its test file and
// case; coloured by the states the cases reached with --coverage; one file per definition when the
// run covers several.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIo } from '../support/fake-io.js';

const MACHINE = JSON.stringify({
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 0, Next: 'Positive' }], Default: 'Other' },
    Positive: { Type: 'Pass', Result: 'positive', End: true },
    Other: { Type: 'Fail', Error: 'NotPositive', Cause: 'n must be above 0' },
  },
});
const CASES = JSON.stringify({
  definition: 'm.asl.json',
  cases: [
    { name: 'positive', input: { n: 1 }, expect: { output: 'positive' } },
    { name: 'zero', input: { n: 0 }, expect: { output: 'not what happens' } },
  ],
});
const OTHER = JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });
const OTHER_CASES = JSON.stringify({ definition: 'other.asl.json', cases: [{ name: 'just runs', input: {}, expect: { status: 'SUCCEEDED' } }] });

interface ReportData {
  readonly coverage: Record<string, boolean> | null;
  readonly executions: Array<{ name: string; result: { status: string }; outcomes: Record<string, string> }>;
}

function reportData(html: string | undefined): ReportData {
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html ?? '')?.[1];
  return JSON.parse(json ?? 'null') as ReportData;
}

async function asl(args: string[], files: Record<string, string>): Promise<{ code: number; stderr: string; written: ReadonlyMap<string, string> }> {
  const io = fakeIo(files);
  const code = await runCli(['node', 'asl', 'test', ...args], io);
  return { code, stderr: io.err(), written: io.written };
}

describe('asl test --report', () => {
  it('writes one execution per case, named after the file and case, coloured by outcome', async () => {
    const run = await asl(['m.asl.test.json', '--report', 'report.html'], { 'm.asl.json': MACHINE, 'm.asl.test.json': CASES });
    expect(run.code).toBe(1);
    const data = reportData(run.written.get('report.html'));
    expect(data.coverage).toBeNull();
    expect(data.executions.map((e) => [e.name, e.result.status])).toEqual([
      ['m.asl.test.json: positive', 'SUCCEEDED'],
      ['m.asl.test.json: zero (test failed)', 'FAILED'],
    ]);
    expect(data.executions[1]?.outcomes).toEqual({ '/States/Check': 'succeeded', '/States/Other': 'failed' });
  });

  it('colours by the states the cases reached with --coverage', async () => {
    const run = await asl(['m.asl.test.json', '--report', 'report.html', '--coverage', '--coverage-out', 'cov.json'], { 'm.asl.json': MACHINE, 'm.asl.test.json': CASES });
    const { coverage } = reportData(run.written.get('report.html'));
    expect(coverage).toEqual({ '/States/Check': true, '/States/Positive': true, '/States/Other': true });
    expect(run.written.has('cov.json')).toBe(true);
  });

  it('writes one report per definition, named after it', async () => {
    const files = { 'm.asl.json': MACHINE, 'm.asl.test.json': CASES, 'other.asl.json': OTHER, 'other.asl.test.json': OTHER_CASES };
    const run = await asl(['m.asl.test.json', 'other.asl.test.json', '--report', 'out/report.html'], files);
    expect([...run.written.keys()].filter((name) => name.endsWith('.html')).sort()).toEqual(['out/report.m.html', 'out/report.other.html']);
    expect(reportData(run.written.get('out/report.other.html')).executions.map((e) => e.name)).toEqual(['other.asl.test.json: just runs']);
  });

  it('exits 3 naming the file when the report cannot be written', async () => {
    const run = await asl(['m.asl.test.json', '--report', '/unwritable/r.html'], { 'm.asl.json': MACHINE, 'm.asl.test.json': CASES });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('/unwritable/r.html: cannot write report');
  });

  it('writes nothing for a definition the runner found invalid (exit 2, not an I/O error)', async () => {
    const invalid = JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true }, Stray: { Type: 'Succeed' } } });
    const run = await asl(['m.asl.test.json', '--report', 'report.html'], { 'm.asl.json': invalid, 'm.asl.test.json': CASES });
    expect(run.code).toBe(2);
    expect(run.written.has('report.html')).toBe(false);
    expect(run.stderr).not.toContain('cannot write report');
  });
});
