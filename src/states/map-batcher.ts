// ASL.md §7.8 ItemBatcher: a Distributed Map hands each child a batch of items,
// {"BatchInput": ..., "Items": [...]}, instead of one item. As on AWS, the ItemSelector shapes each
// item first and the batcher then groups the selected items, in order, closing a batch when the next
// item would pass MaxItemsPerBatch or MaxInputBytesPerBatch (never more than 256 KiB, AWS's payload limit).
import { AslError } from '../core/errors.js';
import { jsonTypeName, type JsonValue } from '../core/json.js';
import type { CompiledItemBatcher, CompiledMap } from '../definition/compiled.js';
import type { CompiledJsonataValue, CompiledPath } from '../paths/evaluate-types.js';
import type { StateContext } from './context.js';
import { display, notValid, readInteger } from './map-settings.js';

/** AWS's ceiling for MaxInputBytesPerBatch, and the size of a batch when only MaxItemsPerBatch is given. */
export const MAX_BATCH_BYTES = 262_144;

export interface BatchLimits {
  /** Infinity when only MaxInputBytesPerBatch is given. */
  readonly maxItems: number;
  readonly maxBytes: number;
}

/**
 * Each child's input: the items after the ItemSelector, grouped into batches. Throws States.Runtime
 * (JSONPath) or States.QueryEvaluationError (JSONata) for an unusable limit, and States.Runtime
 * when one item alone is larger than MaxInputBytesPerBatch (no batch can hold it).
 */
export async function batchItems(state: CompiledMap, batcher: CompiledItemBatcher, items: readonly JsonValue[], input: JsonValue, ctx: StateContext): Promise<JsonValue[]> {
  const limits = await batchLimits(batcher, input, ctx);
  const batchInput = await evaluateBatchInput(batcher, input, ctx);
  const selected: JsonValue[] = new Array<JsonValue>(items.length);
  for (let index = 0; index < items.length; index++) selected[index] = await selectItem(state, items[index] as JsonValue, index, input, ctx);
  return groupIntoBatches(selected, limits, batchInput);
}

/** Groups items in order; `batchInput` undefined leaves the key out, as AWS does without BatchInput. */
export function groupIntoBatches(items: readonly JsonValue[], limits: BatchLimits, batchInput: JsonValue | undefined): JsonValue[] {
  // Sizes are UTF-8 bytes of the batch as the child receives it: {"BatchInput":...,"Items":[a,b]}.
  const envelope = byteLength(JSON.stringify(batchInput === undefined ? { Items: [] } : { BatchInput: batchInput, Items: [] }));
  const batches: JsonValue[] = [];
  let current: JsonValue[] = [];
  let size = envelope;
  const close = (): void => {
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    size = envelope;
  };
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as JsonValue;
    const bytes = byteLength(JSON.stringify(item));
    if (current.length > 0 && (current.length >= limits.maxItems || size + 1 + bytes > limits.maxBytes)) close();
    const added = (current.length > 0 ? 1 : 0) + bytes;
    if (current.length === 0 && envelope + bytes > limits.maxBytes) {
      throw AslError.runtime(`The item at index ${index} is ${bytes} bytes, more than the ItemBatcher's MaxInputBytesPerBatch of ${limits.maxBytes} bytes (including the batch's envelope of ${envelope} bytes) allows.`);
    }
    current.push(item);
    size += added;
  }
  if (current.length > 0) close();
  return batches;
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
