// Math intrinsics (INTRINSICS.md §2): States.MathRandom and States.MathAdd.
import { SeededRandom, type Random } from '../../../core/random.js';
import { expectNumber, fail, type IntrinsicImpl } from '../failure.js';

/** Java's Math.round: floor(x + 0.5), so ties go toward +∞ (-2.5 → -2, 2.5 → 3; AWS recordings). */
export function javaRound(value: number): number {
  return Math.floor(value + 0.5);
}

/**
 * An integer in [start, end], both ends included (as localstack does; AWS's end-inclusivity is
 * unconfirmed). Bounds are truncated toward zero, like Java's (int) cast, since AWS accepts
 * fractional bounds such as (12.5, 44.51). With a seed the draw comes from its own PRNG, so the
 * same seed always gives the same number; without one, from the execution's seeded randomness.
 */
const mathRandom: IntrinsicImpl = (args, data) => {
  const low = exactInteger(Math.trunc(expectNumber(args, 0)), 'the start');
  const high = exactInteger(Math.trunc(expectNumber(args, 1)), 'the end');
  if (!Number.isSafeInteger(high - low + 1)) fail(`the range from ${low} to ${high} is too large to draw from`);
  if (low > high) fail(`the start (${low}) must not be greater than the end (${high})`);
  const random: Random = args.length > 2 ? new SeededRandom(Math.trunc(expectNumber(args, 2))) : data.random;
  return low + Math.floor(random.next() * (high - low + 1));
};

/**
 * Integers past ±2^53 lose precision, and past about 1.8e308 become Infinity, which JSON cannot
 * write (it would turn into a silent null): such a value is a failure of the function instead.
 */
function exactInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) fail(`${what} (${value}) is outside the range of exactly representable integers (±${Number.MAX_SAFE_INTEGER})`);
  return value;
}

/** Each argument is rounded first, then the two are summed (recorded: MathAdd(-0.5, 0.5) → 1). */
const mathAdd: IntrinsicImpl = (args) => {
  const sum = javaRound(expectNumber(args, 0)) + javaRound(expectNumber(args, 1));
  exactInteger(sum, 'the sum');
  return sum === 0 ? 0 : sum; // never -0
};

export const MATH_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
};
