// Random state machines that mostly validate and then do something: every state type, Retry and
// Catch, JSONPath with intrinsics or JSONata, nested Map/Parallel scopes, loops (Next may point
// back). Used by test/property/engine-fuzz.property.test.ts; the run bounds live there.
import fc from 'fast-check';
import type { JsonObject, JsonValue, MockConfig, MockResponse } from '../../src/index.js';

export type Language = 'JSONPath' | 'JSONata';

/** The local Lambda functions a Task may call (defined by the fuzz test). */
export const FUNCTIONS = ['echo', 'boom', 'custom', 'weird', 'slow', 'hang'] as const;

const PATHS = ['$', '$.a', '$.n', '$.s', '$.arr', '$.arr[0]', '$.missing', '$.a.b', '$$.Execution.Name', '$.arr[-1:]', '$..n', '$.arr[?(@ > 1)]'];
const INTRINSICS = [
  "States.Format('{}-{}', $.n, $.s)", 'States.StringToJson($.s)', 'States.JsonToString($)', 'States.Array($.n, 1, $.s)',
  'States.ArrayLength($.arr)', 'States.MathAdd($.n, 1)', 'States.MathRandom(1, 10)', 'States.UUID()', "States.Hash($.s, 'SHA-256')",
  'States.Base64Encode($.s)', 'States.Base64Decode($.s)', 'States.ArrayRange(1, $.n, 1)', 'States.ArrayPartition($.arr, 2)',
  'States.ArrayContains($.arr, $.n)', 'States.ArrayUnique($.arr)', 'States.ArrayGetItem($.arr, $.n)', "States.StringSplit($.s, ',')",
  'States.MathAdd($.n, $.n)', "States.Format('{}', $.a)",
];
const JSONATA = [
  '$states.input', '$states.input.n + 1', '$states.input.missing', '$count($states.input.arr)', '$string($states.input)',
  '$match($states.input.s, /a+b?/)', '$replace($string($states.input.s), /[0-9]+/, "#")', '$split($string($states.input.s), /,/)',
  '$v0', '$states.input.arr[0]', '$sum($states.input.arr)', '$number($states.input.s)', '$states.context.Execution.Name',
  '$parse($states.input.s)', '$partition($states.input.arr, 2)', '$range(0, $states.input.n, 1)', '$hash($string($states.input.s))',
  '$random()', '$uuid()', '$merge([$states.input, {"k": 1}])', '$states.input.n / 0', '$eval($string($states.input.s))',
  '$contains($string($states.input.s), /^a/)', '$states.input.arr ~> $map(function($v) { $v * 2 })', '$v0 + 1', '$v1',
];
const ERRORS = ['States.ALL', 'States.TaskFailed', 'States.Timeout', 'States.Runtime', 'Custom.Error', 'Error', 'States.DataLimitExceeded', 'States.QueryEvaluationError'];

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items);
const expr = pick(JSONATA).map((body) => `{% ${body} %}`);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

/** Drops the fields whose value is undefined. */
function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

const template: fc.Arbitrary<JsonValue> = fc
  .array(fc.oneof(pick(PATHS).map((p): [string, JsonValue] => ['v.$', p]), pick(INTRINSICS).map((i): [string, JsonValue] => ['i.$', i]), fc.constant<[string, JsonValue]>(['lit', { x: [1, 'two'] }])), { maxLength: 3 })
  .map((entries): JsonValue => Object.fromEntries(entries.map(([key, value], i) => [`${key.replace('.$', '')}${i}${key.endsWith('.$') ? '.$' : ''}`, value])));

const retry = fc.array(
  fc.record({
    ErrorEquals: fc.uniqueArray(pick(ERRORS), { minLength: 1, maxLength: 2 }).map((names) => (names.includes('States.ALL') ? ['States.ALL'] : names)),
    MaxAttempts: fc.integer({ min: 0, max: 3 }),
    IntervalSeconds: fc.integer({ min: 1, max: 5 }),
    BackoffRate: fc.constantFrom(1, 1.5, 2),
    JitterStrategy: fc.constantFrom('NONE', 'FULL'),
  }),
  { maxLength: 2 },
).map(allLast);

/** "States.ALL" may only appear in the last retrier or catcher. */
function allLast<T extends { readonly ErrorEquals: unknown }>(items: T[]): T[] {
  return items.filter((item, i) => i === items.length - 1 || !(item.ErrorEquals as string[]).includes('States.ALL'));
}

function catchers(next: fc.Arbitrary<string>, language: Language): fc.Arbitrary<JsonObject[]> {
  const extra = language === 'JSONPath' ? fc.constantFrom<JsonObject>({ ResultPath: '$.error' }, { ResultPath: null }, {}) : fc.constantFrom<JsonObject>({ Output: '{% $states.errorOutput %}' }, {});
  return fc.array(
    fc.tuple(fc.uniqueArray(pick(ERRORS), { minLength: 1, maxLength: 2 }), next, extra).map(([errors, to, more]) => ({ ...more, ErrorEquals: errors.includes('States.ALL') ? ['States.ALL'] : errors, Next: to })),
    { maxLength: 2 },
  ).map(allLast);
}

const jsonPathRule: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.integer({ min: -2, max: 5 }).map((v): JsonObject => ({ Variable: '$.n', NumericLessThan: v })),
  fc.constantFrom('a*', '*b*', '\\*x*', '*a*a*a*ab', '').map((p): JsonObject => ({ Variable: '$.s', StringMatches: p })),
  fc.constantFrom('$.s', '$.missing', '$.n').map((v): JsonObject => ({ Variable: v, IsPresent: true })),
  fc.constant<JsonObject>({ Variable: '$.n', IsNumeric: true }),
  fc.constant<JsonObject>({ Variable: '$.missing', StringEquals: 'x' }),
  fc.constant<JsonObject>({ Not: { Variable: '$.s', StringEqualsPath: '$.a' } }),
  fc.constant<JsonObject>({ And: [{ Variable: '$.n', NumericGreaterThanEquals: 0 }, { Variable: '$.s', TimestampLessThan: '2026-06-01T00:00:00Z' }] }),
);
const condition = pick(['$states.input.n > 2', '$exists($states.input.s)', '$states.input.s = "a"', '$v0 > 1', '$states.input.missing', '$count($states.input.arr) > 1']).map((b) => `{% ${b} %}`);

/** Where a state goes: mostly on to the next state (so that all are reachable), sometimes anywhere (loops). */
interface Place {
  readonly language: Language;
  readonly next: fc.Arbitrary<string>;
  readonly following: string;
  readonly terminal: boolean;
  /** Variable names differ by depth: a scope may not assign what an enclosing one assigns. */
  readonly variable: string;
}

function state(place: Place, inner: fc.Arbitrary<JsonObject> | undefined): fc.Arbitrary<JsonObject> {
  const { language, next, following, terminal, variable } = place;
  const jp = language === 'JSONPath';
  const onward = fc.oneof({ weight: 4, arbitrary: fc.constant(following) }, { weight: 1, arbitrary: next });
  const flow = terminal ? fc.constant<JsonObject>({ End: true }) : onward.map((n): JsonObject => ({ Next: n }));
  const io = jp
    ? fc.record({ InputPath: maybe(pick(PATHS)), ResultPath: maybe(fc.constantFrom('$', '$.r', '$.a.b', null)), OutputPath: maybe(pick(PATHS)) }).map(defined)
    : fc.record({ Output: maybe(expr), Assign: maybe(expr.map((e): JsonObject => ({ [variable]: e }))) }).map(defined);
  const recover = fc.record({ Retry: maybe(retry), Catch: maybe(catchers(next, language)) }).map(defined);
  const passFields = jp
    ? fc.oneof(
        fc.record({ Parameters: template }),
        fc.record({ Result: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue) }),
        fc.constantFrom<JsonObject>({}, { Assign: { [`${variable}.$`]: '$.n' } }, { Assign: { [variable]: 'plain' } }),
      )
    : fc.constant<JsonObject>({});
  const types: fc.Arbitrary<JsonObject>[] = [
    fc.tuple(flow, io, passFields).map(([f, i, p]) => ({ Type: 'Pass', ...p, ...i, ...f })),
    fc.tuple(flow, io, recover, pick(FUNCTIONS), fc.record({ TimeoutSeconds: maybe(fc.integer({ min: 1, max: 20 })) }).map(defined)).map(([f, i, r, fn, t]) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      ...(jp ? { Parameters: { FunctionName: fn, 'Payload.$': '$' } } : { Arguments: { FunctionName: fn, Payload: '{% $states.input %}' } }),
      ...t, ...i, ...r, ...f,
    })),
    fc.tuple(jp ? fc.record({ Seconds: fc.integer({ min: 0, max: 100 }) }) : fc.constant({ Seconds: 3 }), pick<JsonObject>(jp ? [{ SecondsPath: '$.n' }, { TimestampPath: '$.s' }, { Timestamp: '2026-01-01T00:01:00Z' }] : [{ Seconds: '{% $states.input.n %}' }, { Timestamp: '{% $states.input.s %}' }]), fc.boolean(), flow).map(([fixed, read, useFixed, f]) => ({ Type: 'Wait', ...(useFixed ? fixed : read), ...f })),
    fc.constant({ Type: 'Succeed' }),
    fc.constantFrom<JsonObject>(...(jp ? [{ Error: 'Custom.Error', Cause: 'fuzz' }, { ErrorPath: '$.s', CausePath: '$.a' }, {}] : [{ Error: '{% $string($states.input.s) %}' }, { Error: 'Custom.Error' }])).map((f) => ({ Type: 'Fail', ...f })),
  ];
  if (!terminal) {
    const rule = jp ? jsonPathRule : condition.map((c): JsonObject => ({ Condition: c }));
    types.push(
      fc.tuple(fc.array(fc.tuple(rule, next), { minLength: 1, maxLength: 2 }), fc.boolean()).map(([rules, withDefault]) => ({
        Type: 'Choice',
        Choices: rules.map(([r, to]) => ({ ...r, Next: to })),
        ...(withDefault ? { Default: following } : {}),
      })),
    );
  }
  if (inner) {
    types.push(
      fc.tuple(flow, io, recover, inner, fc.integer({ min: 0, max: 3 }), maybe(fc.integer({ min: 0, max: 100 }))).map(([f, i, r, processor, concurrency, tolerated]) => ({
        Type: 'Map',
        ...(jp ? { ItemsPath: '$.arr' } : { Items: '{% $states.input.arr %}' }),
        ItemProcessor: processor,
        MaxConcurrency: concurrency,
        ...(tolerated === undefined ? {} : { ToleratedFailurePercentage: tolerated }),
        ...i, ...r, ...f,
      })),
      fc.tuple(flow, io, recover, fc.array(inner, { minLength: 1, maxLength: 2 })).map(([f, i, r, branches]) => ({ Type: 'Parallel', Branches: branches, ...i, ...r, ...f })),
    );
  }
  return fc.oneof(...types);
}

/** A scope of 1-5 states named S0..; the last one ends the scope, the others may loop back. */
function scope(language: Language, depth: number): fc.Arbitrary<JsonObject> {
  return fc.integer({ min: 1, max: depth === 0 ? 5 : 3 }).chain((count) => {
    const next = fc.integer({ min: 0, max: count - 1 }).map((i) => `S${i}`);
    const inner = depth < 2 ? scope(language, depth + 1) : undefined;
    const states = Array.from({ length: count }, (_, i) =>
      state({ language, next, following: `S${i + 1}`, terminal: i === count - 1, variable: `v${depth}` }, inner),
    );
    return fc.tuple(...states).map((built) => ({ StartAt: 'S0', States: Object.fromEntries(built.map((s, i) => [`S${i}`, s])) }));
  });
}

/** The states reachable from StartAt (a Succeed or Fail early in the list cuts off the rest). */
function reachable(scopeValue: JsonObject): Set<string> {
  const all = scopeValue['States'] as JsonObject;
  const seen = new Set<string>();
  const todo = [scopeValue['StartAt'] as string];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const s = all[name] as JsonObject | undefined;
    if (!s || seen.has(name)) continue;
    seen.add(name);
    const targets = [s['Next'], s['Default'], ...[...((s['Choices'] as JsonObject[] | undefined) ?? []), ...((s['Catch'] as JsonObject[] | undefined) ?? [])].map((c) => c['Next'])];
    for (const target of targets) if (typeof target === 'string') todo.push(target);
  }
  return seen;
}

/** State names are unique in the whole definition (each nested scope gets a prefix); unreachable states go. */
function uniqueNames(scopeValue: JsonObject, prefix: string): JsonObject {
  const rename = (name: JsonValue | undefined): JsonValue | undefined => (typeof name === 'string' ? `${prefix}${name}` : name);
  const states: JsonObject = {};
  let nested = 0;
  const keep = reachable(scopeValue);
  for (const [name, raw] of Object.entries(scopeValue['States'] as JsonObject)) {
    if (!keep.has(name)) continue;
    const s = { ...(raw as JsonObject) };
    for (const key of ['Next', 'Default'] as const) if (key in s) s[key] = rename(s[key]) as JsonValue;
    for (const key of ['Choices', 'Catch'] as const) {
      if (Array.isArray(s[key])) s[key] = (s[key] as JsonObject[]).map((c) => ({ ...c, Next: rename(c['Next']) as JsonValue }));
    }
    if (s['ItemProcessor']) s['ItemProcessor'] = uniqueNames(s['ItemProcessor'] as JsonObject, `${prefix}${name}.${nested++}.`);
    if (Array.isArray(s['Branches'])) s['Branches'] = (s['Branches'] as JsonObject[]).map((b) => uniqueNames(b, `${prefix}${name}.${nested++}.`));
    states[`${prefix}${name}`] = s;
  }
  return { ...scopeValue, StartAt: rename(scopeValue['StartAt']) as JsonValue, States: states };
}

export const fuzzMachine: fc.Arbitrary<JsonObject> = pick<Language>(['JSONPath', 'JSONata']).chain((language) =>
  fc.tuple(scope(language, 0), maybe(fc.integer({ min: 1, max: 600 }))).map(([root, timeout]) => ({
    ...(language === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}),
    ...(timeout === undefined ? {} : { TimeoutSeconds: timeout }),
    ...uniqueNames(root, ''),
  })),
);

/** Valid JSON nested far deeper than any limit: for States.StringToJson, $parse and $eval. */
const DEEP_JSON_TEXT = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

export const fuzzInput: fc.Arbitrary<JsonValue> = fc.record(
  {
    n: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e300, -0.5, 2 ** 53, 1e20)),
    s: fc.oneof(fc.string({ maxLength: 12 }), pick(['aaab', '2026-01-01T00:00:30Z', '{"x": [1, 2]}', 'a,b,,c', '12', 'YWJj', '$.n', '{% 1 %}', '*a*', DEEP_JSON_TEXT, '+275760-09-13T00:00:01Z'])),
    arr: fc.array(fc.oneof(fc.integer({ min: -2, max: 4 }), fc.string({ maxLength: 3 })), { maxLength: 4 }),
    a: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<JsonValue>;

/** The names of the Task states, at any depth. */
function taskNames(value: JsonValue, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) taskNames(item, out);
  else if (typeof value === 'object' && value !== null) {
    const states = value['States'];
    if (typeof states === 'object' && states !== null && !Array.isArray(states)) {
      for (const [name, state] of Object.entries(states)) if ((state as JsonObject)['Type'] === 'Task') out.push(name);
    }
    for (const inner of Object.values(value)) taskNames(inner, out);
  }
  return out;
}

const mockResponse: fc.Arbitrary<MockResponse> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v): MockResponse => ({ Return: JSON.parse(JSON.stringify(v)) as JsonValue })),
  fc.constantFrom<MockResponse>({ Return: { Payload: { ok: true } } }, { Throw: { Error: 'Custom.Error', Cause: 'mocked' } }, { Throw: { Error: 'States.TaskFailed' } }, { Throw: { Error: 'States.Timeout' } }),
);

/** Mocked responses (Step Functions Local format) for some of the machine's Task states; the others call the local functions. */
export function fuzzMocks(definition: JsonObject): fc.Arbitrary<MockConfig> {
  const names = [...new Set(taskNames(definition))];
  return fc.tuple(...names.map(() => fc.option(fc.array(mockResponse, { minLength: 1, maxLength: 3 }), { nil: undefined }))).map((picked) => {
    const mocks: Record<string, Record<string, MockResponse>> = {};
    picked.forEach((responses, i) => {
      if (responses === undefined) return;
      // "0", "1", then the last one for invocations 2 to 5.
      mocks[names[i] as string] = Object.fromEntries(responses.map((r, k) => [k === responses.length - 1 && k > 0 ? `${k}-5` : String(k), r]));
    });
    return mocks;
  });
}
