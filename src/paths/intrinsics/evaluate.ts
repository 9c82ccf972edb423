/**
 * Compiles a parsed intrinsic call (parse.ts) into a tree of closures: literals become constants,
 * path arguments compiled paths, nested calls their own closures, and a literal States.Format
 * template is split once. Evaluation then only reads data and calls the functions.
 *
 * Failures: a function's unusable argument → States.IntrinsicFailure naming the function and the
 * field; a path argument that names nothing → States.Runtime, worded like any other template path
 * (INTRINSICS.md §1: error name for that case unconfirmed).
 */
import { AslError } from '../../core/errors.js';
import type { JsonValue } from '../../core/json.js';
import type { DataContext } from '../evaluate-types.js';
import { compileParsedPath, missingFieldPath } from '../jsonpath.js';
import { splitFormatTemplate } from './format-template.js';
import { IntrinsicProblem, type IntrinsicImpl } from './failure.js';
import type { IntrinsicArg, IntrinsicCall } from './parse.js';
import { ARRAY_FUNCTIONS } from './functions/array.js';
import { ENCODING_FUNCTIONS } from './functions/encoding.js';
import { HASH_FUNCTIONS } from './functions/hash.js';
import { JSON_FUNCTIONS } from './functions/json.js';
import { MATH_FUNCTIONS } from './functions/math.js';
import { STRING_FUNCTIONS, formatPieces } from './functions/string.js';
import { UUID_FUNCTIONS } from './functions/uuid.js';

/** All 18 functions of INTRINSICS.md §2, by name. */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = Object.freeze({
  ...ARRAY_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...HASH_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...UUID_FUNCTIONS,
});

type Evaluator = (data: DataContext, field: string) => JsonValue;

export interface CompiledIntrinsic {
  readonly evaluate: Evaluator;
  readonly readsContext: boolean;
  readonly readsVariables: boolean;
}

/**
 * Compiles a call that passed checkIntrinsic. Throws a plain Error for an unknown function: the
 * validator should have rejected it.
 */
export function compileIntrinsic(call: IntrinsicCall): CompiledIntrinsic {
  const reads = { readsContext: false, readsVariables: false };
  const evaluate = compileCall(call, reads);
  return { evaluate, ...reads };
}

interface Reads {
  readsContext: boolean;
  readsVariables: boolean;
}

function compileCall(call: IntrinsicCall, reads: Reads): Evaluator {
  const { name } = call;
  const impl = Object.hasOwn(INTRINSIC_FUNCTIONS, name) ? INTRINSIC_FUNCTIONS[name] : undefined;
  if (impl === undefined) throw new Error(`cannot compile intrinsic: unknown function '${name}'`);
  const argEvaluators = call.args.map((arg) => compileArg(arg, reads));
  const run = literalFormat(call) ?? impl;
  const count = argEvaluators.length;
  return (data, field) => {
    const values: JsonValue[] = new Array<JsonValue>(count);
    for (let i = 0; i < count; i++) values[i] = (argEvaluators[i] as Evaluator)(data, field);
    try {
      return run(values, data);
    } catch (error) {
      if (!(error instanceof IntrinsicProblem)) throw error;
      throw new AslError('States.IntrinsicFailure', `The intrinsic function ${name} in the field '${field}' failed: ${error.problem}`);
    }
  };
}

/** States.Format with a literal template: split it once, keeping `\{` `\}` apart from `{}` via `raw`. */
function literalFormat(call: IntrinsicCall): IntrinsicImpl | undefined {
  const [template] = call.args;
  if (call.name !== 'States.Format' || template?.kind !== 'string') return undefined;
  const pieces = splitFormatTemplate(template.raw ?? template.value);
  return (values) => formatPieces(pieces, values, 1);
}

function compileArg(arg: IntrinsicArg, reads: Reads): Evaluator {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean': {
      const { value } = arg;
      return () => value;
    }
    case 'null':
      return () => null;
    case 'call':
      return compileCall(arg.call, reads);
    case 'path': {
      const path = compileParsedPath(arg.path);
      reads.readsContext ||= path.readsContext === true;
      reads.readsVariables ||= path.readsVariables === true;
      const { text } = arg.path;
      return (data, field) => {
        const value = path.find(data);
        if (value === undefined) throw missingFieldPath(text, field, data.input);
        return value;
      };
    }
  }
}
