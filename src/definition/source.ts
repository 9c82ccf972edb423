// Loads definition text (JSON or YAML) into a JSON value, with diagnostics and source positions.
// Never throws: whatever the text, the caller gets a ParsedDefinition to report from.
import type { JsonValue } from '../core/json.js';
import type { Diagnostic } from './diagnostic.js';
import { loadJson } from './source-json.js';
import { located, type LoadResult } from './source-position.js';
import { loadYaml } from './source-yaml.js';

export type SourceFormat = 'json' | 'yaml';

export interface SourcePosition {
  /** 1-based */
  readonly line: number;
  /** 1-based, in Unicode code points (what an editor's cursor counts), not UTF-16 units. */
  readonly column: number;
}

export interface ParseOptions {
  /** Default 'auto': by file extension, else JSON when the text starts with "{" or "[", else YAML. */
  readonly format?: SourceFormat | 'auto';
  readonly fileName?: string;
  /** Largest accepted text in UTF-8 bytes. Default 1 MiB (1,048,576), AWS's definition size limit. */
  readonly maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays (`[]` is 1). Default 100. */
  readonly maxDepth?: number;
}

/** AWS rejects state machine definitions over 1 MB (Step Functions service quotas). */
export const DEFAULT_MAX_BYTES = 1_048_576;
/**
 * Far beyond any real definition (a Parallel inside a Map inside a Parallel is ~10 levels), yet
 * low enough that every later pass may recurse freely. AWS rejects deep nesting as TOO_DEEPLY_NESTED.
 */
export const DEFAULT_MAX_DEPTH = 100;

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

/**
 * Parses definition text. `value` is undefined whenever a diagnostic is an ERROR; warnings (such as
 * a repeated key) keep the value. Text that is JSON but not an object (`42`, `[]`) is returned as is:
 * saying "Definition must be a valid JSON object" is the validator's job.
 */
export function parseDefinition(text: string, options: ParseOptions = {}): ParsedDefinition {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const format = pickFormat(text, options);
  // Measured before anything else touches the text, so a 50 MB file costs one native byte count.
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    const message = `The definition is ${bytes} bytes; the limit is ${maxBytes} bytes (AWS accepts at most 1 MB)`;
    return failed(format, located('ERROR', 'DEFINITION_TOO_LARGE', '', message, undefined));
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return failed(format, located('ERROR', 'MISSING_DESCRIPTION', '', 'The definition is empty', undefined));
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let loaded: LoadResult;
  try {
    loaded = format === 'json' ? loadJson(body, maxDepth) : loadYaml(body, maxDepth);
  } catch (e) {
    // A bug in a loader must still not throw at the caller, who asked for diagnostics.
    const message = `The definition could not be parsed: ${e instanceof Error ? e.message : String(e)}`;
    return failed(format, located('ERROR', 'INVALID_JSON_DESCRIPTION', '', message, undefined));
  }
  const { value, diagnostics, locate } = loaded;
  return new ParsedDefinition(value, format, diagnostics, (pointer) => {
    try {
      return locate(pointer);
    } catch {
      return undefined;
    }
  });
}

function failed(format: SourceFormat, diagnostic: Diagnostic): ParsedDefinition {
  return new ParsedDefinition(undefined, format, [diagnostic], () => undefined);
}

const JSON_EXTENSION = /\.json$/i;
const YAML_EXTENSION = /\.ya?ml$/i;

function pickFormat(text: string, options: ParseOptions): SourceFormat {
  if (options.format === 'json' || options.format === 'yaml') return options.format;
  const name = options.fileName ?? '';
  if (JSON_EXTENSION.test(name)) return 'json';
  if (YAML_EXTENSION.test(name)) return 'yaml';
  // Only the first non-blank character is needed; a regex from the start stops there.
  const first = /^\uFEFF?\s*(\S)/.exec(text.slice(0, 4096))?.[1];
  return first === undefined || first === '{' || first === '[' ? 'json' : 'yaml';
}
