// The probe against the project's own execution cases (test/conformance/cases): listening changes
// no history, every event names an item of the coverage model, and the probe hears exactly the
// visits, Choice exits and catches the history records.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent, JsonValue, StateMachineOptions } from '../../../src/index.js';
import { createCoverage, type ProbeEvent } from '../../../src/testing/index.js';
import { runDefinition, type ScriptedCall, scriptedLambdas } from '../../support/run.js';

interface Case {
  readonly description: string;
  readonly definition?: JsonValue;
  readonly definitionFile?: string;
  readonly input: JsonValue;
  readonly lambdas?: Record<string, ScriptedCall[]>;
  readonly options?: StateMachineOptions;
  readonly skip?: string;
}

const casesRoot = join(import.meta.dirname, '..', '..', 'conformance', 'cases');
const project = join(import.meta.dirname, '..', '..', '..');
const cases = readdirSync(casesRoot).flatMap((group) =>
  readdirSync(join(casesRoot, group))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ name: `${group}/${file}`, testCase: JSON.parse(readFileSync(join(casesRoot, group, file), 'utf8')) as Case })),
);

const count = (history: readonly HistoryEvent[], test: (type: string) => boolean): number => history.filter((event) => test(event.type)).length;

describe('probe over the conformance cases', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  for (const { name, testCase } of cases.filter((c) => c.testCase.skip === undefined)) {
    it(name, async () => {
      const definition = testCase.definitionFile ? readFileSync(join(project, testCase.definitionFile), 'utf8') : (testCase.definition as JsonValue);
      const options = (): StateMachineOptions => ({ ...(testCase.options ?? {}), lambdas: scriptedLambdas(testCase.lambdas ?? {}) });
      const plain = await runDefinition(definition, testCase.input, options());
      let coverage: ReturnType<typeof createCoverage> | undefined;
      try {
        coverage = createCoverage(definition, { ...(testCase.options?.type ? { type: testCase.options.type } : {}) });
      } catch {
        // An invalid definition never starts: nothing to hear, nothing to cover.
        expect(plain.result.status).toBe('FAILED');
        return;
      }
      const events: ProbeEvent[] = [];
      const probed = await runDefinition(definition, testCase.input, { ...options(), probe: (event) => (events.push(event), coverage.probe(event)) });
      expect(probed.history).toEqual(plain.history);
      expect(probed.result).toEqual(plain.result);

      // Every event counted: the hits of all items add up to the number of events.
      const hits = Object.values(coverage.toJSON().hits).reduce((sum, n) => sum + n, 0);
      expect(hits).toBe(events.length);
      // A Distributed Map's children run outside the parent's history, but the probe hears them.
      if (plain.history.length === 0 || JSON.stringify(definition).includes('DISTRIBUTED')) return;
      const entered = count(plain.history, (type) => type.endsWith('StateEntered'));
      expect(events.filter((event) => event.kind === 'state')).toHaveLength(entered);
      expect(events.filter((event) => event.kind === 'choice')).toHaveLength(count(plain.history, (type) => type === 'ChoiceStateExited'));
    });
  }
});
