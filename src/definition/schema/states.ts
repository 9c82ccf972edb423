// One schema per state type (ASL.md §7). Field sets are closed, as AWS's are: unknown fields fail.
// Both query languages' fields are listed; which language may use which field is a separate check
// (checks/query-language.ts) so that its message can say "this is a JSONata field".
import {
  anyJson,
  MAX_SECONDS,
  expression,
  ioFields,
  nonNegativeSeconds,
  path,
  pathOrNull,
  positiveSeconds,
  resultFields,
  type Schema,
  stateName,
  stateSchema,
  template,
  transitionFields,
} from './common.js';

const assign: Schema = { type: 'object' };
const templateOrExpression: Schema = { type: ['object', 'string'] };

export const passSchema = stateSchema({
  ...transitionFields,
  ...ioFields,
  Parameters: template,
  Result: anyJson,
  ResultPath: pathOrNull,
  Assign: assign,
});

export const taskSchema = stateSchema(
  {
    ...transitionFields,
    ...ioFields,
    ...resultFields,
    Resource: { type: 'string', minLength: 1 },
    Parameters: template,
    Arguments: templateOrExpression,
    TimeoutSeconds: positiveSeconds,
    TimeoutSecondsPath: path,
    HeartbeatSeconds: positiveSeconds,
    HeartbeatSecondsPath: path,
    Credentials: { type: 'object' },
  },
  ['Resource'],
);

export const choiceSchema = stateSchema(
  {
    ...ioFields,
    Choices: { type: 'array', minItems: 1, items: { type: 'object' } },
    Default: stateName,
    Assign: assign,
  },
  ['Choices'],
);

export const waitSchema = stateSchema({
  ...transitionFields,
  ...ioFields,
  Assign: assign,
  Seconds: nonNegativeSeconds,
  Timestamp: { type: 'string' },
  SecondsPath: path,
  TimestampPath: path,
});

export const succeedSchema = stateSchema({ ...ioFields });

export const failSchema = stateSchema({
  Error: { type: 'string' },
  ErrorPath: path,
  Cause: { type: 'string' },
  CausePath: path,
});

const subMachine = (extra: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  required: ['StartAt', 'States'],
  additionalProperties: false,
  properties: {
    StartAt: stateName,
    States: { type: 'object', minProperties: 1 },
    Comment: { type: 'string' },
    QueryLanguage: { enum: ['JSONPath', 'JSONata'] },
    ...extra,
  },
});

export const parallelSchema = stateSchema(
  {
    ...transitionFields,
    ...ioFields,
    ...resultFields,
    Parameters: template,
    Arguments: templateOrExpression,
    Branches: { type: 'array', minItems: 1, items: subMachine() },
  },
  ['Branches'],
);

const processorConfig: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    Mode: { enum: ['INLINE', 'DISTRIBUTED'] },
    ExecutionType: { enum: ['STANDARD', 'EXPRESS'] },
  },
};

const countOrExpression: Schema = { anyOf: [{ type: 'integer', minimum: 0 }, expression] };

export const mapSchema = stateSchema({
  ...transitionFields,
  ...ioFields,
  ...resultFields,
  ItemProcessor: subMachine({ ProcessorConfig: processorConfig }),
  Iterator: subMachine({ ProcessorConfig: processorConfig }),
  ItemsPath: path,
  Items: { type: ['array', 'string'] },
  ItemSelector: templateOrExpression,
  Parameters: template,
  MaxConcurrency: countOrExpression,
  MaxConcurrencyPath: path,
  ItemReader: {
    type: 'object',
    required: ['Resource'],
    properties: { Resource: { type: 'string' }, ReaderConfig: { type: 'object' } },
  },
  ItemBatcher: { type: 'object' },
  ResultWriter: { type: 'object' },
  ToleratedFailurePercentage: { anyOf: [{ type: 'number', minimum: 0, maximum: 100 }, expression] },
  ToleratedFailurePercentagePath: path,
  ToleratedFailureCount: countOrExpression,
  ToleratedFailureCountPath: path,
  Label: { type: 'string' },
});

export const STATE_SCHEMAS: Readonly<Record<string, Schema>> = {
  Pass: passSchema,
  Task: taskSchema,
  Choice: choiceSchema,
  Wait: waitSchema,
  Succeed: succeedSchema,
  Fail: failSchema,
  Parallel: parallelSchema,
  Map: mapSchema,
};

export const STATE_TYPES = Object.keys(STATE_SCHEMAS);

export const rootSchema: Schema = {
  type: 'object',
  required: ['StartAt', 'States'],
  additionalProperties: false,
  properties: {
    StartAt: stateName,
    States: { type: 'object', minProperties: 1 },
    Comment: { type: 'string' },
    Version: { type: 'string' },
    TimeoutSeconds: { type: 'integer', minimum: 1, maximum: MAX_SECONDS },
    QueryLanguage: { enum: ['JSONPath', 'JSONata'] },
  },
};
