// Per-execution and per-scope state of a run: the Runtime bundle (ports and limits, one per
// execution) and the Frame of one thread (top level, one branch, one iteration).
import type { Clock } from '../core/clock.js';
import { AslError } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { Random } from '../core/random.js';
import type { CompiledMachine } from '../definition/compiled.js';
import type { ParsedResource } from '../integrations/types.js';
import type { HistoryRecorder, Thread } from './history.js';

/** Workflow variables of one scope; reads fall through to enclosing scopes (VARIABLES.md §5). */
export class VariableScope {
  private values: Map<string, JsonValue> | undefined;

  constructor(private readonly parent: VariableScope | undefined) {}

  get(name: string): JsonValue | undefined {
    const own = this.values?.get(name);
    return own !== undefined ? own : this.parent?.get(name);
  }

  /** Every visible variable by name, inner scopes winning (for JSONata bindings). */
  snapshot(): Record<string, JsonValue> {
    const outer = this.parent ? this.parent.snapshot() : {};
    if (this.values) for (const [name, value] of this.values) outer[name] = value;
    return outer;
  }

  /** This scope's own value (not an enclosing scope's). */
  own(name: string): JsonValue | undefined {
    return this.values?.get(name);
  }

  set(name: string, value: JsonValue): void {
    (this.values ??= new Map()).set(name, value);
  }
}

export interface RuntimeLimits {
  readonly payloadBytes: number;
  /** Express only; Infinity when lifted. */
  readonly maxTransitions: number;
}

/** Everything shared by all scopes of one execution. */
export interface Runtime {
  readonly machine: CompiledMachine;
  readonly clock: Clock;
  readonly random: Random;
  readonly recorder: HistoryRecorder;
  readonly limits: RuntimeLimits;
  /** $$ as built at start: its Execution and StateMachine are shared by every visit's $$. */
  readonly contextBase: JsonObject;
  readonly region: string;
  readonly executionArn: string;
  transitions: number;
  /** Bytes held by all variables of the execution (VARIABLES.md §6: at most 10 MiB). */
  variableBytes: number;
  invoke(resource: ParsedResource, parameters: JsonValue, stateName: string, signal: AbortSignal): Promise<JsonValue>;
  resource(arn: string): ParsedResource;
}

export interface Frame {
  readonly thread: Thread;
  readonly variables: VariableScope;
  readonly signal: AbortSignal;
  /** A Distributed Map child: its events belong to its own execution, not the parent's history. */
  readonly silent: boolean;
}

/** Every frame is built here, so that all frames share one shape and the code reading them stays monomorphic. */
export function newFrame(thread: Thread, variables: VariableScope, signal: AbortSignal, silent: boolean): Frame {
  return { thread, variables, signal, silent };
}

/** UTF-8 size of a value's JSON text, cached per object since unchanged payloads pass through many states. */
const sizeCache = new WeakMap<object, number>();

export function payloadBytes(value: JsonValue): number {
  if (typeof value !== 'object' || value === null) return Buffer.byteLength(JSON.stringify(value));
  const cached = sizeCache.get(value);
  if (cached !== undefined) return cached;
  const size = Buffer.byteLength(JSON.stringify(value));
  sizeCache.set(value, size);
  return size;
}

/**
 * Whether an upper bound of a value's JSON size stays within `limit`: every character may take
 * 6 bytes (a \u escape), every number 24. Walking without building text is much cheaper than
 * JSON.stringify, and almost every payload is far below the limit; a value that does not pass is
 * measured exactly (and its size cached).
 */
function boundedBelow(value: JsonValue, limit: number): boolean {
  return sizeBound(value, limit, 0) <= limit;
}

/** Recursion allocates nothing (this runs 3 times per Task); past RECURSION_LIMIT levels, a stack. */
const RECURSION_LIMIT = 64;

/** The bound of a string or scalar; of a member name (quotes and colon) it is keyBound. */
function leafBound(node: JsonValue): number {
  return typeof node === 'string' ? node.length * 6 + 2 : 24;
}
function keyBound(key: string): number {
  return key.length * 6 + 4;
}

function sizeBound(node: JsonValue, limit: number, depth: number): number {
  if (typeof node !== 'object' || node === null) return leafBound(node);
  if (depth > RECURSION_LIMIT) return stackBound(node, limit);
  let bound = 2;
  if (Array.isArray(node)) {
    bound += node.length;
    for (const item of node) {
      bound += sizeBound(item, limit, depth + 1);
      if (bound > limit) return bound;
    }
  } else {
    for (const key in node) {
      bound += keyBound(key) + sizeBound(node[key] as JsonValue, limit, depth + 1);
      if (bound > limit) return bound;
    }
  }
  return bound;
}

/** The same bound for deeply nested values, without recursion (a 100,000-deep value cannot overflow the stack). */
function stackBound(value: JsonValue, limit: number): number {
  let bound = 0;
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as JsonValue;
    if (typeof node !== 'object' || node === null) bound += leafBound(node);
    else if (Array.isArray(node)) {
      bound += 2 + node.length;
      for (const item of node) stack.push(item);
    } else {
      bound += 2;
      for (const key in node) {
        bound += keyBound(key);
        stack.push(node[key] as JsonValue);
      }
    }
    if (bound > limit) return bound;
  }
  return bound;
}

/** LIMITS.md §1: the cause AWS gives, naming the state or task that produced the value. */
export function checkPayload(rt: Runtime, value: JsonValue, subject: string): void {
  const known = typeof value === 'object' && value !== null ? sizeCache.get(value) : undefined;
  if (known === undefined && boundedBelow(value, rt.limits.payloadBytes)) return;
  if ((known ?? payloadBytes(value)) > rt.limits.payloadBytes) {
    throw new AslError(
      'States.DataLimitExceeded',
      `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      false,
    );
  }
}
