import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { compileDefinition } from '../../../src/definition/compile.js';
import { compile, dataContext, stateOf } from './compile-helpers.js';

describe('compileDefinition: nested scopes', () => {
  it('compiles each Parallel branch as its own scope', () => {
    const c = compile({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Parameters: { p: 1 },
          Branches: [
            { StartAt: 'B1', States: { B1: { Type: 'Pass', Next: 'B2' }, B2: { Type: 'Succeed' } } },
            { StartAt: 'C1', States: { C1: { Type: 'Pass', End: true } } },
          ],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    const p = stateOf(c.root, 'P', 'Parallel');
    expect(p.next).toBe(c.root.states.get('Done'));
    expect(p.parameters?.evaluate(dataContext())).toEqual({ p: 1 });
    expect(p.branches).toHaveLength(2);
    const [b1, b2] = p.branches;
    expect(b1?.startAt).toBe(b1?.states.get('B1'));
    expect(b1 && stateOf(b1, 'B1', 'Pass').next).toBe(b1?.states.get('B2'));
    expect([...(b2?.states.keys() ?? [])]).toEqual(['C1']);
    expect(c.root.states.has('B1')).toBe(false);
  });

  it('fills in the Map defaults', () => {
    const c = compile({
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true },
      },
    });
    const m = stateOf(c.root, 'M', 'Map');
    expect(m).toMatchObject({
      mode: 'INLINE',
      executionType: 'STANDARD',
      maxConcurrency: 0,
      maxConcurrencyPath: undefined,
      itemSelector: undefined,
      parameters: undefined,
      toleratedFailureCount: undefined,
      toleratedFailurePercentage: undefined,
      label: undefined,
      retry: [],
      catch: [],
    });
    expect(m.itemsPath.text).toBe('$');
    expect(m.processor.startAt).toBe(m.processor.states.get('I'));
  });

  it('compiles a Distributed Map with its tolerances and label', () => {
    const c = compile({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { v: 1 },
          MaxConcurrencyPath: '$.mc',
          ToleratedFailurePercentage: 12.5,
          ToleratedFailureCountPath: '$.n',
          Label: 'batch',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'I',
            States: { I: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const m = stateOf(c.root, 'M', 'Map');
    expect(m).toMatchObject({ mode: 'DISTRIBUTED', executionType: 'EXPRESS', toleratedFailurePercentage: 12.5, label: 'batch' });
    expect([m.itemsPath.text, m.maxConcurrencyPath?.text, m.toleratedFailureCountPath?.text]).toEqual(['$.items', '$.mc', '$.n']);
    expect(m.itemSelector?.evaluate(dataContext())).toEqual({ v: 1 });
  });

  it('accepts the legacy Iterator and Parameters', () => {
    const c = compile({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Parameters: { legacy: true },
          MaxConcurrency: 2,
          Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', Next: 'J' }, J: { Type: 'Succeed' } } },
          End: true,
        },
      },
    });
    const m = stateOf(c.root, 'M', 'Map');
    expect(m.parameters).toBeUndefined();
    expect(m.itemSelector?.evaluate(dataContext())).toEqual({ legacy: true });
    expect(m.maxConcurrency).toBe(2);
    expect(m.mode).toBe('INLINE');
    expect(stateOf(m.processor, 'I', 'Pass').next).toBe(m.processor.states.get('J'));
  });
});

describe('compileDefinition: query language and size', () => {
  it('takes the state QueryLanguage, else the machine one, and tolerates JSONata states', () => {
    const c = compile({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Output: '{% $states.input %}', Assign: { x: '{% 1 %}' }, Next: 'W' },
        W: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Condition: true, Next: 'D' }, { Condition: '{% $x = 1 %}', Next: 'D' }], Default: 'D' },
        D: { Type: 'Succeed' },
      },
    });
    expect(c.queryLanguage).toBe('JSONata');
    const a = stateOf(c.root, 'A', 'Pass');
    expect(a.queryLanguage).toBe('JSONata');
    expect(a.assign).toBeUndefined();
    expect(a.next).toBe(c.root.states.get('W'));
    expect(stateOf(c.root, 'W', 'Wait').seconds).toBeUndefined();
    const choice = stateOf(c.root, 'C', 'Choice');
    expect(choice.choices.map((b) => b.rule)).toEqual([{ kind: 'and', rules: [] }, { kind: 'or', rules: [] }]);
    expect(choice.default).toBe(c.root.states.get('D'));
  });

  it('lets one state opt into JSONata under a JSONPath machine', () => {
    const c = compile({
      StartAt: 'A',
      States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', Next: 'B' }, B: { Type: 'Pass', End: true } },
    });
    expect(stateOf(c.root, 'A', 'Pass').queryLanguage).toBe('JSONata');
    expect(stateOf(c.root, 'B', 'Pass').queryLanguage).toBe('JSONPath');
  });

  it('compiles a 1,000-state chain', () => {
    const states: JsonObject = {};
    for (let i = 0; i < 1000; i++) states[`S${i}`] = i === 999 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `S${i + 1}` };
    const c = compileDefinition({ StartAt: 'S0', States: states }, { type: 'EXPRESS' });
    expect(c.root.states.size).toBe(1000);
    expect(stateOf(c.root, 'S998', 'Pass').next).toBe(c.root.states.get('S999'));
    expect(c.type).toBe('EXPRESS');
  });
});
