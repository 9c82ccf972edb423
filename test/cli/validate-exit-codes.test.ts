// The CLI's own logic (exit-code precedence, position fill-in, output order), checked against a
// stand-in validator so these tests do not depend on which rules the real validator implements.
import { describe, expect, it, vi } from 'vitest';
import type { Diagnostic, JsonValue, ParsedDefinition, ValidationResult } from '../../src/index.js';
import { runAsl } from '../support/fake-io.js';

vi.mock('../../src/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/index.js')>();
  return {
    ...real,
    // Every pointer is "found" on line 7, column 3 of the source.
    parseDefinition: (text: string) =>
      new real.ParsedDefinition(JSON.parse(text) as JsonValue, 'json', [], () => ({ line: 7, column: 3 })),
    // The definition's Comment says what to report: "error", "warning", "located" or nothing.
    validateDefinition: (parsed: ParsedDefinition): ValidationResult => {
      const text = JSON.stringify(parsed.value);
      const diagnostics: Diagnostic[] = [];
      if (text.includes('"error"')) diagnostics.push({ code: 'UNREACHABLE_STATE', severity: 'ERROR', path: '/States/X', message: 'unreachable' });
      if (text.includes('"warning"')) diagnostics.push({ code: 'NO_DOLLAR', severity: 'WARNING', path: '/States/Y', message: 'no dollar' });
      if (text.includes('"located"')) diagnostics.push({ code: 'NO_PATH', severity: 'WARNING', path: '/States/Z', message: 'no path', line: 2, column: 9 });
      return { valid: !diagnostics.some((d) => d.severity === 'ERROR'), diagnostics };
    },
  };
});

const files = {
  'clean.json': '{"Comment":"none"}',
  'error.json': '{"Comment":"error"}',
  'warning.json': '{"Comment":"warning"}',
  'located.json': '{"Comment":"located"}',
};

describe('asl validate exit codes and rendering', () => {
  it.each([
    [['clean.json'], 0],
    [['warning.json'], 0],
    [['clean.json', 'warning.json'], 0],
    [['error.json'], 2],
    [['clean.json', 'error.json', 'warning.json'], 2],
    [['missing.json'], 3],
    [['error.json', 'missing.json'], 3],
    [['missing.json', 'error.json', 'clean.json'], 3],
  ])('%j exits %i', async (args, code) => {
    expect((await runAsl(['validate', ...args], files)).code).toBe(code);
    expect((await runAsl(['validate', '--json', ...args], files)).code).toBe(code);
  });

  it('keeps warnings non-fatal and prints them before the summary', async () => {
    const run = await runAsl(['validate', 'warning.json'], files);
    expect(run.stdout).toBe('warning.json:7:3: warning NO_DOLLAR no dollar (at /States/Y)\nwarning.json: valid (1 warning)\n');
  });

  it('fills in line and column from the source only when the diagnostic lacks them', async () => {
    const run = await runAsl(['validate', '--json', 'error.json', 'located.json'], files);
    const [error, located] = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { diagnostics: Diagnostic[] });
    expect(error?.diagnostics).toEqual([expect.objectContaining({ path: '/States/X', line: 7, column: 3 })]);
    expect(located?.diagnostics).toEqual([expect.objectContaining({ path: '/States/Z', line: 2, column: 9 })]);
  });

  it('writes results to stdout and read errors to stderr, in argument order', async () => {
    const run = await runAsl(['validate', 'error.json', 'missing.json', 'clean.json'], files);
    expect(run.stdout).toBe(
      'error.json:7:3: error UNREACHABLE_STATE unreachable (at /States/X)\nerror.json: invalid (1 error)\nclean.json: valid\n',
    );
    expect(run.stderr).toBe('missing.json: cannot read: ENOENT: no such file or directory\n');
  });

  it('reports a validator crash as an internal error with exit 3, never a stack trace', async () => {
    const run = await runAsl(['validate', 'not-json.json'], { 'not-json.json': '{' });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^asl: internal error: .*JSON.* \(please report this as an asl-engine bug\)\n$/);
  });
});
