// Cursors over a Distributed Map's items as a reader produces them: an array already in memory, a
// byte stream parsed record by record as it arrives, several of those one after the other, and a
// MaxItems cut. A cursor hands out what it has at once (`take`) and reads on only when asked
// (`fill`), so a Map pulling items for its children holds one chunk of the file, never all of it.
import type { BodyStream } from '../core/body-stream.js';
import { AslError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { readerFailed } from './map-reader-parse.js';
import type { RecordParser } from './map-reader-records.js';

export interface ItemCursor {
  /** The next item if one is ready; undefined when `fill` must read on first, or nothing is left. */
  take(): JsonValue | undefined;
  /** Reads on until an item is ready (true) or the items have ended (false). */
  fill(): Promise<boolean>;
  /** Stops early (MaxItems reached, the Map ended): releases what it reads from. */
  close(): void;
}

export class ArrayCursor implements ItemCursor {
  private at = 0;

  constructor(private readonly items: readonly JsonValue[]) {}

  take(): JsonValue | undefined {
    return this.at < this.items.length ? this.items[this.at++] : undefined;
  }

  fill(): Promise<boolean> {
    return Promise.resolve(this.at < this.items.length);
  }

  close(): void {
    this.at = this.items.length;
  }
}

/** Opens the same object again from a byte offset (a GetObject with Range "bytes=N-"). */
export type Reopen = (offset: number) => Promise<BodyStream>;

/**
 * How often a broken stream is opened again in a row. A reader pauses while the children are busy;
 * a socket idle that long may be closed under it (the SDK's request timeout, a proxy), and the
 * reader then goes on from the byte it had reached rather than fail the Map Run.
 */
const REOPENS_IN_A_ROW = 3;

/**
 * A byte stream's records, parsed when taken; `where` (s3://bucket/key) names it in failures.
 * With `reopen`, a stream that breaks is opened again where it broke, up to REOPENS_IN_A_ROW times.
 */
export class StreamCursor implements ItemCursor {
  private chunks: AsyncIterator<Uint8Array | string>;
  /** Bytes received so far: where a reopened stream starts. */
  private offset = 0;
  private reopens = 0;
  private readonly decoder = new TextDecoder('utf-8');
  private ended = false;
  /** The item `fill` parsed to learn that one is ready: the next `take` hands it out. */
  private ahead: JsonValue | undefined;

  constructor(
    stream: BodyStream,
    private readonly parser: RecordParser,
    private readonly where: string,
    private readonly signal: AbortSignal,
    private readonly reopen?: Reopen,
  ) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  take(): JsonValue | undefined {
    const ahead = this.ahead;
    if (ahead === undefined) return this.parser.next();
    this.ahead = undefined;
    return ahead;
  }

  async fill(): Promise<boolean> {
    for (;;) {
      if (this.ahead !== undefined) return true;
      this.ahead = this.parser.next();
      if (this.ahead !== undefined) return true;
      if (this.ended) return false;
      await this.readChunk();
    }
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    // Ends a Node Readable (and the SDK's Body, a socket) without reading the rest.
    void this.chunks.return?.().catch(() => undefined);
  }

  private async readChunk(): Promise<void> {
    let chunk: IteratorResult<Uint8Array | string>;
    try {
      chunk = await this.chunks.next();
    } catch (error) {
      if (this.signal.aborted) throw this.signal.reason;
      if (isCancellation(error) || error instanceof AslError) throw error;
      // Closed meanwhile (the Map ended): the stream was ended on purpose.
      if (this.ended) return;
      if (this.reopen !== undefined && this.reopens < REOPENS_IN_A_ROW) {
        this.reopens++;
        this.chunks = (await this.reopen(this.offset))[Symbol.asyncIterator]();
        return;
      }
      this.ended = true;
      throw readerFailed(`Reading ${this.where} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.reopens = 0;
    if (chunk.done === true) {
      this.ended = true;
      this.parser.feed(this.decoder.decode());
      this.parser.end();
      return;
    }
    const value = chunk.value;
    if (typeof value === 'string') {
      this.parser.feed(value);
      return;
    }
    this.offset += value.byteLength;
    this.parser.feed(this.decoder.decode(value, { stream: true }));
  }
}

/** At most `max` items of the inner cursor; reaching it closes the inner one (the rest is never read). */
export class LimitedCursor implements ItemCursor {
  private taken = 0;

  constructor(
    private readonly inner: ItemCursor,
    private readonly max: number,
  ) {}

  take(): JsonValue | undefined {
    if (this.taken >= this.max) return undefined;
    const item = this.inner.take();
    if (item !== undefined) this.taken++;
    return item;
  }

  async fill(): Promise<boolean> {
    if (this.taken >= this.max) {
      this.inner.close();
      return false;
    }
    return this.inner.fill();
  }

  close(): void {
    this.inner.close();
  }
}

/** The items of several cursors, one after the other; `nextPart` opens the next one (undefined: no more). */
export class ConcatCursor implements ItemCursor {
  private current: ItemCursor | undefined;
  private done = false;

  constructor(private readonly nextPart: () => Promise<ItemCursor | undefined>) {}

  take(): JsonValue | undefined {
    return this.current?.take();
  }

  async fill(): Promise<boolean> {
    while (!this.done) {
      if (this.current !== undefined && (await this.current.fill())) return true;
      this.current?.close();
      this.current = await this.nextPart();
      if (this.current === undefined) this.done = true;
    }
    return false;
  }

  close(): void {
    this.done = true;
    this.current?.close();
  }
}
