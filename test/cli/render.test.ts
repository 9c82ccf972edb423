import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/index.js';
import { describeError, renderDiagnostic, renderReport, renderReportJson, renderSummary } from '../../src/cli/render.js';

const located: Diagnostic = {
  code: 'MISSING_TRANSITION_TARGET',
  severity: 'ERROR',
  path: '/States/A/Next',
  message: 'Next names "B", which is not a state of this scope.',
  line: 4,
  column: 28,
};
const unlocated: Diagnostic = { code: 'NO_DOLLAR', severity: 'WARNING', path: '/States/A/Parameters/x', message: 'x' };

describe('render', () => {
  it.each<[string, Diagnostic, string]>([
    ['with a position', located, 'm.json:4:28: error MISSING_TRANSITION_TARGET Next names "B", which is not a state of this scope. (at /States/A/Next)'],
    ['without a position', unlocated, 'm.json: warning NO_DOLLAR x (at /States/A/Parameters/x)'],
    ['for the whole document', { ...unlocated, path: '', severity: 'ERROR', code: 'MISSING_DESCRIPTION' }, 'm.json: error MISSING_DESCRIPTION x'],
    ['with a multi-line message', { ...unlocated, message: 'first\n  second' }, 'm.json: warning NO_DOLLAR first second (at /States/A/Parameters/x)'],
  ])('formats a diagnostic %s', (_what, d, expected) => {
    expect(renderDiagnostic('m.json', d)).toBe(expected);
  });

  it.each<[boolean, Diagnostic[], string]>([
    [true, [], 'm.json: valid'],
    [true, [unlocated], 'm.json: valid (1 warning)'],
    [false, [located, located, unlocated, unlocated], 'm.json: invalid (2 errors, 2 warnings)'],
  ])('summarises valid=%s', (valid, diagnostics, expected) => {
    expect(renderSummary({ file: 'm.json', valid, diagnostics })).toBe(expected);
  });

  it('ends a report with its summary line', () => {
    expect(renderReport({ file: 'm.json', valid: true, diagnostics: [unlocated] })).toBe(
      'm.json: warning NO_DOLLAR x (at /States/A/Parameters/x)\nm.json: valid (1 warning)\n',
    );
  });

  it('writes a JSON report on exactly one line', () => {
    const text = renderReportJson({ file: 'm.json', valid: false, diagnostics: [located] });
    expect(text.endsWith('\n') && !text.slice(0, -1).includes('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ file: 'm.json', valid: false, diagnostics: [located] });
  });

  it('drops the path Node appends to I/O error messages', () => {
    expect(describeError(new Error("ENOENT: no such file or directory, open 'x.json'"))).toBe(
      'ENOENT: no such file or directory',
    );
    expect(describeError('plain')).toBe('plain');
  });
});
