// The project's own execution cases, one JSON file per case, grouped by topic (ARCHITECTURE.md habit 2).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue, StateMachineOptions } from '../../src/index.js';
import { runDefinition, type ScriptedCall, scriptedLambdas } from '../support/run.js';

interface Case {
  readonly description: string;
  readonly definition?: JsonValue;
  readonly definitionFile?: string;
  readonly input: JsonValue;
  readonly lambdas?: Record<string, ScriptedCall[]>;
  readonly options?: { type?: 'STANDARD' | 'EXPRESS'; payloadLimitBytes?: number; maxTransitions?: number; maxHistoryEvents?: number };
  readonly expect: { status: string; output?: JsonValue; error?: string; cause?: string; elapsedMs?: number };
  readonly expectEventTypes?: string[];
  readonly provenance: string;
  readonly skip?: string;
}

const root = join(import.meta.dirname, 'cases');
const project = join(import.meta.dirname, '..', '..');

for (const group of readdirSync(root)) {
  describe(group, () => {
    for (const file of readdirSync(join(root, group)).filter((f) => f.endsWith('.json'))) {
      const testCase = JSON.parse(readFileSync(join(root, group, file), 'utf8')) as Case;
      const run = testCase.skip ? it.skip : it;
      run(`${file}: ${testCase.description}`, async () => {
        expect(testCase.provenance).toMatch(/^(aws-verified:|spec:|observed:)/);
        const definition = testCase.definitionFile ? readFileSync(join(project, testCase.definitionFile), 'utf8') : (testCase.definition as JsonValue);
        const options: StateMachineOptions = { ...(testCase.options ?? {}), lambdas: scriptedLambdas(testCase.lambdas ?? {}) };
        const first = await runDefinition(definition, testCase.input, options);
        const { result } = first;
        expect(result.status).toBe(testCase.expect.status);
        if ('output' in testCase.expect) expect(result.status === 'SUCCEEDED' ? result.output : undefined).toEqual(testCase.expect.output);
        if ('error' in testCase.expect) expect(result.status !== 'SUCCEEDED' ? result.error : undefined).toBe(testCase.expect.error);
        if ('cause' in testCase.expect) expect(result.status !== 'SUCCEEDED' ? result.cause : undefined).toBe(testCase.expect.cause);
        if (testCase.expect.elapsedMs !== undefined) expect(first.elapsedMs).toBe(testCase.expect.elapsedMs);
        if (testCase.expectEventTypes) expect(first.history.map((e) => e.type)).toEqual(testCase.expectEventTypes);
        // Same definition, input, seed and clock: the same history, event for event.
        const second = await runDefinition(definition, testCase.input, { ...options, lambdas: scriptedLambdas(testCase.lambdas ?? {}) });
        expect(second.history).toEqual(first.history);
      });
    }
  });
}
