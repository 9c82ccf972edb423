// Every folder in asl-examples/ is a lesson for newcomers, so every one must stay valid, complete
// and runnable: each runs (with its mocks.json, world.json and server.mjs, on a virtual clock) and
// must produce expected.json and leave the world in expected-world.json; each test case of its
// mock-config.json must produce expected.<TestCase>.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../src/index.js';
import { mockTestCases, readJson, runExample } from './support/examples.js';

const EXAMPLES = fileURLToPath(new URL('../asl-examples/', import.meta.url));
const folders = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('asl-examples', () => {
  it('has the examples the README lists', () => {
    expect(folders).toEqual(
      expect.arrayContaining([
        ...['choice-router', 'jsonata-orders', 'map-fanout', 'order-workflow', 'parallel-join', 'wait-reminder'],
        ...['order-services', 'events-fanout', 'http-quote', 'csv-batch-export'],
      ]),
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

    it('runs to the output recorded in expected.json, leaving the world in expected-world.json', async () => {
      const { result, world } = await runExample(dir);
      expect(result).toEqual(readJson(dir, 'expected.json'));
      expect(world !== undefined, 'a world.json seed goes with an expected-world.json').toBe(existsSync(join(dir, 'expected-world.json')));
      if (world !== undefined) expect(world).toEqual(readJson(dir, 'expected-world.json'));
    });

    const testCases = mockTestCases(readdirSync(dir));
    // Only examples with a mock-config.json (or stray expected.<TestCase>.json files) get this test.
    if (testCases.length > 0 || existsSync(join(dir, 'mock-config.json'))) it('runs each test case of mock-config.json to its expected.<TestCase>.json', async () => {
      const config = readJson(dir, 'mock-config.json') as { StateMachines: Record<string, { TestCases: Record<string, unknown> }> };
      const declared = Object.values(config.StateMachines).flatMap((machine) => Object.keys(machine.TestCases));
      expect(testCases, 'one expected.<TestCase>.json per test case of mock-config.json').toEqual([...declared].sort());
      for (const testCase of testCases) expect((await runExample(dir, testCase)).result, testCase).toEqual(readJson(dir, `expected.${testCase}.json`));
    });

    it('is a valid definition with no ERROR diagnostics', () => {
      const fileName = join(dir, 'definition.asl.json');
      const result = validateDefinition(readFileSync(fileName, 'utf8'), { fileName });
      expect(result.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
      expect(result.valid).toBe(true);
    });
  });
});
