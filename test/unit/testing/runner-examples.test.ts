// Every asl-examples/ machine carries a .asl.test.json; `npm test` runs them all through the same
// engine as `asl test` (the runner library over the real files) and every case must pass.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findTestFiles, renderText, runTestFiles, totals } from '../../../src/testing/runner/index.js';

const readDirectory = async (path: string): Promise<Array<{ name: string; isDirectory: boolean }>> =>
  (await readdir(path, { withFileTypes: true })).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));

describe('asl-examples/*.asl.test.json through the asl test runner', () => {
  it('finds one test file per example, and every case passes', async () => {
    const examples = (await readdir('asl-examples', { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const files = await findTestFiles('asl-examples', readDirectory);
    expect(files).toEqual(examples.sort().map((name) => `asl-examples/${name}/${name}.asl.test.json`));
    const results = await runTestFiles(files, { readFile: (path) => readFile(path, 'utf8') });
    const report = renderText(results);
    expect(totals(results), report).toEqual({ passed: 20, failed: 0, invalid: 0, unreadable: 0 });
    expect(report.trimEnd().split('\n').at(-1)).toBe('20 passed, 0 failed');
  });
});
