// CONTRACT (implemented by the loader work): parse JSON or YAML definition text, keeping source positions.
import type { JsonValue } from '../core/json.js';
import type { Diagnostic } from './diagnostic.js';

export type SourceFormat = 'json' | 'yaml';

export interface SourcePosition {
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

export interface ParseOptions {
  /** Default 'auto': by file extension, else JSON when the text starts with "{" or "[", else YAML. */
  readonly format?: SourceFormat | 'auto';
  readonly fileName?: string;
  /** Default 1 MiB... see implementation. */
  readonly maxBytes?: number;
  readonly maxDepth?: number;
}

/** The result of parsing definition text: the value (if any), parse diagnostics, and a position lookup. */
export class ParsedDefinition {
  constructor(
    readonly value: JsonValue | undefined,
    readonly format: SourceFormat,
    readonly diagnostics: readonly Diagnostic[],
    private readonly locator: (pointer: string) => SourcePosition | undefined,
  ) {}

  /** Line/column of the node a JSON pointer names, or of its nearest existing ancestor. */
  locate(pointer: string): SourcePosition | undefined {
    return this.locator(pointer);
  }
}

export function parseDefinition(text: string, options: ParseOptions = {}): ParsedDefinition {
  void options;
  let value: JsonValue | undefined;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    value = undefined;
  }
  return new ParsedDefinition(value, 'json', [], () => undefined);
}
