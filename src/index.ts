/**
 * asl-engine: run, test and validate Amazon States Language state machines outside AWS.
 * @packageDocumentation
 */
export type { JsonValue, JsonObject } from './core/json.js';
export type { Diagnostic, DiagnosticCode, Severity } from './definition/diagnostic.js';
export { DIAGNOSTIC_CODES } from './definition/diagnostic.js';
export type { ParseOptions, SourceFormat, SourcePosition } from './definition/source.js';
/**
 * Parse definition text (JSON or YAML) keeping source positions.
 * @example
 * const parsed = parseDefinition(text, { fileName: 'machine.asl.json' });
 * parsed.value; parsed.diagnostics; parsed.locate('/States/A/Next');
 */
export { ParsedDefinition, parseDefinition } from './definition/source.js';
export type { StateMachineType, ValidateOptions, ValidationResult } from './definition/validate.js';
/**
 * Validate a definition (text, parsed definition or JSON value) the way AWS Step Functions does.
 * @example
 * const { valid, diagnostics } = validateDefinition(text, { fileName: 'machine.asl.json' });
 */
export { validateDefinition } from './definition/validate.js';

/**
 * Build a state machine (compiled once) and run executions of it.
 * @example
 * const machine = createStateMachine(definition, { clock: new VirtualClock({ autoAdvance: true }), lambdas: { greet: (e) => ({ hi: e }) } });
 * const execution = machine.start({ name: 'Ada' });
 * const result = await execution.result; // { status: 'SUCCEEDED', output: ... }
 */
export { createStateMachine } from './runtime/execution.js';
export type {
  Execution,
  ExecutionResult,
  ExecutionStatus,
  StartOptions,
  StateMachine,
  StateMachineOptions,
} from './runtime/types.js';
export {
  AWS_PAYLOAD_LIMIT_BYTES,
  DEFAULT_MAX_EXPRESS_TRANSITIONS,
  DEFAULT_MAX_HISTORY_EVENTS,
  DEFAULT_PAYLOAD_LIMIT_BYTES,
} from './runtime/types.js';
/** Thrown by createStateMachine when the definition is invalid; `diagnostics` says why. */
export { DefinitionError } from './definition/compile.js';
/**
 * Clocks: SystemClock (default) and VirtualClock, which only moves when told to, or by itself
 * to the next timer with `autoAdvance` — so Waits and retries cost no real time.
 * @example
 * const clock = new VirtualClock({ autoAdvance: true });
 */
export { SystemClock, VirtualClock } from './core/clock.js';
export type { Clock, VirtualClockOptions } from './core/clock.js';
/** Renders a history event exactly as AWS GetExecutionHistory does (payloads as JSON strings). */
export { toAwsHistoryEvent } from './core/events.js';
export type { EventDetails, HistoryEvent, HistoryEventType } from './core/events.js';
export type { Integration, LambdaContext, LambdaHandler, ParsedResource, TaskContext, TaskRequest } from './integrations/types.js';
/** The error a custom integration or Lambda handler throws to fail a task with an ASL error name. */
export { AslError } from './core/errors.js';
export type { MockConfig, MockResponse } from './integrations/mock-config.js';
