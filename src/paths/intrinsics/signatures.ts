/**
 * What the 18 intrinsic functions accept (INTRINSICS.md §2), and `checkIntrinsic`, the
 * definition-time checks that are certain to fail on AWS: unknown names, wrong arity, nesting
 * past AWS's limit, and literal arguments of a type the function can never accept. Anything
 * that depends on runtime values (paths, most calls) is left to the evaluator.
 */
import type { IntrinsicArg, IntrinsicCall } from './parse.js';
import { countFormatPlaceholders } from './format-template.js';
import { closeNames } from './suggest.js';
import { quoteText } from '../syntax-message.js';

/** Argument and result types as far as they can be known before execution. */
export type IntrinsicType = 'any' | 'string' | 'number' | 'boolean' | 'array' | 'object';

export interface IntrinsicSignature {
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  /** Type of each positional argument; `rest` covers the ones past the end. */
  readonly params: readonly IntrinsicType[];
  readonly rest?: IntrinsicType;
  readonly returns: IntrinsicType;
}

const sig = (
  params: readonly IntrinsicType[],
  returns: IntrinsicType,
  extra: { readonly minArgs?: number; readonly maxArgs?: number; readonly rest?: IntrinsicType } = {},
): IntrinsicSignature => ({
  minArgs: extra.minArgs ?? params.length,
  maxArgs: extra.maxArgs ?? params.length,
  params,
  returns,
  ...(extra.rest === undefined ? {} : { rest: extra.rest }),
});

export const INTRINSIC_SIGNATURES: Readonly<Record<string, IntrinsicSignature>> = Object.freeze({
  'States.Format': sig(['string'], 'string', { maxArgs: Infinity, rest: 'any' }),
  'States.StringToJson': sig(['string'], 'any'),
  'States.JsonToString': sig(['any'], 'string'),
  'States.Array': sig([], 'array', { maxArgs: Infinity, rest: 'any' }),
  'States.ArrayPartition': sig(['array', 'number'], 'array'),
  'States.ArrayContains': sig(['array', 'any'], 'boolean'),
  'States.ArrayRange': sig(['number', 'number', 'number'], 'array'),
  'States.ArrayGetItem': sig(['array', 'number'], 'any'),
  'States.ArrayLength': sig(['array'], 'number'),
  'States.ArrayUnique': sig(['array'], 'array'),
  'States.Base64Encode': sig(['string'], 'string'),
  'States.Base64Decode': sig(['string'], 'string'),
  'States.Hash': sig(['any', 'string'], 'string'),
  'States.JsonMerge': sig(['object', 'object', 'boolean'], 'object'),
  'States.MathRandom': sig(['number', 'number', 'number'], 'number', { minArgs: 2 }),
  'States.MathAdd': sig(['number', 'number'], 'number'),
  'States.StringSplit': sig(['string', 'string'], 'array'),
  'States.UUID': sig([], 'string'),
});

/** AWS's documented limit on nested intrinsic calls in one field (INTRINSICS.md §1). */
export const MAX_INTRINSIC_NESTING = 10;
/** States.ArrayRange returns at most this many elements (AWS docs). */
export const MAX_ARRAY_RANGE_LENGTH = 1000;
export const HASH_ALGORITHMS: readonly string[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

const KNOWN_NAMES = Object.keys(INTRINSIC_SIGNATURES);

/** The signature of a known function; `undefined` also for names like `toString`. */
export function intrinsicSignature(name: string): IntrinsicSignature | undefined {
  return Object.hasOwn(INTRINSIC_SIGNATURES, name) ? INTRINSIC_SIGNATURES[name] : undefined;
}

/** Semantic problems of a parsed call and every call nested in it; `[]` when there are none. */
export function checkIntrinsic(call: IntrinsicCall): string[] {
  const problems: string[] = [];
  let deepest = 0;
  const stack: Array<{ readonly call: IntrinsicCall; readonly depth: number }> = [{ call, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    deepest = Math.max(deepest, item.depth);
    problems.push(...checkOneCall(item.call));
    for (const arg of item.call.args) {
      if (arg.kind === 'call') stack.push({ call: arg.call, depth: item.depth + 1 });
    }
  }
  if (deepest > MAX_INTRINSIC_NESTING) {
    problems.unshift(`intrinsic functions are nested ${deepest} deep; AWS allows at most ${MAX_INTRINSIC_NESTING}`);
  }
  return problems;
}

function checkOneCall(call: IntrinsicCall): string[] {
  const signature = intrinsicSignature(call.name);
  if (signature === undefined) return [unknownName(call.name)];
  const count = call.args.length;
  if (count < signature.minArgs || count > signature.maxArgs) {
    return [`${call.name} takes ${describeArity(signature)}, got ${count}`];
  }
  const problems: string[] = [];
  call.args.forEach((arg, index) => {
    const expected = signature.params[index] ?? signature.rest ?? 'any';
    const actual = knownType(arg);
    if (expected !== 'any' && actual !== undefined && actual !== 'any' && actual !== expected) {
      problems.push(`${call.name} argument ${index + 1} must be ${article(expected)}, got ${describeArg(arg)}`);
    }
  });
  problems.push(...SPECIFIC_CHECKS[call.name]?.(call.args) ?? []);
  return problems;
}

type SpecificCheck = (args: readonly IntrinsicArg[]) => string[];

const SPECIFIC_CHECKS: Readonly<Record<string, SpecificCheck>> = {
  'States.JsonToString': ([arg]) =>
    arg === undefined || arg.kind === 'path' ? [] : [`States.JsonToString takes a path such as $.field, got ${describeArg(arg)}`],
  'States.Format': ([template, ...values]) => {
    if (template?.kind !== 'string') return [];
    const placeholders = countFormatPlaceholders(template.raw ?? template.value);
    if (placeholders === values.length) return [];
    return [`States.Format template has ${plural(placeholders, "'{}' placeholder")} but ${plural(values.length, 'value argument')} follow it`];
  },
  'States.JsonMerge': ([, , deep]) =>
    deep?.kind === 'boolean' && deep.value
      ? ['States.JsonMerge supports only a shallow merge: its third argument must be false']
      : [],
  'States.Hash': ([, algorithm]) =>
    algorithm?.kind === 'string' && !HASH_ALGORITHMS.includes(algorithm.value)
      ? [`States.Hash algorithm must be one of ${HASH_ALGORITHMS.join(', ')}, got '${algorithm.value}'`]
      : [],
  'States.ArrayRange': checkArrayRange,
};

function checkArrayRange([start, end, step]: readonly IntrinsicArg[]): string[] {
  if (step?.kind !== 'number') return [];
  if (step.value === 0) return ['States.ArrayRange step must not be 0'];
  if (start?.kind !== 'number' || end?.kind !== 'number') return [];
  const span = (end.value - start.value) / step.value;
  const length = span < 0 ? 0 : Math.floor(span) + 1;
  return length > MAX_ARRAY_RANGE_LENGTH
    ? [`States.ArrayRange would return ${length} elements; the limit is ${MAX_ARRAY_RANGE_LENGTH}`]
    : [];
}

function unknownName(name: string): string {
  const close = closeNames(name, KNOWN_NAMES);
  const hint = close.length > 0 ? `did you mean ${close.join(' or ')}?` : `known functions: ${KNOWN_NAMES.join(', ')}`;
  return `unknown intrinsic function '${name}'; ${hint}`;
}

function describeArity({ minArgs, maxArgs }: IntrinsicSignature): string {
  if (maxArgs === Infinity) return `at least ${plural(minArgs, 'argument')}`;
  if (minArgs === maxArgs) return minArgs === 0 ? 'no arguments' : `exactly ${plural(minArgs, 'argument')}`;
  return `${minArgs} or ${maxArgs} arguments`;
}

/** The type of an argument when it is known before execution. */
function knownType(arg: IntrinsicArg): IntrinsicType | 'null' | undefined {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return arg.kind;
    case 'call':
      return intrinsicSignature(arg.call.name)?.returns;
    case 'path':
      return undefined;
  }
}

function describeArg(arg: IntrinsicArg): string {
  switch (arg.kind) {
    case 'string':
      return `the string ${quoteText(arg.value)}`;
    case 'number':
    case 'boolean':
      return `the ${arg.kind} ${String(arg.value)}`;
    case 'null':
      return 'null';
    case 'path':
      return `the path ${arg.path.text}`;
    case 'call': {
      const returns = intrinsicSignature(arg.call.name)?.returns;
      return returns === undefined || returns === 'any' ? `a ${arg.call.name} call` : `${article(returns)} (from ${arg.call.name})`;
    }
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
