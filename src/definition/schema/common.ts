// Shared schema fragments. Schemas are TypeScript constants rather than .json files so that they
// are type-checked, tree-shaken with the module that uses them and need no JSON import attributes.
export type Schema = Readonly<Record<string, unknown>>;

/** The ajv options the schemas are compiled with, at build time and from source alike. */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

/** The largest value AWS accepts for seconds-valued fields (TimeoutSeconds, Wait Seconds, ...). */
export const MAX_SECONDS = 99_999_999;

/** A JSONata `{% %}` string: accepted wherever the JSONata form of a field may hold an expression. */
export const expression: Schema = { type: 'string' };
export const stateName: Schema = { type: 'string', minLength: 1 };
export const pathOrNull: Schema = { type: ['string', 'null'] };
export const path: Schema = { type: 'string' };
export const template: Schema = { type: 'object' };
export const anyJson: Schema = {};
export const positiveSeconds: Schema = {
  anyOf: [{ type: 'integer', minimum: 1, maximum: MAX_SECONDS }, expression],
};
export const nonNegativeSeconds: Schema = {
  anyOf: [{ type: 'integer', minimum: 0, maximum: MAX_SECONDS }, expression],
};

const errorEquals: Schema = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };

export const retrier: Schema = {
  type: 'object',
  required: ['ErrorEquals'],
  additionalProperties: false,
  properties: {
    ErrorEquals: errorEquals,
    IntervalSeconds: { type: 'integer', minimum: 1, maximum: MAX_SECONDS },
    MaxAttempts: { type: 'integer', minimum: 0, maximum: MAX_SECONDS },
    BackoffRate: { type: 'number', minimum: 1 },
    MaxDelaySeconds: { type: 'integer', minimum: 1, maximum: 31_622_401 },
    JitterStrategy: { enum: ['FULL', 'NONE'] },
    Comment: { type: 'string' },
  },
};

export const catcher: Schema = {
  type: 'object',
  required: ['ErrorEquals', 'Next'],
  additionalProperties: false,
  properties: {
    ErrorEquals: errorEquals,
    Next: stateName,
    ResultPath: pathOrNull,
    Assign: { type: 'object' },
    Output: anyJson,
    Comment: { type: 'string' },
  },
};

export const queryLanguage: Schema = { enum: ['JSONPath', 'JSONata'] };

/** Fields every state accepts. */
export const commonStateFields = {
  Type: { type: 'string' },
  Comment: { type: 'string' },
  QueryLanguage: queryLanguage,
} as const;

/** Next/End fields of the states that transition (Pass, Task, Wait, Parallel, Map). */
export const transitionFields = {
  Next: stateName,
  End: { type: 'boolean' },
} as const;

/** InputPath and OutputPath (JSONPath) plus Output (JSONata): every state but Fail. */
export const ioFields = {
  InputPath: pathOrNull,
  OutputPath: pathOrNull,
  Output: anyJson,
} as const;

/** The result-processing fields of Task, Parallel and Map. */
export const resultFields = {
  ResultSelector: template,
  ResultPath: pathOrNull,
  Assign: { type: 'object' },
  Retry: { type: 'array', items: retrier },
  Catch: { type: 'array', items: catcher },
} as const;

export function stateSchema(properties: Record<string, Schema>, required: string[] = []): Schema {
  return {
    type: 'object',
    required: ['Type', ...required],
    additionalProperties: false,
    properties: { ...commonStateFields, ...properties },
  };
}
