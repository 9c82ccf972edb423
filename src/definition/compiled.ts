// CONTRACT: what the runtime consumes. A compiled machine holds no raw definition JSON for the
// interpreter to read: every path and template is pre-compiled, defaults are filled in, and
// every Next/Default/Catch Next is resolved to the state object it names.
import type { JsonObject, JsonValue } from '../core/json.js';
import type {
  CompiledJsonataValue,
  CompiledExpression,
  CompiledPath,
  CompiledResultPath,
  CompiledTemplate,
} from '../paths/evaluate-types.js';
import type { CompiledItemReader } from './compiled-map-reader.js';
import type { QueryLanguage, StateMachineType } from './model.js';
import type { StringMatcher } from './string-matches.js';

export interface CompiledMachine {
  readonly root: CompiledScope;
  /** Every scope by id: the machine (0), then each Parallel branch and Map processor in pre-order. */
  readonly scopes: readonly CompiledScope[];
  /** Execution-level TimeoutSeconds. */
  readonly timeoutSeconds: number | undefined;
  readonly queryLanguage: QueryLanguage;
  readonly type: StateMachineType;
  /** The definition as given, for $$.StateMachine and describe-style output only. */
  readonly definition: JsonObject;
}

/** The top level, one Parallel branch, or one Map ItemProcessor. */
export interface CompiledScope {
  /** Position in CompiledMachine.scopes; stable for a given definition text. */
  readonly id: number;
  readonly startAt: CompiledState;
  readonly states: ReadonlyMap<string, CompiledState>;
}

export type CompiledState =
  | CompiledPass
  | CompiledTask
  | CompiledChoice
  | CompiledWait
  | CompiledSucceed
  | CompiledFail
  | CompiledParallel
  | CompiledMap;

export type StateType = CompiledState['type'];

export interface StateBase {
  readonly name: string;
  readonly queryLanguage: QueryLanguage;
  /** null when InputPath/OutputPath is JSON null ({} results); a "$" path when absent. */
  readonly inputPath: CompiledPath | null;
  readonly outputPath: CompiledPath | null;
  /** State-level Assign (JSONPath template), evaluated against the state's result. */
  readonly assign: CompiledTemplate | undefined;
  /** The JSONata-mode fields; undefined for JSONPath states (JSONATA.md §2). */
  readonly jsonata: JsonataFields | undefined;
}

/**
 * A JSONata state's expression-valued fields, compiled once. Absent fields take AWS's defaults
 * (Arguments: the input; Output: the result or the input; Items: the input).
 */
export interface JsonataFields {
  readonly arguments?: CompiledJsonataValue;
  readonly output?: CompiledJsonataValue;
  /** The Assign object as a whole: evaluates to {name: value}. */
  readonly assign?: CompiledJsonataValue;
  readonly items?: CompiledJsonataValue;
  readonly itemSelector?: CompiledJsonataValue;
  readonly seconds?: CompiledJsonataValue;
  readonly timestamp?: CompiledJsonataValue;
  readonly timeoutSeconds?: CompiledJsonataValue;
  readonly heartbeatSeconds?: CompiledJsonataValue;
  /** Task Credentials ({"RoleArn": ...}), evaluated per visit. */
  readonly credentials?: CompiledJsonataValue;
  readonly maxConcurrency?: CompiledJsonataValue;
  readonly toleratedFailureCount?: CompiledJsonataValue;
  readonly toleratedFailurePercentage?: CompiledJsonataValue;
  readonly error?: CompiledJsonataValue;
  readonly cause?: CompiledJsonataValue;
  /** Index-aligned with CompiledChoice.choices. */
  readonly choices?: ReadonlyArray<{ readonly condition: CompiledJsonataValue; readonly output?: CompiledJsonataValue; readonly assign?: CompiledJsonataValue }>;
  /** Index-aligned with the state's catchers. */
  readonly catchers?: ReadonlyArray<{ readonly output?: CompiledJsonataValue; readonly assign?: CompiledJsonataValue }>;
}

/** Next/End of the states that transition. `next` is set once at compile time; undefined when End. */
interface Transitions {
  next: CompiledState | undefined;
}

export interface CompiledRetrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds: number | undefined;
  readonly jitter: 'FULL' | 'NONE';
}

export interface CompiledCatcher {
  readonly errorEquals: readonly string[];
  next: CompiledState;
  /** null discards the error output; "$" when absent. */
  readonly resultPath: CompiledResultPath | null;
  readonly assign: CompiledTemplate | undefined;
}

/** Fields shared by Task, Parallel and Map. */
interface ResultHandling {
  readonly parameters: CompiledTemplate | undefined;
  readonly resultSelector: CompiledTemplate | undefined;
  /** null discards the result; "$" when absent. */
  readonly resultPath: CompiledResultPath | null;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
}

export interface CompiledPass extends StateBase, Transitions {
  readonly type: 'Pass';
  readonly parameters: CompiledTemplate | undefined;
  /** The static Result; undefined when absent (the effective input is the result). */
  readonly result: JsonValue | undefined;
  readonly resultPath: CompiledResultPath | null;
}

export interface CompiledTask extends StateBase, Transitions, ResultHandling {
  readonly type: 'Task';
  readonly resource: string;
  readonly timeoutSeconds: number | undefined;
  readonly timeoutSecondsPath: CompiledPath | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly heartbeatSecondsPath: CompiledPath | undefined;
  readonly credentials: CompiledTemplate | undefined;
}

export type StringOperator = 'StringEquals' | 'StringLessThan' | 'StringGreaterThan' | 'StringLessThanEquals' | 'StringGreaterThanEquals';
export type NumericOperator = 'NumericEquals' | 'NumericLessThan' | 'NumericGreaterThan' | 'NumericLessThanEquals' | 'NumericGreaterThanEquals';
export type TimestampOperator = 'TimestampEquals' | 'TimestampLessThan' | 'TimestampGreaterThan' | 'TimestampLessThanEquals' | 'TimestampGreaterThanEquals';
export type TypeTest = 'IsNull' | 'IsPresent' | 'IsNumeric' | 'IsString' | 'IsBoolean' | 'IsTimestamp';

/** A Choice rule as a small predicate tree (ASL.md §7.3). */
export type ChoiceRule =
  | { readonly kind: 'and'; readonly rules: readonly ChoiceRule[] }
  | { readonly kind: 'or'; readonly rules: readonly ChoiceRule[] }
  | { readonly kind: 'not'; readonly rule: ChoiceRule }
  | {
      readonly kind: 'compare';
      readonly variable: CompiledPath;
      readonly family: 'String' | 'Numeric' | 'Timestamp' | 'Boolean';
      /** Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals. */
      readonly relation: 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';
      /** The literal operand; for Timestamp* already parsed to epoch ms. */
      readonly operand: JsonValue;
      /** Set for the *Path operators: the operand is read at run time. */
      readonly operandPath: CompiledPath | undefined;
    }
  | { readonly kind: 'matches'; readonly variable: CompiledPath; readonly pattern: StringMatcher }
  | { readonly kind: 'type-test'; readonly variable: CompiledPath; readonly test: TypeTest; readonly expected: boolean };

export interface CompiledChoiceBranch {
  readonly rule: ChoiceRule;
  next: CompiledState;
  readonly assign: CompiledTemplate | undefined;
}

export interface CompiledChoice extends StateBase {
  readonly type: 'Choice';
  readonly choices: readonly CompiledChoiceBranch[];
  default: CompiledState | undefined;
}

export interface CompiledWait extends StateBase, Transitions {
  readonly type: 'Wait';
  readonly seconds: number | undefined;
  readonly secondsPath: CompiledPath | undefined;
  /** Epoch ms of a static Timestamp. */
  readonly timestamp: number | undefined;
  readonly timestampPath: CompiledPath | undefined;
}

export interface CompiledSucceed extends StateBase {
  readonly type: 'Succeed';
}

export interface CompiledFail extends StateBase {
  readonly type: 'Fail';
  readonly error: string | undefined;
  readonly errorPath: CompiledExpression | undefined;
  readonly cause: string | undefined;
  readonly causePath: CompiledExpression | undefined;
}

export interface CompiledParallel extends StateBase, Transitions, ResultHandling {
  readonly type: 'Parallel';
  readonly branches: readonly CompiledScope[];
}

export interface CompiledMap extends StateBase, Transitions, ResultHandling {
  readonly type: 'Map';
  readonly processor: CompiledScope;
  readonly mode: 'INLINE' | 'DISTRIBUTED';
  /** For DISTRIBUTED: the type of each child execution. */
  readonly executionType: StateMachineType;
  /** "$" when absent. */
  readonly itemsPath: CompiledPath;
  /** ItemSelector, or the legacy Parameters. */
  readonly itemSelector: CompiledTemplate | undefined;
  /** 0 = unbounded. */
  readonly maxConcurrency: number;
  readonly maxConcurrencyPath: CompiledPath | undefined;
  readonly toleratedFailurePercentage: number | undefined;
  readonly toleratedFailurePercentagePath: CompiledPath | undefined;
  readonly toleratedFailureCount: number | undefined;
  readonly toleratedFailureCountPath: CompiledPath | undefined;
  readonly label: string | undefined;
  /** Distributed Map: where the items come from instead of ItemsPath/Items (ItemsPath is then ignored, as on AWS). */
  readonly itemReader: CompiledItemReader | undefined;
  /** ItemBatcher: children get {"Items": [...], "BatchInput": ...} instead of one item each. */
  readonly itemBatcher: CompiledItemBatcher | undefined;
  /** ResultWriter: the children's results go to S3 and the Map's result names where. */
  readonly resultWriter: CompiledResultWriter | undefined;
}

/** A Distributed Map's ItemBatcher (ASL.md §7.8). JSONata states carry `jsonata` instead of the *Path fields. */
export interface CompiledItemBatcher {
  readonly maxItems: number | undefined;
  readonly maxItemsPath: CompiledPath | undefined;
  readonly maxBytes: number | undefined;
  readonly maxBytesPath: CompiledPath | undefined;
  readonly batchInput: CompiledTemplate | undefined;
  readonly jsonata: { readonly maxItems?: CompiledJsonataValue; readonly maxBytes?: CompiledJsonataValue; readonly batchInput?: CompiledJsonataValue } | undefined;
}

/** A Distributed Map's ResultWriter (ASL.md §7.8); `resource` undefined: WriterConfig alone shapes the Map's result. */
export interface CompiledResultWriter {
  readonly resource: string | undefined;
  readonly parameters: CompiledTemplate | undefined;
  readonly arguments: CompiledJsonataValue | undefined;
  readonly outputType: 'JSON' | 'JSONL';
  /** Undefined when WriterConfig says nothing: NONE for files in S3, COMPACT for the state's result. */
  readonly transformation: 'NONE' | 'COMPACT' | 'FLATTEN' | undefined;
}
