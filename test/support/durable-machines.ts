// Random state machines that always terminate (no loops: Choice and Catch only jump forward), for
// the snapshot/resume property (issue 12). Every state type that can be caught mid-way is here: Pass
// drawing random numbers and UUIDs, Choice, Wait, Task with Retry (jitter too) and Catch, Map and
// Parallel nested two deep, variables; in JSONPath or JSONata. Task handlers are pure functions of
// their input and of the time window they run in, since a resumed run invokes an in-flight task again.
import fc from 'fast-check';
import { AslError, type JsonObject, type JsonValue, type LambdaHandler, type VirtualClock } from '../../src/index.js';

export type Language = 'JSONPath' | 'JSONata';

/** What the Task states send to the `work` function (literals chosen by the generator, plus the retry count). */
interface WorkOrder {
  readonly n: number;
  readonly retry: number;
  /** Seconds; the function answers at the next multiple of it on the clock (0: at once). */
  readonly period: number;
  /** The attempts 0..failUntil-1 fail. */
  readonly failUntil: number;
  readonly error: string;
}

/**
 * The one Lambda function the machines call. It answers on a time grid (the next multiple of
 * `period` seconds) rather than after a fixed delay: invoked again anywhere inside the same window,
 * as a resumed run does with a task that was in flight, it answers at the same instant with the same
 * result, so the resumed history can match the uninterrupted one to the millisecond. `onInvoke` is
 * called as each invocation begins (the property takes snapshots there, in the middle of a step).
 */
export function durableLambdas(clock: VirtualClock, onInvoke?: () => void): Record<string, LambdaHandler> {
  return {
    work: async (event, context) => {
      onInvoke?.();
      const order = event as unknown as WorkOrder;
      const periodMs = order.period * 1000;
      if (periodMs > 0) await context.sleep((Math.floor(clock.now() / periodMs) + 1) * periodMs - clock.now());
      if (order.retry < order.failUntil) throw new AslError(order.error, `attempt ${order.retry} for ${order.n}`);
      return { n: order.n, retry: order.retry, at: clock.now() };
    },
  };
}

const ERRORS = ['Flaky', 'Broken'] as const;
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

/** Drops the fields whose value is undefined. */
function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** Where a state stands: its name, its scope's depth and the states it may jump forward to. */
interface Place {
  readonly jp: boolean;
  readonly depth: number;
  /** The machine's `$v0` is visible here (not inside a Distributed Map, whose children see no outer variables). */
  readonly shared: boolean;
  readonly name: string;
  /** Its own key in the state output: each state adds one, so that the input's `n` and `items` stay. */
  readonly key: string;
  readonly following: string | undefined;
  readonly forward: readonly string[];
}

/** The state's output: the input plus `key` = the JSONPath `resultPath` or the JSONata `value`. */
function store(place: Place, value: string): JsonObject {
  return place.jp ? { ResultPath: `$.${place.key}` } : { Output: `{% $merge([$states.input, {"${place.key}": ${value}}]) %}` };
}

function flow(place: Place): JsonObject {
  return place.following === undefined ? { End: true } : { Next: place.following };
}

const retry: fc.Arbitrary<JsonObject[]> = fc
  .array(
    fc.record({
      ErrorEquals: fc.constantFrom<string[]>(['Flaky'], ['States.Timeout'], ['Flaky', 'Broken'], ['States.ALL'], ['States.ALL']),
      IntervalSeconds: fc.integer({ min: 1, max: 6 }),
      MaxAttempts: fc.integer({ min: 0, max: 3 }),
      BackoffRate: fc.constantFrom(1, 1.5, 2),
      JitterStrategy: fc.constantFrom('NONE', 'FULL'),
      MaxDelaySeconds: maybe(fc.integer({ min: 1, max: 8 })),
    }).map(defined),
    { minLength: 1, maxLength: 2 },
  )
  .map((items) => items.filter((item, i) => i === items.length - 1 || !(item['ErrorEquals'] as string[]).includes('States.ALL')));

/** Catchers jump forward only (no loops); their error output goes under the state's own key. */
function catchers(place: Place): fc.Arbitrary<JsonObject[]> {
  if (place.forward.length === 0) return fc.constant([]);
  return fc
    .array(fc.tuple(fc.constantFrom<string[]>(['Broken'], ['States.Timeout'], ['States.ALL'], ['States.TaskFailed', 'Flaky']), fc.constantFrom(...place.forward)), { maxLength: 2 })
    .map((items) => items.filter(([errors], i) => i === items.length - 1 || !errors.includes('States.ALL')))
    .map((items) => items.map(([errors, next]) => ({ ErrorEquals: errors, Next: next, ...(place.jp ? { ResultPath: `$.${place.key}` } : { Output: `{% $merge([$states.input, {"${place.key}": $states.errorOutput}]) %}` }) })));
}

function recovery(place: Place): fc.Arbitrary<JsonObject> {
  return fc.record({ Retry: fc.option(retry, { nil: undefined, freq: 5 }), Catch: maybe(catchers(place)) }).map(defined);
}

function pass(place: Place): fc.Arbitrary<JsonObject> {
  const jp = place.jp;
  const assign: fc.Arbitrary<JsonObject | undefined> = maybe(
    jp
      ? fc.constantFrom<JsonObject>({ [`v${place.depth}.$`]: 'States.MathRandom(1, 1000)' }, { [`v${place.depth}.$`]: '$$.Execution.Input.n' }, { [`v${place.depth}`]: 'plain' })
      : fc.constantFrom<JsonObject>({ [`v${place.depth}`]: '{% $random() %}' }, { [`v${place.depth}`]: '{% $states.input.n + 1 %}' }),
  );
  const seen = place.shared ? '$v0' : '$states.context.Execution.Input';
  const body = jp
    ? fc.constantFrom<JsonObject>(
        { Parameters: { 'id.$': 'States.UUID()', 'r.$': 'States.MathRandom(1, 1000)', 'n.$': '$.n' } },
        { Parameters: { 'seen.$': place.shared ? '$v0' : '$$.Execution.Input', 'entered.$': '$$.State.EnteredTime', 'r.$': 'States.MathRandom(0, 9)' } },
        { Result: { fixed: [1, 'two'] } },
        {},
      )
    : fc.constantFrom(`{"id": $uuid(), "r": $random()}`, `{"seen": ${seen}, "now": $now()}`, '$states.input.n * 2', '{"entered": $states.context.State.EnteredTime}').map((value): JsonObject => ({ value }));
  return fc.tuple(body, assign).map(([fields, assigned]) => {
    const { value, ...rest } = fields;
    return { Type: 'Pass', ...rest, ...store(place, typeof value === 'string' ? value : '$states.input.n'), ...(assigned ? { Assign: assigned } : {}), ...flow(place) };
  });
}

function task(place: Place): fc.Arbitrary<JsonObject> {
  const order = fc.record({
    period: fc.constantFrom(0, 2, 3, 5, 10),
    failUntil: fc.constantFrom(0, 0, 0, 0, 0, 1, 1, 2, 9),
    error: fc.constantFrom(...ERRORS),
  });
  return fc.tuple(order, fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 }) }), fc.boolean(), recovery(place)).map(([o, timeout, select, recover]) => {
    const call: JsonObject = place.jp
      ? {
          Parameters: { FunctionName: 'work', Payload: { 'n.$': '$.n', 'retry.$': '$$.State.RetryCount', ...o } },
          ...(select ? { ResultSelector: { 'value.$': '$.Payload', 'r.$': 'States.MathRandom(1, 1000)' } } : {}),
          ...store(place, ''),
        }
      : {
          Arguments: { FunctionName: 'work', Payload: { n: '{% $states.input.n %}', retry: '{% $states.context.State.RetryCount %}', ...o } },
          ...store(place, select ? '{"value": $states.result.Payload, "r": $random()}' : '$states.result.Payload'),
        };
    return { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...call, ...(timeout === undefined ? {} : { TimeoutSeconds: timeout }), ...recover, ...flow(place) };
  });
}

function choice(place: Place): fc.Arbitrary<JsonObject> {
  const subject = place.jp ? fc.constant('$.n') : fc.constantFrom(...(place.shared ? ['$states.input.n', '($v0 % 7)'] : ['$states.input.n']));
  const rule = fc.tuple(fc.integer({ min: -1, max: 6 }), subject, fc.constantFrom(...place.forward)).map(([k, value, next]): JsonObject =>
    place.jp ? { Variable: value, NumericGreaterThan: k, Next: next } : { Condition: `{% ${value} > ${k} %}`, Next: next },
  );
  return fc.array(rule, { minLength: 1, maxLength: 2 }).map((rules) => ({ Type: 'Choice', Choices: rules, Default: place.following as string }));
}

/** An inline Map, or at the top level sometimes a Distributed one (its children are executions of their own). */
function map(place: Place, processor: (shared: boolean) => fc.Arbitrary<JsonObject>): fc.Arbitrary<JsonObject> {
  const jp = place.jp;
  const selector = jp
    ? { 'n.$': '$$.Map.Item.Value.n', 'items.$': '$$.Map.Item.Value.items', 'idx.$': '$$.Map.Item.Index' }
    : '{% {"n": $states.context.Map.Item.Value.n, "items": $states.context.Map.Item.Value.items, "idx": $states.context.Map.Item.Index} %}';
  const distributed = place.depth === 0 ? fc.constantFrom(false, false, false, true) : fc.constant(false);
  const itemProcessor = distributed.chain((isDistributed) =>
    processor(place.shared && !isDistributed).map((built): JsonObject => (isDistributed ? { ...built, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } } : built)),
  );
  return fc
    .tuple(itemProcessor, fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.boolean(), maybe(fc.constantFrom(0, 50, 100)), recovery(place))
    .map(([processorScope, concurrency, select, summarize, tolerated, recover]) => ({
      Type: 'Map',
      ...(jp ? { ItemsPath: '$.items' } : { Items: '{% $states.input.items %}' }),
      ItemProcessor: processorScope,
      MaxConcurrency: concurrency,
      ...(select ? { ItemSelector: selector } : {}),
      ...(tolerated === undefined ? {} : { ToleratedFailurePercentage: tolerated }),
      ...(summarize && jp ? { ResultSelector: { 'count.$': 'States.ArrayLength($)', 'all.$': '$' } } : {}),
      ...store(place, summarize ? '{"count": $count($states.result), "all": $states.result}' : '$states.result'),
      ...recover,
      ...flow(place),
    }));
}

function parallel(place: Place, branch: (k: number) => fc.Arbitrary<JsonObject>): fc.Arbitrary<JsonObject> {
  return fc
    .integer({ min: 2, max: 3 })
    .chain((count) => fc.tuple(fc.tuple(...Array.from({ length: count }, (_, k) => branch(k))), fc.boolean(), recovery(place)))
    .map(([branches, select, recover]) => ({
      Type: 'Parallel',
      Branches: branches,
      ...(select && place.jp ? { ResultSelector: { 'first.$': '$[0].n', 'r.$': 'States.MathRandom(1, 9)' } } : {}),
      ...store(place, select ? '{"first": $states.result[0].n, "r": $random()}' : '$states.result'),
      ...recover,
      ...flow(place),
    }));
}

function wait(place: Place): fc.Arbitrary<JsonObject> {
  const until = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }).map((seconds): JsonObject => ({ Seconds: seconds })) },
    // The input's n (0-6 s), and a fixed instant (in the past once the clock is beyond it).
    { weight: 1, arbitrary: fc.constant<JsonObject>(place.jp ? { SecondsPath: '$.n' } : { Seconds: '{% $states.input.n %}' }) },
    { weight: 1, arbitrary: fc.constantFrom('2026-01-01T00:00:30Z', '2026-01-01T00:00:07.5Z').map((t): JsonObject => ({ Timestamp: t })) },
  );
  return until.map((fields) => ({ Type: 'Wait', ...fields, ...flow(place) }));
}

function terminal(place: Place): fc.Arbitrary<JsonObject> {
  return fc.constantFrom<JsonObject>({ Type: 'Succeed' }, { Type: 'Fail', Error: 'Generated.Fail', Cause: `at ${place.name}` });
}

function state(place: Place): fc.Arbitrary<JsonObject> {
  const nested = (k: number, shared = place.shared): fc.Arbitrary<JsonObject> => scope(place.jp, place.depth + 1, `${place.name}.${k}.`, shared);
  const kinds: Array<{ weight: number; arbitrary: fc.Arbitrary<JsonObject> }> = [
    { weight: 3, arbitrary: pass(place) },
    { weight: 3, arbitrary: wait(place) },
    { weight: 5, arbitrary: task(place) },
  ];
  if (place.following !== undefined) kinds.push({ weight: 2, arbitrary: choice(place) });
  else kinds.push({ weight: 1, arbitrary: terminal(place) });
  if (place.depth < 2) kinds.push({ weight: 2, arbitrary: map(place, (shared) => nested(0, shared)) }, { weight: 2, arbitrary: parallel(place, nested) });
  return fc.oneof(...kinds);
}

/** A scope of states `<prefix>S0..`, each going on to the next; the last one ends the scope. */
function scope(jp: boolean, depth: number, prefix: string, shared: boolean): fc.Arbitrary<JsonObject> {
  return fc.integer({ min: depth === 0 ? 2 : 1, max: depth === 0 ? 6 : 3 }).chain((count) => {
    const names = Array.from({ length: count }, (_, i) => `${prefix}S${i}`);
    const states = names.map((name, i) => state({ jp, depth, shared, name, key: `k${depth}_${i}`, following: names[i + 1], forward: names.slice(i + 1) }));
    return fc.tuple(...states).map((built) => ({ StartAt: names[0] as string, States: Object.fromEntries(built.map((s, i) => [names[i] as string, s])) }));
  });
}

/** A whole machine: an Init state assigns `$v0` (read further on), then a random scope; sometimes an execution timeout. */
export const durableMachine: fc.Arbitrary<JsonObject> = fc.constantFrom<Language>('JSONPath', 'JSONPath', 'JSONata').chain((language) => {
  const jp = language === 'JSONPath';
  const timeout = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 120 }) });
  return fc.tuple(scope(jp, 0, '', true), timeout).map(([root, seconds]) => {
    const init: JsonObject = jp ? { Type: 'Pass', Assign: { 'v0.$': 'States.MathRandom(1, 100)' }, Next: root['StartAt'] as string } : { Type: 'Pass', Assign: { v0: '{% $random() %}' }, Next: root['StartAt'] as string };
    return { ...(jp ? {} : { QueryLanguage: 'JSONata' }), ...(seconds === undefined ? {} : { TimeoutSeconds: seconds }), StartAt: 'Init', States: { Init: init, ...(root['States'] as JsonObject) } };
  });
});

/** Items nested as deep as the Maps: each has `n` and its own `items`. */
const item = (depth: number): fc.Arbitrary<JsonValue> =>
  fc.record({ n: fc.integer({ min: 0, max: 6 }), items: depth === 0 ? fc.constant<JsonValue[]>([]) : fc.array(item(depth - 1), { maxLength: 2 }) });

export const durableInput: fc.Arbitrary<JsonValue> = fc.record({ n: fc.integer({ min: 0, max: 6 }), items: fc.array(item(2), { maxLength: 3 }) });
