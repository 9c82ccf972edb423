// Seeded randomness (ARCHITECTURE.md 1.8): retry jitter, States.MathRandom and States.UUID draw from
// one PRNG per thread of an execution (the top level, each branch, each iteration), each derived
// from (seed, thread path): the same seed gives the same run whatever the interleaving of threads,
// and a resumed thread goes on with the numbers it would have drawn.
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

  /** The whole state of the stream: `new SeededRandom(position)` goes on from here. */
  get position(): number {
    return this.state;
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

/** A stream of its own for one thread: FNV-1a over the seed and the thread's path. */
export function deriveSeed(seed: number, path: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
