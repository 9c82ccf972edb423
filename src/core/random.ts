// Seeded randomness (ARCHITECTURE.md 1.8): retry jitter, States.MathRandom and States.UUID all draw
// from one PRNG per execution, so the same seed gives the same run.
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

/** mulberry32: tiny, fast and well distributed enough for jitter and test data; not for secrets. */
export class SeededRandom implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

/** A seed for runs that did not ask for one; recorded in ExecutionStarted so they can be replayed. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 4_294_967_296);
}
