// `asl test` in process: discovery (folders, node_modules and dot-folders skipped), the human report
// and its summary line, JUnit on stdout or --out, --coverage, and the exit codes 0/1/2/3.
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

const PASSING = JSON.stringify({
  definition: 'm.asl.json',
  cases: [
    { name: 'positive', input: { n: 1 }, expect: { output: 'positive', path: ['Check', 'Positive'] } },
    { name: 'zero', input: { n: 0 }, expect: { error: 'NotPositive', cause: 'n must be above 0' } },
  ],
});

const FAILING = JSON.stringify({ definition: '../m.asl.json', cases: [{ name: 'wrong', input: { n: 2 }, expect: { output: 'negative' } }] });

const FILES = {
  'm.asl.json': MACHINE,
  'm.asl.test.json': PASSING,
  'more/f.asl.test.json': FAILING,
  'node_modules/pkg/x.asl.test.json': '{ not even json',
  '.cache/y.asl.test.json': '{ not even json',
};

async function asl(args: string[], files: Record<string, string> = FILES): Promise<{ code: number; stdout: string; stderr: string; written: ReadonlyMap<string, string> }> {
  const io = fakeIo(files);
  const code = await runCli(['node', 'asl', 'test', ...args], io);
  return { code, stdout: io.out(), stderr: io.err(), written: io.written };
}

describe('asl test', () => {
  it('finds test files under the current folder (skipping node_modules and dot-folders) and exits 1 when a case fails', async () => {
    const run = await asl([]);
    expect(run.stdout).toBe(
      [
        'm.asl.test.json',
        '  ✓ positive',
        '  ✓ zero',
        'more/f.asl.test.json',
        '  ✗ wrong',
        '      output: output differs',
        '        $: expected "negative", got "positive"',
        '',
        '2 passed, 1 failed',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  it('runs only the files named, exiting 0 when every case passes', async () => {
    const run = await asl(['m.asl.test.json']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').at(-2)).toBe('2 passed, 0 failed');
  });

  it('exits 2 for an invalid test file, naming the file and the JSON pointer', async () => {
    const run = await asl(['bad.asl.test.json'], { ...FILES, 'bad.asl.test.json': JSON.stringify({ definition: 'm.asl.json', cases: [{ name: 'x', expect: { status: 'DONE' } }] }) });
    expect(run.stdout).toContain('      bad.asl.test.json#/cases/0/expect/status: must be one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED\n');
    expect(run.code).toBe(2);
  });

  it('exits 2 for a test file that is not JSON, saying where', async () => {
    const run = await asl(['broken.asl.test.json'], { 'broken.asl.test.json': '{\n  "definition": "m.asl.json",\n  "cases": [\n}' });
    expect(run.stdout).toMatch(/^ {6}broken\.asl\.test\.json#\/: The file is not valid JSON: .+ \(line 4, column 1\)$/m);
    expect(run.code).toBe(2);
  });

  it('exits 3 for a missing file, a folder without test files, or an unreadable folder; 3 wins over 1', async () => {
    expect((await asl(['gone.asl.test.json'])).code).toBe(3);
    const empty = await asl(['.'], { 'm.asl.json': MACHINE });
    expect(empty).toMatchObject({ code: 3, stdout: '' });
    expect(empty.stderr).toBe('asl: no test files (*.asl.test.json, *.asl.test.yaml) found in .\n');
    const noFolder = await asl(['nowhere']);
    expect(noFolder.code).toBe(3);
    expect(noFolder.stderr).toBe('nowhere: cannot read: ENOENT: no such file or directory\n');
    expect((await asl(['more', 'gone.asl.test.json'])).code).toBe(3);
  });

  it('prints JUnit XML on stdout, or writes it with --out (the summary line still on stdout for human reports)', async () => {
    const junit = await asl(['--reporter', 'junit']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="asl test" tests="3" failures="1" errors="0">\n/);
    expect(junit.stdout).toContain('<testcase classname="more/f.asl.test.json" name="wrong">');
    const toFile = await asl(['--reporter', 'junit', '--out', 'reports/junit.xml']);
    expect(toFile.stdout).toBe('');
    expect(toFile.written.get('reports/junit.xml')).toBe(junit.stdout);
    const human = await asl(['--out', 'report.txt']);
    expect(human.stdout).toBe('2 passed, 1 failed\n');
    expect(human.written.get('report.txt')?.startsWith('m.asl.test.json\n  ✓ positive\n')).toBe(true);
    expect((await asl(['--out', '/unwritable/r.txt'])).code).toBe(3);
  });

  it('--coverage prints the table after the report and writes Istanbul JSON (default coverage/asl-coverage-final.json)', async () => {
    const run = await asl(['--coverage']);
    expect(run.code).toBe(1);
    const [report, table] = run.stdout.split('2 passed, 1 failed\n');
    expect(report).toContain('✓ positive');
    expect(table).toMatch(/^\nCoverage of m\.asl\.json\n[^]*States +3 +3 +100\.00\n/);
    const istanbul = JSON.parse(run.written.get('coverage/asl-coverage-final.json') ?? '{}') as Record<string, { path: string; s: Record<string, number> }>;
    expect(Object.keys(istanbul)).toEqual(['m.asl.json']);
    // Both test files name the same definition: one collector adds up all three cases.
    expect(Object.values(istanbul['m.asl.json']?.s ?? {}).reduce((sum, hits) => sum + hits, 0)).toBeGreaterThan(0);
    const custom = await asl(['m.asl.test.json', '--coverage-out', 'out/cov.json', '--reporter', 'junit']);
    expect(custom.code).toBe(0);
    expect([...custom.written.keys()]).toEqual(['out/cov.json']);
    expect(custom.stderr).toMatch(/^\nCoverage of m\.asl\.json\n/);
  });

  it('reads YAML test files, and local Lambda handlers from the module "lambdas" names (relative to the test file)', async () => {
    const greet = JSON.stringify({ StartAt: 'Greet', States: { Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', End: true } } });
    const yaml = [
      'definition: greet.asl.json',
      'lambdas: greet.mjs',
      'cases:',
      '  - name: greets Ada',
      '    input: { name: Ada }',
      '    expect:',
      '      output: { greeting: "Hello, Ada!" }',
      '  - name: a failing handler',
      '    input: { name: Bob }',
      '    expect: { outputContains: { greeting: "Hi" } }',
      '',
    ].join('\n');
    const run = await asl(['test/fixtures/lambdas'], { 'test/fixtures/lambdas/greet.asl.json': greet, 'test/fixtures/lambdas/greet.asl.test.yaml': yaml });
    expect(run.stdout).toContain('  ✓ greets Ada\n  ✗ a failing handler\n      outputContains: output does not contain what was expected\n        $.greeting: expected "Hi", got "Hello, Bob!"\n');
    expect(run.code).toBe(1);
  });

  it('lists the exit codes in its help', async () => {
    const help = await asl(['--help']);
    expect(help.stdout).toContain('Exit codes of asl test:\n  0  every case passed\n  1  a case failed\n  2  a test file (or the definition it names) is invalid\n');
  });
});
