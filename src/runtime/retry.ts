// Pure Retry decisions (ERRORS.md §4): first matching retrier wins; each retrier counts its own
// attempts; delay = IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, and with
// JitterStrategy FULL a uniform draw in [0, delay].
import { errorMatches } from '../core/errors.js';
import type { Random } from '../core/random.js';
import type { CompiledRetrier } from '../definition/compiled.js';

/** Index of the first retrier whose ErrorEquals matches, or -1. */
export function findRetrier(retriers: readonly CompiledRetrier[], errorName: string): number {
  return retriers.findIndex((retrier) => errorMatches(retrier.errorEquals, errorName));
}

/** Milliseconds to wait before retry number `attempt` (0-based) of this retrier. */
export function retryDelayMs(retrier: CompiledRetrier, attempt: number, random: Random): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
  if (retrier.jitter === 'FULL') seconds = random.next() * seconds;
  return Math.round(seconds * 1000);
}
