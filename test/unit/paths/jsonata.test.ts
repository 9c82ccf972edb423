import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { compileJsonataValue } from '../../../src/paths/jsonata.js';
import { bindings, evaluate, failure } from './jsonata-helpers.js';

describe('compileJsonataValue: literals', () => {
  it.each<[JsonValue]>([
    [{ a: [1, 'x', { b: null }], c: true }],
    ['Hello {% $x %}'],
    [' {% $x %}'],
    [['{%', '%}']],
    [42],
  ])('%j is static and evaluates to the same reference', async (value) => {
    const compiled = compileJsonataValue(value);
    expect(compiled.isStatic).toBe(true);
    expect(await compiled.evaluate(bindings(), 'Output')).toBe(value);
  });

  it('keeps literal parts of a dynamic value as they are and never evaluates keys', async () => {
    const shared = { deep: [1, 2] };
    const value = { '{% 1 %}': shared, n: '{% 1 + 1 %}', list: ['a', '{% 2 * 3 %}', shared] };
    const compiled = compileJsonataValue(value);
    expect(compiled.isStatic).toBe(false);
    const out = (await compiled.evaluate(bindings(), 'Output')) as Record<string, JsonValue>;
    expect(out).toEqual({ '{% 1 %}': { deep: [1, 2] }, n: 2, list: ['a', 6, { deep: [1, 2] }] });
    expect(out['{% 1 %}']).toBe(shared);
    expect((out['list'] as JsonValue[])[2]).toBe(shared);
  });

  it('treats whitespace inside the delimiters as part of the expression', async () => {
    expect(await evaluate('{%\n  (\n    $x := 2;\n    $x * 21\n  )\n%}')).toBe(42);
    expect(await evaluate('{%1%}')).toBe(1);
  });
});

describe('compileJsonataValue: $states and variables', () => {
  const input = { items: [{ price: 5 }, { price: 150 }], name: 'n' };

  it('binds $states.input, $states.context, $states.result and $states.errorOutput', async () => {
    const b = bindings({
      input,
      context: { Execution: { Name: 'exec-1' } },
      result: { Payload: 7 },
      errorOutput: { Error: 'Boom', Cause: 'bad' },
    });
    expect(await evaluate('{% $states.input.name %}', b)).toBe('n');
    expect(await evaluate('{% $states.input.items[price > 100].price %}', b)).toBe(150);
    expect(await evaluate('{% $states.context.Execution.Name %}', b)).toBe('exec-1');
    expect(await evaluate('{% $states.result.Payload %}', b)).toBe(7);
    expect(await evaluate('{% $states.errorOutput.Error & ": " & $states.errorOutput.Cause %}', b)).toBe('Boom: bad');
  });

  it('binds only the $states members that are present', async () => {
    expect(await evaluate('{% $keys($states) %}', bindings())).toEqual(['input', 'context']);
    expect(await evaluate('{% $keys($states) %}', bindings({ result: null }))).toEqual(['input', 'context', 'result']);
  });

  it('returns the input itself for $states.input (no copy)', async () => {
    const b = bindings({ input });
    expect(await evaluate('{% $states.input %}', b)).toBe(input);
    expect(await evaluate('{% $states.input.items[0] %}', b)).toBe(input.items[0]);
  });

  it('binds every workflow variable as $name; local bindings shadow only inside the expression', async () => {
    const b = bindings({ variables: { price: 120, who: 'ann', list: [1, 2, 3] } });
    expect(await evaluate({ big: '{% $price > 100 %}', who: '{% $uppercase($who) %}', sum: '{% $sum($list) %}' }, b)).toEqual({
      big: true,
      who: 'ANN',
      sum: 6,
    });
    expect(await evaluate('{% ($price := 1; $price) %}', b)).toBe(1);
    expect(await evaluate('{% $price %}', b)).toBe(120);
  });

  it('serves concurrent evaluations of one compiled value, each with its own bindings', async () => {
    const compiled = compileJsonataValue({ v: '{% $states.input.v %}', t: '{% $millis() %}', u: '{% $uuid() %}' });
    const [a, b] = await Promise.all([
      compiled.evaluate(bindings({ input: { v: 'a' }, now: 1 }), 'Output'),
      compiled.evaluate(bindings({ input: { v: 'b' }, now: 2 }), 'Output'),
    ]);
    expect(a).toMatchObject({ v: 'a', t: 1 });
    expect(b).toMatchObject({ v: 'b', t: 2 });
  });

  it('gives no meaning to $ at top level (it is not the state input)', async () => {
    await expect(evaluate('{% $.name %}', bindings({ input }))).rejects.toThrow('returned nothing (undefined)');
  });
});

describe('compileJsonataValue: results', () => {
  it('turns JSONata sequences into plain arrays', async () => {
    const b = bindings({ input: { items: [{ a: 1 }, { a: 2 }] } });
    const out = await evaluate('{% $states.input.items.a %}', b);
    expect(out).toEqual([1, 2]);
    expect(Object.keys(out as object)).toEqual(['0', '1']);
    expect(Object.hasOwn(out as object, 'sequence')).toBe(false);
  });

  it('collapses a one-element sequence to its element, as JSONata does', async () => {
    expect(await evaluate('{% $states.input.items.a %}', bindings({ input: { items: [{ a: 1 }] } }))).toBe(1);
    expect(await evaluate('{% $states.input.items.a[] %}', bindings({ input: { items: [{ a: 1 }] } }))).toEqual([1]);
  });

  it('strips sequences nested inside objects and arrays', async () => {
    const b = bindings({ input: { items: [{ a: 1 }, { a: 2 }] } });
    const out = (await evaluate('{% {"all": $states.input.items.a, "pairs": [[1, 2], $states.input.items.a]} %}', b)) as Record<string, JsonValue[]>;
    // JSONata's array constructor splices a sequence in; an array literal stays nested.
    expect(out).toEqual({ all: [1, 2], pairs: [[1, 2], 1, 2] });
    expect(Object.hasOwn(out['all'] as object, 'sequence')).toBe(false);
  });

  it('writes -0 as 0, at any depth', async () => {
    expect(Object.is(await evaluate('{% -0 %}'), 0)).toBe(true);
    const out = (await evaluate("{% {'a': [1, -0], 'b': -0} %}")) as { a: number[]; b: number };
    expect(Object.is(out.a[1], 0)).toBe(true);
    expect(Object.is(out.b, 0)).toBe(true);
  });
});

describe('compileJsonataValue: QueryEvaluationError', () => {
  it('reports undefined with the recorded cause and the field as location', async () => {
    const error = await failure('{% $doesNotExist %}', bindings(), 'Output');
    expect(error.cause).toBe("The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).");
    expect(error.location).toBe('Output');
  });

  it('names nested fields with / (Output/result, Assign/x, Arguments/FunctionName)', async () => {
    const output = await failure({ result: '{% $doesNotExist %}' }, bindings(), 'Output');
    expect(output.cause).toBe("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    expect(output.location).toBe('Output/result');
    const assign = await failure({ ok: 1, result: '{% $doesNotExist %}' }, bindings(), 'Assign');
    expect(assign.location).toBe('Assign/result');
    const args = await failure({ FunctionName: '{% $states.input.fn %}', Payload: {} }, bindings(), 'Arguments');
    expect(args.location).toBe('Arguments/FunctionName');
  });

  it('names array elements by index and deep fields by every key', async () => {
    expect((await failure({ a: { b: ['x', '{% $nope %}'] } }, bindings(), 'Output')).location).toBe('Output/a/b/1');
  });

  it('reports JSONata errors as "<code>: <message>", as AWS does', async () => {
    const seeded = await failure({ FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}' }, bindings(), 'Output');
    expect(seeded.cause).toBe(
      "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
    expect((await failure("{% 'a' + 1 %}")).cause).toBe(
      `The JSONata expression ''a' + 1' specified for the field 'Output' threw an error during evaluation. T2001: The left side of the "+" operator must evaluate to a number`,
    );
  });

  it('has no $eval (AWS disables it): calling it is calling a non-function', async () => {
    expect((await failure("{% $eval('1 + 1') %}")).cause).toContain('threw an error during evaluation. T1006: Attempted to invoke a non-function');
  });

  it.each(['{% function($x) { $x } %}', '{% $uppercase %}', '{% 1 / 0 %}', '{% {"f": function() { 1 }} %}', '{% /ab/ %}'])(
    '%s returned an unsupported result type',
    async (expression) => {
      expect((await failure(expression)).cause).toMatch(/specified for the field 'Output' returned an unsupported result type\.$/);
    },
  );

  it('reports a syntax error (for definitions compiled without validation) at evaluation', async () => {
    expect((await failure('{% $x + %}')).cause).toMatch(/^The JSONata expression '\$x \+' specified for the field 'Output' threw an error during evaluation\. S0\d{3}: /);
  });

  it('stops at the first failing expression of a value', async () => {
    const b = bindings({ variables: { n: 0 } });
    const error = await failure({ a: '{% $nope %}', b: '{% $undefinedToo %}' }, b, 'Output');
    expect(error.location).toBe('Output/a');
  });
});
