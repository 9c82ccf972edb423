// YAML loader: `yaml` with the YAML 1.2 core schema (so `yes` stays a string), converted to plain
// JSON and checked so that later passes only ever see JSON values.
import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import type * as YamlModule from 'yaml';

// The yaml package costs about 30 ms to import and most definitions are JSON: load it on first use.
const requireModule = createRequire(import.meta.url);
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  return (yamlModule ??= requireModule('yaml') as typeof YamlModule);
}
import type { JsonValue } from '../core/json.js';
import { fromPointer, toPointer, type Diagnostic } from './diagnostic.js';
import { LineIndex, located, type LoadResult } from './source-position.js';
import { inspectValue } from './source-value.js';
import { yamlDepthOverLimit } from './source-yaml-depth.js';
import type { SourcePosition } from './source.js';

/** A syntax error tends to cascade, and repeated keys repeat; the first few say what to fix. */
const MAX_ERRORS = 20;
const MAX_DUPLICATE_WARNINGS = 100;
/** Bounds alias expansion ("billion laughs"); real definitions rarely use aliases at all. */
const MAX_ALIAS_COUNT = 100;

type YamlDoc = Document.Parsed;

export function loadYaml(text: string, maxDepth: number): LoadResult {
  const lines = new LineIndex(text);
  let doc: YamlDoc | undefined;
  const locate = (pointer: string): SourcePosition | undefined => {
    const offset = doc === undefined ? undefined : locateOffset(doc, fromPointer(pointer));
    return offset === undefined ? undefined : lines.position(offset);
  };
  const fail = (...diagnostics: Diagnostic[]): LoadResult => ({ value: undefined, diagnostics, locate });
  const tooDeep = (path: string, position: SourcePosition | undefined, detail: string): Diagnostic => {
    const message = `The definition nests more than ${maxDepth} levels deep${detail}`;
    return located('ERROR', 'TOO_DEEPLY_NESTED', path, message, position);
  };

  const deepAt = yamlDepthOverLimit(text, maxDepth);
  if (deepAt !== undefined) return fail(tooDeep('', lines.position(deepAt), ''));
  try {
    // logLevel 'error', not 'silent': 'silent' also drops the "multiple documents" error.
    doc = yaml().parseDocument(text, { schema: 'core', uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  } catch (e) {
    // `yaml` reports its own stack overflows as document errors; this is the backstop.
    return fail(tooDeep('', undefined, `: ${e instanceof Error ? e.message : String(e)}`));
  }

  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.slice(0, MAX_ERRORS).map((e): Diagnostic => {
      const position = lines.position(e.pos[0]);
      if (e.message.includes('call stack')) {
        return located('ERROR', 'TOO_DEEPLY_NESTED', '', 'The definition nests too deeply to parse', position);
      }
      const where = `line ${position.line}, column ${position.column}`;
      const message = `The definition is not valid YAML: ${e.message} (${where})`;
      return located('ERROR', 'INVALID_JSON_DESCRIPTION', '', message, position);
    });
    return fail(...diagnostics);
  }
  if (doc.contents === null) {
    const message = 'The definition is empty: the YAML document has no content';
    return fail(located('ERROR', 'MISSING_DESCRIPTION', '', message, undefined));
  }

  const diagnostics = checkTree(doc, maxDepth, lines);
  if (diagnostics.some((d) => d.severity === 'ERROR')) return fail(...diagnostics);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof RangeError) return fail(...diagnostics, tooDeep('', undefined, ' once its aliases are expanded'));
    const reason = e instanceof Error ? e.message : String(e);
    const message = `The definition's YAML aliases could not be expanded: ${reason}`;
    return fail(...diagnostics, located('ERROR', 'INVALID_JSON_DESCRIPTION', '', message, undefined));
  }
  const problem = inspectValue(value, maxDepth);
  if (problem !== undefined) {
    const pointer = toPointer(problem.segments);
    if (problem.kind === 'too-deep') {
      return fail(...diagnostics, tooDeep(pointer, locate(pointer), ' once its aliases are expanded'));
    }
    const message = `This value is ${problem.what}, which JSON cannot represent`;
    return fail(...diagnostics, located('ERROR', 'SCHEMA_VALIDATION_FAILED', pointer, message, locate(pointer)));
  }
  return { value: value as JsonValue, diagnostics, locate };
}

interface Frame {
  readonly node: unknown;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly segment: string | number;
}

/**
 * One iterative walk over the document (no recursion, whatever the nesting): containers nested
 * deeper than maxDepth, keys JSON cannot hold (collections, binaries), and keys that repeat.
 * Aliases are leaves here; the value check after toJS covers what they expand to.
 */
function checkTree(doc: YamlDoc, maxDepth: number, lines: LineIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let keyErrors = 0;
  let duplicates = 0;
  const stack: Frame[] = [{ node: doc.contents, depth: 0, parent: undefined, segment: '' }];
  const at = (node: unknown): SourcePosition | undefined => {
    const offset = rangeStart(node);
    return offset === undefined ? undefined : lines.position(offset);
  };
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node } = frame;
    if (!yaml().isMap(node) && !yaml().isSeq(node)) continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) {
      const message = `The definition nests objects and arrays more than ${maxDepth} levels deep`;
      return [located('ERROR', 'TOO_DEEPLY_NESTED', framePointer(frame), message, at(node))];
    }
    const children: Frame[] = [];
    if (yaml().isSeq(node)) {
      node.items.forEach((item, i) => children.push({ node: item, depth, parent: frame, segment: i }));
    } else {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = keyString(doc, pair.key);
        if (key === undefined) {
          if (keyErrors++ >= MAX_ERRORS) continue;
          const message = 'This mapping key is not a string, number, boolean or null, so JSON cannot hold it';
          diagnostics.push(located('ERROR', 'SCHEMA_VALIDATION_FAILED', framePointer(frame), message, at(pair.key)));
          continue;
        }
        const child: Frame = { node: pair.value, depth, parent: frame, segment: key };
        if (seen.has(key) && duplicates++ < MAX_DUPLICATE_WARNINGS) {
          const message = `Key '${key}' appears more than once in this mapping; only the last one is kept`;
          // At the repeated member's value, as for JSON (locate() would name the last one).
          const position = isEmptyScalar(pair.value) ? at(pair.key) : (at(pair.value) ?? at(pair.key));
          diagnostics.push(located('WARNING', 'DUPLICATE_JSON_KEY', framePointer(child), message, position));
        }
        seen.add(key);
        children.push(child);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Frame);
  }
  return diagnostics;
}

/** The JSON key `toJS` gives a mapping key, or undefined when the key is not a JSON scalar. */
function keyString(doc: YamlDoc, key: unknown): string | undefined {
  const node = yaml().isAlias(key) ? key.resolve(doc) : key;
  if (!yaml().isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return ''; // what `yaml`'s toJS does for a null key
  return typeof value === 'object' ? undefined : String(value);
}

/** Offset of the node a pointer names, or of its nearest existing ancestor. */
function locateOffset(doc: YamlDoc, segments: readonly string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of segments) {
    const container = yaml().isAlias(node) ? node.resolve(doc) : node;
    let next: unknown;
    if (yaml().isMap(container)) {
      const pair = container.items.findLast((p) => keyString(doc, p.key) === segment);
      if (pair === undefined) break;
      // `a:` with no value has no (or an empty) value node: point at its key, as an editor user expects.
      if (pair.value === null || isEmptyScalar(pair.value)) return rangeStart(pair.key) ?? offset;
      next = pair.value;
    } else if (yaml().isSeq(container) && /^(?:0|[1-9]\d*)$/.test(segment)) {
      next = container.items[Number(segment)];
    }
    if (next === undefined || next === null) break;
    node = next;
    offset = rangeStart(node) ?? offset;
  }
  return offset;
}

function isEmptyScalar(node: unknown): boolean {
  return yaml().isScalar(node) && node.value === null && (node.range == null || node.range[0] === node.range[1]);
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range: unknown = node.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

function framePointer(frame: Frame): string {
  const segments: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) segments.push(f.segment);
  return toPointer(segments.reverse());
}
