// CONTRACT between the compiler, the runtime and the path evaluators: what a compiled path,
// reference path, template or intrinsic call looks like once parsed (ARCHITECTURE.md 1.1: parse once).
import type { JsonValue } from '../core/json.js';
import type { Random } from '../core/random.js';

/** Everything a path or template may read: $ (input), $$ (context object) and $name (variables). */
export interface DataContext {
  readonly input: JsonValue;
  readonly context: JsonValue;
  /** Workflow variable lookup; undefined when the variable is not assigned. */
  readonly variable: (name: string) => JsonValue | undefined;
  /** The execution's seeded randomness, for States.MathRandom and States.UUID. */
  readonly random: Random;
}

/**
 * What a compiled path, expression or template may read besides `$`, so the runtime can skip
 * building the context object (ASL.md §6) or looking variables up for states that never use them.
 * Both are set by every compiler in src/paths/; absent means "unknown", to be treated as true.
 */
export interface DataReads {
  /** True when some part reads `$$` (the context object). */
  readonly readsContext?: boolean;
  /** True when some part reads a workflow variable (`$name`). */
  readonly readsVariables?: boolean;
}

/** A compiled Path (InputPath, OutputPath, ItemsPath, Choice Variable, *Path fields). */
export interface CompiledPath extends DataReads {
  readonly text: string;
  /**
   * The value the path names. A general path (wildcards, filters...) gathers its matches into an
   * array, `[]` when nothing matches (Jayway's indefinite paths). A single-node path throws
   * AslError('States.Runtime', "Invalid path '<text>' : No results for path: $['x']") (or
   * "Missing property in path $['a']") when it names nothing — the runtime adds the state prefix.
   */
  select(data: DataContext): JsonValue;
  /**
   * The value, or undefined when a single-node path names nothing (Choice IsPresent, optional
   * reads). A general path still returns its (possibly empty) array of matches.
   */
  find(data: DataContext): JsonValue | undefined;
}

/** A compiled ResultPath: where a result is written into the raw state input. */
export interface CompiledResultPath {
  readonly text: string;
  /**
   * Returns a copy of `target` with `value` written at the path, copying only along the path
   * (copy-on-write; `target` is never mutated). "$" returns `value`. Creates missing intermediate
   * objects. Throws AslError('States.ResultPathMatchFailure', cause) when the target or an
   * intermediate node is not an object (or an index is out of range).
   */
  write(target: JsonValue, value: JsonValue): JsonValue;
}

/** A compiled ".$" value or ErrorPath/CausePath: a path, a context path, a variable or an intrinsic call. */
export interface CompiledExpression extends DataReads {
  readonly text: string;
  /**
   * Throws AslError('States.Runtime', "The JSONPath '<p>' specified for the field '<field>' could not
   * be found in the input '<compact input json>'") for a missing path, and
   * AslError('States.IntrinsicFailure', cause) when an intrinsic function fails.
   */
  evaluate(data: DataContext, field: string): JsonValue;
}

/** A compiled payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign...). */
export interface CompiledTemplate extends DataReads {
  /** Builds a fresh JSON value; literal parts may be shared (they are never mutated). */
  evaluate(data: DataContext): JsonValue;
}

/** What a JSONata expression may read (JSONATA.md §3): $states.* and the workflow variables. */
export interface JsonataBindings {
  /** $states.input: the state's raw input. */
  readonly input: JsonValue;
  /** $states.context: the context object. */
  readonly context: JsonValue;
  /** $states.result: only in Output/Assign of Task, Parallel and Map. */
  readonly result?: JsonValue;
  /** $states.errorOutput: only in a catcher's Output/Assign. */
  readonly errorOutput?: JsonValue;
  /** Every workflow variable visible to the state, by name ($name). */
  readonly variables: Readonly<Record<string, JsonValue>>;
  /** For $random() and $uuid(). */
  readonly random: Random;
  /** Epoch ms for $now()/$millis(), from the execution's clock. */
  readonly now: number;
}

/**
 * A JSON value in a JSONata state, compiled once: every "{% %}" string inside it (at any depth,
 * arrays included) is a compiled JSONata expression; everything else is literal.
 */
export interface CompiledJsonataValue {
  /** True when the value holds no expression (evaluate returns the literal). */
  readonly isStatic: boolean;
  /** When the whole value is one "{% %}" expression: its body as written (AWS quotes it in causes). */
  readonly text?: string;
  /**
   * Evaluates every expression. `field` is the field path used in causes and EvaluationFailed
   * locations ("Output", nested as "Output/result", "Arguments/FunctionName"). Rejects with
   * AslError('States.QueryEvaluationError', "The JSONata expression '<expr>' specified for the
   * field '<field>' returned nothing (undefined)." | "... threw an error during evaluation. <msg>"
   * | "... returned an unsupported result type.", stateScoped, location = field path).
   */
  evaluate(bindings: JsonataBindings, field: string): Promise<JsonValue>;
}
