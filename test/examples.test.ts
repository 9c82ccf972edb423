// Every folder in asl-examples/ is a lesson for newcomers, so every one must stay valid, complete
// and runnable: each runs (with its mocks.json, on a virtual clock) and must produce expected.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type JsonValue, type MockConfig, validateDefinition } from '../src/index.js';
import { runDefinition } from './support/run.js';

const EXAMPLES = fileURLToPath(new URL('../asl-examples/', import.meta.url));
const folders = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('asl-examples', () => {
  it('has the examples the README lists', () => {
    expect(folders).toEqual(
      expect.arrayContaining(['choice-router', 'jsonata-orders', 'map-fanout', 'order-workflow', 'parallel-join', 'wait-reminder']),
    );
  });

  describe.each(folders)('%s', (name) => {
    const dir = join(EXAMPLES, name);

    it('has definition.asl.json, input.json (valid JSON) and a README.md', () => {
      for (const file of ['definition.asl.json', 'input.json']) {
        expect(() => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown, file).not.toThrow();
      }
      expect(existsSync(join(dir, 'README.md'))).toBe(true);
    });

    it('runs to the output recorded in expected.json', async () => {
      const read = (file: string): JsonValue => JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonValue;
      const mocks = existsSync(join(dir, 'mocks.json')) ? (read('mocks.json') as MockConfig) : undefined;
      const { result } = await runDefinition(readFileSync(join(dir, 'definition.asl.json'), 'utf8'), read('input.json'), mocks ? { mocks } : {});
      expect(result).toEqual(read('expected.json'));
    });

    it('is a valid definition with no ERROR diagnostics', () => {
      const fileName = join(dir, 'definition.asl.json');
      const result = validateDefinition(readFileSync(fileName, 'utf8'), { fileName });
      expect(result.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
      expect(result.valid).toBe(true);
    });
  });
});
