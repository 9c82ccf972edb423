// Offset -> 1-based line/column for definition text, and the shape each format loader returns.
import type { JsonValue } from '../core/json.js';
import type { Diagnostic, DiagnosticCode } from './diagnostic.js';
import type { SourcePosition } from './source.js';

/** What the JSON and YAML loaders hand back to parseDefinition. */
export interface LoadResult {
  readonly value: JsonValue | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly locate: (pointer: string) => SourcePosition | undefined;
}

/** A diagnostic with its source position attached (when known). */
export function located(
  severity: Diagnostic['severity'],
  code: DiagnosticCode,
  path: string,
  message: string,
  position: SourcePosition | undefined,
): Diagnostic {
  const base = { code, severity, path, message };
  return position === undefined ? base : { ...base, line: position.line, column: position.column };
}

/**
 * Maps string offsets (UTF-16 indexes) to the line/column an editor shows.
 *
 * Lines break at "\n", "\r\n" and a lone "\r" (what JSON, YAML and editors agree on).
 * Columns count Unicode code points, not UTF-16 units, so an emoji before a value moves the
 * column by one, as the cursor does in VS Code and most editors.
 */
export class LineIndex {
  // Computed on first use, in one pass: most parses never need a position. Each lookup is then
  // two binary searches, so locating many nodes of a 1 MB one-line file stays cheap.
  private starts: number[] | undefined;
  /** Offsets of the high surrogate of each surrogate pair (an astral character, one column). */
  private pairs: number[] = [];

  constructor(private readonly text: string) {}

  position(offset: number): SourcePosition {
    const starts = this.lineStarts();
    const at = Math.max(0, Math.min(offset, this.text.length));
    const line = countAtOrBelow(starts, at) - 1;
    const lineStart = starts[line] as number;
    const astral = countBelow(this.pairs, at) - countBelow(this.pairs, lineStart);
    return { line: line + 1, column: at - lineStart - astral + 1 };
  }

  private lineStarts(): number[] {
    if (this.starts !== undefined) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) starts.push(i + 1);
      else if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        starts.push(i + 1);
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) this.pairs.push(i++);
      }
    }
    this.starts = starts;
    return starts;
  }
}

/** How many entries of the ascending array are < value. */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many entries of the ascending array are <= value. */
function countAtOrBelow(sorted: readonly number[], value: number): number {
  return countBelow(sorted, value + 1);
}
