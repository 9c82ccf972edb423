// JSONata /regex/ literals run on RE2: linear time on hostile text, the same results as JavaScript's
// RegExp on ordinary patterns, and a clear error (a warning at validate time) for the features RE2
// lacks.
import { createRequire } from 'node:module';
import type jsonataType from 'jsonata';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/index.js';
import { evaluate, failure } from './jsonata-helpers.js';

const jsonata = createRequire(import.meta.url)('jsonata') as typeof jsonataType;

/** What jsonata gives with JavaScript's own RegExp (its default engine). */
async function native(body: string): Promise<unknown> {
  // A JSON round trip drops jsonata's `sequence` markers, which evaluate() does too.
  return JSON.parse(JSON.stringify(await jsonata(body).evaluate({}))) as unknown;
}

describe('JSONata regular expressions: linear time', () => {
  it.each([
    ['$match', '$count($match($s, /(a+)+$/))'],
    ['$contains', '$contains($s, /(a|aa)+$/)'],
    ['$replace', '$replace($s, /(a*)*$/, "x")'],
    ['$split', '$split($s, /(a+)+b/)'],
  ])('%s with a catastrophic pattern on 5,000 characters', async (_fn, body) => {
    const started = performance.now();
    const value = await evaluate(`{% ( $s := $join([$pad("", 5000, "a"), "!"]); ${body} ) %}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(value).toBeDefined();
  });
});

describe('JSONata regular expressions: the same answers as RegExp', () => {
  it.each([
    '$match("ab12cd345", /[0-9]+/)',
    '$match("John Smith, Jane Doe", /(\\w+) (\\w+)/)',
    '$match("x-1 y z-3", /([a-z])(-([0-9]))?/)',
    '$match("ABC abc", /abc/i)',
    '$match("one\\ntwo\\nthree", /^t\\w+$/m)',
    '$match("aXbXc", /X/, 1)',
    '$contains("Hello World", /wor/i)',
    '$contains("Hello", /^h/)',
    '$split("a1b22c333d", /[0-9]+/)',
    '$split("a, b,c ,d", /\\s*,\\s*/, 2)',
    '$replace("2024-01-02", /(\\d+)-(\\d+)-(\\d+)/, "$3/$2/$1")',
    '$replace("aaa", /a/, "b", 2)',
    '$replace("price: 10 and 20", /\\d+/, function($m) { $string($number($m.match) * 2) })',
    '$match("😀b😀b", /b/)',
    '$match("a/b", /\\//)',
    '$match("<a><b>", /<(?<tag>\\w)>/)',
    '$match("xab", /(?<=a)b/)',
  ])('%s', async (body) => {
    expect(await evaluate(`{% ${body} %}`)).toEqual(await native(body));
  });

  it('rejects a pattern that matches the empty string as JSONata does', async () => {
    const error = await failure('{% $replace("abc", /x*/, "-") %}');
    expect(error.cause).toContain('D1004');
  });
});

describe('JSONata regular expressions: what RE2 lacks', () => {
  it.each([
    ['a backreference', '$match("aa", /(a)\\1/)', 'uses a backreference'],
    ['a lookahead', '$match("ab", /a(?=b)/)', 'uses a lookahead'],
    ['a negative lookahead', '$contains("ab", /a(?!c)/)', 'uses a lookahead'],
  ])('%s fails with States.QueryEvaluationError saying so', async (_what, body, says) => {
    const error = await failure(`{% ${body} %}`);
    expect(error.cause).toContain(says);
    expect(error.cause).toContain('RE2 syntax (no backreferences, no lookahead)');
  });

  it('stays on RE2 after another jsonata(...) call in the process reset JSONata\'s engine to RegExp', async () => {
    const compiled = evaluate('{% $match("ab", /a(?=b)/) %}');
    jsonata('"anything"');
    // Only RE2 rejects a lookahead: RegExp would answer.
    await expect(compiled).rejects.toMatchObject({ cause: expect.stringContaining('uses a lookahead') as unknown });
  });

  it('is a warning at validate time (AWS runs these), not an error', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: '{% $match($states.input.s, /(a)\\1/) %}', End: true } },
    };
    const { diagnostics } = validateDefinition(definition);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'WARNING', code: 'INVALID_JSONATA', path: '/States/P/Output' });
    expect(diagnostics[0]?.message).toContain('uses a backreference');
  });

  it('gives no warning for a pattern RE2 runs', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: '{% $match($states.input.s, /(a+)+$/) %}', End: true } },
    };
    expect(validateDefinition(definition)).toEqual({ valid: true, diagnostics: [] });
  });
});
