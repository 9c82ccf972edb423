// ASL.md §7.8 ItemBatcher: a Distributed Map hands each child a batch of items,
// {"BatchInput": ..., "Items": [...]}, instead of one item. As on AWS, the ItemSelector shapes each
// item first and the batcher then groups the selected items, in order, closing a batch when the next
// item would pass MaxItemsPerBatch or MaxInputBytesPerBatch (never more than 256 KiB, AWS's payload limit).
// Batches are built as the items arrive (BatchCursor), so a streamed reader's items are never all held.
import { AslError } from '../core/errors.js';
import { jsonTypeName, type JsonValue } from '../core/json.js';
import type { CompiledItemBatcher, CompiledMap } from '../definition/compiled.js';
import type { CompiledJsonataValue, CompiledPath } from '../paths/evaluate-types.js';
import type { StateContext } from './context.js';
import type { ItemCursor } from './map-reader-cursor.js';
import { display, notValid, readInteger } from './map-settings.js';

/** AWS's ceiling for MaxInputBytesPerBatch, and the size of a batch when only MaxItemsPerBatch is given. */
export const MAX_BATCH_BYTES = 262_144;

export interface BatchLimits {
  /** Infinity when only MaxInputBytesPerBatch is given. */
  readonly maxItems: number;
  readonly maxBytes: number;
}

/** What a batcher groups with: its limits and BatchInput, evaluated once per Map. */
export interface BatchSettings {
  readonly limits: BatchLimits;
  /** undefined: the batches have no BatchInput key. */
  readonly batchInput: JsonValue | undefined;
}

/**
 * Evaluates the batcher's limits and BatchInput. Throws States.Runtime (JSONPath) or
 * States.QueryEvaluationError (JSONata) for an unusable limit.
 */
export async function batchSettings(batcher: CompiledItemBatcher, input: JsonValue, ctx: StateContext): Promise<BatchSettings> {
  return { limits: await batchLimits(batcher, input, ctx), batchInput: await evaluateBatchInput(batcher, input, ctx) };
}

/** Groups items in order; `batchInput` undefined leaves the key out, as AWS does without BatchInput. */
export function groupIntoBatches(items: readonly JsonValue[], limits: BatchLimits, batchInput: JsonValue | undefined): JsonValue[] {
  const grouper = new BatchGrouper({ limits, batchInput });
  const batches: JsonValue[] = [];
  for (let index = 0; index < items.length; index++) {
    const closed = grouper.add(items[index] as JsonValue, index);
    if (closed !== undefined) batches.push(closed);
  }
  const last = grouper.finish();
  if (last !== undefined) batches.push(last);
  return batches;
}

/**
 * Builds batches as the (selected) items arrive, in order: an item that would pass
 * MaxItemsPerBatch or MaxInputBytesPerBatch closes the batch and opens the next one. Throws
 * States.Runtime when one item alone is larger than MaxInputBytesPerBatch (no batch can hold it).
 */
export class BatchGrouper {
  // Sizes are UTF-8 bytes of the batch as the child receives it: {"BatchInput":...,"Items":[a,b]}.
  private readonly envelope: number;
  private current: JsonValue[] = [];
  private size: number;

  constructor(private readonly settings: BatchSettings) {
    const { batchInput } = settings;
    this.envelope = byteLength(JSON.stringify(batchInput === undefined ? { Items: [] } : { BatchInput: batchInput, Items: [] }));
    this.size = this.envelope;
  }

  /** Adds the item at `index`; returns the batch it closed, if it closed one. */
  add(item: JsonValue, index: number): JsonValue | undefined {
    const { maxItems, maxBytes } = this.settings.limits;
    const bytes = byteLength(JSON.stringify(item));
    let closed: JsonValue | undefined;
    if (this.current.length > 0 && (this.current.length >= maxItems || this.size + 1 + bytes > maxBytes)) closed = this.close();
    if (this.current.length === 0 && this.envelope + bytes > maxBytes) {
      throw AslError.runtime(`The item at index ${index} is ${bytes} bytes, more than the ItemBatcher's MaxInputBytesPerBatch of ${maxBytes} bytes (including the batch's envelope of ${this.envelope} bytes) allows.`);
    }
    this.size += (this.current.length > 0 ? 1 : 0) + bytes;
    this.current.push(item);
    return closed;
  }

  /** The last batch, if any item is left in it. */
  finish(): JsonValue | undefined {
    return this.current.length > 0 ? this.close() : undefined;
  }

  private close(): JsonValue {
    const { batchInput } = this.settings;
    const batch = batchInput === undefined ? { Items: this.current } : { BatchInput: batchInput, Items: this.current };
    this.current = [];
    this.size = this.envelope;
    return batch;
  }
}

/** Batches built from the items as they are read: the ItemSelector first, then the grouping (map-batcher.ts). */
export class BatchCursor implements ItemCursor {
  /** Items read so far (MapStateStarted counts items, not batches). */
  itemsRead = 0;
  private ready: JsonValue | undefined;
  private finished = false;

  constructor(
    private readonly items: ItemCursor,
    private readonly state: CompiledMap,
    private readonly grouper: BatchGrouper,
    private readonly input: JsonValue,
    private readonly ctx: StateContext,
  ) {}

  take(): JsonValue | undefined {
    const batch = this.ready;
    this.ready = undefined;
    return batch;
  }

  async fill(): Promise<boolean> {
    while (this.ready === undefined && !this.finished) {
      let item = this.items.take();
      if (item === undefined) {
        if (!(await this.items.fill())) {
          this.finished = true;
          this.ready = this.grouper.finish();
          break;
        }
        item = this.items.take() as JsonValue;
      }
      const index = this.itemsRead++;
      const selected = selectItem(this.state, item, index, this.input, this.ctx);
      this.ready = this.grouper.add(selected instanceof Promise ? await selected : selected, index);
    }
    return this.ready !== undefined;
  }

  close(): void {
    this.finished = true;
    this.items.close();
  }
}

async function batchLimits(batcher: CompiledItemBatcher, input: JsonValue, ctx: StateContext): Promise<BatchLimits> {
  const fromJsonata = batcher.jsonata;
  const maxItems = fromJsonata
    ? await jsonataInteger(fromJsonata.maxItems, 'ItemBatcher/MaxItemsPerBatch', ctx, Number.MAX_SAFE_INTEGER)
    : pathInteger(batcher.maxItemsPath, 'MaxItemsPerBatchPath', input, ctx, Number.MAX_SAFE_INTEGER) ?? batcher.maxItems;
  const maxBytes = fromJsonata
    ? await jsonataInteger(fromJsonata.maxBytes, 'ItemBatcher/MaxInputBytesPerBatch', ctx, MAX_BATCH_BYTES)
    : pathInteger(batcher.maxBytesPath, 'MaxInputBytesPerBatchPath', input, ctx, MAX_BATCH_BYTES) ?? batcher.maxBytes;
  return { maxItems: maxItems ?? Infinity, maxBytes: maxBytes ?? MAX_BATCH_BYTES };
}

function pathInteger(path: CompiledPath | undefined, field: string, input: JsonValue, ctx: StateContext, max: number): number | undefined {
  if (!path) return undefined;
  const value = path.select(ctx.data(input));
  const number = readInteger(value);
  if (number === undefined) throw notValid(field, value, 'integer', path.text);
  if (number < 1 || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `from 1 to ${max}`;
    throw AslError.runtime(`The ${field} field refers to value "${display(value)}" which is out of range; it must be ${range}: ${path.text}`);
  }
  return number;
}

async function jsonataInteger(value: CompiledJsonataValue | undefined, field: string, ctx: StateContext, max: number): Promise<number | undefined> {
  if (!value) return undefined;
  const result = await ctx.evaluateJsonata(value, field);
  if (typeof result !== 'number' || !Number.isInteger(result) || result < 1 || result > max) {
    const expected = max === Number.MAX_SAFE_INTEGER ? 'positive integer' : `integer from 1 to ${max}`;
    const cause = `The JSONata expression '${value.text ?? ''}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(result)}' for value: ${JSON.stringify(result)}`;
    throw new AslError('States.QueryEvaluationError', cause, true, field);
  }
  return result;
}

async function evaluateBatchInput(batcher: CompiledItemBatcher, input: JsonValue, ctx: StateContext): Promise<JsonValue | undefined> {
  if (batcher.jsonata) return batcher.jsonata.batchInput ? ctx.evaluateJsonata(batcher.jsonata.batchInput, 'ItemBatcher/BatchInput') : undefined;
  return batcher.batchInput ? batcher.batchInput.evaluate(ctx.data(input)) : undefined;
}

/** The item as its child would see it without a batcher: the ItemSelector's value, or the item itself (a promise only for JSONata). */
export function selectItem(state: CompiledMap, value: JsonValue, index: number, input: JsonValue, ctx: StateContext): Promise<JsonValue> | JsonValue {
  if (state.jsonata?.itemSelector) return ctx.evaluateJsonata(state.jsonata.itemSelector, 'ItemSelector', { index, value });
  return state.itemSelector ? state.itemSelector.evaluate(ctx.data(input, { index, value })) : value;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
