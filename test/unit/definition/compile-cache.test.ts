// CompileCache: one compiled path or expression per distinct text, shared by the states of a
// definition, with the same behaviour as compiling each on its own.
import { describe, expect, it } from 'vitest';
import { CompileCache } from '../../../src/definition/compile-cache.js';
import { compile, dataContext, stateOf } from './compile-helpers.js';

describe('CompileCache', () => {
  it('returns one compiled object per text and kind', () => {
    const cache = new CompileCache();
    expect(cache.path('$.a')).toBe(cache.path('$.a'));
    expect(cache.path('$.a')).not.toBe(cache.path('$.b'));
    expect(cache.resultPath('$.a')).toBe(cache.resultPath('$.a'));
    expect(cache.expression('$.a')).toBe(cache.expression('$.a'));
    expect(cache.expression("States.Format('{}', $.a)")).toBe(cache.expression("States.Format('{}', $.a)"));
  });

  it('builds templates from cached expressions, one template per call', () => {
    const cache = new CompileCache();
    const one = cache.template({ 'a.$': '$.x', fixed: 1 });
    const two = cache.template({ 'a.$': '$.x', fixed: 2 });
    expect(one).not.toBe(two);
    expect(one.evaluate(dataContext({ x: 'v' }))).toEqual({ a: 'v', fixed: 1 });
    expect(two.evaluate(dataContext({ x: 'w' }))).toEqual({ a: 'w', fixed: 2 });
  });

  it('throws for text that does not compile, every time', () => {
    const cache = new CompileCache();
    expect(() => cache.path('nope')).toThrow();
    expect(() => cache.path('nope')).toThrow();
    expect(() => cache.resultPath('$$.x')).toThrow(/reference path on '\$'/);
    expect(() => cache.expression('States.Nope(')).toThrow();
  });

  it('lets the states of a definition share their compiled paths', () => {
    const c = compile({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', InputPath: '$.in', Parameters: { 'v.$': '$.v' }, ResultPath: '$.r', Next: 'B' },
        B: { Type: 'Pass', InputPath: '$.in', Parameters: { 'v.$': '$.v', w: 1 }, ResultPath: '$.r', End: true },
      },
    });
    const a = stateOf(c.root, 'A', 'Pass');
    const b = stateOf(c.root, 'B', 'Pass');
    expect(a.inputPath).toBe(b.inputPath);
    expect(a.outputPath).toBe(b.outputPath);
    expect(a.resultPath).toBe(b.resultPath);
    expect(a.parameters).not.toBe(b.parameters);
    expect(b.parameters?.evaluate(dataContext({ v: 3 }))).toEqual({ v: 3, w: 1 });
  });
});
