import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { AslError } from '../../src/core/errors.js';
import { jsonEqual, isJsonObject, type JsonValue } from '../../src/core/json.js';
import { compileExpression } from '../../src/paths/expression.js';
import { compilePath } from '../../src/paths/jsonpath.js';
import { compileTemplate } from '../../src/paths/payload-template.js';
import type { ReferenceSegment } from '../../src/paths/path-syntax.js';
import { compileResultPath } from '../../src/paths/reference-path.js';
import { dataContext } from '../unit/paths/data-context.js';

// A quoted name cannot end in a backslash (Jayway escapes only the quote), so keys never do.
const key = fc
  .oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', '__proto__', 'constructor', "it's", 'back\\slash', '0'))
  .map((k) => (k.endsWith('\\') ? `${k}_` : k));
const leaf: fc.Arbitrary<JsonValue> = fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const jsonObject = fc.dictionary(key, json, { maxKeys: 5 });

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function pathText(segments: readonly ReferenceSegment[]): string {
  const quote = (name: string): string => name.replace(/'/g, "\\'");
  return `$${segments.map((s) => (s.kind === 'field' ? `['${quote(s.name)}']` : `[${s.index}]`)).join('')}`;
}

/** A path ResultPath can write into `target`: existing keys/indexes, then new field names. */
function writablePath(target: JsonValue, choices: readonly (number | string)[]): ReferenceSegment[] {
  const segments: ReferenceSegment[] = [];
  let node: JsonValue | undefined = target;
  for (const choice of choices) {
    if (Array.isArray(node) && node.length > 0 && typeof choice === 'number') {
      const index: number = choice % node.length;
      segments.push({ kind: 'index', index });
      node = node[index];
    } else if (node === undefined || isJsonObject(node)) {
      const keys = node === undefined ? [] : Object.keys(node);
      const name = typeof choice === 'number' && keys.length > 0 ? (keys[choice % keys.length] as string) : String(choice);
      segments.push({ kind: 'field', name });
      node = node !== undefined && Object.hasOwn(node, name) ? node[name] : undefined;
    } else {
      break;
    }
  }
  return segments;
}

/** Everything off the written path is the very same value as before. */
function expectOnlyPathChanged(before: JsonValue, after: JsonValue, segments: readonly ReferenceSegment[]): void {
  let old: JsonValue | undefined = before;
  let now: JsonValue = after;
  for (const segment of segments) {
    if (segment.kind === 'index') {
      const o = old as JsonValue[];
      const n = now as JsonValue[];
      expect(n.length).toBe(o.length);
      n.forEach((item: JsonValue, i: number) => i !== segment.index && expect(item).toBe(o[i]));
      [old, now] = [o[segment.index], n[segment.index] as JsonValue];
    } else {
      const o = isJsonObject(old) ? old : {};
      const n = now as Record<string, JsonValue>;
      const expectedKeys = new Set([...Object.keys(o), segment.name]);
      expect(new Set(Object.keys(n))).toEqual(expectedKeys);
      for (const k of Object.keys(o)) if (k !== segment.name) expect(n[k]).toBe(o[k]);
      [old, now] = [Object.hasOwn(o, segment.name) ? o[segment.name] : undefined, n[segment.name] as JsonValue];
    }
  }
}

const choices = fc.array(fc.oneof(fc.nat(), key), { maxLength: 4 });

describe('reference paths: read, write', () => {
  it('$ is the identity (the same reference)', () => {
    fc.assert(fc.property(json, (input) => compilePath('$').select(dataContext(input)) === input));
  });

  it('read(write(x, p, v), p) is v, and nothing off the path changes; x is never mutated', () => {
    fc.assert(
      fc.property(jsonObject, choices, json, (raw, picks, value) => {
        const target = deepFreeze(raw);
        const snapshot = JSON.stringify(target);
        const segments = writablePath(target, picks);
        const text = pathText(segments);
        const written = compileResultPath(text).write(target, value);
        expect(compilePath(text).select(dataContext(written))).toBe(value);
        expectOnlyPathChanged(target, written, segments);
        expect(JSON.stringify(target)).toBe(snapshot);
      }),
      { numRuns: 500 },
    );
  });

  it('a write either succeeds or fails with States.ResultPathMatchFailure', () => {
    const anySegments = fc.array(
      fc.oneof(key.map((name): ReferenceSegment => ({ kind: 'field', name })), fc.nat(5).map((index): ReferenceSegment => ({ kind: 'index', index }))),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(json, anySegments, (raw, segments) => {
        const target = deepFreeze(raw);
        try {
          compileResultPath(pathText(segments)).write(target, 1);
        } catch (error) {
          expect(error).toBeInstanceOf(AslError);
          expect((error as AslError).error).toBe('States.ResultPathMatchFailure');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('find agrees with select: undefined exactly when select throws States.Runtime', () => {
    const segments = fc.array(
      fc.oneof(fc.constantFrom('a', 'b', '0').map((name): ReferenceSegment => ({ kind: 'field', name })), fc.nat(2).map((index): ReferenceSegment => ({ kind: 'index', index }))),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(json, segments, (input, path) => {
        const compiled = compilePath(pathText(path));
        const found = compiled.find(dataContext(input));
        if (found !== undefined) expect(compiled.select(dataContext(input))).toBe(found);
        else expect(() => compiled.select(dataContext(input))).toThrow(AslError);
      }),
    );
  });
});

describe('general paths agree with jsonpath-plus where Jayway and it agree', () => {
  const smallKey = fc.constantFrom('a', 'b', 'c');
  const doc: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
    // Dense, non-empty containers, so that most paths match something.
    value: fc.oneof(
      { depthSize: 'medium', maxDepth: 4 },
      fc.integer({ min: 0, max: 9 }),
      fc.constant(null),
      fc.array(tie('value'), { minLength: 1, maxLength: 4 }),
      fc.dictionary(smallKey, tie('value'), { minKeys: 1, maxKeys: 3 }),
    ),
  })).value;
  const step = fc.oneof(
    smallKey.map((k) => `.${k}`),
    fc.constantFrom('[*]', '.*', '..*', '[0,1]', '[1:3]', '[-2:]', '[:2]', '[0:4:2]'),
    smallKey.map((k) => `..${k}`),
    fc.nat(3).map((n) => `[${n}]`),
  );
  const generalPath = fc
    .array(step, { minLength: 1, maxLength: 3 })
    .filter((steps) => steps.some((s) => /\*|,|:|\.\./.test(s)))
    .map((steps) => `$${steps.join('')}`);

  it('matches the same values in the same order', () => {
    fc.assert(
      fc.property(fc.dictionary(smallKey, doc, { minKeys: 2, maxKeys: 3 }), generalPath, (input, text) => {
        const expected = JSONPath({ path: text, json: input, eval: false, wrap: true }) as JsonValue[];
        expect(compilePath(text).select(dataContext(input))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('templates', () => {
  const literalKey = key.filter((k) => !k.endsWith('.$'));
  const literal: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(literalKey, tie('value'), { maxKeys: 4 })),
  })).value;

  it('a template without .$ keys evaluates to itself', () => {
    fc.assert(fc.property(literal, json, (template, input) => compileTemplate(template).evaluate(dataContext(input)) === template));
  });
});

describe('intrinsics', () => {
  const evaluate = (text: string, input: JsonValue, seed = 1): JsonValue => compileExpression(text).evaluate(dataContext(input, { seed }), 'p.$');

  it('StringToJson(JsonToString(v)) is v, and JsonToString is stable', () => {
    fc.assert(
      fc.property(fc.jsonValue() as fc.Arbitrary<JsonValue>, (v) => {
        const text = evaluate('States.JsonToString($.v)', { v });
        expect(jsonEqual(evaluate('States.StringToJson($.s)', { s: text }), v)).toBe(true);
        expect(evaluate('States.JsonToString(States.StringToJson($.s))', { s: text })).toBe(text);
      }),
    );
  });

  it('ArrayPartition then flatten gives the array back, in full chunks', () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 20 }), fc.integer({ min: 1, max: 25 }), (items, size) => {
        const chunks = evaluate('States.ArrayPartition($.a, $.n)', { a: items, n: size }) as JsonValue[][];
        expect(chunks.flat()).toEqual(items);
        chunks.slice(0, -1).forEach((chunk) => expect(chunk).toHaveLength(size));
      }),
    );
  });

  it('ArrayUnique is idempotent, keeps no two equal elements and loses none', () => {
    const items = fc.array(fc.oneof(fc.constantFrom<JsonValue>(1, 'a', null, [1], { x: 1 }, { x: [2] }), json), { maxLength: 12 });
    fc.assert(
      fc.property(items, (a) => {
        const unique = evaluate('States.ArrayUnique($.a)', { a }) as JsonValue[];
        expect(evaluate('States.ArrayUnique($.a)', { a: unique })).toEqual(unique);
        unique.forEach((x, i) => unique.slice(i + 1).forEach((y) => expect(jsonEqual(x, y)).toBe(false)));
        a.forEach((x) => expect(unique.some((y) => jsonEqual(x, y))).toBe(true));
      }),
    );
  });

  it('Base64Decode(Base64Encode(s)) is s', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(evaluate('States.Base64Decode(States.Base64Encode($.s))', { s })).toBe(s);
      }),
    );
  });

  it('the same seed gives the same MathRandom and UUID', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, low, span) => {
        const text = `States.Array(States.MathRandom(${low}, ${low + span}), States.UUID(), States.MathRandom(0, 9, ${seed}))`;
        const first = evaluate(text, {}, seed) as [number, string, number];
        expect(evaluate(text, {}, seed)).toEqual(first);
        expect(first[0]).toBeGreaterThanOrEqual(low);
        expect(first[0]).toBeLessThanOrEqual(low + span);
      }),
    );
  });
});
