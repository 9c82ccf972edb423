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
