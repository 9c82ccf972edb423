import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { compileOrThrow, DefinitionError } from '../../../src/definition/compile.js';
import { parseDefinition } from '../../../src/definition/source.js';
import { compile, dataContext, stateOf } from './compile-helpers.js';

const TASK = 'arn:aws:lambda:us-east-1:123456789012:function:f';

describe('compileDefinition: machine and scope', () => {
  it('resolves Next to the state object of the same scope', () => {
    const c = compile({
      StartAt: 'A',
      TimeoutSeconds: 30,
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } },
    });
    expect(c.root.startAt).toBe(c.root.states.get('A'));
    expect(stateOf(c.root, 'A', 'Pass').next).toBe(c.root.states.get('B'));
    expect(stateOf(c.root, 'B', 'Pass').next).toBeUndefined();
    expect(c.timeoutSeconds).toBe(30);
    expect(c.queryLanguage).toBe('JSONPath');
    expect(c.type).toBe('STANDARD');
    expect(c.definition['StartAt']).toBe('A');
  });

  it('fills in the path defaults and honours null', () => {
    const c = compile({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', InputPath: null, OutputPath: null, ResultPath: null, Next: 'C' },
        C: { Type: 'Pass', InputPath: '$.a', OutputPath: '$.b', ResultPath: '$.c', Result: { x: 1 }, End: true },
      },
    });
    const a = stateOf(c.root, 'A', 'Pass');
    expect([a.inputPath?.text, a.outputPath?.text, a.resultPath?.text]).toEqual(['$', '$', '$']);
    expect(a.result).toBeUndefined();
    expect(a.parameters).toBeUndefined();
    expect(a.assign).toBeUndefined();
    const b = stateOf(c.root, 'B', 'Pass');
    expect([b.inputPath, b.outputPath, b.resultPath]).toEqual([null, null, null]);
    const cc = stateOf(c.root, 'C', 'Pass');
    expect([cc.inputPath?.text, cc.outputPath?.text, cc.resultPath?.text]).toEqual(['$.a', '$.b', '$.c']);
    expect(cc.result).toEqual({ x: 1 });
  });

  it('compiles Parameters and state-level Assign as templates', () => {
    const c = compile({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Parameters: { k: 'v' }, Assign: { n: 1 }, End: true } },
    });
    const a = stateOf(c.root, 'A', 'Pass');
    expect(a.parameters?.evaluate(dataContext())).toEqual({ k: 'v' });
    expect(a.assign?.evaluate(dataContext())).toEqual({ n: 1 });
  });

  it('compiles Wait and Succeed fields', () => {
    const c = compile({
      StartAt: 'W1',
      States: {
        W1: { Type: 'Wait', Seconds: 5, Next: 'W2' },
        W2: { Type: 'Wait', Timestamp: '2024-01-02T03:04:05.678Z', Next: 'W3' },
        W3: { Type: 'Wait', SecondsPath: '$.s', Next: 'W4' },
        W4: { Type: 'Wait', TimestampPath: '$.t', Next: 'S' },
        S: { Type: 'Succeed' },
      },
    });
    expect(stateOf(c.root, 'W1', 'Wait')).toMatchObject({ seconds: 5, secondsPath: undefined, timestamp: undefined });
    expect(stateOf(c.root, 'W2', 'Wait').timestamp).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(stateOf(c.root, 'W3', 'Wait').secondsPath?.text).toBe('$.s');
    expect(stateOf(c.root, 'W4', 'Wait').timestampPath?.text).toBe('$.t');
    expect(stateOf(c.root, 'W4', 'Wait').next).toBe(c.root.states.get('S'));
    expect(stateOf(c.root, 'S', 'Succeed').name).toBe('S');
  });

  it('compiles Fail literals and ErrorPath/CausePath expressions', () => {
    const literal = compile({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
    expect(stateOf(literal.root, 'F', 'Fail')).toMatchObject({ error: 'E', cause: 'C', errorPath: undefined, causePath: undefined });
    const dynamic = compile({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('x{}', $.c)" } } });
    const f = stateOf(dynamic.root, 'F', 'Fail');
    expect([f.error, f.errorPath?.text, f.cause, f.causePath?.text]).toEqual([undefined, '$.e', undefined, "States.Format('x{}', $.c)"]);
  });
});

describe('compileDefinition: Task, Retry and Catch', () => {
  const machine: JsonObject = {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: TASK,
        TimeoutSecondsPath: '$.timeout',
        HeartbeatSeconds: 10,
        Credentials: { RoleArn: 'arn:aws:iam::123456789012:role/r' },
        ResultSelector: { r: 1 },
        Retry: [
          { ErrorEquals: ['A'] },
          { ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 0, BackoffRate: 1.5, MaxDelaySeconds: 9, JitterStrategy: 'FULL' },
        ],
        Catch: [
          { ErrorEquals: ['X'], Next: 'Handler' },
          { ErrorEquals: ['Y'], ResultPath: '$.err', Assign: { failed: true }, Next: 'Handler' },
          { ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'T' },
        ],
        End: true,
      },
      Handler: { Type: 'Pass', End: true },
    },
  };

  it('compiles the resource, timeouts and templates', () => {
    const t = stateOf(compile(machine).root, 'T', 'Task');
    expect(t.resource).toBe(TASK);
    expect([t.timeoutSeconds, t.timeoutSecondsPath?.text, t.heartbeatSeconds, t.heartbeatSecondsPath]).toEqual([undefined, '$.timeout', 10, undefined]);
    expect(t.credentials?.evaluate(dataContext())).toEqual({ RoleArn: 'arn:aws:iam::123456789012:role/r' });
    expect(t.resultSelector?.evaluate(dataContext())).toEqual({ r: 1 });
    expect(t.parameters).toBeUndefined();
    expect(t.resultPath?.text).toBe('$');
    expect(t.next).toBeUndefined();
  });

  it('fills in the Retry defaults (ERRORS.md §4)', () => {
    const t = stateOf(compile(machine).root, 'T', 'Task');
    expect(t.retry).toEqual([
      { errorEquals: ['A'], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, maxDelaySeconds: undefined, jitter: 'NONE' },
      { errorEquals: ['States.ALL'], intervalSeconds: 3, maxAttempts: 0, backoffRate: 1.5, maxDelaySeconds: 9, jitter: 'FULL' },
    ]);
  });

  it('resolves every catcher, including one back to its own state', () => {
    const c = compile(machine);
    const t = stateOf(c.root, 'T', 'Task');
    expect(t.catch.map((k) => k.errorEquals)).toEqual([['X'], ['Y'], ['States.ALL']]);
    expect(t.catch[0]?.next).toBe(c.root.states.get('Handler'));
    expect(t.catch[2]?.next).toBe(t);
    expect([t.catch[0]?.resultPath?.text, t.catch[1]?.resultPath?.text, t.catch[2]?.resultPath]).toEqual(['$', '$.err', null]);
    expect(t.catch[0]?.assign).toBeUndefined();
    expect(t.catch[1]?.assign?.evaluate(dataContext())).toEqual({ failed: true });
  });
});

describe('compileOrThrow', () => {
  it('throws DefinitionError with the ERROR diagnostics', () => {
    const invalid = { StartAt: 'Nope', States: { A: { Type: 'Pass', End: true } } };
    let thrown: unknown;
    try {
      compileOrThrow(invalid, {});
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DefinitionError);
    const diagnostics = (thrown as DefinitionError).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.severity === 'ERROR')).toBe(true);
    expect(diagnostics.map((d) => d.code)).toContain('MISSING_TRANSITION_TARGET');
    expect((thrown as DefinitionError).message).toContain('MISSING_TRANSITION_TARGET');
  });

  it('reports unparseable text with positions', () => {
    expect(() => compileOrThrow('{ "StartAt": ', { fileName: 'm.asl.json' })).toThrow(DefinitionError);
  });

  it('compiles text and ParsedDefinitions', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}';
    expect(compileOrThrow(text, { type: 'EXPRESS' }).type).toBe('EXPRESS');
    const fromParsed = compileOrThrow(parseDefinition(text), {});
    expect(fromParsed.type).toBe('STANDARD');
    expect(fromParsed.root.startAt.name).toBe('A');
  });
});
