// Validation = parse (when given text) → schema pass → semantic checks, all returning diagnostics.
import { isJsonObject, jsonDepth, type JsonValue } from '../core/json.js';
import { CHECKS } from './checks/index.js';
import { type Diagnostic, error } from './diagnostic.js';
import { buildModel } from './model.js';
import { reviewPlaceholders } from './placeholders.js';
import { checkSchema } from './schema-check.js';
import { ParsedDefinition, parseDefinition } from './source.js';

/** Same bound as the loader's: far beyond any real definition, and it keeps every later pass shallow. */
const DEFAULT_MAX_DEPTH = 100;

import type { StateMachineType } from './model.js';
export type { StateMachineType };

export interface ValidateOptions {
  /** The state machine type the definition is validated for; EXPRESS rejects .sync and .waitForTaskToken. */
  readonly type?: StateMachineType;
  /** Used to pick JSON or YAML when the input is text. */
  readonly fileName?: string;
}

export interface ValidationResult {
  /** False when any diagnostic is an ERROR. */
  readonly valid: boolean;
  /** Sorted by source position when known, else by JSON pointer. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Validates a definition given as source text (JSON or YAML), a ParsedDefinition, or a JSON value.
 * A string is always treated as source text. Never throws.
 */
export function validateDefinition(input: string | ParsedDefinition | JsonValue, options: ValidateOptions = {}): ValidationResult {
  const { valid, diagnostics } = validateForRun(input, options);
  return { valid, diagnostics };
}

/**
 * validateDefinition, plus `blocking`: the ERRORs that unresolved `${Name}` placeholders stand for
 * (reported as warnings), which stop a machine from being built (placeholders.ts).
 */
export function validateForRun(
  input: string | ParsedDefinition | JsonValue,
  options: ValidateOptions = {},
): ValidationResult & { readonly blocking: readonly Diagnostic[] } {
  const parsed =
    input instanceof ParsedDefinition
      ? input
      : typeof input === 'string'
        ? parseDefinition(input, options.fileName === undefined ? {} : { fileName: options.fileName })
        : undefined;
  const value = parsed ? parsed.value : input;
  const diagnostics: Diagnostic[] = parsed ? [...parsed.diagnostics] : [];
  if (!parsed && jsonDepth(value, DEFAULT_MAX_DEPTH) > DEFAULT_MAX_DEPTH) {
    diagnostics.push(error('TOO_DEEPLY_NESTED', '', `The definition nests more than ${DEFAULT_MAX_DEPTH} levels deep.`));
  } else if (value !== undefined && value !== null && !isJsonObject(value)) {
    diagnostics.push(error('SCHEMA_VALIDATION_FAILED', '', 'Definition must be a valid JSON object.'));
  } else if (value === null) {
    diagnostics.push(error('MISSING_DESCRIPTION', '', 'The definition is null; it must be a JSON object with StartAt and States.'));
  } else if (isJsonObject(value)) {
    diagnostics.push(...semanticDiagnostics(value, options.type ?? 'STANDARD'));
  }
  const reviewed = isJsonObject(value) ? reviewPlaceholders(value, diagnostics) : { diagnostics, blocking: [] };
  const located = parsed ? reviewed.diagnostics.map((d) => locate(d, parsed)) : reviewed.diagnostics;
  const blocking = parsed ? reviewed.blocking.map((d) => locate(d, parsed)) : reviewed.blocking;
  return {
    valid: !located.some((d) => d.severity === 'ERROR'),
    diagnostics: sortDiagnostics(dedupe(located)),
    blocking: sortDiagnostics(dedupe(blocking)),
  };
}

function semanticDiagnostics(raw: Parameters<typeof buildModel>[0], type: StateMachineType): Diagnostic[] {
  const model = buildModel(raw, type);
  const out = guarded('schema', () => checkSchema(model));
  for (const [name, check] of CHECKS) out.push(...guarded(name, () => check(model)));
  return out;
}

/** A bug in one check must not hide the others' findings nor crash the caller. */
function guarded(name: string, run: () => Diagnostic[]): Diagnostic[] {
  try {
    return run();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return [error('INTERNAL_ERROR', '', `The "${name}" check failed unexpectedly (${message}); please report this definition.`)];
  }
}

function locate(d: Diagnostic, parsed: ParsedDefinition): Diagnostic {
  if (d.line !== undefined) return d;
  const position = parsed.locate(d.path);
  return position ? { ...d, line: position.line, column: position.column } : d;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.path}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.path.localeCompare(b.path),
  );
}
