// Where a Map's children get their inputs (ASL.md §7.8): the items of ItemsPath (or Items), or
// those an ItemReader reads from S3, one per child — or, with an ItemBatcher, batches built as the
// items arrive. The Map's workers pull the next child's input when they are ready for it, so a
// million-line JSONL object is never in memory at once: only the chunk being parsed and the
// children running are.
//
// The Map needs the count of children before the first starts (MapStateStarted's length, the
// ToleratedFailurePercentage, the progress line), so a reader's items are read twice: a counting
// pass that parses every record (and, with a batcher, selects and groups them) and keeps none,
// then the pass that hands them out. That costs a second read of the object, but keeps memory
// flat, gives exact percentages from the first failure on, and finds a malformed record before
// any child has run, as a whole read did. An ItemsPath array is in memory already: it is
// counted by its length and handed out by index, as fast as before.
import { AslError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap } from '../definition/compiled.js';
import type { StateContext } from './context.js';
import { BatchCursor, BatchGrouper, type BatchSettings, batchSettings, groupIntoBatches, selectItem } from './map-batcher.js';
import type { ItemCursor } from './map-reader-cursor.js';
import { openItemFeed } from './map-reader.js';

/** What `next` gives once every child's input has been handed out. */
export const NO_MORE: unique symbol = Symbol('no more children');

/** A child's input handed out after a read: with its index, since another worker may have taken one meanwhile. */
export interface TakenChild {
  readonly index: number;
  readonly value: JsonValue;
}

export interface ItemSource {
  /** The items (MapStateStarted's length). */
  readonly itemCount: number;
  /** Child executions in all: one per item, or one per batch. */
  readonly total: number;
  /** Children handed out so far (from the first ask on, those before a resume included): the next child's index. */
  readonly taken: number;
  /**
   * The next child's input, in order whoever asks: at once when it is ready (its index is then
   * `taken - 1`), else a promise of it with its index; NO_MORE when all have been handed out.
   * Without a batcher it is the item (the worker applies the ItemSelector); with one, the batch.
   */
  next(): JsonValue | typeof NO_MORE | Promise<TakenChild | typeof NO_MORE>;
  /** Told when reading fails after the Map has started (a read error, an ItemSelector or batch failure): the Map fails with it. */
  onFailure: (error: unknown) => void;
  /**
   * The input of child `index` again (an item, or a batch), for a ResultWriter that did not see it
   * start: an array's by index, a reader's by reading its items again (forward from the last one
   * asked for, so ascending indexes cost one more pass at most).
   */
  inputAt(index: number): Promise<JsonValue>;
  /** Stops reading (the Map has ended). */
  close(): void;
}

/** Where takeNext puts the child a worker takes: its index and input, or NO_MORE. */
export interface TakenSlot {
  index: number;
  value: JsonValue | typeof NO_MORE;
}

/**
 * Takes the next child into `slot`: at once (undefined is returned), or once read (a promise of
 * nothing). A worker waiting for it keeps only that empty promise: a promise of the input itself,
 * held in a register of the suspended worker, would keep the last batch alive through every later
 * wait of that worker (V8 does not clear them; 1,000 waiting workers held 1,000 batches).
 */
export function takeNext(source: ItemSource, slot: TakenSlot): Promise<void> | undefined {
  const next = source.next();
  if (!(next instanceof Promise)) {
    slot.index = source.taken - 1;
    slot.value = next;
    return undefined;
  }
  return next.then((taken) => {
    if (taken === NO_MORE) slot.value = NO_MORE;
    else {
      slot.index = taken.index;
      slot.value = taken.value;
    }
  });
}

/**
 * The children's inputs, starting after the first `skip` (a Map resumed from a snapshot has handed
 * those out already, and gets the same ones again from the same items). Throws what reading,
 * selecting or batching throws (States.Runtime for an ItemsPath that is not an array).
 */
export async function openItemSource(state: CompiledMap, input: JsonValue, ctx: StateContext, skip: number): Promise<ItemSource> {
  if (!state.itemReader) {
    const items = state.itemsPath.select(ctx.data(input));
    if (!Array.isArray(items)) {
      const shown = state.itemsPath.text.startsWith('$$') ? state.itemsPath.text.slice(1) : state.itemsPath.text;
      throw AslError.runtime(`Reference path "${shown}" must point to array.`);
    }
    if (!state.itemBatcher) return new ArrayChildren(items, items.length, skip);
    // The array is in memory already: its batches are built once, up front.
    const { limits, batchInput } = await batchSettings(state.itemBatcher, input, ctx);
    const selected: JsonValue[] = new Array<JsonValue>(items.length);
    for (let index = 0; index < items.length; index++) selected[index] = await selectItem(state, items[index] as JsonValue, index, input, ctx);
    const batches = groupIntoBatches(selected, limits, batchInput);
    return new ArrayChildren(batches, items.length, skip);
  }
  const feed = await openItemFeed(state.itemReader, input, ctx);
  const counting = await feed.open();
  let batching: BatchSettings | undefined;
  try {
    batching = state.itemBatcher ? await batchSettings(state.itemBatcher, input, ctx) : undefined;
  } catch (error) {
    counting.close();
    throw error;
  }
  const wrap = (cursor: ItemCursor): ItemCursor => (batching === undefined ? cursor : new BatchCursor(cursor, state, new BatchGrouper(batching), input, ctx));
  const counted = await countChildren(wrap(counting));
  return new PulledChildren(async () => wrap(await feed.open()), counted.items, counted.children, skip);
}

/** Reads every child's input once, keeping none: how many items, and children, there are. */
async function countChildren(children: ItemCursor): Promise<{ items: number; children: number }> {
  let count = 0;
  try {
    for (;;) {
      if (children.take() !== undefined) count++;
      else if (!(await children.fill())) break;
    }
  } finally {
    children.close();
  }
  // Without a batcher each item is a child.
  return { items: children instanceof BatchCursor ? children.itemsRead : count, children: count };
}

/** An array's items (or batches) by index: nothing to read, so nothing to wait for. */
class ArrayChildren implements ItemSource {
  onFailure: (error: unknown) => void = () => undefined;
  readonly total: number;

  constructor(
    private readonly inputs: readonly JsonValue[],
    readonly itemCount: number,
    public taken: number,
  ) {
    this.total = inputs.length;
  }

  next(): JsonValue | typeof NO_MORE {
    return this.taken < this.total ? (this.inputs[this.taken++] as JsonValue) : NO_MORE;
  }

  inputAt(index: number): Promise<JsonValue> {
    return Promise.resolve(this.inputs[index] ?? null);
  }

  close(): void {
    this.taken = this.total;
  }
}

/** Stands for the items before they are opened: nothing to take, so the first ask opens them. */
const NOTHING_YET: ItemCursor = { take: () => undefined, fill: () => Promise.resolve(false), close: () => undefined };

/** Reads past one child's input; false when there was none left. */
async function skipOne(cursor: ItemCursor): Promise<boolean> {
  if (cursor.take() !== undefined) return true;
  return (await cursor.fill()) && cursor.take() !== undefined;
}

/**
 * Hands the children's inputs out in order to whichever worker asks, one read at a time. The items
 * are opened on the first ask (a Map that fails before its first child leaves nothing open), and a
 * resumed Map's first ask reads past the children it had handed out.
 */
class PulledChildren implements ItemSource {
  taken = 0;
  private cursor: ItemCursor = NOTHING_YET;
  onFailure: (error: unknown) => void = () => undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private failed = false;
  private closed = false;
  /** inputAt's own pass over the items, and the index of the next input it would give. */
  private lookup: { cursor: ItemCursor; at: number } | undefined;

  constructor(
    private readonly reopen: () => Promise<ItemCursor>,
    readonly itemCount: number,
    readonly total: number,
    private readonly skip: number,
  ) {}

  next(): JsonValue | typeof NO_MORE | Promise<TakenChild | typeof NO_MORE> {
    // Ready now and nobody waiting before us: no promise (10,000 inline items cost no microtasks).
    if (this.waiting === 0) {
      const value = this.cursor.take();
      if (value !== undefined) {
        this.taken++;
        return value;
      }
    }
    this.waiting++;
    const taken = this.queue.then(() => this.pullOrFail());
    this.queue = taken.then(() => this.waiting--);
    return taken;
  }

  /** The next child's input after reading as much as it takes. */
  private async pull(): Promise<TakenChild | typeof NO_MORE> {
    if (this.cursor === NOTHING_YET) {
      if (this.closed) return NO_MORE;
      this.cursor = await this.reopen();
      for (; this.taken < this.skip; this.taken++) if (!(await skipOne(this.cursor))) break;
    }
    let value = this.cursor.take();
    if (value === undefined) {
      if (!(await this.cursor.fill())) return NO_MORE;
      value = this.cursor.take() as JsonValue;
    }
    return { index: this.taken++, value };
  }

  async inputAt(index: number): Promise<JsonValue> {
    if (this.lookup === undefined || this.lookup.at > index) {
      this.lookup?.cursor.close();
      this.lookup = { cursor: await this.reopen(), at: 0 };
    }
    const lookup = this.lookup;
    for (;;) {
      let value = lookup.cursor.take();
      if (value === undefined) {
        if (!(await lookup.cursor.fill())) return null;
        value = lookup.cursor.take() as JsonValue;
      }
      if (lookup.at++ === index) return value;
    }
  }

  close(): void {
    this.closed = true;
    this.cursor.close();
    this.lookup?.cursor.close();
    this.lookup = undefined;
  }

  /** A read that fails ends the handing out: the Map fails with it (onFailure), every worker gets NO_MORE. */
  private async pullOrFail(): Promise<TakenChild | typeof NO_MORE> {
    if (this.failed) return NO_MORE;
    try {
      return await this.pull();
    } catch (error) {
      this.failed = true;
      this.cursor.close();
      this.onFailure(error);
      return NO_MORE;
    }
  }
}
