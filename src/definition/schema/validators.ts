// The compiled schema validators. From source (tests) they are compiled here with ajv; the build
// replaces this module's output with standalone code generated ahead of time
// (scripts/generate-validators.mjs), so the CLI neither loads ajv's compiler nor compiles at start-up.
import { Ajv, type ValidateFunction } from 'ajv';
import { AJV_OPTIONS, type Schema } from './common.js';
import { rootSchema, STATE_SCHEMAS } from './states.js';

const ajv = new Ajv(AJV_OPTIONS);

export const root: ValidateFunction = ajv.compile(rootSchema as Schema);
export const Pass: ValidateFunction = ajv.compile(STATE_SCHEMAS['Pass'] as Schema);
export const Task: ValidateFunction = ajv.compile(STATE_SCHEMAS['Task'] as Schema);
export const Choice: ValidateFunction = ajv.compile(STATE_SCHEMAS['Choice'] as Schema);
export const Wait: ValidateFunction = ajv.compile(STATE_SCHEMAS['Wait'] as Schema);
export const Succeed: ValidateFunction = ajv.compile(STATE_SCHEMAS['Succeed'] as Schema);
export const Fail: ValidateFunction = ajv.compile(STATE_SCHEMAS['Fail'] as Schema);
export const Parallel: ValidateFunction = ajv.compile(STATE_SCHEMAS['Parallel'] as Schema);
export const Map: ValidateFunction = ajv.compile(STATE_SCHEMAS['Map'] as Schema);
