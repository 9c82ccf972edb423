/**
 * Diagnostics are data: a stable code, a severity, a JSON pointer into the definition,
 * and (when the source text is known) a 1-based line and column.
 *
 * Codes follow AWS's ValidateStateMachineDefinition vocabulary where one fits; the rest
 * are our own and are stable once released (renaming one is a breaking change).
 */
export const DIAGNOSTIC_CODES = {
  // AWS's codes
  INVALID_JSON_DESCRIPTION: 'The definition is not parseable JSON (or YAML).',
  MISSING_DESCRIPTION: 'The definition is empty.',
  SCHEMA_VALIDATION_FAILED: 'A structural rule of the Amazon States Language is broken.',
  INVALID_RESOURCE: 'A Task Resource is not a recognised ARN or URI.',
  MISSING_END_STATE: 'A (sub-)machine has no reachable terminal state.',
  DUPLICATE_STATE_NAME: 'A state name is used more than once in the definition.',
  INVALID_STATE_NAME: 'A state name is empty or longer than 80 characters.',
  MISSING_TRANSITION_TARGET: 'A StartAt, Next, Default or Catch Next names no state of its scope.',
  INVALID_LABEL_NAME: 'A Distributed Map Label is too long or has characters AWS rejects.',
  TOO_DEEPLY_NESTED: 'The definition nests deeper than asl-engine accepts.',
  NO_DOLLAR: 'A value looks like a path or intrinsic but its key lacks ".$".',
  NO_PATH: 'A value looks like a path but the field name does not end in "Path".',
  PASS_RESULT_IS_STATIC: 'A Pass Result contains a path, which is never evaluated.',
  // asl-engine's own codes
  DEFINITION_TOO_LARGE: 'The definition is larger than AWS accepts (1 MB).',
  UNREACHABLE_STATE: 'A state cannot be reached from its StartAt.',
  INVALID_JSONPATH: 'A Path or Reference Path is malformed or not allowed here.',
  INVALID_INTRINSIC: 'An intrinsic function call is malformed, unknown or has the wrong arity.',
  INVALID_JSONATA: 'A JSONata {% %} expression is malformed.',
  FIELD_NOT_ALLOWED_FOR_QUERY_LANGUAGE: 'A field belongs to the other query language.',
  INVALID_ASSIGN: 'An Assign variable name is invalid, reserved, or assigns a variable of an enclosing scope.',
  UNDEFINED_VARIABLE: 'A path reads a workflow variable that no Assign in scope defines.',
  UNSUPPORTED_IN_EXPRESS: 'Express state machines do not support this integration pattern.',
  INTERNAL_ERROR: 'asl-engine failed while checking this definition (a bug: please report it).',
  DUPLICATE_JSON_KEY: 'An object in the source text has the same key twice; the last one wins.',
  UNRESOLVED_SUBSTITUTION: 'A ${Name} placeholder (DefinitionSubstitutions, Fn::Sub) has not been substituted.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type Severity = 'ERROR' | 'WARNING';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** RFC 6901 JSON pointer into the definition; "" is the whole document. */
  readonly path: string;
  /** What is wrong and what to change. */
  readonly message: string;
  /** 1-based; present when the definition came from source text. */
  readonly line?: number;
  readonly column?: number;
}

/** Builds a JSON pointer from path segments, escaping "~" and "/" as RFC 6901 says. */
export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

/** One segment of a JSON pointer, escaped ("~" → "~0", "/" → "~1"). */
export function escapePointerSegment(segment: string): string {
  // Most names hold neither character: skip the two regex passes for them.
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON pointer back into its segments (inverse of toPointer). */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function error(code: DiagnosticCode, path: string, message: string): Diagnostic {
  return { code, severity: 'ERROR', path, message };
}

export function warning(code: DiagnosticCode, path: string, message: string): Diagnostic {
  return { code, severity: 'WARNING', path, message };
}
