/**
 * One evaluation of a JSONata field (paths/jsonata.ts) and the bounds that keep a hostile
 * expression from hanging or exhausting the process. JSONata has no limits of its own, so, like
 * its test-suite's `timeboxExpression`, we hook every step through the engine's
 * `__evaluate_entry`/`__evaluate_exit` callbacks.
 */
import { performance } from 'node:perf_hooks';
import type jsonata from 'jsonata';
import type { Random } from '../core/random.js';
import { useLinearRegex } from './jsonata-module.js';
import { expandedSize } from './jsonata-size.js';

export interface JsonataLimits {
  /** Wall-clock budget for evaluating one field (all of its expressions), in ms. */
  readonly timeMs: number;
  /**
   * Function calls in flight at once: the depth of a non-tail recursion, plus calls that a group-by
   * (`items{key: $f(value)}`) runs side by side, one per group.
   */
  readonly callDepth: number;
  /** Values (containers included) in any step's result, a shared sub-value counted each time it appears. */
  readonly maxNodes: number;
  /** Longest string any step may produce. */
  readonly maxStringLength: number;
}

/**
 * Defaults: JSON of two million values or a million characters is far beyond AWS's 256 KiB payload
 * limit (JSONata's own `[1..1000000]` still fits). A pending call holds about 4 KB of heap in
 * JSONata's async evaluator, so 10,000 of them (a group-by over 10,000 groups) cost some 40 MB.
 */
export const DEFAULT_JSONATA_LIMITS: JsonataLimits = {
  timeMs: 5000,
  callDepth: 10_000,
  maxNodes: 2_000_000,
  maxStringLength: 1_000_000,
};

/**
 * The binding under which the run travels through JSONata's environment. The space makes it a name
 * no expression can spell (a `$name` token stops at whitespace), so users cannot read or shadow it.
 */
export const RUN_KEY = 'asl run';

/** Per-evaluation state, read by the hooks and by the AWS functions through `RUN_KEY`. */
export class JsonataRun {
  /** JSONata's date functions read the environment's timestamp; ours comes from the clock. */
  readonly date: Date;
  readonly deadline: number;
  /** Lambda bodies being evaluated right now. */
  calls = 0;
  /** Set once the field has settled: branches still running after a failure stop at their next step. */
  settled = false;

  constructor(
    readonly now: number,
    readonly random: Random,
    readonly limits: JsonataLimits,
  ) {
    this.date = new Date(now);
    this.deadline = performance.now() + limits.timeMs;
  }
}

/** A bound was hit: the detail completes "The JSONata expression '…' specified for the field '…' ". */
export class BoundExceeded extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'BoundExceeded';
  }
}

/** The environment frame JSONata hands to its hooks (only what we use of it). */
interface HookEnvironment {
  lookup(name: string): unknown;
  timestamp: Date | null;
}

/** Every lambda body of every compiled expression: entering one is a function call. */
const LAMBDA_BODIES = new WeakSet<object>();

function runOf(env: HookEnvironment): JsonataRun | undefined {
  const run = env.lookup(RUN_KEY);
  return run instanceof JsonataRun ? run : undefined;
}

function onEntry(expr: object, _input: unknown, env: HookEnvironment): void {
  const run = runOf(env);
  if (run === undefined) return;
  if (run.settled) throw new Error('the evaluation was abandoned');
  // The root step sees the frame JSONata stamped with the wall clock; every later frame copies it.
  if (env.timestamp !== run.date) env.timestamp = run.date;
  // A /regex/ is about to be built from JSONata's global engine: make sure it is RE2 (jsonata-module.ts).
  if ((expr as { type?: unknown }).type === 'regex') useLinearRegex();
  if (performance.now() > run.deadline) {
    throw new BoundExceeded(`exceeded asl-engine's time bound of ${run.limits.timeMs} ms (an infinite loop?).`);
  }
  if (LAMBDA_BODIES.has(expr) && ++run.calls > run.limits.callDepth) {
    throw new BoundExceeded(
      `exceeded asl-engine's depth bound of ${run.limits.callDepth} function calls in flight (unbounded recursion? tail calls do not count).`,
    );
  }
}

/**
 * Steps that only navigate, or pass on a value another step made and measured, cannot enlarge a
 * value, so their results are not measured again. Variables are measured: a native function in
 * tail position (`function($a){ $append($a, $a) }`) returns through no step, so an accumulator
 * growing in $reduce is only seen when the next round reads it.
 */
const PASS_THROUGH = new Set(['name', 'wildcard', 'parent', 'block', 'condition', 'bind', 'string', 'number', 'value', 'regex', 'lambda']);

function enlarges(expr: object): boolean {
  const node = expr as { type?: unknown; group?: unknown };
  if (node.type === 'path') return node.group !== undefined; // a path with {…} builds an object
  return typeof node.type !== 'string' || !PASS_THROUGH.has(node.type);
}

function onExit(expr: object, _input: unknown, env: HookEnvironment, result: unknown): void {
  const run = runOf(env);
  if (run === undefined) return;
  if (LAMBDA_BODIES.has(expr)) run.calls--;
  // Checked after the fact: the step already built the value, but the next doubling never happens.
  const { maxNodes, maxStringLength } = run.limits;
  if (typeof result === 'string' && result.length > maxStringLength) {
    throw new BoundExceeded(`exceeded asl-engine's size bound: a step produced a string of ${result.length} characters (the limit is ${maxStringLength}).`);
  }
  if (typeof result === 'object' && result !== null && enlarges(expr) && expandedSize(result, maxNodes) > maxNodes) {
    throw new BoundExceeded(`exceeded asl-engine's size bound: a step produced a value of more than ${maxNodes} JSON values.`);
  }
}

type SymbolAssign = (name: symbol, value: unknown) => void;

/** Installs the bounds on a compiled expression (once, at compile time). */
export function installBounds(expression: jsonata.Expression): void {
  markLambdaBodies(expression.ast());
  // jsonata.d.ts types `assign` with string names, but the hooks are looked up by these symbols.
  const assign = expression.assign as unknown as SymbolAssign;
  assign(Symbol.for('jsonata.__evaluate_entry'), onEntry);
  assign(Symbol.for('jsonata.__evaluate_exit'), onExit);
}

/**
 * Records the body of every lambda in the AST (walked without recursion: ASTs can be deep). Tail
 * calls are compiled to thunk lambdas whose bodies JSONata never evaluates whole, so a tail-recursive
 * loop keeps the call count at 1 and only the time bound stops it.
 */
function markLambdaBodies(root: unknown): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const fields = node as Record<string, unknown>;
    if (fields['type'] === 'lambda' && fields['thunk'] !== true && typeof fields['body'] === 'object' && fields['body'] !== null) {
      LAMBDA_BODIES.add(fields['body']);
    }
    for (const child of Object.values(fields)) {
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}
