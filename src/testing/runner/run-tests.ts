// Runs many test files one after the other (cases share nothing, so order only matters for the report).
import { runTestFile, type RunTestFileOptions, type TestFileResult, type TestHost } from './run-file.js';

export async function runTestFiles(files: readonly string[], host: TestHost, options: RunTestFileOptions = {}): Promise<TestFileResult[]> {
  const results: TestFileResult[] = [];
  for (const file of files) results.push(await runTestFile(file, host, options));
  return results;
}
