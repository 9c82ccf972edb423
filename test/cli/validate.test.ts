import { describe, expect, it } from 'vitest';
import { runAsl } from '../support/fake-io.js';

const VALID = JSON.stringify({
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Result: { hello: 'world' }, Next: 'Done' }, Done: { Type: 'Succeed' } },
});

// Pretty-printed so the broken Next sits on a known line (4) of the source text.
const INVALID = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "Nowhere" }
  }
}
`;

const VALID_YAML = `StartAt: Greet
States:
  Greet:
    Type: Pass
    End: true
`;

// A callback task: fine for STANDARD, rejected for EXPRESS (ASL spec, INTEGRATIONS 1).
const CALLBACK = JSON.stringify({
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
        MessageBody: { 'token.$': '$$.Task.Token' },
      },
      End: true,
    },
  },
});

describe('asl validate (human output)', () => {
  it('prints "FILE: valid" and exits 0 for a valid definition', async () => {
    const run = await runAsl(['validate', 'ok.json'], { 'ok.json': VALID });
    expect(run).toEqual({ code: 0, stdout: 'ok.json: valid\n', stderr: '' });
  });

  it('accepts YAML chosen by file extension', async () => {
    const run = await runAsl(['validate', 'ok.asl.yaml'], { 'ok.asl.yaml': VALID_YAML });
    expect(run).toEqual({ code: 0, stdout: 'ok.asl.yaml: valid\n', stderr: '' });
  });

  it('prints one compiler-style line per diagnostic and exits 2 for an invalid definition', async () => {
    const run = await runAsl(['validate', 'bad.json'], { 'bad.json': INVALID });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^bad\.json: invalid \(\d+ errors?(, \d+ warnings?)?\)$/);
    const target = lines.find((line) => line.includes('MISSING_TRANSITION_TARGET'));
    expect(target).toMatch(/^bad\.json:4:\d+: error MISSING_TRANSITION_TARGET .+ \(at \/States\/A\/Next\)$/);
  });

  it('reads standard input for "-"', async () => {
    const run = await runAsl(['validate', '-'], {}, VALID);
    expect(run).toEqual({ code: 0, stdout: '<stdin>: valid\n', stderr: '' });
  });

  it('validates several files in the order given; any invalid one makes the exit code 2', async () => {
    const run = await runAsl(['validate', 'a.json', 'bad.json', 'b.json'], {
      'a.json': VALID,
      'bad.json': INVALID,
      'b.json': VALID,
    });
    expect(run.code).toBe(2);
    const summaries = run.stdout.split('\n').filter((line) => /^[\w.]+: (in)?valid/.test(line));
    expect(summaries).toEqual(['a.json: valid', expect.stringMatching(/^bad\.json: invalid/), 'b.json: valid']);
  });

  it('reports an unreadable file on stderr, carries on, and exits 3 (which wins over 2)', async () => {
    const run = await runAsl(['validate', 'missing.json', 'bad.json', 'ok.json'], {
      'bad.json': INVALID,
      'ok.json': VALID,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('missing.json: cannot read: ENOENT: no such file or directory\n');
    expect(run.stdout).toContain('bad.json: invalid');
    expect(run.stdout).toContain('ok.json: valid');
    expect(run.stdout).not.toContain('missing.json');
  });

  it('checks against the state machine type given by --type', async () => {
    const files = { 'cb.json': CALLBACK };
    expect((await runAsl(['validate', 'cb.json'], files)).code).toBe(0);
    expect((await runAsl(['validate', '--type', 'STANDARD', 'cb.json'], files)).code).toBe(0);
    expect((await runAsl(['validate', '--type', 'EXPRESS', 'cb.json'], files)).code).toBe(2);
  });
});

describe('asl validate --json', () => {
  it('prints one JSON object per file per line', async () => {
    const run = await runAsl(['validate', '--json', 'ok.json', 'bad.json'], { 'ok.json': VALID, 'bad.json': INVALID });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const [ok, bad] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(ok).toEqual({ file: 'ok.json', valid: true, diagnostics: [] });
    expect(bad).toMatchObject({ file: 'bad.json', valid: false });
    expect(bad?.['diagnostics']).toContainEqual(
      expect.objectContaining({
        code: 'MISSING_TRANSITION_TARGET',
        severity: 'ERROR',
        path: '/States/A/Next',
        message: expect.any(String),
        line: 4,
        column: expect.any(Number),
      }),
    );
  });

  it('reports unreadable files as JSON on stderr and exits 3', async () => {
    const run = await runAsl(['validate', '--json', 'missing.json'], {});
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toEqual({
      file: 'missing.json',
      error: 'cannot read: ENOENT: no such file or directory',
    });
  });
});
