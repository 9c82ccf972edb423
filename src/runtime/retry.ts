// Pure Retry decisions (ERRORS.md §4): first matching retrier wins; each retrier counts its own
// attempts; delay = IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, and with
// JitterStrategy FULL a uniform draw in [0, delay].
import { errorMatches } from '../core/errors.js';
import type { Random } from '../core/random.js';
import { MAX_WAIT_SECONDS } from '../core/timestamp.js';
import type { CompiledRetrier } from '../definition/compiled.js';

/** Index of the first retrier whose ErrorEquals matches, or -1. */
export function findRetrier(retriers: readonly CompiledRetrier[], errorName: string): number {
  return retriers.findIndex((retrier) => errorMatches(retrier.errorEquals, errorName));
}

/** Milliseconds to wait before retry number `attempt` (0-based) of this retrier. */
export function retryDelayMs(retrier: CompiledRetrier, attempt: number, random: Random): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  // Without MaxDelaySeconds, BackoffRate^attempt soon passes any date a clock can show (and then
  // Infinity): no retry waits longer than the longest Wait, which AWS's one-year limit implies.
  seconds = Math.min(seconds, retrier.maxDelaySeconds ?? MAX_WAIT_SECONDS);
  if (retrier.jitter === 'FULL') seconds = random.next() * seconds;
  return Math.round(seconds * 1000);
}
