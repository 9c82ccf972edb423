/**
 * The functions Step Functions adds to JSONata (JSONATA.md §5), and the built-ins it replaces so
 * that a run stays deterministic: time from the execution's clock, randomness from its seed.
 * Each is registered on every compiled expression; per-evaluation state (clock, PRNG) is looked up
 * through the run binding, so one compiled expression serves concurrent evaluations.
 */
import { createHash } from 'node:crypto';
import type jsonata from 'jsonata';
import { loadJsonata } from './jsonata-module.js';
import { uuidV4 } from '../core/ids.js';
import { SeededRandom } from '../core/random.js';
import { HASH_ALGORITHMS, MAX_ARRAY_RANGE_LENGTH } from './intrinsics/signatures.js';
import { JsonataRun, RUN_KEY } from './jsonata-run.js';

function runOf(focus: jsonata.Focus): JsonataRun {
  const run: unknown = focus.environment.lookup(RUN_KEY);
  if (!(run instanceof JsonataRun)) throw new Error('asl-engine: this function was called outside an evaluation');
  return run;
}

// Parameter lists stay plain (no defaults or destructuring): JSONata reads them from the source
// text of a native function when it is partially applied, as in `$hash(?, 'MD5')`.

function partition(array: unknown[] | undefined, size: number | undefined): unknown[] | undefined {
  if (array === undefined || size === undefined) return undefined;
  if (!Number.isInteger(size) || size <= 0) throw new Error(`The chunk size of $partition must be a positive integer, got ${size}`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

/**
 * Inclusive, like States.ArrayRange. The result is a JSONata sequence, so that a single element is
 * returned bare: AWS gave `1` for `$range(1, 9, 9)` (test_array_jsonata.py::test_array_range).
 */
function range(start: number | undefined, end: number | undefined, step: number | undefined): number[] | undefined {
  if (start === undefined || end === undefined || step === undefined) return undefined;
  for (const [name, value] of [['start', start], ['end', end], ['step', step]] as const) {
    if (!Number.isInteger(value)) throw new Error(`The ${name} of $range must be an integer, got ${value}`);
  }
  if (step === 0) throw new Error('The step of $range must not be 0');
  const span = Math.floor((end - start) / step);
  const length = span < 0 ? 0 : span + 1;
  if (length > MAX_ARRAY_RANGE_LENGTH) {
    throw new Error(`$range would return ${length} elements; the limit is ${MAX_ARRAY_RANGE_LENGTH}`);
  }
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(start + i * step);
  return Object.assign(out, { sequence: true });
}

const NODE_HASHES: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Strings are hashed as they are, other values as compact JSON (as States.Hash does). */
function hash(value: unknown, algorithm: string | undefined): string | undefined {
  if (value === undefined || algorithm === undefined) return undefined;
  const nodeName = Object.hasOwn(NODE_HASHES, algorithm) ? NODE_HASHES[algorithm] : undefined;
  if (nodeName === undefined) throw new Error(`The algorithm of $hash must be one of ${HASH_ALGORITHMS.join(', ')}, got '${algorithm}'`);
  return createHash(nodeName).update(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').digest('hex');
}

/** No seed: the execution's PRNG. A seed: a fresh generator, so the same seed gives the same number. */
function random(this: jsonata.Focus, seed: number | undefined): number {
  if (seed === undefined) return runOf(this).random.next();
  if (!Number.isInteger(seed)) throw new Error(`The seed of $random must be an integer, got ${seed}`);
  return new SeededRandom(seed).next();
}

function uuid(this: jsonata.Focus): string {
  return uuidV4(runOf(this).random);
}

/** AWS's replacement for $eval (which it disables): JSON text to a value. */
function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`$parse could not parse its argument as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSONata's own $shuffle draws from the process-wide random source; this one draws from the run's. */
function shuffle(this: jsonata.Focus, array: unknown[] | undefined): unknown[] | undefined {
  if (array === undefined || array.length <= 1) return array;
  const rng = runOf(this).random;
  const out = new Array<unknown>(array.length);
  for (let i = 0; i < array.length; i++) {
    // Inside-out Fisher-Yates, as in JSONata.
    const j = Math.floor(rng.next() * (i + 1));
    if (i !== j) out[i] = out[j];
    out[j] = array[i];
  }
  return out;
}

function millis(this: jsonata.Focus): number {
  return runOf(this).now;
}

type FromMillis = (millis: number, picture?: string, timezone?: string) => string;
let builtinFromMillis: Promise<FromMillis> | undefined;

/** JSONata's own $fromMillis, fetched once: it formats pictures and timezones exactly as $now would. */
function fromMillis(): Promise<FromMillis> {
  builtinFromMillis ??= loadJsonata()('$fromMillis')
    .evaluate(undefined)
    .then((fn: unknown) => {
      const implementation = typeof fn === 'object' && fn !== null ? (fn as { implementation?: unknown }).implementation : undefined;
      if (typeof implementation !== 'function') throw new Error('asl-engine: JSONata has no $fromMillis');
      return implementation as FromMillis;
    });
  return builtinFromMillis;
}

/** The last instant a JavaScript date can hold, in ms either side of 1970 (ECMAScript's time range). */
const MAX_DATE_MS = 8.64e15;

/**
 * JSONata's $fromMillis, refusing a time past the dates JavaScript can hold: the built-in writes
 * "0NaN-NaN-NaNTNaN:NaN:NaN.NaNZ" for $fromMillis(1e20) and lets it through as a string.
 */
function checkedFromMillis(millis: number | undefined, picture: string | undefined, timezone: string | undefined): string | Promise<string> | undefined {
  if (millis === undefined) return undefined;
  if (!(Math.abs(millis) <= MAX_DATE_MS)) throw new Error(`$fromMillis cannot turn ${millis} into a date: a time must lie within ${MAX_DATE_MS} ms of 1970-01-01`);
  return fromMillis().then((format) => format(millis, picture, timezone));
}

/** $now([picture [, timezone]]): the evaluation's time, as ISO-8601 (UTC, milliseconds) by default. */
function now(this: jsonata.Focus, picture: string | undefined, timezone: string | undefined): string | Promise<string> {
  const ms = runOf(this).now;
  if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
  return fromMillis().then((format) => format(ms, picture, timezone));
}

type Implementation = (this: jsonata.Focus, ...args: never[]) => unknown;

/** Name, implementation and JSONata signature of every function we register. */
const FUNCTIONS: ReadonlyArray<readonly [string, Implementation, string]> = [
  ['partition', partition, '<an:a>'],
  ['range', range, '<nnn:a<n>>'],
  ['hash', hash, '<js:s>'],
  ['random', random, '<n?:n>'],
  ['uuid', uuid, '<:s>'],
  ['parse', parse, '<s:x>'],
  ['shuffle', shuffle, '<a:a>'],
  ['millis', millis, '<:n>'],
  ['now', now, '<s?s?:s>'],
  ['fromMillis', checkedFromMillis, '<n-s?s?:s>'],
];

/** Registers AWS's functions on a compiled expression and removes $eval, as AWS does. */
export function installAwsFunctions(expression: jsonata.Expression): void {
  for (const [name, implementation, signature] of FUNCTIONS) {
    expression.registerFunction(name, implementation as (this: jsonata.Focus, ...args: unknown[]) => unknown, signature);
  }
  // Bound to undefined in the expression's own frame, so the lookup stops there: calling it fails
  // with T1006 "Attempted to invoke a non-function", as an unknown function does on AWS.
  expression.assign('eval', undefined);
}
