// Post-parse guard shared by the JSON and YAML loaders: is the parsed value plain JSON, and shallow enough?

export interface ValueProblem {
  readonly kind: 'too-deep' | 'not-json';
  /** Path segments from the root to the offending node. */
  readonly segments: Array<string | number>;
  /** For 'not-json': what the value is, in words ("Infinity", "a binary value", ...). */
  readonly what: string;
}

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly segment: string | number;
}

/**
 * Finds the first node (in document order) that is nested deeper than `maxDepth` or is not a JSON
 * value (non-finite numbers from `1e400` or YAML `.inf`/`.nan`; dates, binaries, sets, maps from
 * explicit YAML tags). Depth counts containers as core/json's `jsonDepth` does: `[]` is 1.
 *
 * Iterative with parent links, so a 100,000-deep value neither overflows the stack nor costs
 * a path array per node; the path is rebuilt only for the node reported.
 */
export function inspectValue(value: unknown, maxDepth: number): ValueProblem | undefined {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, segment: '' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const node = frame.value;
    const what = describeNonJson(node);
    if (what !== undefined) return { kind: 'not-json', segments: pathOf(frame), what };
    if (typeof node !== 'object' || node === null) continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) return { kind: 'too-deep', segments: pathOf(frame), what: '' };
    // Push children in reverse so that they pop in document order.
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        stack.push({ value: node[i], depth, parent: frame, segment: i });
      }
    } else {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, depth, parent: frame, segment: key });
      }
    }
  }
  return undefined;
}

function describeNonJson(node: unknown): string | undefined {
  switch (typeof node) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      if (Number.isFinite(node)) return undefined;
      return Number.isNaN(node) ? 'NaN' : node > 0 ? 'Infinity' : '-Infinity';
    case 'object': {
      if (node === null || Array.isArray(node)) return undefined;
      const proto: unknown = Object.getPrototypeOf(node);
      if (proto === Object.prototype || proto === null) return undefined;
      if (node instanceof Date) return 'a timestamp';
      if (node instanceof Uint8Array) return 'a binary value';
      if (node instanceof Set) return 'a set';
      if (node instanceof Map) return 'an ordered map';
      return 'a non-JSON object';
    }
    default:
      return `a value of type ${typeof node}`;
  }
}

function pathOf(frame: Frame): Array<string | number> {
  const segments: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) segments.push(f.segment);
  return segments.reverse();
}
