// CONTRACT (being implemented): schema pass, then semantic checks.
import type { JsonValue } from '../core/json.js';
import type { Diagnostic } from './diagnostic.js';
import { ParsedDefinition, parseDefinition } from './source.js';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export interface ValidateOptions {
  /** The state machine type the definition is validated for; EXPRESS rejects .sync and .waitForTaskToken. */
  readonly type?: StateMachineType;
  /** Used to pick JSON or YAML when the input is text. */
  readonly fileName?: string;
}

export interface ValidationResult {
  /** False when any diagnostic is an ERROR. */
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export function validateDefinition(
  input: string | ParsedDefinition | JsonValue,
  options: ValidateOptions = {},
): ValidationResult {
  const parsed =
    input instanceof ParsedDefinition
      ? input
      : typeof input === 'string'
        ? parseDefinition(input, options.fileName === undefined ? {} : { fileName: options.fileName })
        : undefined;
  const diagnostics = parsed ? [...parsed.diagnostics] : [];
  return { valid: !diagnostics.some((d) => d.severity === 'ERROR'), diagnostics };
}
