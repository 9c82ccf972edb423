import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { SeededRandom } from '../../../src/core/random.js';
import { compileJsonataFields } from '../../../src/definition/compile-jsonata.js';
import type { JsonataFields } from '../../../src/definition/compiled.js';
import type { CompiledJsonataValue, JsonataBindings } from '../../../src/paths/evaluate-types.js';
import { compile, stateOf } from './compile-helpers.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';

function run(value: CompiledJsonataValue | undefined, overrides: Partial<JsonataBindings> = {}, field = 'Output'): Promise<JsonValue> {
  if (value === undefined) throw new Error('field not compiled');
  const bindings: JsonataBindings = { input: {}, context: {}, variables: {}, random: new SeededRandom(1), now: 0, ...overrides };
  return value.evaluate(bindings, field);
}

function machine(states: JsonObject, queryLanguage = 'JSONata'): JsonObject {
  return { QueryLanguage: queryLanguage, StartAt: Object.keys(states)[0] as string, States: states };
}

describe('compileJsonataFields', () => {
  it('compiles the fields present in a Task, and only those', async () => {
    const raw: JsonObject = {
      Type: 'Task',
      Resource: LAMBDA,
      Arguments: { FunctionName: FN, Payload: '{% $states.input %}' },
      Output: '{% $states.result.Payload %}',
      Assign: { price: '{% $states.result.Payload.price %}', fixed: 1 },
      TimeoutSeconds: '{% $states.input.timeout %}',
      Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'X' }, { ErrorEquals: ['B'], Next: 'X' }],
      End: true,
    };
    const fields = compileJsonataFields(raw, 'Task') as JsonataFields;
    expect(Object.keys(fields).sort()).toEqual(['arguments', 'assign', 'catchers', 'output', 'timeoutSeconds']);
    const input = { timeout: 30, x: 1 };
    expect(await run(fields.arguments, { input }, 'Arguments')).toEqual({ FunctionName: FN, Payload: input });
    expect(await run(fields.output, { result: { Payload: { price: 9 } } })).toEqual({ price: 9 });
    expect(await run(fields.assign, { result: { Payload: { price: 9 } } }, 'Assign')).toEqual({ price: 9, fixed: 1 });
    expect(await run(fields.timeoutSeconds, { input }, 'TimeoutSeconds')).toBe(30);
    expect(fields.catchers).toHaveLength(2);
    expect(await run(fields.catchers?.[0]?.output, { errorOutput: { Error: 'E', Cause: 'c' } })).toEqual({ Error: 'E', Cause: 'c' });
    expect(fields.catchers?.[1]).toEqual({});
  });

  it('keeps literal fields as static values', () => {
    const fields = compileJsonataFields({ Type: 'Wait', Seconds: 5, Next: 'X' }, 'Wait') as JsonataFields;
    expect(fields.seconds?.isStatic).toBe(true);
    expect(fields.timestamp).toBeUndefined();
  });

  it('compiles Choice rules index-aligned with Choices', async () => {
    const raw: JsonObject = {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.n > 10 %}', Output: { big: true }, Assign: { size: 'big' }, Next: 'A' },
        { Condition: true, Next: 'B' },
      ],
      Default: 'C',
      Assign: { size: 'default' },
    };
    const fields = compileJsonataFields(raw, 'Choice') as JsonataFields;
    expect(fields.choices).toHaveLength(2);
    expect(await run(fields.choices?.[0]?.condition, { input: { n: 11 } }, 'Condition')).toBe(true);
    expect(await run(fields.choices?.[0]?.output)).toEqual({ big: true });
    expect(await run(fields.choices?.[0]?.assign, {}, 'Assign')).toEqual({ size: 'big' });
    expect(fields.choices?.[1]?.condition.isStatic).toBe(true);
    expect(fields.choices?.[1]?.output).toBeUndefined();
    expect(await run(fields.assign, {}, 'Assign')).toEqual({ size: 'default' });
  });

  it.each<[string, JsonObject, string[]]>([
    ['Pass', { Type: 'Pass', Output: '{% 1 %}', Assign: { a: 1 }, End: true }, ['assign', 'output']],
    ['Wait', { Type: 'Wait', Timestamp: '{% $t %}', Output: {}, Next: 'X' }, ['output', 'timestamp']],
    ['Succeed', { Type: 'Succeed', Output: '{% $states.input.a %}' }, ['output']],
    ['Fail', { Type: 'Fail', Error: '{% $e %}', Cause: 'literal' }, ['cause', 'error']],
    ['Parallel', { Type: 'Parallel', Arguments: '{% $states.input %}', Branches: [], End: true }, ['arguments']],
    [
      'Map',
      {
        Type: 'Map', Items: '{% $states.input.list %}', ItemSelector: { v: '{% $states.context.Map.Item.Value %}' },
        MaxConcurrency: '{% $m %}', ToleratedFailureCount: 1, ToleratedFailurePercentage: '{% $p %}', Output: '{% $states.result %}',
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true,
      },
      ['itemSelector', 'items', 'maxConcurrency', 'output', 'toleratedFailureCount', 'toleratedFailurePercentage'],
    ],
  ])('%s: compiles %j', (type, raw, expected) => {
    expect(Object.keys(compileJsonataFields(raw, type) as JsonataFields).sort()).toEqual(expected);
  });

  it('gives an empty set of fields to a state that has none', () => {
    expect(compileJsonataFields({ Type: 'Pass', End: true }, 'Pass')).toEqual({});
  });
});

describe('compileDefinition: the jsonata field', () => {
  it('is set on JSONata states and undefined on JSONPath ones', () => {
    const c = compile({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.x %}', Next: 'B' },
        B: { Type: 'Pass', Next: 'C' },
        C: { Type: 'Succeed' },
      },
    });
    expect(stateOf(c.root, 'A', 'Pass').jsonata?.output?.isStatic).toBe(false);
    expect(stateOf(c.root, 'B', 'Pass').jsonata).toBeUndefined();
    expect(stateOf(c.root, 'C', 'Succeed').jsonata).toBeUndefined();
  });

  it('keeps the Choice branches for Next resolution, aligned with jsonata.choices', async () => {
    const c = compile(
      machine({
        Check: {
          Type: 'Choice',
          Choices: [
            { Condition: '{% $states.input.n > 100 %}', Next: 'Big' },
            { Condition: '{% $states.input.n > 10 %}', Next: 'Medium' },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Medium: { Type: 'Succeed' },
        Small: { Type: 'Fail', Error: 'TooSmall', Cause: "{% 'n=' & $string($states.input.n) %}" },
      }),
    );
    const check = stateOf(c.root, 'Check', 'Choice');
    expect(check.choices.map((branch) => branch.next.name)).toEqual(['Big', 'Medium']);
    expect(check.jsonata?.choices).toHaveLength(2);
    expect(await run(check.jsonata?.choices?.[1]?.condition, { input: { n: 50 } }, 'Condition')).toBe(true);
    expect(check.default?.name).toBe('Small');
    expect(await run(stateOf(c.root, 'Small', 'Fail').jsonata?.cause, { input: { n: 3 } }, 'Cause')).toBe('n=3');
  });

  it('compiles JSONata Map fields and keeps itemsPath at "$"', () => {
    const c = compile(
      machine({
        M: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      }),
    );
    const map = stateOf(c.root, 'M', 'Map');
    expect(map.itemsPath.text).toBe('$');
    expect(map.jsonata?.items?.isStatic).toBe(false);
    expect(stateOf(map.processor, 'P', 'Pass').jsonata).toEqual({});
  });

  it('compiles Task catchers aligned with the compiled catchers', async () => {
    const c = compile(
      machine({
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Arguments: { FunctionName: FN },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { err: '{% $states.errorOutput.Error %}' }, Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      }),
    );
    const task = stateOf(c.root, 'T', 'Task');
    expect(task.catch).toHaveLength(1);
    expect(await run(task.jsonata?.catchers?.[0]?.assign, { errorOutput: { Error: 'Boom' } }, 'Assign')).toEqual({ err: 'Boom' });
  });
});
