// Shared fast-check arbitraries.
import fc from 'fast-check';
import type { JsonValue } from '../../src/index.js';

export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;

/** Field names that states use, so random states hit the checks rather than only "unknown field". */
export const STATE_FIELDS = [
  'Next', 'End', 'InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'ResultSelector', 'Result', 'Resource',
  'Retry', 'Catch', 'Choices', 'Default', 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'Error', 'Cause',
  'ErrorPath', 'CausePath', 'Branches', 'ItemProcessor', 'Iterator', 'ItemsPath', 'Items', 'ItemSelector',
  'MaxConcurrency', 'Assign', 'Arguments', 'Output', 'QueryLanguage', 'TimeoutSeconds', 'HeartbeatSeconds',
  'ToleratedFailurePercentage', 'Label', 'ItemReader', 'Variable', 'Condition', 'ErrorEquals', 'StartAt', 'States',
] as const;

/** Strings that look like what definitions hold: paths, intrinsics, JSONata, names. */
export const aslString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.constantFrom('$', '$.a', '$$.Execution.Id', '$.a[0]', '$.a[*]', '$x', '$.a[?(@.b)]', '$..c', '$[', 'A', 'B', 'End'),
  fc.constantFrom("States.Format('{}', $.a)", 'States.UUID()', 'States.MathAdd(1)', 'States.Nope()', "States.Format('{'"),
  fc.constantFrom('{% $states.input %}', '{% ( %}', '{%%}', 'arn:aws:states:::lambda:invoke', 'States.ALL'),
);

const leafValue: fc.Arbitrary<JsonValue> = fc.oneof(aslString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

/** A JSON value built from ASL-looking keys and strings, nested a few levels. */
export const aslJson: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leafValue,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...STATE_FIELDS, 'a.$', 'b'), fc.string()), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const stateName = fc.constantFrom('A', 'B', 'C', 'Done');

/** A state-machine-shaped object: random states of real types with random real fields. */
export const definitionLike: fc.Arbitrary<JsonValue> = fc.record({
  StartAt: fc.oneof(stateName, fc.string()),
  States: fc.dictionary(
    stateName,
    fc.tuple(fc.constantFrom(...STATE_TYPES), fc.dictionary(fc.constantFrom(...STATE_FIELDS), aslJson, { maxKeys: 5 })).map(
      ([type, fields]): JsonValue => ({ ...fields, Type: type }),
    ),
    { minKeys: 1, maxKeys: 4 },
  ),
  QueryLanguage: fc.constantFrom('JSONPath', 'JSONata'),
});
