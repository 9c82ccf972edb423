// Payload templates at run time (ASL.md §4, issue 9): objects inside arrays are templates too, at
// any depth, in Parameters, ResultSelector, ItemSelector and JSONPath Assign; and the lenient
// Jayway paths the validator accepts evaluate with their strict meaning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { runDefinition, scriptedLambdas } from '../../support/run.js';

describe('objects inside arrays of a template', () => {
  it('are evaluated in Parameters, at any depth, with the context object', async () => {
    const definition: JsonObject = {
      StartAt: 'Build',
      States: {
        Build: {
          Type: 'Pass',
          Parameters: {
            Environment: [{ Name: 'RUN', 'Value.$': '$$.Execution.Name' }, { Name: 'MODE', Value: 'batch' }],
            grid: [[{ 'cell.$': '$.x' }, 2], []],
            plain: ['$.x', { 'looks.$': 'States.Format(\'{}-{}\', $.x, $.y)' }],
          },
          End: true,
        },
      },
    };
    const { result } = await runDefinition(definition, { x: 'a', y: 1 });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        Environment: [{ Name: 'RUN', Value: 'test-execution' }, { Name: 'MODE', Value: 'batch' }],
        grid: [[{ cell: 'a' }, 2], []],
        plain: ['$.x', { looks: 'a-1' }],
      },
    });
  });

  it('are evaluated in ResultSelector, ItemSelector and Assign', async () => {
    const definition: JsonObject = {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
          ResultSelector: { rows: [{ 'id.$': '$.id' }] },
          Assign: { seen: [{ 'first.$': '$.rows[0].id' }] },
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemsPath: '$.rows',
          ItemSelector: { pair: [{ 'index.$': '$$.Map.Item.Index' }, { 'item.$': '$$.Map.Item.Value.id' }] },
          ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          ResultSelector: { 'all.$': '$', 'seen.$': '$seen' },
          End: true,
        },
      },
    };
    const { result } = await runDefinition(definition, { id: 'order-1' }, { lambdas: scriptedLambdas({ echo: [{ echo: true }] }) });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { all: [{ pair: [{ index: 0 }, { item: 'order-1' }] }], seen: [{ first: 'order-1' }] },
    });
  });
});

describe('the lenient-paths validation fixture runs with the strict meaning', () => {
  it('reads every path as Jayway does', async () => {
    const file = join(import.meta.dirname, '../../conformance/validation/valid/jayway-lenient-paths.asl.json');
    const input = { orders: [{ lines: [{ sku: 'pen', qty: 2, body: '{"gift":true}' }, { sku: 'ink', qty: 0, body: '{}' }] }] };
    const { result } = await runDefinition(readFileSync(file, 'utf8'), input);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        first: 'pen',
        positive: [{ sku: 'pen', qty: 2, body: '{"gift":true}' }],
        pairs: [{ sku: 'pen', qty: 2 }, { sku: 'ink', qty: 0 }],
        qtyOfFirst: 2,
        execution: 'test-execution',
        body: { gift: true },
        label: 'pen of test-execution',
        tags: [{ Name: 'EXEC', Value: 'test-execution' }],
      },
    });
  });
});
