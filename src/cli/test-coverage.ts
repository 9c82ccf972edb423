// `asl test --coverage`: one coverage collector per definition file (test files naming the same
// definition add to the same one), a table after the report, and Istanbul JSON for nyc/Codecov.
import { dirname } from 'node:path';
import { createCoverage } from '../testing/index.js';
import type { CoverageCollector, RunTestFileOptions } from '../testing/index.js';
import type { Io } from './io.js';

export interface TestCoverage {
  /** Hands each definition's probe to the runner. */
  readonly runOptions: RunTestFileOptions;
  /** Every definition's table (each headed "Coverage of FILE"), one after the other. */
  table(): string;
  /** Writes the Istanbul coverage map of every definition to `path`; rejects like Io.writeFile. */
  write(path: string): Promise<void>;
}

export function createTestCoverage(io: Io): TestCoverage {
  const collectors = new Map<string, CoverageCollector>();
  return {
    runOptions: {
      instrument: ({ fileName, text }) => {
        let collector = collectors.get(fileName);
        if (collector === undefined) {
          collector = createCoverage(text, { fileName });
          collectors.set(fileName, collector);
        }
        return { probe: collector.probe };
      },
    },
    table: () => [...collectors.values()].map((collector) => collector.table().trimEnd()).join('\n\n'),
    write: async (path) => {
      const map = Object.assign({}, ...[...collectors.values()].map((collector) => collector.toIstanbul())) as Record<string, unknown>;
      if (dirname(path) !== '.') await io.makeDirectory?.(dirname(path));
      await io.writeFile(path, `${JSON.stringify(map, null, 2)}\n`);
    },
  };
}
